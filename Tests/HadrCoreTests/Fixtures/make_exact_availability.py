#!/usr/bin/env python3
"""Writes exact_availability.tsv: random nested series/parallel/k-of-n expressions in
hadr syntax with their unavailability computed exactly in rational arithmetic
(fractions.Fraction), printed to 30 significant digits. Run once; the table is
checked in and AvailabilityExactnessTests compares hadr against it."""
import random
from fractions import Fraction
from decimal import Decimal, getcontext
from math import comb

getcontext().prec = 60
random.seed(20261126)


def leaf():
    nines = random.randint(1, 9)
    # 90% .. 99.9999999%: a number of nines then a random digit or two.
    digits = "9" * nines
    tail = str(random.randint(0, 9)) if random.random() < 0.6 else ""
    text = "9" + digits[:1] + ("." + digits[1:] + tail if nines > 1 or tail else "")
    if text.endswith("."):
        text = text[:-1]
    pct = Fraction(text)
    u = (100 - pct) / 100
    return text + "%", u


def expr(depth):
    if depth == 0 or random.random() < 0.25:
        return leaf()
    kind = random.choice(["series", "parallel", "series", "parallel", "kofn", "koflist"])
    if kind in ("series", "parallel"):
        n = random.randint(2, 3)
        parts = [expr(depth - 1) for _ in range(n)]
        op = " & " if kind == "series" else " | "
        text = "(" + op.join(p[0] for p in parts) + ")"
        if kind == "series":
            a = Fraction(1)
            for _, u in parts:
                a *= 1 - u
            return text, 1 - a
        u = Fraction(1)
        for _, ui in parts:
            u *= ui
        return text, u
    if kind == "kofn":
        n = random.randint(2, 6)
        k = random.randint(1, n)
        text, u = expr(depth - 1)
        a = 1 - u
        total = sum(comb(n, j) * a**j * u ** (n - j) for j in range(k))
        return f"k_of_n({k}, {n}, {text})", total
    n = random.randint(2, 4)
    k = random.randint(1, n)
    parts = [expr(depth - 1) for _ in range(n)]
    p = [Fraction(1)] + [Fraction(0)] * n
    for i, (_, u) in enumerate(parts):
        for f in range(i + 1, 0, -1):
            p[f] = p[f] * (1 - u) + p[f - 1] * u
        p[0] *= 1 - u
    total = sum(p[f] for f in range(n - k + 1, n + 1))
    return f"k_of_n({k}, [" + ", ".join(x[0] for x in parts) + "])", total


rows = []
while len(rows) < 200:
    text, u = expr(4)
    # A double cannot hold an unavailability below about 1e-308; stay well inside.
    if u == 0 or u < Fraction(1, 10**250):
        continue
    d = Decimal(u.numerator) / Decimal(u.denominator)
    rows.append(f"{text}\t{d:.30e}")
with open("exact_availability.tsv", "w") as f:
    f.write("\n".join(rows) + "\n")
