# Explicit loops, as in the hadr version (a list built with append per product).
import math
def a(i, j):
    return 1 / ((i + j) * (i + j + 1) / 2 + i + 1)
def av(v, n):
    out = []
    for i in range(n):
        s = 0
        for j in range(n):
            s = s + a(i, j) * v[j]
        out.append(s)
    return out
def atv(v, n):
    out = []
    for i in range(n):
        s = 0
        for j in range(n):
            s = s + a(j, i) * v[j]
        out.append(s)
    return out
def atav(v, n):
    return atv(av(v, n), n)
n = 200
u = [1] * n
v = u
for k in range(10):
    v = atav(u, n)
    u = atav(v, n)
vbv = 0
vv = 0
for i in range(n):
    vbv = vbv + u[i] * v[i]
    vv = vv + v[i] * v[i]
print("%.12g" % round(math.sqrt(vbv / vv), 9))
