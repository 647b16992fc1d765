"""Fuzz ``exitcodes.classify``: any evidence, any profile; a result or an ExitCodesError.

Run ``python fuzz/fuzz_classify.py -max_total_time=60`` (atheris) or
``python fuzz/fuzz_classify.py --plain --seconds 60``; see ``fuzz/_common.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import INSTRUMENT, Provider, atheris, document, junk, main, text

if INSTRUMENT:
    with atheris.instrument_imports(include=["exitcodes"]):
        from exitcodes import ExitCodesError, classify, profiles
else:
    from exitcodes import ExitCodesError, classify, profiles

PROFILES = [
    None,
    profiles.docker("17.6.0"),
    profiles.docker("20.10.24"),
    profiles.docker("23.0.1", engine_version="27.5.1"),
    profiles.docker("29.7.2", platform="windows"),
    *(
        getattr(profiles, name)()
        for name in ("podman", "nerdctl")
        if callable(getattr(profiles, name, None))
    ),
]


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
    try:
        result = classify(value, profile=profile)
    except ExitCodesError as error:
        if not str(error):
            raise AssertionError(f"{type(error).__name__} without a message") from error
        return
    posix = profile is None or profile.posix
    code = result.exit_code
    if code is not None and not 0 <= code <= (255 if posix else 0xFFFFFFFF):
        raise AssertionError(f"exit code {code} for {value!r} under {profile}")
    if not result.rule or not result.reason:
        raise AssertionError(f"no rule or reason: {result!r}")
    result.to_dict()


if __name__ == "__main__":
    main(test_one_input)
