rows = []
total = 0.0
for attempt in range(1, 100001):
    wait = 0.0 if attempt == 1 else min(60.0, 1.0 * 2.0 ** min(attempt - 2, 1000))
    total += wait
    rows.append((attempt, wait, total))
def fmt(s):
    if s == 0: return "0s"
    if s < 60: return "%gs" % s
    ms = round(s * 1000); parts = []
    for size, sym in ((31536000000, "y"), (86400000, "d"), (3600000, "h"), (60000, "m")):
        if ms >= size: parts.append("%d%s" % (ms // size, sym)); ms %= size
    if ms: parts.append("%gs" % (ms / 1000))
    return " ".join(parts)
cells = [(str(a), fmt(w), fmt(t)) for a, w, t in rows]
widths = [max(len(h), max(len(c[i]) for c in cells)) for i, h in enumerate(("attempt", "wait", "total"))]
out = ["  ".join(h.rjust(widths[i]) for i, h in enumerate(("attempt", "wait", "total"))).rstrip()]
for c in cells: out.append("  ".join(c[i].rjust(widths[i]) for i in range(3)))
print("\n".join(out))
