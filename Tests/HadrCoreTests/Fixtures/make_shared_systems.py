#!/usr/bin/env python3
"""Writes shared_systems.tsv: random systems of named components in hadr syntax, with
parts shared between branches (the same name written in several places), k-of-n over
subsystems that share parts, replicas (k_of_n(k, n, c)), plain availabilities (each an
independent part) and nesting, over at most 16 distinct parts. For each, by brute force
over all 2^n states of the distinct parts, in exact rational arithmetic (integers over a
common denominator): the unavailability, the single points of failure, the minimal cut
sets and every part's Birnbaum importance.

Columns: expression, U, spof (JSON), cut sets (JSON), Birnbaum by part name (JSON,
values as 30-digit decimal strings). Run once; the table is checked in and
SharedPartsTests compares hadr against it."""
import itertools
import json
import random
from decimal import Decimal, getcontext
from fractions import Fraction

getcontext().prec = 60
random.seed(20260514)
MAX_PARTS = 16
NAMES = list("abcdefghijklmnop")


def availability_text():
    """90% .. 99.9999999%, as the exactness fixture writes them."""
    nines = random.randint(1, 9)
    digits = "9" * nines
    tail = str(random.randint(1, 9)) if random.random() < 0.5 else ""
    text = "9" + digits[:1] + ("." + digits[1:] + tail if nines > 1 or tail else "")
    if text.endswith("."):
        text = text[:-1]
    return text


class Gen:
    def __init__(self):
        count = random.randint(3, 11)
        self.pool = {name: availability_text() for name in random.sample(NAMES, count)}
        # Distinct parts in order of first appearance: (name, availability text).
        self.parts = []
        self.index = {}
        self.anonymous = 0

    def part(self, name, text):
        if name not in self.index:
            self.index[name] = len(self.parts)
            self.parts.append((name, text))
        return self.index[name]

    def room(self):
        return MAX_PARTS - len(self.parts)

    def leaf(self, rename=None):
        """A component from the pool (often one already used), or now and then a plain
        availability (a new anonymous part)."""
        if self.room() >= 1 and random.random() < 0.1:
            text = availability_text()
            self.anonymous += 1
            key = f"<anon {self.anonymous}>"
            i = self.part(key, text)
            return (f"{text}%", ("leaf", i))
        used = [n for n in self.pool if n in self.index]
        fresh = [n for n in self.pool if n not in self.index]
        if fresh and self.room() >= 1 and (not used or random.random() < 0.5):
            name = random.choice(fresh)
        elif used:
            name = random.choice(used)
        else:
            return None
        i = self.part(name, self.pool[name])
        return (f'component("{name}", {self.pool[name]}%)', ("leaf", i))

    def replicas(self):
        """k_of_n(k, n, c): n independent copies named c#1 … c#n."""
        n = random.randint(2, 3)
        if self.room() < n:
            return None
        name = random.choice(list(self.pool))
        text = self.pool[name]
        k = random.randint(1, n)
        copies = [("leaf", self.part(f"{name}#{j}", text)) for j in range(1, n + 1)]
        return (f'k_of_n({k}, {n}, component("{name}", {text}%))', ("kofn", k, copies))

    def has_component(self, tree):
        if tree[0] == "leaf":
            return not self.parts[tree[1]][0].startswith("<anon")
        children = tree[1] if tree[0] in ("series", "parallel") else tree[2]
        return any([self.has_component(c) for c in children])

    def renumber(self, tree):
        """The parts in the order they are written (hadr's order of first appearance)."""
        order = {}

        def walk(t):
            if t[0] == "leaf":
                order.setdefault(t[1], len(order))
                return ("leaf", order[t[1]])
            if t[0] in ("series", "parallel"):
                return (t[0], [walk(c) for c in t[1]])
            return ("kofn", t[1], [walk(c) for c in t[2]])

        renumbered = walk(tree)
        parts = [None] * len(order)
        for old, new in order.items():
            parts[new] = self.parts[old]
        self.parts = parts
        return renumbered

    def expr(self, depth):
        if depth == 0 or random.random() < 0.3:
            if random.random() < 0.08:
                r = self.replicas()
                if r:
                    return r
            return self.leaf()
        kind = random.choice(["series", "parallel", "series", "parallel", "kofn", "call"])
        n = random.randint(2, 4 if kind == "kofn" else 3)
        parts = [p for p in (self.expr(depth - 1) for _ in range(n)) if p]
        if len(parts) < 2:
            return parts[0] if parts else self.leaf()
        if kind in ("series", "parallel"):
            # `x & y & z` is `(x & y) & z`: two plain availabilities first would be one
            # plain availability, so a part with a component goes first.
            first = next((j for j, p in enumerate(parts) if self.has_component(p[1])), 0)
            parts.insert(0, parts.pop(first))
        trees = [p[1] for p in parts]
        if kind == "series":
            return ("(" + " & ".join(p[0] for p in parts) + ")", ("series", trees))
        if kind == "parallel":
            return ("(" + " | ".join(p[0] for p in parts) + ")", ("parallel", trees))
        if kind == "call":
            f = random.choice(["series", "parallel"])
            return (f + "(" + ", ".join(p[0] for p in parts) + ")", (f, trees))
        k = random.randint(1, len(parts))
        return (f"k_of_n({k}, [" + ", ".join(p[0] for p in parts) + "])", ("kofn", k, trees))


