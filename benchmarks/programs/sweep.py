import math
def series(u, v): return -math.expm1(math.log1p(-u) + math.log1p(-v))
def k_of_n(k, n, u):
    a = 1 - u
    return sum(math.comb(n, j) * a**j * u**(n - j) for j in range(k))
best = 1.0
for i in range(1, 300001):
    u = 1 - (0.99 + i / 300000000)
    d = series(u, u) * k_of_n(2, 3, u)
    if d < best: best = d
print(round(-math.log10(best), 6))
