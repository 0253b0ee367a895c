# The Monte Carlo of hadr's `simulate`, with numpy: the same SplitMix64 streams and the
# same event loop, vectorised across the runs (each step handles the next event of every
# run still going), so that it prints the same number as simulate.hadr.
import math
import numpy as np

YEARS, RUNS, SEED = 100000.0, 1024, 7
M1, M2, GOLDEN = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB), np.uint64(0x9E3779B97F4A7C15)
S30, S27, S31, S11 = np.uint64(30), np.uint64(27), np.uint64(31), np.uint64(11)


def mix(z):
    z = (z ^ (z >> S30)) * M1
    z = (z ^ (z >> S27)) * M2
    return z ^ (z >> S31)


h = 3600.0
mtbf = np.array([2000 * h, 2000 * h, 500 * h, 500 * h, 500 * h, 3000 * h, 3000 * h])
mttr = np.array([2 * h, 2 * h, 4 * h, 4 * h, 4 * h, 8 * h, 8 * h])
horizon = YEARS / RUNS * 31536000.0
runs = np.arange(RUNS)

with np.errstate(over="ignore"):
    state = mix(np.uint64(SEED) ^ mix(np.arange(1, RUNS + 1, dtype=np.uint64)))

    def unit(active):
        global state
        state = np.where(active, state + GOLDEN, state)
        return (mix(state) >> S11).astype(np.float64) * 2.0**-53

    def system_works(down):
        # (lb | lb) & k_of_n(2, [app, app, app]) & (db | db)
        up = ~down
        return (up[:, 0] | up[:, 1]) & (up[:, 2:5].sum(axis=1) >= 2) & (up[:, 5] | up[:, 6])

    everyone = np.ones(RUNS, dtype=bool)
    down = np.zeros((RUNS, 7), dtype=bool)
    nxt = np.empty((RUNS, 7))
    for i in range(7):
        nxt[:, i] = -mtbf[i] * np.log1p(-unit(everyone))
    time = np.zeros(RUNS)
    downtime = np.zeros(RUNS)
    active = everyone.copy()
    while active.any():
        i = nxt.argmin(axis=1)
        soonest = nxt[runs, i]
        until = np.minimum(soonest, horizon)
        downtime = np.where(active & ~system_works(down), downtime + (until - time), downtime)
        time = np.where(active, until, time)
        active &= soonest < horizon
        flipped = ~down[runs, i]
        down[runs, i] = np.where(active, flipped, down[runs, i])
        mean = np.where(flipped, mttr[i], mtbf[i])
        fresh = time + -mean * np.log1p(-unit(active))
        nxt[runs, i] = np.where(active, fresh, nxt[runs, i])

u = sum((downtime / horizon).tolist()) / RUNS
print(round(-math.log10(u), 6))
