"""Fuzz ``exitcodes.resolve``: every keyword; a result or an ExitCodesError.

Run ``python fuzz/fuzz_resolve.py -max_total_time=60`` (atheris) or
``python fuzz/fuzz_resolve.py --plain --seconds 60``; see ``fuzz/_common.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    INSTRUMENT,
    Provider,
    answer_or_none,
    atheris,
    check_result,
    document,
    junk,
    main,
    profiles_to_try,
    text,
)

if INSTRUMENT:
    with atheris.instrument_imports(include=["exitcodes"]):
        from exitcodes import ExitCodesError, profiles, resolve
        from exitcodes.rules import COMMANDS, PHASES
else:
    from exitcodes import ExitCodesError, profiles, resolve
    from exitcodes.rules import COMMANDS, PHASES

PROFILES = profiles_to_try(profiles)
STREAMS: list[Any] = [None, "stdin", ("stdin",), ("stdout", "stderr"), [], ["x"], 3]


def _value(data: Provider) -> Any:
    choice = data.ConsumeIntInRange(0, 4)
    if choice == 0:
        return text(data)
    if choice == 1:
        return document(data)
    if choice == 2:
        return data.ConsumeIntInRange(-(2**64), 2**64)
    if choice == 3:
        return [_value(data) for _ in range(data.ConsumeIntInRange(0, 3))]
    return junk(data)


def test_one_input(data: Provider) -> None:
    """Resolve one call; raise for anything but a valid result or an ExitCodesError."""
    commands = [*COMMANDS, text(data)]
    command = commands[data.ConsumeIntInRange(0, len(commands) - 1)]
    keywords: dict[str, Any] = {}
    if data.ConsumeBool():
        keywords["error"] = _value(data)
    if data.ConsumeBool():
        phases = [*PHASES, text(data)]
        keywords["phase"] = phases[data.ConsumeIntInRange(0, len(phases) - 1)]
    for name in ("wait", "exec_inspect", "state"):
        if data.ConsumeBool():
            keywords[name] = _value(data)
    if data.ConsumeBool():
        keywords["detach"] = data.ConsumeBool() if data.ConsumeBool() else junk(data)
    if data.ConsumeBool():
        keywords["attached_streams"] = STREAMS[data.ConsumeIntInRange(0, len(STREAMS) - 1)]
    profile = PROFILES[data.ConsumeIntInRange(0, len(PROFILES) - 1)]
    result = answer_or_none(lambda: resolve(command, profile=profile, **keywords), ExitCodesError)
    if result is not None:
        check_result(result, profile, f"{command!r} {keywords!r}")


if __name__ == "__main__":
    main(test_one_input)
