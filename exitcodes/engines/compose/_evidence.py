"""What a tool that wraps compose can see: each container's exit, the evidence, the result."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from exitcodes.engines.compose._model import MAX_TEXT, MessageRule, Rule
from exitcodes.errors import (
    MalformedEvidenceError,
    UnsupportedEvidenceError,
    describe,
)


def as_exit_code(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise MalformedEvidenceError(f"{what} must be an int, got {describe(value)}")
    if not 0 <= value <= 255:
        raise MalformedEvidenceError(f"{what} must be 0..255, got {value}")
    return value


def _optional_code(value: object) -> int | None:
    return None if value is None else as_exit_code(value, "exit_code")


def _optional_int(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise MalformedEvidenceError(f"finished must be an int or None, got {describe(value)}")
    return value


def as_service_name(value: object) -> str:
    if not isinstance(value, str) or not value:
        raise MalformedEvidenceError(f"service must be a non-empty str, got {describe(value)}")
    return value


@attrs.frozen
class ContainerExit:
    """One container of a compose project: its service and, once it ended, its exit code.

    ``exit_code`` is ``None`` while the container runs (or never started); ``finished``
    orders the exits (any increasing number: ``timeNano`` of the ``die`` event, or
    ``FinishedAt`` as nanoseconds), ``None`` when unknown.
    """

    service: str = attrs.field(converter=as_service_name)
    exit_code: int | None = attrs.field(converter=_optional_code)
    finished: int | None = attrs.field(default=None, converter=_optional_int)
    oneoff: bool = False
    """A container of ``compose run``."""
    health: str | None = None
    stopped: bool | None = None
    """True when the container was stopped through the API (the daemon's ``stop`` event came
    before its ``die``), False when it exited by itself, None when unknown."""
    stopped_at: int | None = attrs.field(default=None, converter=_optional_int)
    """When the ``stop`` event came (same clock as ``finished``)."""


def as_items(value: Iterable[object]) -> tuple[object, ...]:
    """``tuple(value)``; an iterable that raises while iterated is malformed evidence."""
    try:
        return tuple(value)
    except Exception as exc:  # a hostile or broken iterable must not escape
        raise MalformedEvidenceError(
            f"iterating {type(value).__name__} raised {type(exc).__name__}"
        ) from None


def as_argv(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise UnsupportedEvidenceError(
            f"argv must be a sequence of str such as ('up', '-d'), got {describe(value)}"
        )
    out: list[str] = []
    for item in as_items(value):
        if not isinstance(item, str):
            raise UnsupportedEvidenceError(f"argv items must be str, got {describe(item)}")
        out.append(item)
    return tuple(out)


def _exits(value: object) -> tuple[ContainerExit, ...]:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise UnsupportedEvidenceError(
            f"containers must be a sequence of ContainerExit, got {describe(value)}"
        )
    out: list[ContainerExit] = []
    for item in as_items(value):
        if not isinstance(item, ContainerExit):
            raise UnsupportedEvidenceError(
                f"containers items must be ContainerExit, got {describe(item)}"
            )
        out.append(item)
    return tuple(out)


def _signal_number(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 128:
        raise MalformedEvidenceError(f"signal must be a signal number, got {describe(value)}")
    return value


def as_text(value: object) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str):
        raise UnsupportedEvidenceError(f"stderr must be str or bytes, got {describe(value)}")
    return value[-MAX_TEXT:]


@attrs.frozen
class ComposeEvidence:
    """What a wrapper of compose saw.

    ``argv`` is compose's command line after ``docker compose`` (global flags such as
    ``-p NAME`` may come first); ``containers`` the project's containers;
    ``exec_exit_code`` the exec process's code (``exec_die`` event, exec inspect);
    ``signal`` the signal compose itself got (``signal.SIGINT`` for Ctrl-C); ``stderr``
    compose's standard error (its last line carries compose's own error).
    """

    argv: tuple[str, ...] = attrs.field(converter=as_argv)
    containers: tuple[ContainerExit, ...] = attrs.field(default=(), converter=_exits)
    exec_exit_code: int | None = attrs.field(default=None, converter=_optional_code)
    signal: int | None = attrs.field(default=None, converter=_signal_number)
    stderr: str = attrs.field(default="", converter=as_text)


@attrs.frozen
class ComposeResult:
    """The compose process's exit code, the service that decided it, and why."""

    exit_code: int
    service: str | None
    rule: Rule
    reason: str
    message: MessageRule | None = None
    """Compose's own error message that decided the code, when one did."""
