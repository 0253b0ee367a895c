rows = [{"t": i * i / 4, "host": f"h{i}", "ok": True} for i in range(2000)]
total = 0
big = 0
for rep in range(1, 501):
    for i in range(1, len(rows)):
        gap = rows[i]["t"] - rows[i - 1]["t"]
        total = total + gap
        if gap > 25:
            big = big + 1
print("%.12g %d" % (total, big))
