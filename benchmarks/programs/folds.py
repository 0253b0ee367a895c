from functools import reduce
xs = [1, 2, 3, 4, 5]
total = 0
for i in range(1, 600001):
    total = total + reduce(lambda acc, x: acc + x * i, xs, 0)
print(total)
