"""How much exitcodes costs: per message, at import, per byte, and over a million log lines.

Run it with the interpreter to measure::

    python benchmarks/bench.py                # the full run (under a minute)
    python benchmarks/bench.py --quick        # small sizes, few rounds (CI: it cannot rot)
    python benchmarks/bench.py --only growth  # one section (repeatable): per-message,
                                              # import, startup, growth, batch, memos

Every timing is ``time.perf_counter_ns`` around a plain loop, with the garbage
collector off (as :mod:`timeit` does). The candidates are measured side by side:
each round times every candidate once, in a rotating order, and the ratio to the
floor is taken within the round, so a busy machine slows both sides alike; the
table shows medians over the rounds. Nothing here asserts a time: the goals are
printed with "met" or "MISSED". Wrong answers, on the other hand, fail the run.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from corpus import CORPUS, adversarial, log_line, sized  # noqa: E402
from startup import report as startup_report  # noqa: E402

import exitcodes  # noqa: E402
from exitcodes import classify, resolve  # noqa: E402

_KB = 1024
_MB = 1024 * 1024


def _wait(status: int, error: dict[str, str] | None) -> dict[str, object]:
    return {"StatusCode": status, "Error": error}


_STATUSES = (0, 1, 2, 3, 42, 125, 126, 127, 130, 137, 139, 143, 255, 300)
WAITS: tuple[tuple[dict[str, object], int], ...] = (
    *((_wait(status, None), status & 0xFF) for status in _STATUSES),
    (_wait(0, {"Message": "context deadline exceeded"}), 125),
)
"""Wait responses ``docker run`` reads, with the code it exits with for each."""


class Settings(NamedTuple):
    """How much to measure."""

    rounds: int  # paired rounds per comparison: many short ones, so noise hits both sides
    passes: int  # passes over the corpus inside one timed block
    import_runs: int  # interpreters started per import measurement
    growth_sizes: tuple[int, ...]
    growth_rounds: int
    batch_lines: int
    startup_runs: int  # paired fresh interpreters: python -c pass, exitcodes explain 137
    memo_rounds: int  # paired rounds per memo: every strategy drawn with it and without it
    memo_examples: int  # examples drawn from each strategy per round


FULL = Settings(301, 1, 41, (_KB, 100 * _KB, 10 * _MB), 31, 1_000_000, 31, 7, 300)
QUICK = Settings(5, 1, 3, (_KB, 10 * _KB, 100 * _KB), 2, 20_000, 3, 1, 20)


# --- the floor: what the Docker CLI itself does with a message -------------------------


def floor(message: str) -> int:
    """docker/cli's ``toStatusError``: three not-found phrases, then two 126 phrases."""
    if (
        "executable file not found" in message
        or "no such file or directory" in message
        or "system cannot find the file specified" in message
    ):
        return 127
    if "permission denied" in message or "is a directory" in message:
        return 126
    return 125


def wait_floor(wait: dict[str, object]) -> int:
    """What ``docker run`` does with a wait response: 125 for an Error, else the status."""
    if wait.get("Error"):
        return 125
    status = wait["StatusCode"]
    assert isinstance(status, int)
    return status & 0xFF


# --- timed loops: one per candidate, written out so that none pays for a wrapper -------


def _time_floor(messages: Sequence[str], passes: int) -> int:
    start = time.perf_counter_ns()
    for _ in range(passes):
        for message in messages:
            floor(message)
    return time.perf_counter_ns() - start


def _time_classify(messages: Sequence[str], passes: int) -> int:
    start = time.perf_counter_ns()
    for _ in range(passes):
        for message in messages:
            classify(message)
    return time.perf_counter_ns() - start


def _time_resolve_error(messages: Sequence[str], passes: int) -> int:
    start = time.perf_counter_ns()
    for _ in range(passes):
        for message in messages:
            resolve("run", error=message)
    return time.perf_counter_ns() - start


def _time_wait_floor(waits: Sequence[dict[str, object]], passes: int) -> int:
    start = time.perf_counter_ns()
    for _ in range(passes):
        for wait in waits:
            wait_floor(wait)
    return time.perf_counter_ns() - start


def _time_resolve_wait(waits: Sequence[dict[str, object]], passes: int) -> int:
    start = time.perf_counter_ns()
    for _ in range(passes):
        for wait in waits:
            resolve("run", wait=wait)
    return time.perf_counter_ns() - start


Timer = Callable[[], float]


