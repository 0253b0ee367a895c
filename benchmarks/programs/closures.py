def counter(step):
    n = 0
    def next():
        nonlocal n
        n = n + step
        return n
    return next
total = 0
for rep in range(1, 15001):
    next = counter(rep)
    for i in range(100):
        total = total + next()
print(total)
