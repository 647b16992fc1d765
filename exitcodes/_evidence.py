"""Reading evidence: turning strings, exceptions and API documents into checked values.

Everything here is total: it returns a checked value or raises one of the
library's own errors naming the field and the value.
"""

from __future__ import annotations

import enum
import re
import sys
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar, cast

from exitcodes.errors import (
    InvalidArgumentError,
    MalformedEvidenceError,
    UnsupportedEvidenceError,
    describe,
)

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1

MESSAGE_PREFIXES = ("Error response from daemon: ", "docker: ", "Error: ")
# How the Docker CLI shows an error the daemon answered with (its APIError), alone and
# after docker run's "docker: ": by far the most common start of a message, and proof
# that the client parsed its arguments and reached the daemon.
_DAEMON_ANSWER = "Error response from daemon: "
DAEMON_ANSWERS = ("docker: " + _DAEMON_ANSWER, _DAEMON_ANSWER)  # longest first


class EvidenceKind(enum.Enum):
    """What kind of evidence a classification was made from."""

    STATUS = "status"
    """A bare exit status (an ``int``)."""
    MESSAGE = "message"
    """An error text: a string, an exception or an API error body."""
    WAIT = "wait"
    """A wait response: ``{"StatusCode": ..., "Error": ...}``."""
    STATE = "state"
    """A container state: ``docker inspect``'s ``State`` or the whole document."""
    EXEC = "exec"
    """An exec inspect: ``{"ExitCode": ...}``."""
    KUBERNETES = "kubernetes"
    """A Kubernetes container status or state (terminated, waiting, running)."""
    PROCESS = "process"
    """A process result already decided by a real CLI (``return_code``, ``returncode``)."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"


# A run of one prefix is skipped a block of _BLOCK_COPIES copies at a time (one
# startswith, no copy of the text): "Error: " repeated over 100 MB costs milliseconds.
_BLOCK_COPIES = 512
_BLOCKS = tuple(prefix * _BLOCK_COPIES for prefix in MESSAGE_PREFIXES)


# The CLI's prefixes, repeated, at the start of a text (it matches, if only empty). The
# repetition is possessive (Python 3.11+): no prefix starts another, so at most one matches
# at any place and nothing is given back, and the engine keeps no backtracking state per
# repetition (a greedy ``*`` kept some: 16 times the text's size in memory for "Error: "
# repeated). None before Python 3.11, where prefix_end loops over the prefixes instead.
_PREFIXES: re.Pattern[str] | None = (
    re.compile("(?:" + "|".join(map(re.escape, MESSAGE_PREFIXES)) + ")*+")
    if sys.version_info >= (3, 11)
    else None  # pragma: no cover - no possessive repetition before 3.11
)


def prefix_end(message: str) -> int:
    """Where *message* starts after the prefixes the CLI and the client put before it.

    ``message[prefix_end(message):]`` is :func:`strip_prefixes`, without copying.
    Linear in the length of the prefixes, and it allocates nothing that grows with it.
    """
    if not message.startswith(MESSAGE_PREFIXES):
        return 0
    end = 0
    if message.startswith(_BLOCKS):  # a long run of one prefix: skipped block by block
        block = next(block for block in _BLOCKS if message.startswith(block))
        while message.startswith(block, end):
            end += len(block)
    if _PREFIXES is not None:
        return _PREFIXES.match(message, end).end()  # type: ignore[union-attr] # it matches
    found = True  # pragma: no cover - Python 3.10
    while found:  # pragma: no cover - Python 3.10
        found = False
        for prefix in MESSAGE_PREFIXES:
            while message.startswith(prefix, end):
                end += len(prefix)
                found = True
    return end  # pragma: no cover - Python 3.10


def strip_prefixes(message: str) -> str:
    """Drop the prefixes the CLI and the client put before a daemon message."""
    return message[prefix_end(message) :]


_T = TypeVar("_T")


def plain(value: _T) -> _T:
    """*value* read once: an instance of a ``str`` or ``int`` subclass as the plain value.

    Read through ``str``'s and ``int``'s own slots (``str.__str__``, ``int.__int__``),
    never the subclass's overrides: whatever its ``__eq__``, ``__hash__``, ``__len__``
    or ``__getitem__`` do, every later step sees a plain value that cannot lie or
    raise. Public functions call it at entry on their str and int arguments. The type
    is read with ``type()``, not ``isinstance`` (a ``Mock(spec=str)`` claims to be a
    str). ``bool``, enum members (the library reads a signal member as such) and
    everything else are returned unchanged.

    >>> class Loud(str):
    ...     def __len__(self):
    ...         raise RuntimeError("no")
    >>> type(plain(Loud("run"))) is str, plain(Loud("run"))
    (True, 'run')
    """
    cls = type(value)
    if cls is str or cls is int or cls is bool or issubclass(cls, enum.Enum):
        return value
    if issubclass(cls, str):
        return cast("_T", str.__str__(cast("str", value)))
    if issubclass(cls, int):
        return cast("_T", int.__int__(cast("int", value)))
    return value


def flag(value: object, where: str) -> bool:
    """Check that *value* is a real ``bool`` (an argument, not evidence: no truthiness).

    Raises:
        InvalidArgumentError: *value* is anything else, ``0``/``1`` and ``None`` included.
    """
    if not isinstance(value, bool):
        raise InvalidArgumentError(f"{where} must be a bool, got {describe(value)}")
    return value


def _decode(value: bytes | bytearray | memoryview) -> str:
    try:
        data = bytes(value)
    except ValueError:  # a released memoryview
        raise MalformedEvidenceError(
            f"cannot read the bytes of {type(value).__name__}: it was released"
        ) from None
    return data.decode("utf-8", errors="replace")


def exception_text(error: BaseException) -> str:
    """The daemon message an exception carries.

    docker-py's ``APIError.explanation`` holds the daemon's own text; other
    exceptions are read through ``str()``.
    """
    try:
        explanation = getattr(error, "explanation", None)
    except Exception:
        explanation = None
    if isinstance(explanation, (bytes, bytearray)):
        explanation = _decode(explanation)
    if isinstance(explanation, str):
        explanation = plain(explanation)
        if explanation:
            return explanation
    try:
        text = str(error)
    except Exception as exc:
        raise MalformedEvidenceError(
            f"cannot read the message of {type(error).__name__}: str() raised {type(exc).__name__}"
        ) from None
    return plain(text)  # a __str__ may return a str subclass


def message_text(evidence: object, field: str = "error") -> str:
    """Return the error text of *evidence* (str, bytes, exception or ``{"message": ...}``)."""
    if isinstance(evidence, str):
        return plain(evidence)
    if isinstance(evidence, (bytes, bytearray, memoryview)):
        return _decode(evidence)
    if isinstance(evidence, BaseException):
        return exception_text(evidence)
    if isinstance(evidence, Mapping):
        message = get_field(evidence, "message", field)
        if isinstance(message, (bytes, bytearray)):
            return _decode(message)
        if isinstance(message, str):
            return plain(message)
        raise MalformedEvidenceError(f"{field}['message'] must be a str, got {describe(message)}")
    raise UnsupportedEvidenceError(
        f"{field} must be a str, bytes, an exception or an API error body {{'message': ...}},"
        f" got {type(evidence).__name__}: {describe(evidence)}"
    )


# Where a text states an exit status: docker ps "Exited (137)", compose "exited with code
# 137", kubectl "Exit Code: 137", inspect JSON "ExitCode": 137, "exit status 1", "exit(127)".
CODE_MARKERS = (
    "exited (",
    "with code",
    "exit code",
    "exit status",
    "exited status",
    "exitcode",
    "statuscode",
    "exit(",
)
# A short text made of one of these (and no engine phrase) is a status line: it is read
# as the status it names. Go's exec.ExitError prints "exit status N".
STATUS_LINE_MARKERS = (
    "exited (",
    "with code",
    "exit code",
    "exit status",
    "exited status",
    "exit(",
)
_STATUS_LINE_MAX = 300
_SKIPPED = frozenset(" \t:=\"'(")
_MAX_CODES = 16  # exit statuses read from one text
_MAX_DIGITS = 20


def codes_in_text(lowered: str, markers: Iterable[str] = CODE_MARKERS) -> list[int]:
    """Exit statuses a lower-cased text states after one of *markers*, in order (linear)."""
    found: list[int] = []
    for marker in markers:
        start = lowered.find(marker)
        while start >= 0 and len(found) < _MAX_CODES:
            position = start + len(marker)
            skipped = 0
            while position < len(lowered) and lowered[position] in _SKIPPED and skipped < 4:
                position += 1
                skipped += 1
            negative = position < len(lowered) and lowered[position] == "-"
            digits_start = position + 1 if negative else position
            end = digits_start
            while (
                end < len(lowered) and end - digits_start < _MAX_DIGITS and lowered[end].isdigit()
            ):
                end += 1
            if end > digits_start and lowered[digits_start:end].isascii():
                value = int(lowered[digits_start:end])
                value = -value if negative else value
                if INT64_MIN <= value <= INT64_MAX and value not in found:
                    found.append(value)
            start = lowered.find(marker, start + len(marker))
    return found


_NUMBER_MAX = 24  # an int64 with its sign, and room for spaces


def number_text(text: str) -> int | None:
    """The int a text is made of and nothing else (``" 137 "``, ``"-9"``), or ``None``.

    ASCII digits only, with an optional sign; at most int64 (a longer number is no
    status, and is never converted).
    """
    if len(text) > _NUMBER_MAX:
        return None
    stripped = text.strip()
    digits = stripped[1:] if stripped[:1] in ("-", "+") else stripped
    if not digits or not digits.isascii() or not digits.isdigit():
        return None
    value = int(stripped)
    return value if INT64_MIN <= value <= INT64_MAX else None


def status_line(text: str) -> int | None:
    """The status a short one-line text names (``Exited (137) 2 minutes ago``), or ``None``."""
    if len(text) > 4 * _STATUS_LINE_MAX:
        return None
    stripped = text.strip()
    if not stripped or len(stripped) > _STATUS_LINE_MAX or "\n" in stripped:
        return None
    codes = codes_in_text(stripped.lower(), STATUS_LINE_MARKERS)
    return codes[0] if len(codes) == 1 else None


_MISSING: Any = object()


def get_field(document: Mapping[Any, Any], key: str, where: str, default: Any = _MISSING) -> Any:
    """``document[key]`` that turns a hostile mapping's exceptions into ours."""
    try:
        if key in document:
            return document[key]
    except Exception as exc:
        raise MalformedEvidenceError(
            f"cannot read {where}[{key!r}]: {type(exc).__name__}"
        ) from None
    if default is _MISSING:
        raise MalformedEvidenceError(f"{where} has no {key!r} field")
    return default


