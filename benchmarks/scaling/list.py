# The natural Python: list.append in place (hadr's lists are values: append returns a new list).
def build(n):
    xs = []
    for i in range(1, n + 1):
        xs.append(i)
    return len(xs)
total = 0
for rep in range(reps):
    total = total + build(n)
print(total // reps)
