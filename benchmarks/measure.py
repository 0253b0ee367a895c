"""Times hadr against its peers, side by side; writes benchmarks/RESULTS.md or runs the CI guard.

Called by benchmarks/run. On this shared machine the two CPUs are not equally fast and
their speed changes from second to second, so the languages run in alternation
(hadr, python3, lua5.4, then lua5.4, python3, hadr, ...), each round pinned to one CPU
for every language, rounds moving from CPU to CPU. A program's time is its median over
the rounds (what a user feels) beside its best run (outside load only ever slows a run
down); ratios are given for both. Start-up is timed with hyperfine (-N, many runs).
Every run's output is compared with the other languages' before its time counts.

  measure.py OUT_DIR                 full run: the suite, start-up, simulate and the scaling
                                     series; writes benchmarks/RESULTS.md
  measure.py OUT_DIR --quick         the CI guard: every program and every scaling series
                                     (at one size) against python3, few rounds; exits 1 if a
                                     hadr/python3 ratio is above its limit in benchmarks/guard.txt
  measure.py OUT_DIR --quick --tighten-guard
                                     the guard, then lowers each limit in guard.txt to
                                     max(1.0, 1.3 x the measured ratio) where that is lower
  measure.py OUT_DIR --quick --only fib,scale-list
                                     the guard on the names given only
"""
import datetime, json, os, platform, re, shutil, statistics, subprocess, sys, time

out = sys.argv[1]
quick, tighten = "--quick" in sys.argv, "--tighten-guard" in sys.argv
only = sys.argv[sys.argv.index("--only") + 1].split(",") if "--only" in sys.argv else None
HADR, PY, LUA = ".build/release/hadr", "/usr/bin/python3", "lua5.4"
P, S, GUARD = "benchmarks/programs", "benchmarks/scaling", "benchmarks/guard.txt"
CPUS = os.cpu_count() or 1
PIN = shutil.which("taskset") is not None
LANGS = ["hadr", "python3", "lua5.4"]

# The suite: name, the shape of program it stands for, its size. Each is
# benchmarks/programs/NAME.{hadr,py,lua}; all three print the same checksum.
PROGRAMS = [
    ("fib", "recursive calls", "fib(32)"),
    ("loop", "a float loop at top level (globals)", "10M iterations"),
    ("folds", "a builtin fold with a lambda per call", "600 000 folds of 5"),
    ("backoff", "a builtin table of durations, printed", "100 000 rows"),
    ("sweep", "availability arithmetic (&, |, k_of_n) in a loop", "300 000 designs"),
    ("rows", "a table read by index, rows[i].t - rows[i - 1].t", "2 000 rows x 500"),
    ("records", "records built by a function and read in a loop", "1M records"),
    ("lists", "xs = append(xs, x), then map, filter and sort with lambdas", "300 items x 3 000"),
    ("concat", "string building with +", "1 000 pieces x 600"),
    ("interp", "string building with interpolation", "1 000 pieces x 1 200"),
    ("strindex", "s[i] and len(s) over lines of text", "2 000 lines x 60"),
    ("durations", "durations with min, max, to m", "440 000 steps"),
    ("hof", "user-written compose, twice and fold", "50 000 folds of 10"),
    ("closures", "a counter closure over a reassigned captured variable", "15 000 counters x 100"),
    ("ackermann", "deep, branching recursion", "ack(3, 7), ack(2, 500)"),
    ("deeprec", "a linear recursion 10 000 deep", "100 x 10 000 calls"),
    ("spectral", "a numeric kernel: nested loops, list indexing", "spectral norm, n = 200"),
    ("kofn", "k-of-n sizing sweeps (k_of_n in a while loop)", "10 000 x 4 searches"),
    ("report", "a table of records built and printed", "50 000 rows"),
]
# The scaling series: name, what grows. Each is benchmarks/scaling/NAME.{hadr,py,lua},
# run with `n` and `reps` prepended; at each n it does max(n, 100 000) elements of work.
SCALING = [
    ("list", "appends to a list, `xs = append(xs, i)`"),
    ("string", "appends to a string, `s = s + \"x\"`"),
    ("strindex", "a string of n characters built by join, each read by `s[i]`"),
    ("table", "a table of n rows built by map, each read by `rows[i].t`"),
    ("record", "a record rebuilt from the previous one, `r = {count: r.count + 1, ...}`"),
    ("depth", "a linear recursion n calls deep (n = depth)"),
]
SIZES = {"depth": [100, 1000, 10000]}
DEFAULT_SIZES = [10_000, 100_000, 1_000_000]
WORK, TARGET = 1_000_000, 0.5  # a scaling run repeats its build up to WORK elements, or until about TARGET s

