# Durations as float seconds, as Python scripts usually hold them; `to m` becomes / 60.
total = 0.0
longest = 0.0
d = 1.0
for i in range(1, 440001):
    d = min(d * 2, 1800.0)
    w = max(d - 10.0, 5.0)
    total = total + w / 60
    longest = max(longest, w, 60.0)
    if d == 1800.0:
        d = 1.0
print("%.12g %.12g" % (round(total / 60, 3), longest))
