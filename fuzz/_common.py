"""What the fuzz targets share: turning fuzzer bytes into values, and running a target.

Each target runs under atheris (coverage-guided libFuzzer) when atheris is installed,
and otherwise as plain Python feeding random inputs for a number of seconds, so that
it runs on every Python this project supports. Either way a target's
``test_one_input`` raises for a bug (an exception that is not an ``ExitCodesError``,
an exit code outside 0..255 on a POSIX profile) and returns otherwise.

Usage of a target script::

    python fuzz/fuzz_classify.py -max_total_time=60      # atheris (libFuzzer flags)
    python fuzz/fuzz_classify.py --plain --seconds 60    # plain Python, random inputs
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # fuzz the exitcodes of this tree
    sys.path.insert(0, str(ROOT))

try:
    import atheris  # type: ignore[import-untyped,import-not-found,unused-ignore]
except ImportError:  # atheris is optional: pip install atheris
    atheris = None

INSTRUMENT = atheris is not None and "--plain" not in sys.argv
"""Whether the targets run under atheris (and so instrument exitcodes when importing it)."""

__all__ = [
    "INSTRUMENT",
    "Provider",
    "RandomProvider",
    "answer_or_none",
    "atheris",
    "check_result",
    "document",
    "junk",
    "main",
    "profiles_to_try",
    "text",
]

# Words the library reacts to, so that random inputs reach its deeper paths.
WORDS = (
    "executable file not found",
    "no such file or directory",
    "system cannot find the file specified",
    "permission denied",
    "is a directory",
    "not a directory",
    "Cannot connect to the Docker daemon",
    "error during connect",
    "onnect",
    "unknown flag: ",
    '"docker run" requires at least 1 argument.',
    "is not a docker command",
    "Error response from daemon: ",
    "docker: ",
    "Error: ",
    "read escape sequence",
    "context canceled",
    "EOF",
    "OCI runtime create failed",
)
KEYS = (
    "StatusCode",
    "Error",
    "Message",
    "State",
    "Status",
    "ExitCode",
    "Running",
    "Paused",
    "Restarting",
    "OOMKilled",
    "Dead",
    "message",
    "ProcessConfig",
    "exitCode",
    "terminated",
    "waiting",
    "running",
    "state",
    "reason",
)
STATES = ("exited", "running", "created", "paused", "restarting", "dead", "removing", "")


class Provider(Protocol):
    """The part of atheris' FuzzedDataProvider that the targets use."""

    def ConsumeIntInRange(self, low: int, high: int) -> int: ...
    def ConsumeInt(self, size: int) -> int: ...
    def ConsumeBool(self) -> bool: ...
    def ConsumeUnicode(self, count: int) -> str: ...
    def ConsumeBytes(self, count: int) -> bytes: ...
    def ConsumeFloat(self) -> float: ...
    def remaining_bytes(self) -> int: ...


class RandomProvider:
    """A FuzzedDataProvider stand-in drawing from :mod:`random` (plain-Python mode)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.budget = rng.choice((16, 64, 256, 4096))

    def ConsumeIntInRange(self, low: int, high: int) -> int:
        self.budget -= 1
        return self.rng.randint(low, high)

    def ConsumeInt(self, size: int) -> int:
        self.budget -= size
        bits = 8 * size
        return self.rng.randrange(-(2 ** (bits - 1)), 2 ** (bits - 1))

    def ConsumeBool(self) -> bool:
        self.budget -= 1
        return self.rng.random() < 0.5

    def ConsumeUnicode(self, count: int) -> str:
        self.budget -= count
        ceiling = self.rng.choice((0x7F, 0xFF, 0xFFFF, 0x10FFFF))
        return "".join(chr(self.rng.randint(0, ceiling)) for _ in range(count))

    def ConsumeBytes(self, count: int) -> bytes:
        self.budget -= count
        return self.rng.randbytes(count)

    def ConsumeFloat(self) -> float:
        self.budget -= 8
        return self.rng.choice((float("nan"), float("inf"), -float("inf"), self.rng.random()))

    def remaining_bytes(self) -> int:
        return max(0, self.budget)


def text(data: Provider) -> str:
    """A string: fuzzer text (lone surrogates included) mixed with the library's words."""
    parts: list[str] = []
    for _ in range(data.ConsumeIntInRange(0, 6)):
        if data.ConsumeBool():
            parts.append(WORDS[data.ConsumeIntInRange(0, len(WORDS) - 1)])
        else:
            parts.append(data.ConsumeUnicode(data.ConsumeIntInRange(0, 40)))
    return "".join(parts)