def python(tree):
    """The structure function as Python source over the state bits s (bit i: part i up)."""
    kind = tree[0]
    if kind == "leaf":
        return f"((s >> {tree[1]}) & 1)"
    if kind == "series":
        return "(" + " & ".join(python(t) for t in tree[1]) + ")"
    if kind == "parallel":
        return "(" + " | ".join(python(t) for t in tree[1]) + ")"
    k, trees = tree[1], tree[2]
    return "(1 if (" + " + ".join(python(t) for t in trees) + f") >= {k} else 0)"


def composites_have_components(tree, parts):
    """Whether every composite has a component inside: one made only of plain
    availabilities is a plain availability in hadr (one anonymous part), not several."""

    def has(t):
        if t[0] == "leaf":
            return not parts[t[1]][0].startswith("<anon")
        children = t[1] if t[0] in ("series", "parallel") else t[2]
        return any([has(c) for c in children])

    def check(t):
        if t[0] == "leaf":
            return True
        children = t[1] if t[0] in ("series", "parallel") else t[2]
        return has(t) and all(check(c) for c in children)

    return check(tree)


def hadr_names(parts):
    """The names hadr gives the distinct parts: a component's name; a plain value its
    availability, numbered from the second with the same text."""
    used = {}
    out = []
    for key, text in parts:
        label = key if not key.startswith("<anon") else f"{text}%"
        used[label] = used.get(label, 0) + 1
        n = used[label]
        out.append(label if n == 1 or not key.startswith("<anon") else f"{label} [{n}]")
    return out


def decimal(x):
    d = Decimal(x.numerator) / Decimal(x.denominator)
    return f"{d:.30e}"


def solve(gen, tree):
    n = len(gen.parts)
    us = [(100 - Fraction(text)) / 100 for _, text in gen.parts]
    denominators = [u.denominator for u in us]
    down = [u.numerator for u in us]
    up = [d - u for d, u in zip(denominators, down)]
    total = 1
    for d in denominators:
        total *= d
    phi = eval("lambda s: " + python(tree))
    size = 1 << n
    works = [phi(s) for s in range(size)]
    # weight[s] = Π (up_i if bit i else down_i): P(s) × total, an integer.
    weight = [1]
    for i in range(n):
        weight = [w * down[i] for w in weight] + [w * up[i] for w in weight]
    u = Fraction(sum(w for s, w in enumerate(weight) if not works[s]), total)
    full = size - 1
    cut = [not works[full ^ f] for f in range(size)]
    minimal = [f for f in range(size) if cut[f] and all(not cut[f ^ (1 << i)] for i in range(n) if f >> i & 1)]
    names = hadr_names(gen.parts)
    sets = sorted(([i for i in range(n) if f >> i & 1] for f in minimal), key=lambda c: (len(c), c))
    spof = [names[c[0]] for c in sets if len(c) == 1]
    spof.sort(key=names.index)
    birnbaum = {}
    for i in range(n):
        bit = 1 << i
        acc = sum(weight[s] for s in range(size) if s & bit and works[s] and not works[s ^ bit])
        # P(the others' state) = P(s) / P(i up): divide i's share out.
        birnbaum[names[i]] = decimal(Fraction(acc * denominators[i], total * up[i]))
    return u, spof, [[names[i] for i in c] for c in sets], birnbaum


rows = []
while len(rows) < 150:
    gen = Gen()
    made = gen.expr(4)
    if not made or made[1][0] == "leaf" or len(gen.parts) < 4:
        continue
    if not composites_have_components(made[1], gen.parts):
        continue
    # Only systems where some part really is shared or copied are interesting here.
    text = made[0]
    names_written = [p for p in gen.parts if not p[0].startswith("<anon")]
    shared = any(text.count(f'component("{name}"') > 1 for name, _ in names_written)
    if not shared and random.random() < 0.85:
        continue
    u, spof, cuts, birnbaum = solve(gen, gen.renumber(made[1]))
    if u == 0 or u < Fraction(1, 10**250):
        continue
    rows.append("\t".join([text, decimal(u), json.dumps(spof), json.dumps(cuts), json.dumps(birnbaum)]))
    print(len(rows), len(gen.parts), flush=True)
with open("shared_systems.tsv", "w") as f:
    f.write("\n".join(rows) + "\n")
