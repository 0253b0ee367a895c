# A new dict each time, as hadr builds a new record (a Python user might update one dict in place).
def run(n):
    r = {"count": 0, "sum": 0, "last": 0}
    for i in range(1, n + 1):
        r = {"count": r["count"] + 1, "sum": r["sum"] + i, "last": i}
    return r["count"]
total = 0
for rep in range(reps):
    total = total + run(n)
print(total // reps)