def paired(timers: dict[str, Timer], rounds: int) -> dict[str, list[float]]:
    """Time every candidate once per round, rotating the order; ns per item per round."""
    names = list(timers)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for warm in names:  # warm up caches and the specializing interpreter
        timers[warm]()
    # What earlier sections (and check_answers) left behind is collected first, so that
    # it weighs on no candidate; then no collection runs while the rounds are timed.
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        for index in range(rounds):
            shift = index % len(names)
            for name in names[shift:] + names[:shift]:
                samples[name].append(timers[name]())
    finally:
        if enabled:
            gc.enable()
    return samples


def ratios(samples: dict[str, list[float]], candidate: str, base: str) -> float:
    """The median over rounds of candidate / base, both measured in the same round."""
    return statistics.median(c / b for c, b in zip(samples[candidate], samples[base], strict=True))


# --- checks: a benchmark of wrong answers is worthless ---------------------------------


def check_answers() -> None:
    """Fail the run if any timed call gives a wrong answer."""
    for entry in CORPUS:
        found = classify(entry.text)
        if found.exit_code != entry.exit_code:
            raise SystemExit(
                f"classify gave {found.exit_code} for {entry.category}: {entry.text!r}"
            )
        resolved = resolve("run", error=entry.text).exit_code
        if resolved != floor(entry.text):
            raise SystemExit(f"resolve gave {resolved}, docker exits {floor(entry.text)}")
    for wait, code in WAITS:
        if resolve("run", wait=wait).exit_code != code or wait_floor(wait) != code:
            raise SystemExit(f"wrong code for {wait}")


# --- the machine --------------------------------------------------------------------------


def cpu_model() -> str:
    """The CPU model, from /proc/cpuinfo where there is one."""
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return platform.processor() or platform.machine()
    for line in text.splitlines():
        if line.startswith("model name"):
            return line.partition(":")[2].strip()
    return platform.machine()


def load() -> str:
    """The 1-minute load average, which says how busy the machine was."""
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except OSError:  # pragma: no cover - not on this platform
        return "n/a"


def machine() -> list[str]:
    """Lines saying what ran the benchmark."""
    implementation = platform.python_implementation()
    return [
        f"machine: {cpu_model()}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}",
        f"python: {implementation} {platform.python_version()} ({sys.executable})",
        f"exitcodes: {Path(exitcodes.__file__).parent}",
    ]


# --- the table ----------------------------------------------------------------------------


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """A Markdown table, columns padded so that it also reads as plain text."""
    body = [list(header), *[list(row) for row in rows]]
    widths = [max(len(row[col]) for row in body) for col in range(len(header))]

    def line(row: Sequence[str]) -> str:
        cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        return "| " + " | ".join(cells) + " |"

    rule = "|" + "|".join("-" * (width + 2) for width in widths) + "|"
    return [line(body[0]), rule, *(line(row) for row in body[1:])]


def verdict(value: float, goal: float) -> str:
    """``met`` or ``MISSED``, for a value that should be at most *goal*."""
    return "met" if value <= goal else "MISSED"


def _ns(value: float) -> str:
    return f"{value:,.0f}"


# --- 1. per message -----------------------------------------------------------------------


def per_message(settings: Settings) -> list[str]:
    """classify and resolve against the floor, per corpus message and per wait response."""
    messages = [entry.text for entry in CORPUS]
    waits = [wait for wait, _ in WAITS]
    passes = settings.passes
    count = len(messages) * passes
    wait_count = len(waits) * passes * 3

    timers: dict[str, Timer] = {
        "floor": lambda: _time_floor(messages, passes) / count,
        "classify": lambda: _time_classify(messages, passes) / count,
        "resolve error": lambda: _time_resolve_error(messages, passes) / count,
        "wait floor": lambda: _time_wait_floor(waits, passes * 3) / wait_count,
        "resolve wait": lambda: _time_resolve_wait(waits, passes * 3) / wait_count,
    }
    samples = paired(timers, settings.rounds)
    median = {name: statistics.median(values) for name, values in samples.items()}
    sizes = sorted(len(message) for message in messages)
    classify_ratio = ratios(samples, "classify", "floor")
    error_ratio = ratios(samples, "resolve error", "floor")
    wait_ratio = ratios(samples, "resolve wait", "floor")
    rows = [
        ["floor: docker/cli's substring checks, inline", _ns(median["floor"]), "1.00", "", ""],
        [
            "classify(message)",
            _ns(median["classify"]),
            f"{classify_ratio:.2f}",
            "<= 2",
            verdict(classify_ratio, 2),
        ],
        [
            'resolve("run", error=message)',
            _ns(median["resolve error"]),
            f"{error_ratio:.2f}",
            "<= 3",
            verdict(error_ratio, 3),
        ],
        [
            'resolve("run", wait={...})',
            _ns(median["resolve wait"]),
            f"{wait_ratio:.2f}",
            "<= 3",
            verdict(wait_ratio, 3),
        ],
        [
            "  same, against the wait floor below",
            "",
            f"{ratios(samples, 'resolve wait', 'wait floor'):.2f}",
            "",
            "",
        ],
        [
            "wait floor: Error -> 125, else StatusCode & 0xFF, inline",
            _ns(median["wait floor"]),
            f"{ratios(samples, 'wait floor', 'floor'):.2f}",
            "",
            "",
        ],
    ]
    lines = [
        f"## Per message: {len(messages)} corpus messages of {sizes[0]} B to {sizes[-1]:,} B"
        f" (median {statistics.median(sizes):,.0f} B), {len(waits)} wait responses;"
        f" {settings.rounds} paired rounds",
        "",
        *table(["measurement", "ns per item", "ratio to floor", "goal", "goal met"], rows),
        "",
    ]
    return lines + by_category(settings)


