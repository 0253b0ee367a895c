# Records as dicts, the usual Python stand-in for hadr's {field: value}.
def span(i):
    return {"id": i, "start": i * 2, "stop": i * 2 + i / 4, "ok": i > 10}
total = 0
count = 0
for i in range(1, 1000001):
    r = span(i)
    total = total + (r["stop"] - r["start"])
    if r["ok"]:
        count = count + 1
print("%.12g %d" % (total, count))
