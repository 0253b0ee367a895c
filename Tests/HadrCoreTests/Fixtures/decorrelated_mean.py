#!/usr/bin/env python3
"""The mean total wait of decorrelated jitter, two independent ways, for the tests.

W0 = base; W = min(cap, uniform(base, 3 * previous W)), as hadr's `backoff` samples it.
1. A Monte Carlo of that sampler (numpy, 20 million schedules per case).
2. The distribution carried wait by wait on a fine linear grid (200 000 cells) with
   the exact expectation of each wait given the previous one.
Prints: base, cap, attempts, grid mean, Monte Carlo mean, its standard error (seconds).
"""
import bisect
import numpy as np


def grid_mean(b, c, attempts, cells=200_000):
    pts, ms = np.array([b]), np.array([1.0])
    total = 0.0
    edges = b + (c - b) * np.arange(cells + 1) / cells
    for _ in range(2, attempts + 1):
        h = np.maximum(b, 3 * pts)
        g = np.where(h <= c, (b + h) / 2, ((c * c - b * b) / 2 + c * (h - c)) / (h - b))
        total += float((ms * g).sum())
        order = np.argsort(h)
        h, m = h[order], ms[order]
        suffix = np.concatenate([np.cumsum((m / (h - b))[::-1])[::-1], [0.0]])
        prefix = np.concatenate([[0.0], np.cumsum(m)])
        idx = np.searchsorted(h, edges, side="right")
        F = np.minimum(1.0, prefix[idx] + (edges - b) * suffix[idx])
        pts = np.concatenate([(edges[:-1] + edges[1:]) / 2, [c]])
        ms = np.concatenate([np.diff(F), [1 - F[-1]]])
    return total


def monte_carlo(b, c, attempts, n=20_000_000, seed=7):
    rng = np.random.default_rng(seed)
    sums, squares, count = 0.0, 0.0, 0
    for _ in range(n // 2_000_000):
        prev = np.full(2_000_000, b)
        s = np.zeros(2_000_000)
        for _ in range(attempts - 1):
            prev = np.minimum(c, rng.uniform(b, np.maximum(b, 3 * prev)))
            s += prev
        sums += s.sum()
        squares += (s * s).sum()
        count += len(s)
    mean = sums / count
    return mean, ((squares / count - mean * mean) / count) ** 0.5


if __name__ == "__main__":
    for b, c, attempts in [(1, 20, 8), (0.1, 30, 12), (1, 60, 30), (0.2, 2, 5)]:
        mc, se = monte_carlo(b, c, attempts)
        print(b, c, attempts, "%.6f" % grid_mean(b, c, attempts), "%.6f" % mc, "%.6f" % se)
