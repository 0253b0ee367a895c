"""Times hadr against its peers, side by side, and writes benchmarks/RESULTS.md.

Called by benchmarks/run. On a shared machine the two CPUs are not equally fast and
their speed changes from second to second, so the programs are run in alternation
(hadr, python3, lua5.4, then lua5.4, python3, hadr, ...), each round pinned to one CPU
for every language, rounds moving from CPU to CPU. A program's time is its median over the rounds; the
ratios use the best (lowest) times, since outside load only ever slows a run down.
Start-up is timed with hyperfine (-N, many runs), which resolves milliseconds.

  measure.py OUT_DIR          full run: 10 rounds, writes RESULTS.md
  measure.py OUT_DIR --quick  regression guard: hadr and python3 only, 7 rounds;
                              exits 1 if any hadr/python3 ratio is above 1
"""
import datetime, json, os, platform, shutil, statistics, subprocess, sys, time

out, quick = sys.argv[1], "--quick" in sys.argv
HADR, PY, LUA, P = ".build/release/hadr", "/usr/bin/python3", "lua5.4", "benchmarks/programs"
CPUS = os.cpu_count() or 1
PIN = shutil.which("taskset") is not None

PROGRAMS = [
    ("fib", "fib(30), recursive"),
    ("loop", "10M-iteration float loop at top level"),
    ("folds", "200 000 folds with lambdas"),
    ("backoff", "20 000-row backoff table printed"),
    ("sweep", "availability sweep (&, |, k_of_n), 100 000 designs"),
]


def run(cmd, cpu=None):
    """Wall time and output of one run."""
    if cpu is not None and PIN:
        cmd = ["taskset", "-c", str(cpu)] + cmd
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed with status {done.returncode}")
    return elapsed, done.stdout


def peak_memory(cmd):
    """Peak RSS in MB, from GNU time (a child's own rusage counts the parent's pages it
    was forked with)."""
    done = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return int(done.stderr.strip().splitlines()[-1]) / 1024


def compare(name, commands, rounds, pinned=True):
    """Times the commands in alternation; checks they print the same."""
    outputs = [run(c)[1] for c in commands]
    if any(o != outputs[0] for o in outputs):
        sys.exit(f"benchmark {name}: the implementations print different output")
    times = [[] for _ in commands]
    for r in range(rounds):
        cpu = r % CPUS if pinned else None
        # Alternate the order too, so that load rising during a round favours no one.
        order = list(range(len(commands))) if r % 2 == 0 else list(reversed(range(len(commands))))
        for i in order:
            times[i].append(run(commands[i], cpu)[0])
    memory = [] if quick else [peak_memory(c) for c in commands]
    return {"median": [statistics.median(t) for t in times], "best": [min(t) for t in times], "memory": memory}


def ms(x):
    return f"{x * 1000:.1f} ms"


if quick:
    worst = 0.0
    print("| benchmark | hadr (best) | python3 (best) | hadr/python3 |\n|---|---|---|---|")
    rows = [(n, [[HADR, f"{P}/{n}.hadr"], [PY, f"{P}/{n}.py"]], 7, True) for n, _ in PROGRAMS]
    rows.append(("simulate", [[HADR, f"{P}/simulate.hadr"], [PY, f"{P}/simulate.py"]], 3, False))
    for name, commands, rounds, pinned in rows:
        r = compare(name, commands, rounds, pinned)
        ratio = r["best"][0] / r["best"][1]
        worst = max(worst, ratio)
        print(f"| {name} | {ms(r['best'][0])} | {ms(r['best'][1])} | {ratio:.2f} |")
    start = [[], []]
    for r in range(21):
        start[0].append(run([HADR, "-e", "99.9% & 99.9%"], r % CPUS)[0])
        start[1].append(run([PY, "-c", "print(1 - (1 - 0.999) * (1 - 0.999))"], r % CPUS)[0])
    ratio = min(start[0]) / min(start[1])
    worst = max(worst, ratio)
    print(f"| startup | {ms(min(start[0]))} | {ms(min(start[1]))} | {ratio:.2f} |")
    if worst > 1:
        sys.exit(f"regression guard: hadr/python3 reached {worst:.2f} (above 1)")
    print(f"regression guard passed: the highest hadr/python3 ratio is {worst:.2f}")
    sys.exit(0)

