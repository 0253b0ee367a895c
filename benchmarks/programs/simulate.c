/* The Monte Carlo of hadr's `simulate`, in C: the same SplitMix64 streams, the same
 * event loop and the same diagram, on one thread per core, so that it prints the same
 * number as benchmarks/programs/simulate.hadr.
 * Build: gcc -O2 -pthread simulate.c -o simulate -lm */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define YEARS 100000.0
#define RUNS 1024
#define SEED 7
#define LEAVES 7
#define NODES 11

static uint64_t mix(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}
static double unit(uint64_t *state) {
    *state += 0x9E3779B97F4A7C15ULL;
    return (double)(mix(*state) >> 11) * 0x1.0p-53;
}
static double sample(double mean, uint64_t *state) { return -mean * log1p(-unit(state)); }

/* (lb | lb) & k_of_n(2, [app, app, app]) & (db | db), children before parents. */
static const int parent[NODES] = {2, 2, 10, 6, 6, 6, 10, 9, 9, 10, -1};
static const int needed[NODES] = {0, 0, 1, 0, 0, 0, 2, 0, 0, 1, 3};
static const int leaf_node[LEAVES] = {0, 1, 3, 4, 5, 7, 8};
static double mtbf[LEAVES], mttr[LEAVES];
static double horizon;
static double results[RUNS];

static double simulate_one(int run) {
    uint64_t state = mix((uint64_t)SEED ^ mix((uint64_t)run + 1));
    int down[LEAVES] = {0};
    double next[LEAVES];
    int works[NODES], working[NODES] = {0};
    for (int i = 0; i < LEAVES; i++) next[i] = sample(mtbf[i], &state);
    for (int node = 0; node < NODES; node++) {
        int leaf = -1;
        for (int i = 0; i < LEAVES; i++) if (leaf_node[i] == node) leaf = i;
        works[node] = leaf >= 0 ? !down[leaf] : working[node] >= needed[node];
        if (works[node] && parent[node] >= 0) working[parent[node]]++;
    }
    double time = 0, downtime = 0;
    for (;;) {
        int i = 0;
        double soonest = INFINITY;
        for (int j = 0; j < LEAVES; j++) if (next[j] < soonest) { soonest = next[j]; i = j; }
        double until = soonest < horizon ? soonest : horizon;
        if (!works[NODES - 1]) downtime += until - time;
        time = until;
        if (soonest >= horizon) break;
        down[i] = !down[i];
        next[i] = time + sample(down[i] ? mttr[i] : mtbf[i], &state);
        int node = leaf_node[i], s = !down[i];
        while (works[node] != s) {
            works[node] = s;
            int up = parent[node];
            if (up < 0) break;
            working[up] += s ? 1 : -1;
            node = up;
            s = working[up] >= needed[up];
        }
    }
    return downtime / horizon;
}

static int threads;
static void *worker(void *arg) {
    for (int run = (int)(intptr_t)arg; run < RUNS; run += threads) results[run] = simulate_one(run);
    return NULL;
}

int main(void) {
    const double h = 3600;
    double f[] = {2000 * h, 2000 * h, 500 * h, 500 * h, 500 * h, 3000 * h, 3000 * h};
    double r[] = {2 * h, 2 * h, 4 * h, 4 * h, 4 * h, 8 * h, 8 * h};
    for (int i = 0; i < LEAVES; i++) { mtbf[i] = f[i]; mttr[i] = r[i]; }
    horizon = YEARS / RUNS * 31536000.0;
    threads = (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (threads < 1) threads = 1;
    pthread_t ids[64];
    if (threads > 64) threads = 64;
    for (int t = 0; t < threads; t++) pthread_create(&ids[t], NULL, worker, (void *)(intptr_t)t);
    for (int t = 0; t < threads; t++) pthread_join(ids[t], NULL);
    double sum = 0;
    for (int run = 0; run < RUNS; run++) sum += results[run];
    double u = sum / RUNS;
    printf("%.12g\n", round(-log10(u) * 1e6) / 1e6);
    return 0;
}
