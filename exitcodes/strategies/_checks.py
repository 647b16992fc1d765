"""Argument checks and drawing helpers: every public strategy validates eagerly."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import Any, TypeVar

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from exitcodes._matcher import remembered
from exitcodes.engines import spec as engine_spec
from exitcodes.errors import ExitCodesError, InvalidArgumentError, describe
from exitcodes.outcome import ExitOutcome
from exitcodes.profiles import DEFAULT, Engine, EngineName, Profile, Version, parse_version

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1
_INT32_MIN = -(2**31)  # the lowest bare int classify reads (a signed 32-bit exit code)

MESSAGE_OUTCOMES: tuple[ExitOutcome, ...] = (
    ExitOutcome.NOT_FOUND,
    ExitOutcome.CANNOT_INVOKE,
    ExitOutcome.ENGINE_ERROR,
    ExitOutcome.USAGE_ERROR,
)
"""The outcomes an error text can classify to, so the ones :func:`daemon_errors` takes."""


# --------------------------------------------------------------------------------------
# Argument checks: every public strategy validates eagerly.
# --------------------------------------------------------------------------------------


_T = TypeVar("_T")
_BOOLEANS = st.booleans()


# One strategy per choice set, not per draw: draws cost 12 % less.
@remembered(maxsize=2048)
def _sampled(options: tuple[Any, ...]) -> st.SearchStrategy[Any]:
    return st.sampled_from(options)


def _pick(draw: st.DrawFn, options: Sequence[_T]) -> _T:
    """``draw(st.sampled_from(options))``, without building a strategy per draw."""
    result: _T = draw(_sampled(tuple(options)))
    return result


def _integer(draw: st.DrawFn, low: int, high: int) -> int:
    return draw(st.integers(low, high))


def _fail(call: str, message: str) -> InvalidArgument:
    return InvalidArgument(f"{call}: {message}")


def _check_bool(value: object, name: str, call: str) -> bool:
    if not isinstance(value, bool):
        raise _fail(call, f"{name} must be a bool, got {describe(value)}")
    return value


def _check_int(value: object, name: str, call: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(call, f"{name} must be an int, got {describe(value)}")
    number = int.__int__(value)  # the value an int subclass holds, its own methods unread
    if not INT64_MIN <= number <= INT64_MAX:
        raise _fail(
            call, f"{name} must fit in int64 as the Engine API sends it, got {describe(number)}"
        )
    return number


def _check_strategy(value: object, name: str, call: str) -> st.SearchStrategy[Any]:
    if not isinstance(value, st.SearchStrategy):
        raise _fail(call, f"{name} must be a Hypothesis strategy, got {describe(value)}")
    return value


def _check_engine(engine: object, call: str) -> Engine | EngineName:
    """A package engine (a member or its name), or an engine registered from outside."""
    if isinstance(engine, Engine):
        return engine
    if isinstance(engine, EngineName):
        try:
            engine_spec(engine)
        except InvalidArgumentError:
            raise _fail(call, f"engine {engine.value!r} is not registered") from None
        return engine
    if isinstance(engine, str):
        for member in Engine:
            if member.value == engine.strip().lower():
                return member
    choices = ", ".join(repr(member.value) for member in Engine)
    raise _fail(
        call,
        f"engine must be one of {choices} or a registered EngineName, got {describe(engine)}",
    )


def _default_profile(engine: Engine | EngineName) -> Profile:
    """The newest release of *engine*, as its spec's profile factory builds it."""
    profile: Profile = engine_spec(engine).profile()
    return profile


def _check_profile(profile: object, call: str) -> Profile:
    if profile is None:
        return DEFAULT
    if not isinstance(profile, Profile):
        raise _fail(
            call,
            "profile must be an exitcodes Profile such as profiles.docker('28.2.2'),"
            f" got {describe(profile)}",
        )
    return profile


def _is_empty(values: object) -> bool:
    """*values* is an empty collection (``()``, ``[]``...): asked of its items, not len()."""
    if isinstance(values, (str, bytes, bytearray, memoryview)) or not isinstance(
        values, Collection
    ):
        return False
    try:
        return next(iter(values), _NOTHING) is _NOTHING
    except Exception:  # a hostile collection: _check_choices says what is wrong with it
        return False


_NOTHING = object()

#: More names than any collection of choices holds: a longer (or endless) one is refused.
_MAX_CHOICES = 1_000


def _check_choices(values: object, name: str, choices: Sequence[str], call: str) -> tuple[str, ...]:
    """A non-empty subset of *choices*, in the order of *choices*."""
    if isinstance(values, (str, bytes, bytearray, memoryview)) or not isinstance(values, Iterable):
        raise _fail(call, f"{name} must be a collection of names, got {describe(values)}")
    chosen: list[object] = []
    try:  # a for loop, not list(): a lying __len__ is never asked
        for value in values:
            # The text a str subclass holds, its own __eq__ and __hash__ unread.
            chosen.append(str.__str__(value) if isinstance(value, str) else value)
            if len(chosen) > _MAX_CHOICES:
                raise _fail(call, f"{name} names more than {_MAX_CHOICES} values")
    except InvalidArgument:
        raise
    except Exception as exc:  # a hostile collection: its own error is no argument error
        raise _fail(
            call, f"{name} cannot be read: {type(exc).__name__}: {describe(values)}"
        ) from None
    unknown = [value for value in chosen if type(value) is not str or value not in choices]
    if unknown:
        shown = ", ".join(repr(choice) for choice in choices)
        raise _fail(call, f"{name} must name some of {shown}; unknown: {describe(unknown)}")
    if not chosen:
        raise _fail(call, f"{name} must not be empty")
    return tuple(choice for choice in choices if choice in chosen)


def _check_version(value: object, name: str, call: str) -> Version:
    if not isinstance(value, (str, Version)):
        raise _fail(call, f"{name} must be a version such as '28.2.2', got {describe(value)}")
    try:
        return parse_version(value)
    except ExitCodesError as exc:
        raise _fail(call, f"{name}: {exc}") from None