def int_field(value: object, where: str, *, allow_none: bool = False) -> int | None:
    """Check that *value* is an int64 (not a bool), as the Engine API types it."""
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise MalformedEvidenceError(f"{where} must be an int, got {describe(value)}")
    number = int.__int__(value)  # a plain int: a subclass's own methods are never called
    if not INT64_MIN <= number <= INT64_MAX:
        shown = describe(number) if number.bit_length() < 200 else f"{number.bit_length()} bits"
        raise MalformedEvidenceError(
            f"{where} must fit in int64 as the Engine API sends it, got {shown}"
        )
    return number


def bool_field(value: object, where: str) -> bool:
    """Check that *value* is a bool or ``None`` (read as false)."""
    if value is None:
        return False
    if not isinstance(value, bool):
        raise MalformedEvidenceError(f"{where} must be a bool, got {describe(value)}")
    return value


def str_field(value: object, where: str) -> str:
    """Check that *value* is a str or ``None`` (read as empty)."""
    if value is None:
        return ""
    if isinstance(value, (bytes, bytearray)):
        return _decode(value)
    if not isinstance(value, str):
        raise MalformedEvidenceError(f"{where} must be a str, got {describe(value)}")
    return plain(value)


def wait_error(response: Mapping[Any, Any], where: str) -> str | None:
    """The wait response's ``Error.Message``; ``None`` when ``Error`` is absent or null."""
    error = get_field(response, "Error", where, None)
    if error is None:
        return None
    if not isinstance(error, Mapping):
        raise MalformedEvidenceError(
            f"{where}['Error'] must be null or {{'Message': str}}, got {describe(error)}"
        )
    return str_field(
        get_field(error, "Message", f"{where}['Error']", None), f"{where}['Error']['Message']"
    )


