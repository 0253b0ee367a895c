# hadr's lists are values (append returns a new list); Python builds the same list the natural way,
# list.append in place, and maps, filters and sorts with lambdas.
total = 0
for rep in range(1, 3001):
    xs = []
    for i in range(1, 301):
        xs.append((i * 7919 + rep) % 1000)
    ys = list(map(lambda x: x * 3 + 1, xs))
    zs = list(filter(lambda y: y > 1000, ys))
    s = sorted(zs, key=lambda y: -y)
    total = total + s[0] - s[-1] + len(s) + sum(s)
print(total)
