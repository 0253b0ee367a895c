# The table formatted as hadr prints one: columns two spaces apart, numbers right-aligned, text left.
rows = [{"id": i, "service": f"svc-{i}", "requests": i * 37, "errors": i // 7, "ratio": (i // 7) / (i * 37)}
        for i in range(1, 50001)]
names = list(rows[0])
cells = [[v if isinstance(v, str) else "%.12g" % v for v in r.values()] for r in rows]
right = [not isinstance(rows[0][k], str) for k in names]
widths = [max(len(names[c]), max(len(r[c]) for r in cells)) for c in range(len(names))]
def line(values):
    return "  ".join(v.rjust(widths[c]) if right[c] else v.ljust(widths[c]) for c, v in enumerate(values))
out = [line(names)]
for r in cells:
    out.append(line(r))
print("\n".join(out))
