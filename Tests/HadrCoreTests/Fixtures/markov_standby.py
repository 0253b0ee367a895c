#!/usr/bin/env python3
"""Two-unit standby with repair, solved exactly in rational arithmetic, for MarkovStandby's tests.

States 0 (both good), 1 (one in repair, one serving), 2 (both failed), F (the serving unit
failed and the switch to the good standby failed). With l = 1/MTBF, ls the standby's rate
(cold 0, warm given, hot l), m = 1/MTTR, p the switch's success and c crews:
0→1 l·p + ls, 0→F l·(1 − p), 1→0 m, 1→2 l, 2→1 min(c, 2)·m, F→0 m, F→2 ls.
Prints, per case: the unavailability π2 + πF (balance equations πQ = 0, Σπ = 1, solved by
Gaussian elimination on Fractions) and the MTTF from 0 with 2 and F absorbing (hours)."""
from fractions import Fraction as F
from decimal import Decimal, getcontext

getcontext().prec = 40


def solve(matrix, rhs):
    n = len(rhs)
    a = [row[:] + [r] for row, r in zip(matrix, rhs)]
    for col in range(n):
        pivot = next(r for r in range(col, n) if a[r][col] != 0)
        a[col], a[pivot] = a[pivot], a[col]
        for r in range(n):
            if r != col and a[r][col] != 0:
                factor = a[r][col] / a[col][col]
                a[r] = [x - factor * y for x, y in zip(a[r], a[col])]
    return [a[i][n] / a[i][i] for i in range(n)]


def chain(mtbf, mttr, kind, crews, p, standby_mtbf=None):
    l, m = F(1, mtbf), F(1, mttr)
    ls = {"cold": F(0), "hot": l, "warm": F(1, standby_mtbf) if standby_mtbf else F(0)}[kind]
    q = [[F(0)] * 4 for _ in range(4)]
    q[0][1] = l * p + ls
    q[0][3] = l * (1 - p)
    q[1][0] = m
    q[1][2] = l
    q[2][1] = min(crews, 2) * m
    q[3][0] = m
    q[3][2] = ls
    for i in range(4):
        q[i][i] = -sum(q[i][j] for j in range(4) if j != i)
    # πQ = 0 with one balance equation replaced by Σπ = 1.
    equations = [[q[i][j] for i in range(4)] for j in range(3)] + [[F(1)] * 4]
    pi = solve(equations, [F(0), F(0), F(0), F(1)])
    u = pi[2] + pi[3]
    # Mean times to absorption from 0 and 1: out-rate · T_i − Σ rate(i→j) T_j = 1.
    t = solve([[-q[0][0], -q[0][1]], [-q[1][0], -q[1][1]]], [F(1), F(1)])
    return u, t[0]


def show(x):
    return str(Decimal(x.numerator) / Decimal(x.denominator))


if __name__ == "__main__":
    for args in [
        (1000, 10, "cold", 1, F(1)),
        (1000, 10, "cold", 2, F(1)),
        (1000, 10, "hot", 1, F(1)),
        (1000, 10, "hot", 2, F(1)),
        (1000, 10, "warm", 1, F(1), 5000),
        (2000, 4, "cold", 1, F(99, 100)),
        (500, 24, "warm", 2, F(95, 100), 1500),
    ]:
        u, mttf = chain(*args)
        print(args, show(u), show(mttf))
