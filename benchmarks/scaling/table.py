def scan(n):
    rows = list(map(lambda i: {"t": i * 2, "v": i}, range(n)))
    s = 0
    for i in range(1, n):
        s = s + (rows[i]["t"] - rows[i - 1]["t"])
    return s
total = 0
for rep in range(reps):
    total = total + scan(n)
print(total // reps)