_STATE_KEYS = frozenset(
    {"Status", "OOMKilled", "Paused", "Restarting", "Dead", "StartedAt", "FinishedAt", "Error"}
)
_KUBERNETES_KEYS = frozenset({"exitCode", "exit_code", "terminated", "waiting", "running"})
_KUBERNETES_STATUS_KEYS = frozenset(
    {"lastState", "last_state", "name", "restartCount", "restart_count", "containerID", "ready"}
)
_EXEC_KEYS = frozenset({"ProcessConfig", "ContainerID", "OpenStdin", "CanRemove", "ID"})


def document_kind(document: Mapping[Any, Any], where: str) -> EvidenceKind:
    """Tell a wait response, a state, an inspect document and an exec inspect apart."""
    try:
        keys = {key for key in document if isinstance(key, str)}
    except Exception as exc:
        raise MalformedEvidenceError(f"cannot iterate over {where}: {type(exc).__name__}") from None
    if "StatusCode" in keys:
        return EvidenceKind.WAIT
    if keys & _KUBERNETES_KEYS or ("state" in keys and keys & _KUBERNETES_STATUS_KEYS):
        return EvidenceKind.KUBERNETES
    if "State" in keys:
        return EvidenceKind.STATE
    if "message" in keys:
        return EvidenceKind.MESSAGE
    if keys & _STATE_KEYS:
        return EvidenceKind.STATE
    if "ExitCode" in keys or keys & _EXEC_KEYS:
        return EvidenceKind.EXEC
    shown = ", ".join(sorted(keys)[:8]) or "none"
    raise MalformedEvidenceError(
        f"{where} is not a known document: expected a wait response (StatusCode), a container"
        f" state or inspect document (State, Status, ExitCode), an exec inspect (ExitCode) or"
        f" an API error body (message); its keys: {shown}"
    )
