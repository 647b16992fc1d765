"""Many fresh interpreters, many threads each, all using ``exitcodes`` for the first time.

Issue 14, item 7: "16 threads touching the lazy public names in a fresh interpreter
fail in about 30 % of runs on 3.10-3.13 (``_DeadlockError``, ``ImportError: cannot
import name ... from exitcodes.classify``, ``AttributeError: module 'attrs' has no
attribute 'frozen'``, ``KeyError: 'exitcodes.resolve'``). Test with many fresh
interpreters, not one."

A race of first imports happens once per interpreter, so each run is a new
interpreter: :data:`CHILD` imports ``exitcodes``, lines up its threads on a barrier and
lets every thread read every lazy public name, each in its own shuffled order; with
``--mixed``, some threads also import a submodule directly (``import exitcodes.cli``),
or Hypothesis (whose entry point reads public names while Hypothesis is half-imported),
first or at a random point among those reads. The child prints one JSON line: the
failures it saw (exceptions and warnings), and whether every name ended up bound to
what its module defines.

Used by ``tests/test_package.py``; run it by hand to measure a failure rate::

    python tests/first_use_race.py --runs 300 --threads 16 [--mixed]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import attrs

CHILD = r"""
import importlib, json, random, sys, threading, types, warnings

import exitcodes

seed, count, mixed = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "mixed"
names = sorted(exitcodes._EXPORTS)
direct = ["exitcodes.cli", "exitcodes.resolve", "exitcodes.classify", "exitcodes.recipes",
          "exitcodes.explanation", "exitcodes.rules", "exitcodes.kubernetes", "hypothesis",
          "exitcodes.strategies"]
barrier = threading.Barrier(count)
failures = []
# A warning is a failure too: the Hypothesis entry point reports its failures as one.
warnings.simplefilter("always")
warnings.showwarning = lambda message, category, *rest: failures.append(
    f"{category.__name__}: {message}")

def work(index):
    rng = random.Random(seed * 1000 + index)
    steps = [("name", name) for name in names]
    rng.shuffle(steps)
    if mixed and index % 2:  # half of these import first, half at a random point
        at = 0 if index % 4 == 1 else rng.randrange(len(steps) + 1)
        steps.insert(at, ("import", rng.choice(direct)))
    barrier.wait()
    for kind, what in steps:
        try:
            if kind == "name":
                getattr(exitcodes, what)
            else:
                importlib.import_module(what)
        except BaseException as exc:  # the report: any exception at all is a failure
            failures.append(f"{type(exc).__name__}: {exc}")

