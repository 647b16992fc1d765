"""Reading evidence: turning strings, exceptions and API documents into checked values.

Everything here is total: it returns a checked value or raises one of the
library's own errors naming the field and the value.
"""

from __future__ import annotations

import enum
import functools
import re
import sys
from collections.abc import Mapping
from typing import Any

from exitcodes.errors import MalformedEvidenceError, UnsupportedEvidenceError, describe

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
_BLOCKS = tuple((prefix, prefix * _BLOCK_COPIES) for prefix in MESSAGE_PREFIXES)


@functools.lru_cache(maxsize=1)  # compiled on first use: import stays cheap
def prefixes_pattern() -> re.Pattern[str] | None:
    """The CLI's prefixes, repeated, at the start of a text (it matches, if only empty).

    The repetition is possessive (Python 3.11+): no prefix starts another, so at most
    one matches at any place and nothing is given back, and the engine keeps no
    backtracking state per repetition (a greedy ``*`` kept some: 16 times the text's
    size in memory for ``"Error: "`` repeated). ``None`` before Python 3.11, where
    :func:`prefix_end` loops over the prefixes instead.
    """
    if sys.version_info < (3, 11):  # pragma: no cover - no possessive repetition before 3.11
        return None
    return re.compile("(?:" + "|".join(map(re.escape, MESSAGE_PREFIXES)) + ")*+")


def prefix_end(message: str) -> int:
    """Where *message* starts after the prefixes the CLI and the client put before it.

    ``message[prefix_end(message):]`` is :func:`strip_prefixes`, without copying.
    Linear in the length of the prefixes, and it allocates nothing that grows with it.
    """
    if not message.startswith(MESSAGE_PREFIXES):
        return 0
    end = 0
    for prefix, block in _BLOCKS:  # a long run of the first prefix, block by block
        if message.startswith(prefix):
            while message.startswith(block, end):
                end += len(block)
            break
    pattern = prefixes_pattern()
    if pattern is not None:
        match = pattern.match(message, end)
        return end if match is None else match.end()
    found = True  # pragma: no cover - Python 3.10
    while found:  # pragma: no cover - Python 3.10
        found = False
        for prefix, block in _BLOCKS:
            if message.startswith(prefix, end):
                while message.startswith(block, end):
                    end += len(block)
                while message.startswith(prefix, end):
                    end += len(prefix)
                found = True
    return end  # pragma: no cover - Python 3.10


def strip_prefixes(message: str) -> str:
    """Drop the prefixes the CLI and the client put before a daemon message."""
    return message[prefix_end(message) :]


def _decode(value: bytes | bytearray | memoryview) -> str:
    return bytes(value).decode("utf-8", errors="replace")


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
    if isinstance(explanation, str) and explanation:
        return explanation
    try:
        text = str(error)
    except Exception as exc:
        raise MalformedEvidenceError(
            f"cannot read the message of {type(error).__name__}: str() raised {type(exc).__name__}"
        ) from None
    return text


def message_text(evidence: object, field: str = "error") -> str:
    """Return the error text of *evidence* (str, bytes, exception or ``{"message": ...}``)."""
    if isinstance(evidence, str):
        return evidence
    if isinstance(evidence, (bytes, bytearray, memoryview)):
        return _decode(evidence)
    if isinstance(evidence, BaseException):
        return exception_text(evidence)
    if isinstance(evidence, Mapping):
        message = get_field(evidence, "message", field)
        if isinstance(message, (bytes, bytearray)):
            return _decode(message)
        if isinstance(message, str):
            return message
        raise MalformedEvidenceError(f"{field}['message'] must be a str, got {describe(message)}")
    raise UnsupportedEvidenceError(
        f"{field} must be a str, bytes, an exception or an API error body {{'message': ...}},"
        f" got {type(evidence).__name__}: {describe(evidence)}"
    )


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
    if not INT64_MIN <= value <= INT64_MAX:
        raise MalformedEvidenceError(
            f"{where} must fit in int64 as the Engine API sends it, got {describe(value)}"
        )
    return int(value)


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
    return value


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