FULL_ROUNDS, LONG = 7, 5.0  # a program whose runs take more than LONG seconds gets 3 rounds
SCALE_ROUNDS, SCALE_TIMEOUT, SCALE_LONG = 5, 60.0, 10.0
PROGRAM_TIMEOUT = 300.0
QUICK_BUDGET, QUICK_MAX_ROUNDS, QUICK_SCALE_TIMEOUT, QUICK_TARGET = 2.0, 5, 20.0, 0.1


class Timeout(Exception):
    pass


def run(cmd, cpu=None, timeout=PROGRAM_TIMEOUT):
    """Wall time and output of one run."""
    if cpu is not None and PIN:
        cmd = ["taskset", "-c", str(cpu)] + cmd
    start = time.perf_counter()
    try:
        done = subprocess.run(cmd, stdout=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise Timeout()
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"benchmark failed: `{' '.join(cmd)}` exited with status {done.returncode}")
    return elapsed, done.stdout


def peak_memory(cmd):
    """Peak RSS in MB, from GNU time (a child's own rusage counts the parent's pages it
    was forked with)."""
    done = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return int(done.stderr.strip().splitlines()[-1]) / 1024


def check_same(name, commands, outputs):
    """Fails loudly unless every implementation printed the same as the first."""
    for cmd, o in zip(commands[1:], outputs[1:]):
        if o != outputs[0]:
            a, b = outputs[0].decode(errors="replace").splitlines(), o.decode(errors="replace").splitlines()
            line = next((i for i in range(max(len(a), len(b))) if i >= len(a) or i >= len(b) or a[i] != b[i]), 0)
            show = lambda ls: repr(ls[line]) if line < len(ls) else "(no line)"
            sys.exit(f"benchmark {name}: the implementations print different output\n"
                     f"  {' '.join(commands[0])}: line {line + 1}: {show(a)}\n"
                     f"  {' '.join(cmd)}: line {line + 1}: {show(b)}")


def compare(name, commands, rounds, pinned=True, budget=None, timeout=PROGRAM_TIMEOUT, slow=None):
    """Times the commands in alternation and checks, on every round, that they print the
    same. With a budget (seconds), stops after the round that exceeds it (at least one
    round, at most `rounds`). With slow = (seconds, fewer), runs only `fewer` rounds when
    a first run took longer. A command that times out is not run again and reported as None."""
    times = [[] for _ in commands]
    per_round = []
    dead = [False] * len(commands)
    started = time.perf_counter()
    for r in range(rounds):  # (may end early, below)
        cpu = r % CPUS if pinned else None
        # Alternate the order too, so that load rising during a round favours no one.
        order = list(range(len(commands))) if r % 2 == 0 else list(reversed(range(len(commands))))
        outputs = [None] * len(commands)
        for i in order:
            if dead[i]:
                continue
            try:
                t, outputs[i] = run(commands[i], cpu, timeout)
                times[i].append(t)
            except Timeout:
                dead[i] = True
        per_round.append([times[i][-1] if outputs[i] is not None else None for i in range(len(commands))])
        done = [(c, o) for c, o in zip(commands, outputs) if o is not None]
        if len(done) > 1:
            check_same(name, [c for c, _ in done], [o for _, o in done])
        if budget is not None and time.perf_counter() - started > budget:
            break
        if r == 0 and slow is not None and max((t[0] for t in times if t), default=0) > slow[0]:
            rounds = min(rounds, slow[1])
        if r + 1 >= rounds:
            break
        if all(dead):
            break
    return {"median": [statistics.median(t) if t else None for t in times],
            "best": [min(t) if t else None for t in times],
            "rounds": max(len(t) for t in times), "per_round": per_round}