def _per_item(loop: Callable[[list[str], int], int], items: list[str], passes: int) -> Timer:
    return lambda: loop(items, passes) / (len(items) * passes)


def by_category(settings: Settings) -> list[str]:
    """classify against the floor for each outcome of the corpus."""
    categories = sorted({entry.category for entry in CORPUS})
    timers: dict[str, Timer] = {}
    for category in categories:
        messages = [entry.text for entry in CORPUS if entry.category == category]
        timers[f"floor {category}"] = _per_item(_time_floor, messages, settings.passes * 5)
        timers[f"classify {category}"] = _per_item(_time_classify, messages, settings.passes * 5)
    samples = paired(timers, settings.rounds)
    rows = []
    for category in categories:
        count = sum(1 for entry in CORPUS if entry.category == category)
        rows.append(
            [
                category,
                str(count),
                _ns(statistics.median(samples[f"floor {category}"])),
                _ns(statistics.median(samples[f"classify {category}"])),
                f"{ratios(samples, f'classify {category}', f'floor {category}'):.2f}",
            ]
        )
    header = ["corpus category", "messages", "floor ns", "classify ns", "ratio"]
    return ["classify by outcome:", "", *table(header, rows), ""]


# --- 2. import ------------------------------------------------------------------------------


_IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)")


def _interpreter_env(cache: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("PYTHON") and key != "COVERAGE_PROCESS_START"
    }
    env["PYTHONPATH"] = str(ROOT)  # the exitcodes of this tree, whatever is installed
    env["PYTHONPYCACHEPREFIX"] = cache  # byte-compiled once, as an installed package is
    return env


def _wall(code: str, env: dict[str, str]) -> float:
    start = time.perf_counter_ns()
    subprocess.run([sys.executable, "-c", code], env=env, check=True, cwd=tempfile.gettempdir())
    return (time.perf_counter_ns() - start) / 1e6


# What each fresh interpreter runs. The package loads its modules on first use, so
# besides the import itself the table shows what the first answer costs.
_IMPORT_CODES = {
    "python": "pass",
    "attrs": "import attrs",
    "alone": "import exitcodes",
    # The others import attrs first, and are compared with attrs alone (paired).
    "exitcodes": "import attrs, exitcodes",
    "classify": "import attrs, exitcodes; exitcodes.classify('permission denied')",
    "resolve": "import attrs, exitcodes; exitcodes.resolve('run', error='permission denied')",
    # The first signalled status loads the Linux signal table, which classify defers.
    "signal": "import attrs, exitcodes; exitcodes.classify('permission denied');"
    " exitcodes.classify(137)",
}


def _import_time(code: str, env: dict[str, str]) -> float:
    """Microseconds the exitcodes modules take to load in *code*, after attrs (importtime).

    The cumulative times of the top-level ``exitcodes`` entries are added up: modules
    loaded on first use appear as entries of their own, not under the package.
    """
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        cwd=tempfile.gettempdir(),
    ).stderr
    total = [
        float(match[2])
        for match in map(_IMPORT_LINE.match, out.splitlines())
        if match and not match[3] and match[4].split(".")[0] == "exitcodes"
    ]
    if not total:
        raise SystemExit(f"no import time for exitcodes in:\n{out}")
    return sum(total)


