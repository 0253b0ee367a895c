#!/usr/bin/env python3
"""Percentiles of one year's downtime for a part with exponential lives (mean 1000 h) and
repairs (mean 10 h), by an independent sampler (numpy), 1 million years, each year
starting where the last ended. Prints p50, p90, p99 in hours."""
import numpy as np

rng = np.random.default_rng(2024)
year = 8760.0
years = 1_000_000
down = np.zeros(years)
# Simulate one long alternating process and cut it into years.
t, state = 0.0, True
chunk_up = rng.exponential(1000.0, 40_000_000)
chunk_down = rng.exponential(10.0, 40_000_000)
i = 0
while t < years * year:
    up = chunk_up[i]
    t += up
    start = t
    t += chunk_down[i]
    i += 1
    # Add [start, t) to the years it covers.
    a, b = start, min(t, years * year)
    while a < b:
        y = int(a // year)
        end = min(b, (y + 1) * year)
        if y < years:
            down[y] += end - a
        a = end
print(" ".join("%.4f" % np.percentile(down, p) for p in (50, 90, 99)))