def ms(x):
    return f"{x * 1000:.1f} ms" if x < 10 else f"{x:.1f} s"


def cmds(name, d=P):
    return [[HADR, f"{d}/{name}.hadr"], [PY, f"{d}/{name}.py"], [LUA, f"{d}/{name}.lua"]]


def scaled(name, n, reps):
    """The commands of scaling series `name` at size n, repeated `reps` times: the
    program with n and reps prepended, written to OUT_DIR (all three print the same,
    whatever reps each runs)."""
    paths = []
    for ext, head in (("hadr", f"n = {n}\nreps = {reps}\n"), ("py", f"n = {n}\nreps = {reps}\n"),
                      ("lua", f"local n, reps = {n}, {reps}\n")):
        path = os.path.join(out, f"scale-{name}-{n}-{reps}.{ext}")
        with open(path, "w") as f:
            f.write(head + open(f"{S}/{name}.{ext}").read())
        paths.append(path)
    return [[HADR, paths[0]], [PY, paths[1]], [LUA, paths[2]]]


def choose_reps(name, n, i, t0, target, timeout, work_cap=WORK):
    """How many repetitions of series `name` at size n language i should run for about
    `target` seconds of work (at most work_cap / n, at least 1): probes with 1, 10, 100, ...
    repetitions until one does 50 ms of work, so that start-up jitter cannot mislead it.
    Returns (reps, time of the last probe, its repetitions), or None if a probe timed out."""
    reps, cap = 1, max(1, work_cap // n)
    while True:
        try:
            t = run(scaled(name, n, reps)[i], 0, timeout)[0]
        except Timeout:
            return None
        work = t - t0
        if work >= 0.05 or reps >= cap:
            return max(1, min(cap, int(reps * target / max(work, 1e-6)))), t, reps
        reps = min(cap, reps * 10)


def read_guard():
    """Per guarded name its limit, and per scaling series the n the guard runs it at
    (`n=N` after the limit; `scaling-size N` sets the default)."""
    limits, sizes, default = {}, {}, 100_000
    if os.path.exists(GUARD):
        for line in open(GUARD):
            words = line.split("#")[0].split()
            if len(words) >= 2 and words[0] == "scaling-size":
                default = int(float(words[1]))
            elif len(words) >= 2:
                limits[words[0]] = float(words[1])
                for w in words[2:]:
                    if w.startswith("n="):
                        sizes[words[0]] = int(float(w[2:]))
    return limits, sizes, default


def write_guard(measured, limits, sizes, default):
    """Lowers each measured limit to max(1.0, 1.3 x measured) where that is lower (never
    raises one); keeps the other lines as they are."""
    old = open(GUARD).read().splitlines() if os.path.exists(GUARD) else ["# benchmarks/guard.txt: see benchmarks/run"]
    if not any(l.split()[:1] == ["scaling-size"] for l in old):
        old.append(f"scaling-size {default}")
    new = {}
    for name, ratio in measured:
        proposed = max(1.0, round(ratio * 1.3, 2))
        limit = min(limits.get(name, proposed), proposed)
        at = f"n={sizes[name]}" if name in sizes else ""
        new[name] = f"{name:<16} {limit:7.2f}  {at:<8}  # measured {ratio:.2f} on {datetime.date.today()}"
    lines = []
    for l in old:
        name = l.split("#")[0].split()[:1]
        lines.append(new.pop(name[0]) if name and name[0] in new else l)
    lines += new.values()
    open(GUARD, "w").write("\n".join(lines) + "\n")
    print(f"wrote {GUARD}")


if quick:
    limits, sizes, default = read_guard()
    failed, measured = [], []
    started = time.perf_counter()
    print("| benchmark | rounds | hadr (median) | python3 (median) | hadr/python3 (median of the rounds) | limit | |\n"
          "|---|---|---|---|---|---|---|")

    def guard(name, measure, at="", unit="ms"):
        """measure() gives (hadr's time, python3's, [hadr/python3 per round], rounds), None if a run
        timed out; the ratio that counts is the median of the rounds' ratios (each round runs
        both on one CPU, one after the other). A ratio above its limit is measured once
        more, and the median over all the rounds counts: load from elsewhere can slow one
        language's runs for a while, a regression stays."""
        if only is not None and name not in only:
            return
        limit = limits.get(name, 1.0)
        got = measure()
        retried = False
        if got is not None and statistics.median(got[2]) > limit:
            again = measure()
            if again is not None:
                got = (got[0], got[1], got[2] + again[2], got[3] + again[3])
                retried = True
        if got is None:
            failed.append(f"{name} timed out (over {QUICK_SCALE_TIMEOUT:.0f} s)")
            print(f"| {name}{at} | | timeout | | | {limit:.2f} | FAIL |", flush=True)
            return
        h, py, ratios, rounds = got
        ratio = statistics.median(ratios)
        ok = ratio <= limit
        measured.append((name, ratio))
        if not ok:
            failed.append(f"{name} {ratio:.2f} > {limit:.2f}")
        show = ms if unit == "ms" else (lambda x: f"{x * 1e9:,.1f} ns")
        print(f"| {name}{at} | {rounds}{' (retried)' if retried else ''} | {show(h)} | {show(py)} | {ratio:.2f} | {limit:.2f} "
              f"| {'ok' if ok else 'FAIL'} |", flush=True)

    def program(name, commands, pinned=True):
        r = compare(name, commands, QUICK_MAX_ROUNDS, pinned=pinned, budget=QUICK_BUDGET)
        return r["median"][0], r["median"][1], [a / b for a, b in r["per_round"] if a and b], r["rounds"]

    def startup():
        times = [[], []]
        for i in range(21):
            times[0].append(run([HADR, "-e", "99.9% & 99.9%"], i % CPUS)[0])
            times[1].append(run([PY, "-c", "print(1 - (1 - 0.999) * (1 - 0.999))"], i % CPUS)[0])
        return statistics.median(times[0]), statistics.median(times[1]), [a / b for a, b in zip(*times)], 21

    def series(name, n):
        """Time per element of hadr and python3, start-up left out; each repeats the
        series for about QUICK_TARGET seconds."""
        t0 = compare(f"scale-{name}", scaled(name, 0, 1)[:2], 3)["best"]
        got = [choose_reps(name, n, i, t0[i], QUICK_TARGET, QUICK_SCALE_TIMEOUT, 10 * WORK) for i in range(2)]
        if None in got:
            return None
        reps = [g[0] for g in got]
        r = compare(f"scale-{name}", [scaled(name, n, reps[i])[i] for i in range(2)], 3, budget=QUICK_BUDGET,
                    timeout=QUICK_SCALE_TIMEOUT)
        if None in r["best"]:
            return None
        per = [max(r["best"][i] - t0[i], 1e-7) / (n * reps[i]) for i in range(2)]
        return per[0], per[1], [per[0] / per[1]], r["rounds"]

    for name, _, _ in PROGRAMS:
        guard(name, lambda: program(name, cmds(name)[:2]))
    guard("simulate", lambda: program("simulate", [[HADR, f"{P}/simulate.hadr"], [PY, f"{P}/simulate.py"]], pinned=False))
    guard("startup", startup)
    for name, _ in SCALING:
        want = sizes.get(f"scale-{name}", default)
        n = min(SIZES.get(name, [want]), key=lambda s: abs(s - want))
        guard(f"scale-{name}", lambda: series(name, n), f" (n = {n}, ns per element)", unit="ns")
    print(f"({time.perf_counter() - started:.0f} s; limits from {GUARD}; a scaling series compares the time per element, "
          "start-up left out, each language repeating the series for about 0.1 s)")
    if tighten:
        write_guard(measured, limits, sizes, default)
    if failed:
        sys.exit("regression guard FAILED: " + "; ".join(failed))
    print("regression guard passed: every hadr/python3 ratio is within its limit")
    sys.exit(0)

# ---- the full run ----
lines = []
cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"], capture_output=True, text=True).stdout.strip()
gcc = subprocess.run(["gcc", "-dumpfullversion"], capture_output=True, text=True).stdout.strip()
luav = subprocess.run([LUA, "-v"], capture_output=True, text=True).stdout.split()[1]
commit = subprocess.run(["git", "log", "-1", "--format=%h %s"], capture_output=True, text=True).stdout.strip()
locked = os.environ.get("HADR_BENCH_LOCKED") == "1"
import numpy

began = time.perf_counter()
lines += [
    "# Benchmark results", "",
    f"Run by `benchmarks/run` on {datetime.date.today()}: {cpu}, nproc {CPUS}, {platform.system()} {platform.release()}.",
    f"hadr release build of `{commit[:90]}`; Python is Debian's /usr/bin/python3 ({platform.python_version()}, numpy {numpy.__version__}); "
    f"Lua {luav}; gcc {gcc} -O2.",
    "The machine is shared by several engineers: " + ("the run held the build lock (/tmp/hadr-build.lock) throughout, so no build "
                                                     "ran meanwhile, but other work may have." if locked else
                                                     "the run did not hold the build lock, so builds may have run meanwhile."),
    "The languages ran in alternation, each round pinned to one CPU for every language, rounds moving from CPU to CPU "
    "(see benchmarks/measure.py). Times are of the whole process, start-up included: the median (what a user feels) and "
    "the best run; ratios are given as median (best). Memory is peak RSS (GNU time).",
    "Every implementation's output is compared on every round before its time counts. The programs and what each stands "
    "for: docs/PERFORMANCE.md.", "",
    f"## The suite ({FULL_ROUNDS} rounds; 3 for a program whose runs take over {LONG:.0f} s)", "",
    "| program | size | hadr | python3 | lua5.4 | hadr/python3 | hadr/lua5.4 | peak MB hadr / python3 / lua |",
    "|---|---|---|---|---|---|---|---|",
]


def ratio(a, b):
    return f"{a['median'][0] / a['median'][b]:.2f} ({a['best'][0] / a['best'][b]:.2f})"


slower = []
for name, shape, size in PROGRAMS:
    c = cmds(name)
    r = compare(name, c, FULL_ROUNDS, slow=(LONG, 3))
    m, b = r["median"], r["best"]
    mem = [peak_memory(x) for x in c]
    print(f"{name}: {ratio(r, 1)} x python3, {ratio(r, 2)} x lua", flush=True)
    lines.append(f"| {name} | {size} | {ms(m[0])} (best {ms(b[0])}) | {ms(m[1])} (best {ms(b[1])}) | {ms(m[2])} (best {ms(b[2])}) "
                 f"| {ratio(r, 1)} | {ratio(r, 2)} | {mem[0]:.1f} / {mem[1]:.1f} / {mem[2]:.1f} |")
    if m[0] > m[1]:
        slower.append(name)

startup = json.load(open(os.path.join(out, "startup.json")))["results"]
sm = [x["median"] for x in startup]
smin = [x["min"] for x in startup]
mem = [peak_memory(c) for c in ([HADR, "-e", "99.9% & 99.9%"], [PY, "-c", "pass"], [LUA, "-e", "x=1"])]
lines.append(f"| startup | `hadr -e '99.9% & 99.9%'` (hyperfine, 30 runs) | {ms(sm[0])} (best {ms(smin[0])}) | {ms(sm[1])} (best {ms(smin[1])}) "
             f"| {ms(sm[2])} (best {ms(smin[2])}) | {sm[0] / sm[1]:.2f} ({smin[0] / smin[1]:.2f}) | {sm[0] / sm[2]:.2f} ({smin[0] / smin[2]:.2f}) "
             f"| {mem[0]:.1f} / {mem[1]:.1f} / {mem[2]:.1f} |")
if sm[0] > sm[1]:
    slower.append("startup")
lines += ["", f"hadr's median is slower than python3's on {len(slower)} of {len(PROGRAMS) + 1}" +
          (f": {', '.join(slower)}." if slower else ".")]

c = [[HADR, f"{P}/simulate.hadr"], [PY, f"{P}/simulate.py"], [os.path.join(out, "simulate")]]
r = compare("simulate", c, 5, pinned=False)
m, b = r["median"], r["best"]
mem = [peak_memory(x) for x in c]
lines += ["", "## simulate", "",
          "`simulate` of `parallel(replicas(lb, 2)) & k_of_n(2, 3, app) & parallel(replicas(db, 2))` for 100 000 years in 1 024 runs: the same SplitMix64",
          "streams and event loop in each, all printing 3.70501. hadr and C use both cores (not pinned, 5 rounds); numpy vectorises across the runs.", "",
          "| benchmark | hadr | python3 + numpy | C (gcc -O2) | hadr/python3 | hadr/C | peak MB hadr / python3 / C |", "|---|---|---|---|---|---|---|",
          f"| simulate | {ms(m[0])} (best {ms(b[0])}) | {ms(m[1])} (best {ms(b[1])}) | {ms(m[2])} (best {ms(b[2])}) | {ratio(r, 1)} | {ratio(r, 2)} "
          f"| {mem[0]:.1f} / {mem[1]:.1f} / {mem[2]:.1f} |"]

other = json.load(open(os.path.join(out, "startup-paths.json")))["results"]
lines += ["", "Start-up by path (hyperfine medians, same run): `hadr FILE` "
          f"{ms(other[0]['median'])}; `hadr -e EXPR` {ms(other[1]['median'])}; `hadr --color never -e EXPR`, which goes through "
          f"ArgumentParser, {ms(other[2]['median'])}; and the floor, a Swift program that links Foundation Essentials as hadr does "
          f"and prints (benchmarks/programs/hello.swift), {ms(other[3]['median'])}. None loads libedit, which only the REPL opens "
          "(see docs/PERFORMANCE.md)."]

# ---- the scaling series ----
lines += ["", "## Scaling", "",
          "Each series grows one structure to n elements (benchmarks/scaling/, the work in a function in every language). "
          f"Each language repeats it `reps` times per run: up to {WORK:,} elements, fewer if a repetition takes long (probe "
          f"runs with 1, 10, 100, ... repetitions decide: about {TARGET} s of work per run, at least one repetition). Time per element = (best "
          "run − best run at n = 0) / (n × reps), so start-up is left out (best runs: the series compare a language with "
          "itself, and load from elsewhere only ever slows a run down). Growth = time per element at the largest n that "
          "ran / at the smallest: 1.0 is linear; quadratic is 10 per decade. "
          f"Runs stop at {SCALE_TIMEOUT:.0f} s: \"timeout\", with the least time per element that implies, and larger sizes are "
          f"not run; nor is a size that would take over {SCALE_TIMEOUT:.0f} s even at the time per element of the size below. {SCALE_ROUNDS} rounds per size, a single run when it takes over {SCALE_LONG:.0f} s. The issue's targets: "
          "1e6 appends to a list or a string in under 0.5 s, every series linear, and a call at depth 10 000 within 1.3× of one "
          "at depth 100.", "",
          "| series | language | " + " | ".join(f"n = {n:,}" for n in DEFAULT_SIZES) + " | growth | largest run (reps) |",
          "|---|---|---|---|---|---|---|"]
scale_summary = []
for name, what in SCALING:
    sizes = SIZES.get(name, DEFAULT_SIZES)
    r0 = compare(f"scale-{name}", scaled(name, 0, 1), 2 * SCALE_ROUNDS)
    t0 = r0["best"]
    per = [[None] * len(sizes) for _ in LANGS]
    largest = [None] * len(LANGS)
    stopped = [False] * len(LANGS)
    for k, n in enumerate(sizes):
        for i in range(len(LANGS)):  # a run that would pass the timeout even if linear is not started
            if not stopped[i] and k > 0 and per[i][k - 1] is not None and per[i][k - 1][1] * n > SCALE_TIMEOUT:
                stopped[i] = True
                per[i][k] = ("skipped", per[i][k - 1][1])
        commands, reps = [], []
        for i in range(len(LANGS)):
            if stopped[i]:
                continue
            got = choose_reps(name, n, i, t0[i], TARGET, SCALE_TIMEOUT)
            if got is None:
                stopped[i] = True
                per[i][k] = ("timeout", (SCALE_TIMEOUT - t0[i]) / n)
                continue
            rep, t, probed = got
            if rep == 1 and probed == 1 and t > SCALE_LONG:  # one long run: that probe is the measurement
                per[i][k] = ("ok", max(t - t0[i], 1e-9) / n)
                largest[i] = (n, t, 1)
                continue
            commands.append(scaled(name, n, rep)[i])
            reps.append((i, rep))
        if commands:
            r = compare(f"scale-{name}", commands, SCALE_ROUNDS, timeout=SCALE_TIMEOUT, slow=(2.0, 3))
            for j, (i, rep) in enumerate(reps):
                if r["median"][j] is None:  # timed out now, after a probe that did not
                    stopped[i] = True
                    per[i][k] = ("timeout", (SCALE_TIMEOUT - t0[i]) / (n * rep))
                else:
                    per[i][k] = ("ok", max(r["best"][j] - t0[i], 1e-9) / (n * rep))
                    largest[i] = (n, r["median"][j], rep)
    for i, lang in enumerate(LANGS):
        cells = []
        for k in range(len(sizes)):
            if per[i][k] is None:
                cells.append("not run")
            elif per[i][k][0] == "timeout":
                cells.append(f"timeout (≥ {per[i][k][1] * 1e9:,.0f} ns)")
            elif per[i][k][0] == "skipped":
                cells.append(f"not run: over {SCALE_TIMEOUT:.0f} s even if linear (≥ {per[i][k][1] * 1e9:,.0f} ns)")
            else:
                cells.append(f"{per[i][k][1] * 1e9:,.1f} ns")
        if name in SIZES:  # depth: say the depth in each cell
            cells = [f"depth {sizes[k]:,}: {cells[k]}" for k in range(len(sizes))]
        last = max(k for k in range(len(sizes)) if per[i][k] is not None)
        growth = per[i][last][1] / per[i][0][1] if per[i][0][0] == "ok" else None
        g = "—" if growth is None else (f"≥ {growth:,.1f}" if per[i][last][0] != "ok" else f"{growth:.2f}")
        big = f"n = {largest[i][0]:,}: {ms(largest[i][1])} ({largest[i][2]})" if largest[i] else "—"
        lines.append(f"| {name if i == 0 else ''} | {lang} | " + " | ".join(cells) + f" | {g} | {big} |")
        if i == 0:
            scale_summary.append((name, g))
    print(f"scaling {name}: hadr growth {scale_summary[-1][1]}", flush=True)
lines += ["", "Series: " + "; ".join(f"{n}: {w}" for n, w in SCALING) + ".",
          "", f"The whole run took {(time.perf_counter() - began) / 60:.0f} minutes."]

text = "\n".join(lines) + "\n"
open("benchmarks/RESULTS.md", "w").write(text)
print(text)
