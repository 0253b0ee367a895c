# k_of_n on the unavailability (the terms with fewer than k working), as hadr keeps it exact.
import math
def k_of_n(k, n, u):
    a = 1 - u
    return sum(math.comb(n, j) * a**j * u**(n - j) for j in range(k))
target = 1e-5
total = 0
for i in range(1, 10001):
    u = 1 - (0.9 + i * 0.099 / 10000)
    for k in range(1, 5):
        n = k
        while k_of_n(k, n, u) > target:
            n = n + 1
        total = total + n
print(total)