ROUNDS = 10
lines = []
cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"], capture_output=True, text=True).stdout.strip()
gcc = subprocess.run(["gcc", "-dumpfullversion"], capture_output=True, text=True).stdout.strip()
import numpy

lines += [
    "# Benchmark results", "",
    f"Run by `benchmarks/run` on {datetime.date.today()}: {cpu}, {CPUS} cores, {platform.system()} {platform.release()}.",
    f"hadr release build; Python is Debian's /usr/bin/python3 ({platform.python_version()}, numpy {numpy.__version__}); Lua 5.4; gcc {gcc} -O2.",
    f"Each program ran {ROUNDS} times per language in alternation, each round pinned to one CPU for every language (see benchmarks/measure.py);",
    "times are the median and the best run of the whole process, start-up included; ratios are of the best runs; memory is peak RSS.",
    "Every implementation prints the same output (checked before timing).", "",
    "| benchmark | hadr | python3 | lua5.4 | hadr/python3 | hadr/lua5.4 | peak MB hadr / python3 / lua |",
    "|---|---|---|---|---|---|---|",
]
for name, title in PROGRAMS:
    r = compare(name, [[HADR, f"{P}/{name}.hadr"], [PY, f"{P}/{name}.py"], [LUA, f"{P}/{name}.lua"]], ROUNDS)
    m, b, mem = r["median"], r["best"], r["memory"]
    lines.append(f"| {title} | {ms(m[0])} (best {ms(b[0])}) | {ms(m[1])} (best {ms(b[1])}) | {ms(m[2])} (best {ms(b[2])}) "
                 f"| {b[0] / b[1]:.2f} | {b[0] / b[2]:.2f} | {mem[0]:.1f} / {mem[1]:.1f} / {mem[2]:.1f} |")

startup = json.load(open(os.path.join(out, "startup.json")))["results"]
sm = [x["median"] for x in startup]
smin = [x["min"] for x in startup]
mem = [peak_memory(c) for c in ([HADR, "-e", "99.9%"], [PY, "-c", "pass"], [LUA, "-e", "x=1"])]
lines.append(f"| start-up: `hadr -e '99.9% & 99.9%'` (hyperfine) | {ms(sm[0])} (best {ms(smin[0])}) | {ms(sm[1])} (best {ms(smin[1])}) "
             f"| {ms(sm[2])} (best {ms(smin[2])}) | {smin[0] / smin[1]:.2f} | {smin[0] / smin[2]:.2f} | {mem[0]:.1f} / {mem[1]:.1f} / {mem[2]:.1f} |")

r = compare("simulate", [[HADR, f"{P}/simulate.hadr"], [PY, f"{P}/simulate.py"], [os.path.join(out, "simulate")]], 5, pinned=False)
m, b, mem = r["median"], r["best"], r["memory"]
lines += ["", "`simulate` of `(lb | lb) & k_of_n(2, [app, app, app]) & (db | db)` for 100 000 years in 1 024 runs: the same SplitMix64",
          "streams and event loop in each, all printing 3.70501. hadr and C use both cores (not pinned, 5 rounds); numpy vectorises across the runs.", "",
          "| benchmark | hadr | python3 + numpy | C (gcc -O2) | hadr/python3 | hadr/C | peak MB hadr / python3 / C |", "|---|---|---|---|---|---|---|",
          f"| simulate | {ms(m[0])} (best {ms(b[0])}) | {ms(m[1])} (best {ms(b[1])}) | {ms(m[2])} (best {ms(b[2])}) | {b[0] / b[1]:.2f} | {b[0] / b[2]:.2f} "
          f"| {mem[0]:.1f} / {mem[1]:.1f} / {mem[2]:.1f} |"]

other = json.load(open(os.path.join(out, "startup-paths.json")))["results"]
lines += ["", "Start-up by path (hyperfine medians, same run): `hadr FILE` "
          f"{ms(other[0]['median'])}; `hadr -e EXPR` {ms(other[1]['median'])}; `hadr --color never -e EXPR`, which goes through "
          f"ArgumentParser, {ms(other[2]['median'])}; and the floor, a Swift program that links Foundation Essentials as hadr does "
          f"and prints (benchmarks/programs/hello.swift), {ms(other[3]['median'])}. None loads libedit, which only the REPL opens "
          "(see docs/PERFORMANCE.md)."]
text = "\n".join(lines) + "\n"
open("benchmarks/RESULTS.md", "w").write(text)
print(text)