def junk(data: Provider, depth: int = 0) -> Any:
    """Any JSON-like value or worse: ints beyond int64, NaN, bytes, nested containers."""
    choice = data.ConsumeIntInRange(0, 11 if depth < 3 else 7)
    if choice == 0:
        return None
    if choice == 1:
        return data.ConsumeBool()
    if choice == 2:
        return data.ConsumeInt(data.ConsumeIntInRange(1, 24))
    if choice == 3:
        return data.ConsumeIntInRange(-300, 600)
    if choice == 4:
        return data.ConsumeFloat()
    if choice == 5:
        return text(data)
    if choice == 6:
        return data.ConsumeBytes(data.ConsumeIntInRange(0, 20))
    if choice == 7:
        return STATES[data.ConsumeIntInRange(0, len(STATES) - 1)]
    if choice == 8:
        return [junk(data, depth + 1) for _ in range(data.ConsumeIntInRange(0, 3))]
    if choice == 9:
        return document(data, depth + 1)
    if choice == 10:
        return {junk(data, 3): junk(data, depth + 1) for _ in range(data.ConsumeIntInRange(0, 2))}
    return {text(data): junk(data, depth + 1) for _ in range(data.ConsumeIntInRange(0, 3))}


def document(data: Provider, depth: int = 0) -> dict[Any, Any]:
    """A dict with the keys the library reads, holding junk."""
    result: dict[Any, Any] = {}
    for _ in range(data.ConsumeIntInRange(0, 5)):
        key = KEYS[data.ConsumeIntInRange(0, len(KEYS) - 1)]
        result[key] = junk(data, depth + 1)
    return result


def as_json(value: Any) -> str:
    """*value* as JSON text where it can be (non-str keys are made strings)."""
    try:
        return json.dumps(value, default=repr)
    except (TypeError, ValueError):
        return repr(value)


def profiles_to_try(profiles: Any) -> list[Any]:
    """``None`` (the default) and profiles of every engine, version era and platform."""
    return [
        None,
        profiles.docker("17.6.0"),
        profiles.docker("20.10.24"),
        profiles.docker("23.0.1", engine_version="27.5.1"),
        profiles.docker("27.5.1"),
        profiles.docker("28.2.2", engine_version="24.0.9"),
        profiles.docker("29.7.2", platform="windows"),
        profiles.podman(),
        profiles.nerdctl(),
    ]


def answer_or_none(call: Callable[[], Any], error_type: type[Exception]) -> Any:
    """``call()``, or ``None`` when it raises *error_type* (which must carry a message)."""
    try:
        return call()
    except error_type as error:
        if not str(error):
            raise AssertionError(f"{type(error).__name__} without a message") from error
        return None


def check_result(result: Any, profile: Any, what: str) -> None:
    """Raise unless *result* has an exit code in range for *profile*, a rule and a reason."""
    posix = profile is None or profile.posix
    code = result.exit_code
    if code is not None and not 0 <= code <= (255 if posix else 0xFFFFFFFF):
        raise AssertionError(f"exit code {code} for {what} under {profile}")
    if not result.rule or not result.reason:
        raise AssertionError(f"no rule or reason: {result!r}")


def _plain(test_one_input: Callable[[Provider], None], seconds: float, seed: int) -> int:
    rng = random.Random(seed)
    deadline = time.monotonic() + seconds
    runs = 0
    while time.monotonic() < deadline:
        test_one_input(RandomProvider(rng))
        runs += 1
    return runs


def main(test_one_input: Callable[[Provider], None], argv: Sequence[str] | None = None) -> None:
    """Fuzz *test_one_input* under atheris, or in plain Python with ``--plain``."""
    args = list(sys.argv if argv is None else argv)
    if not INSTRUMENT:
        seconds = 10.0
        for flag in ("--seconds", "-max_total_time"):
            for arg in args:
                if arg.startswith(flag + "="):
                    seconds = float(arg.split("=", 1)[1])
            if flag in args:
                seconds = float(args[args.index(flag) + 1])
        seed = int(os.environ.get("FUZZ_SEED", "0")) or random.SystemRandom().randrange(2**32)
        started = time.monotonic()
        runs = _plain(test_one_input, seconds, seed)
        elapsed = time.monotonic() - started
        name = Path(args[0]).stem if args else "target"
        print(
            f"{name}: plain Python (no atheris), seed {seed}: {runs} runs in {elapsed:.1f} s,"
            f" {runs / max(elapsed, 1e-9):.0f} exec/s, no crash"
        )
        return

    def one_input(raw: bytes) -> None:
        test_one_input(atheris.FuzzedDataProvider(raw))

    atheris.Setup([arg for arg in args if arg != "--atheris"], one_input)
    atheris.Fuzz()