def import_cost(settings: Settings) -> list[str]:
    """Fresh interpreters importing exitcodes (and answering once), against attrs alone."""
    with tempfile.TemporaryDirectory(prefix="exitcodes-pycache-") as cache:
        env = _interpreter_env(cache)
        _wall(_IMPORT_CODES["resolve"], env)  # compile once into the cache
        walls: dict[str, list[float]] = {name: [] for name in _IMPORT_CODES}
        importtimes: dict[str, list[float]] = {
            name: [] for name in ("exitcodes", "classify", "resolve", "signal")
        }
        for index in range(settings.import_runs):
            order = list(_IMPORT_CODES)
            shift = index % len(order)
            for name in order[shift:] + order[:shift]:
                walls[name].append(_wall(_IMPORT_CODES[name], env))
            for name, values in importtimes.items():
                values.append(_import_time(_IMPORT_CODES[name], env))

    def over_attrs(name: str) -> float:
        return statistics.median(c - a for c, a in zip(walls[name], walls["attrs"], strict=True))

    def median_ms(name: str) -> str:
        return f"{statistics.median(walls[name]):.1f}"

    extra = over_attrs("exitcodes")
    selftime = statistics.median(importtimes["exitcodes"]) / 1000
    rows = [
        ['python -c "pass"', median_ms("python"), "", ""],
        ['python -c "import attrs"', median_ms("attrs"), "", ""],
        ['python -c "import exitcodes"', median_ms("alone"), "", ""],
        ['python -c "import attrs, exitcodes"', median_ms("exitcodes"), "", ""],
        ["exitcodes - attrs, wall clock (paired)", f"{extra:.1f}", "<= 5", verdict(extra, 5)],
        ["exitcodes after attrs, -X importtime", f"{selftime:.1f}", "<= 5", verdict(selftime, 5)],
    ]
    for name, what in (("classify", "classify()"), ("resolve", "resolve()")):
        paired_ms = f"{over_attrs(name):.1f}"
        rows += [
            [f"import + first {what} - attrs, wall clock (paired)", paired_ms, "", "report"],
            [
                f"import + first {what} after attrs, -X importtime",
                f"{statistics.median(importtimes[name]) / 1000:.1f}",
                "",
                "report",
            ],
        ]
    deferred = statistics.median(
        signal / message
        for signal, message in zip(importtimes["signal"], importtimes["classify"], strict=True)
    )
    rows.append(
        [
            "the first signalled status after it, -X importtime (what classify defers)",
            f"+{(deferred - 1) * 100:.0f} %",
            ">= +10 %",
            "met" if deferred >= 1.1 else "MISSED",
        ]
    )
    return [
        f"## Import: {settings.import_runs} fresh interpreters each, byte code cached, medians",
        "",
        "`import exitcodes` loads one small module; each public name loads what it needs on",
        "first use. The first classify() or resolve() rows are what a tool pays before its",
        "first answer (modules, rule tables, the default profile's compiled tables).",
        "",
        *table(["measurement", "ms", "goal (ms)", "goal met"], rows),
        "",
    ]


# --- 3. cost growth -------------------------------------------------------------------------


def _label(size: int) -> str:
    return f"{size // _MB} MB" if size >= _MB else f"{size // _KB} KB"


