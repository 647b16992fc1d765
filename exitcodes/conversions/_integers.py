"""The integer ranges every conversion checks its arguments against."""

from __future__ import annotations

from exitcodes.errors import MalformedEvidenceError, describe

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1
MAX_WAIT_SIGNAL = 126

SHELL_SIGNAL_BASE = 128
KSH_SIGNAL_BASE = 256
UINT32 = 2**32
INT32_MIN = -(2**31)


def as_int(value: object, what: str, low: int = INT64_MIN, high: int = INT64_MAX) -> int:
    """*value* as a plain int in ``low..high``, or MalformedEvidenceError naming it."""
    if isinstance(value, bool) or not isinstance(value, int) or not issubclass(type(value), int):
        raise MalformedEvidenceError(
            f"{what} must be an int, not {type(value).__name__}: {describe(value)}"
        )
    number = int.__int__(value)  # an exact int: a subclass's own methods are never called
    if not low <= number <= high:
        raise MalformedEvidenceError(f"{what} {describe(number)} is outside {low}..{high}")
    return number


# --------------------------------------------------------------------------- signals
