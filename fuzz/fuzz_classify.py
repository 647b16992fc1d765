"""Fuzz ``exitcodes.classify``: any evidence, any profile; a result or an ExitCodesError.

Run ``python fuzz/fuzz_classify.py -max_total_time=60`` (atheris) or
``python fuzz/fuzz_classify.py --plain --seconds 60``; see ``fuzz/_common.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

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
        from exitcodes import ExitCodesError, classify, profiles
else:
    from exitcodes import ExitCodesError, classify, profiles

PROFILES = profiles_to_try(profiles)


class _Raising(Exception):
    @property
    def explanation(self) -> str:
        raise RuntimeError("explanation")


def evidence(data: Provider) -> object:
    """One piece of evidence of any shape."""
    choice = data.ConsumeIntInRange(0, 6)
    if choice == 0:
        return text(data)
    if choice == 1:
        return text(data).encode("utf-8", "surrogatepass")
    if choice == 2:
        return data.ConsumeInt(data.ConsumeIntInRange(1, 16))
    if choice == 3:
        return document(data)
    if choice == 4:
        return {"State": document(data)}
    if choice == 5:
        return _Raising(text(data)) if data.ConsumeBool() else ValueError(text(data))
    return junk(data)


def test_one_input(data: Provider) -> None:
    """Classify one input; raise for anything but a valid result or an ExitCodesError."""
    profile = PROFILES[data.ConsumeIntInRange(0, len(PROFILES) - 1)]
    value = evidence(data)
    result = answer_or_none(lambda: classify(value, profile=profile), ExitCodesError)
    if result is not None:
        check_result(result, profile, repr(value))
        result.to_dict()


if __name__ == "__main__":
    main(test_one_input)
