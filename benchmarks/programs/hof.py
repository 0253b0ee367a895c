def compose(f, g):
    return lambda x: f(g(x))
def twice(f):
    return lambda x: f(f(x))
def reduce(xs, acc, f):
    for x in xs:
        acc = f(acc, x)
    return acc
inc = lambda x: x + 1
h = compose(twice(inc), lambda x: x * 2)
xs = list(range(10))
total = 0
for i in range(1, 50001):
    total = total + reduce(xs, 0, lambda acc, x: acc + h(x + i))
print(total)