threads = [threading.Thread(target=work, args=(i,)) for i in range(count)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()

wrong = []
for name, (module_name, attribute) in sorted(exitcodes._EXPORTS.items()):
    module = sys.modules.get(module_name)
    expected = module if attribute is None or module is None else getattr(module, attribute)
    if module is None or getattr(exitcodes, name) is not expected:
        wrong.append(name)
if not isinstance(exitcodes.classify, types.FunctionType):
    wrong.append("classify is not the function")
if not isinstance(exitcodes.resolve, types.FunctionType):
    wrong.append("resolve is not the function")
if exitcodes.resolve("run", error="permission denied").exit_code != 126:
    wrong.append("resolve gives a wrong answer")
print(json.dumps({"failures": failures, "wrong": wrong}))
"""


@attrs.frozen
class Run:
    """What one fresh interpreter reported."""

    seed: int
    failures: tuple[str, ...]
    wrong: tuple[str, ...]
    #: Why the interpreter gave no report (a crash or a hang), else empty.
    crash: str = ""

    @property
    def failed(self) -> bool:
        """Whether anything at all went wrong in this interpreter."""
        return bool(self.failures or self.wrong or self.crash)


def run_one(
    seed: int,
    *,
    threads: int = 16,
    mixed: bool = False,
    executable: str = sys.executable,
    timeout: float = 30.0,
) -> Run:
    """Run :data:`CHILD` once in a fresh interpreter and read its report."""
    command = [executable, "-c", CHILD, str(seed), str(threads), "mixed" if mixed else "names"]
    try:
        done = subprocess.run(command, check=False, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return Run(seed, (), (), crash=f"hung for {timeout} s")
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        return Run(seed, (), (), crash=f"exit {done.returncode}: {done.stderr.strip()[-2000:]}")
    report = json.loads(lines[-1])
    return Run(seed, tuple(report["failures"]), tuple(report["wrong"]))


# Forks one run after another from a small server, on POSIX: each run then skips the
# start-up of Python and the standard-library modules preloaded below, and pays only for
# the modules whose imports race (exitcodes, attrs, Hypothesis); about a third of the
# CPU time of a run of its own. A child that hangs is ended by its alarm.
SERVER = r"""
import json, os, sys, traceback
import collections.abc, contextlib, copy, dataclasses, enum, functools, importlib, inspect
import itertools, operator, random, re, signal, threading, types, typing, warnings

child = compile(sys.argv[1], "<child>", "exec")
threads, mode, timeout = sys.argv[2], sys.argv[3], int(sys.argv[4])
for seed in sys.argv[5:]:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        os.dup2(write_end, 1)
        os.dup2(write_end, 2)
        signal.alarm(timeout)
        sys.argv = ["-c", seed, threads, mode]
        try:
            exec(child, {"__name__": "__main__"})
            status = 0
        except BaseException:
            traceback.print_exc()
            status = 1
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        output = pipe.read()
    _, status = os.waitpid(pid, 0)
    print(json.dumps({"seed": int(seed), "status": status, "output": output}), flush=True)
"""


def run_batch(
    seeds: Sequence[int],
    *,
    threads: int = 16,
    mixed: bool = False,
    executable: str = sys.executable,
    timeout: int = 60,
) -> list[Run]:
    """Run :data:`CHILD` once per seed, each in a process forked from a fresh server."""
    mode = "mixed" if mixed else "names"
    command = [executable, "-c", SERVER, CHILD, str(threads), mode, str(timeout)]
    done = subprocess.run(
        [*command, *map(str, seeds)],
        check=False,
        capture_output=True,
        text=True,
        timeout=timeout * (len(seeds) + 1),
    )
    runs = []
    for line in done.stdout.splitlines():
        report = json.loads(line)
        output = report["output"].strip()
        lines = output.splitlines()
        if report["status"] != 0 or not lines or not lines[-1].startswith("{"):
            crash = f"wait status {report['status']}: {output[-2000:]}"
            runs.append(Run(report["seed"], (), (), crash=crash))
            continue
        child = json.loads(lines[-1])
        runs.append(Run(report["seed"], tuple(child["failures"]), tuple(child["wrong"])))
    reported = {run.seed for run in runs}
    crash = f"server exit {done.returncode}: {done.stderr.strip()[-2000:]}"
    runs += [Run(seed, (), (), crash=crash) for seed in seeds if seed not in reported]
    return runs


def run_many(
    runs: int,
    *,
    threads: int = 16,
    mixed: bool = False,
    executable: str = sys.executable,
    workers: int = 2,
    fork: bool = hasattr(os, "fork"),
) -> list[Run]:
    """Run :data:`CHILD` in *runs* fresh interpreters (forked ones by default), *workers* at a time."""
    with ThreadPoolExecutor(workers) as pool:
        if not fork:
            return list(
                pool.map(
                    lambda seed: run_one(seed, threads=threads, mixed=mixed, executable=executable),
                    range(runs),
                )
            )
        batches = [range(start, min(start + 10, runs)) for start in range(0, runs, 10)]
        done = pool.map(
            lambda seeds: run_batch(seeds, threads=threads, mixed=mixed, executable=executable),
            batches,
        )
        return [run for batch in done for run in batch]


def main(argv: Sequence[str] | None = None) -> int:
    """Measure and print the failure rate; exit status 1 if any run failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--mixed", action="store_true")
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--no-fork", dest="fork", action="store_false")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    results = run_many(
        args.runs,
        threads=args.threads,
        mixed=args.mixed,
        executable=args.python,
        workers=args.workers,
        fork=args.fork and hasattr(os, "fork"),
    )
    elapsed = time.perf_counter() - started
    failed = [run for run in results if run.failed]
    kinds: Counter[str] = Counter()
    for run in failed:
        seen = {line.split(":", 1)[0] for line in run.failures}
        seen |= {"wrong: " + name for name in run.wrong}
        if run.crash:
            seen.add("crash: " + run.crash.splitlines()[-1][:120])
        kinds.update(seen)
    print(
        f"{args.python}: {len(failed)}/{len(results)} runs failed"
        f" ({100 * len(failed) / len(results):.1f} %), {args.threads} threads,"
        f" {'mixed' if args.mixed else 'names only'}, {elapsed:.1f} s"
    )
    for kind, count in kinds.most_common():
        print(f"  {count:4d} runs  {kind}")
    if failed:
        print("  e.g.", failed[0].failures[:3] or failed[0].wrong or failed[0].crash[-500:])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