def growth(settings: Settings) -> list[str]:
    """classify's time per byte for ever longer messages, and a hostile one."""

    def generic(size: int) -> str:
        return f"{_label(size)}, generic 125 (every CLI check tried)"

    def hostile(size: int) -> str:
        return f"{_label(size)}, adversarial near-misses"

    cases = [(generic(size), sized(size)) for size in settings.growth_sizes]
    larger = settings.growth_sizes[-2:]
    cases += [(hostile(size), adversarial(size)) for size in larger]
    for _, text in cases:
        if classify(text).exit_code != 125 or floor(text) != 125:
            raise SystemExit("a growth message is not a generic 125")

    def timer(candidate: Callable[[str], object], text: str) -> Timer:
        # 4 MB of text per block (or one call): a few milliseconds, as long as a 10 MB call
        # takes. Blocks of 256 KB (a quarter of a millisecond at 1 KB) were at the mercy
        # of the host's jitter: the same code's per-round ratios ranged from 0.9 to 1.9.
        repeat = max(1, (4 * _MB) // len(text))

        def run() -> float:
            # One untimed call first: the candidate before this one may have scanned 10 MB,
            # flushing the caches; growth compares steady costs, not the refill.
            candidate(text)
            start = time.perf_counter_ns()
            for _ in range(repeat):
                candidate(text)
            return (time.perf_counter_ns() - start) / (repeat * len(text))

        return run

    # The floor is timed on the same texts, in the same rounds: what its own ratios show
    # (short haystacks, near-misses) comes from CPython's substring search, not from us.
    timers = {label: timer(classify, text) for label, text in cases}
    timers |= {f"floor: {label}": timer(floor, text) for label, text in cases}
    samples = paired(timers, settings.growth_rounds)
    per_byte = {label: statistics.median(values) for label, values in samples.items()}
    # Ratios are taken within each round, as for the per-message table, so that the host
    # changing speed between rounds does not pass for a cost of the message.
    labels = [label for label, _ in cases]
    lowest = min(labels, key=per_byte.__getitem__)
    floor_lowest = min(labels, key=lambda label: per_byte[f"floor: {label}"])
    relative = {label: ratios(samples, label, lowest) for label in labels}
    rows = [
        [
            label,
            f"{len(text):,}",
            f"{per_byte[label]:.3f}",
            f"{relative[label]:.2f}",
            f"{per_byte[f'floor: {label}']:.3f}",
            f"{ratios(samples, f'floor: {label}', f'floor: {floor_lowest}'):.2f}",
        ]
        for label, text in cases
    ]
    spread = max(relative.values())
    small, large = larger
    generic_growth = per_byte[generic(large)] / per_byte[generic(small)]
    hostile_growth = per_byte[hostile(large)] / per_byte[hostile(small)]
    header = ["message", "bytes", "ns per byte", "ratio to lowest", "floor: ns per byte"]
    return [
        f"## Cost growth: classify, {settings.growth_rounds} paired rounds, medians",
        "",
        *table([*header, "floor: ratio to its lowest"], rows),
        "",
        f"spread (highest ratio to the lowest): {spread:.2f} (goal <= 1.5: {verdict(spread, 1.5)})",
        f"the same text, {_label(small)} -> {_label(large)}: ns per byte x{generic_growth:.2f}"
        f" (generic), x{hostile_growth:.2f} (adversarial); 1.00 is linear",
        "",
    ]


# --- 4. batch ---------------------------------------------------------------------------------


def _maxrss_mb() -> float:
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / _MB


def classify_lines(lines: Iterable[str]) -> Iterator[int | None]:
    """Stream: one exit code out per line in, nothing kept."""
    for line in lines:
        yield classify(line).exit_code


def batch_child(path: str, traced: int) -> None:
    """Run in a fresh interpreter: stream the file, print throughput and memory."""
    rss_before = _maxrss_mb()
    counts: Counter[int | None] = Counter()
    start = time.perf_counter_ns()
    with open(path, encoding="utf-8") as lines:
        for code in classify_lines(lines):
            counts[code] += 1
    seconds = (time.perf_counter_ns() - start) / 1e9
    rss_after = _maxrss_mb()
    tracemalloc.start()
    with open(path, encoding="utf-8") as lines:
        for index, code in enumerate(classify_lines(lines)):
            counts[code] += 0
            if index + 1 >= traced:
                break
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    total = sum(counts.values())
    print(f"{total} {seconds} {rss_before} {rss_after} {peak} {traced}")
    print(" ".join(f"{code}={count}" for code, count in sorted(counts.items(), key=str)))


def batch(settings: Settings) -> list[str]:
    """Classify a log file line by line in a fresh interpreter."""
    with tempfile.TemporaryDirectory(prefix="exitcodes-bench-") as directory:
        path = Path(directory) / "daemon.log"
        with path.open("w", encoding="utf-8") as out:
            for index in range(settings.batch_lines):
                out.write(log_line(index) + "\n")
        size = path.stat().st_size
        traced = max(1, settings.batch_lines // 10)
        output = subprocess.run(
            [sys.executable, __file__, "--batch-child", str(path), str(traced)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split("\n")
    total, seconds, before, after, peak, traced_lines = output[0].split()
    lines, elapsed = int(total), float(seconds)
    if lines != settings.batch_lines:
        raise SystemExit(f"classified {lines} lines, wrote {settings.batch_lines}")
    rows = [
        ["lines", f"{lines:,}"],
        ["bytes", f"{size:,} ({size / lines:,.0f} per line)"],
        ["seconds", f"{elapsed:.2f}"],
        ["lines per second", f"{lines / elapsed:,.0f}"],
        ["MB per second", f"{size / _MB / elapsed:.1f}"],
        ["max RSS after import / after the run (MB)", f"{float(before):.1f} / {float(after):.1f}"],
        [
            f"tracemalloc peak over the first {int(traced_lines):,} lines",
            f"{int(peak) / _KB:,.0f} KB",
        ],
        ["exit codes", output[1]],
    ]
    return [
        "## Batch: a daemon log streamed from a file, one classify per line, fresh interpreter",
        "",
        *table(["measurement", "value"], rows),
        "",
    ]


# --- 5. memos -------------------------------------------------------------------------------


def _draw_all(examples: int) -> float:
    """CPU seconds to draw *examples* from each public strategy that a memo serves."""
    from hypothesis import HealthCheck, given, settings

    from exitcodes import strategies

    drawn = (
        strategies.scenarios(),
        strategies.daemon_errors(),
        strategies.evidence(),
        strategies.versions(),
        strategies.profiles(),
        strategies.resolutions(),
        strategies.classifications(),
    )
    start = time.process_time()
    for strategy in drawn:

        @settings(
            max_examples=examples,
            database=None,
            derandomize=True,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(strategy)
        def draw(value: object) -> None:
            del value

        draw()
    return time.process_time() - start


def _without(memo: Callable[..., object]) -> Callable[[], None]:
    """Put the memo's plain function where the memo is bound; return the undo."""
    plain = memo.__wrapped__  # type: ignore[attr-defined]
    bound = [
        (module, name)
        for module in list(sys.modules.values())
        if getattr(module, "__name__", "").startswith("exitcodes")
        for name, value in list(vars(module).items())
        if value is memo
    ]
    for module, name in bound:
        setattr(module, name, plain)

    def undo() -> None:
        for module, name in bound:
            setattr(module, name, memo)

    return undo


def memos(settings: Settings) -> list[str]:
    """What each memo of the strategies buys: the same draws with it and without it, paired."""
    import exitcodes.strategies  # noqa: F401 - registers the strategies' memos
    from exitcodes import _matcher

    served = [memo for memo in _matcher.MEMOS if memo.__module__.startswith("exitcodes.strat")]
    rows = []
    for memo in served:
        saved = []
        for index in range(settings.memo_rounds):
            times = {}
            for name in ("with", "without") if index % 2 == 0 else ("without", "with"):
                undo = _without(memo) if name == "without" else (lambda: None)
                _matcher.forget()
                times[name] = _draw_all(settings.memo_examples)
                undo()
            saved.append(1 - times["with"] / times["without"])
        share = statistics.median(saved)
        name = f"{memo.__module__}.{memo.__name__}"
        rows.append([name, f"{share * 100:.0f} %", ">= 10 %", "met" if share >= 0.1 else "MISSED"])
    return [
        f"## Memos: every strategy drawn {settings.memo_examples} times, with and without each"
        f" memo, {settings.memo_rounds} paired rounds, medians",
        "",
        "A memo stays only where it pays: the share of the draws' CPU time it saves.",
        "The Linux signal table's memo pays at import (see the import table).",
        "",
        *table(["memo", "CPU time saved", "goal", "goal met"], rows),
        "",
    ]


# --- main -----------------------------------------------------------------------------------


SECTIONS: dict[str, Callable[[Settings], list[str]]] = {
    "per-message": per_message,
    "import": import_cost,
    "startup": lambda settings: startup_report(settings.startup_runs),
    "growth": growth,
    "batch": batch,
    "memos": memos,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print its tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="small sizes, few repetitions")
    parser.add_argument(
        "--only",
        choices=sorted(SECTIONS),
        action="append",
        help="run only this section (repeatable)",
    )
    parser.add_argument(
        "--batch-child", nargs=2, metavar=("PATH", "TRACED"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.batch_child:
        batch_child(args.batch_child[0], int(args.batch_child[1]))
        return 0
    settings = QUICK if args.quick else FULL
    check_answers()
    started = time.perf_counter()
    mode = "quick (numbers are indicative only)" if args.quick else "full"
    print(f"# exitcodes benchmark, {mode}")
    print()
    for line in machine():
        print(f"- {line}")
    print(f"- load average at start: {load()}")
    print()
    for name, section in SECTIONS.items():
        if args.only and name not in args.only:
            continue
        for line in section(settings):
            print(line, flush=True)
    print(f"load average at the end: {load()}; took {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
