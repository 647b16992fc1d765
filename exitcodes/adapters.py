"""Reading SDK objects by their shape, without importing any SDK.

exitcodes takes docker-py, podman-py, python-on-whales, aiodocker, kubernetes
and :mod:`subprocess` objects as they are. Each shape is a :class:`typing.Protocol`
below; objects are read with ``getattr`` (never ``isinstance`` against an SDK
class, which would need the SDK installed and breaks on look-alike hierarchies:
podman-py's ``ImageNotFound`` is not a ``NotFound``).

:func:`adapt` turns any accepted object into one of the plain forms the
classifier reads, tagged with what it is.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

import attrs

from exitcodes._evidence import INT64_MAX, INT64_MIN
from exitcodes.errors import MalformedEvidenceError, describe

__all__ = [
    "Adapted",
    "AdaptedKind",
    "SupportsApiErrorBody",
    "SupportsAttrs",
    "SupportsCliResult",
    "SupportsContainerError",
    "SupportsExecResult",
    "SupportsExplanation",
    "SupportsKubernetesState",
    "SupportsKubernetesStatus",
    "SupportsKubernetesTerminated",
    "SupportsMessage",
    "SupportsProcessResult",
    "SupportsStateObject",
    "adapt",
    "request_phase",
]


class SupportsExplanation(Protocol):
    """docker-py / podman-py ``APIError`` (and ``NotFound``, ``ImageNotFound``)."""

    explanation: str | None


class SupportsContainerError(Protocol):
    """docker-py / podman-py ``ContainerError``: the container exited non-zero."""

    exit_status: int
    stderr: bytes | Iterable[bytes] | None


class SupportsCliResult(Protocol):
    """python-on-whales ``DockerException``: the real CLI's own exit code and stderr."""

    return_code: int
    stderr: str | None


class SupportsProcessResult(Protocol):
    """``subprocess.CompletedProcess`` / ``CalledProcessError``: negative = signal."""

    returncode: int
    stderr: bytes | str | None


class SupportsMessage(Protocol):
    """aiodocker ``DockerError``: HTTP ``status`` and the daemon's ``message``."""

    status: int
    message: str


class SupportsApiErrorBody(Protocol):
    """kubernetes ``ApiException``: ``status``, ``reason`` and a JSON ``body``."""

    status: int
    reason: str
    body: str | bytes | None


class SupportsAttrs(Protocol):
    """docker-py / podman-py ``Container``: ``attrs`` is the inspect document."""

    attrs: Mapping[str, Any]


class SupportsStateObject(Protocol):
    """python-on-whales ``ContainerState`` (snake_case ``docker inspect`` State)."""

    status: str | None
    oom_killed: bool | None
    exit_code: int | None
    error: str | None


class SupportsExecResult(Protocol):
    """docker-py ``ExecResult`` (a namedtuple) or podman-py's ``(exit_code, output)``."""

    exit_code: int | None


class SupportsKubernetesTerminated(Protocol):
    """kubernetes ``V1ContainerStateTerminated``."""

    exit_code: int
    reason: str | None
    signal: int | None
    message: str | None


class SupportsKubernetesState(Protocol):
    """kubernetes ``V1ContainerState``: one of ``running``, ``terminated``, ``waiting``."""

    running: object
    terminated: SupportsKubernetesTerminated | None
    waiting: object


class SupportsKubernetesStatus(Protocol):
    """kubernetes ``V1ContainerStatus``: ``state`` and ``last_state``."""

    state: SupportsKubernetesState | None
    last_state: SupportsKubernetesState | None


class AdaptedKind(enum.Enum):
    """What an SDK object turned out to be."""

    MESSAGE = "message"
    """A daemon or client error text."""
    WAIT = "wait"
    """A container's status, as ``{"StatusCode": n}``."""
    STATE = "state"
    """A ``docker inspect`` State mapping."""
    EXEC = "exec"
    """An exec result, as ``{"ExitCode": n}``."""
    KUBERNETES = "kubernetes"
    """A Kubernetes container state, as a camelCase mapping."""
    CLI_RESULT = "cli-result"
    """A code already decided by a real CLI, with its stderr."""


@attrs.frozen(hash=False)
class Adapted:
    """An SDK object read into a plain form.

    Attributes:
        kind: what it is.
        value: the plain form: a str for messages, a mapping for documents,
            an int for CLI results.
        text: stderr or message text that came with it ("" if none).
        source: which shape it was read as, for reasons (``"ContainerError"``).
        phase: the step whose request failed, read from the HTTP request an SDK
            exception carries (:func:`request_phase`); ``None`` when it carries none.
    """

    kind: AdaptedKind
    value: object
    text: str = ""
    source: str = ""
    phase: str | None = None

    def __hash__(self) -> int:
        """The hash of what is always hashable: the kind, the text and the source.

        *value* is often a dict, so it is left out; equal objects still hash alike.
        """
        return hash((self.kind, self.text, self.source))


_MISSING = object()


def _attr(obj: object, name: str) -> Any:
    """``getattr`` that reads an attribute whose property raises as absent."""
    try:
        return getattr(obj, name, _MISSING)
    except Exception:  # a hostile or broken property: the shape is not this one
        return _MISSING


def _text(value: object) -> str:
    """Decode stderr that may be str, bytes, or an iterable of bytes (podman-py)."""
    if value is None or value is _MISSING:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).decode("utf-8", errors="replace")
    if isinstance(value, Iterable):
        parts: list[str] = []
        try:
            for index, chunk in enumerate(value):
                if index >= 10_000:
                    break
                parts.append(_text(chunk) if isinstance(chunk, (str, bytes, bytearray)) else "")
        except Exception as exc:
            raise MalformedEvidenceError(
                f"cannot read stderr chunks: {type(exc).__name__}"
            ) from None
        return "".join(parts)
    return ""


def _int(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise MalformedEvidenceError(f"{where} must be an int, got {describe(value)}")
    number = int.__int__(value)  # a plain int: a subclass's own methods are never called
    if not INT64_MIN <= number <= INT64_MAX:
        raise MalformedEvidenceError(
            f"{where} must fit in int64, got an int of {number.bit_length()} bits"
        )
    return number


def _body_message(body: object, reason: object) -> str:
    text = _text(body)
    if text.lstrip().startswith("{"):
        import json  # noqa: PLC0415 - only kubernetes errors need it

        try:
            document = json.loads(text)
        except (ValueError, RecursionError):
            document = None
        if isinstance(document, Mapping) and isinstance(document.get("message"), str):
            return str(document["message"])
    if text:
        return text
    return reason if isinstance(reason, str) else ""


# docker-py's containers.run() raises the same APIError whichever request failed: the request
# it carries (exc.response.request) says which step that was. Paths as the Docker Engine API
# names them (docker/docs api/swagger.yaml; podman's compat API serves the same paths),
# after an optional /v1.NN version prefix.
_STEP_PATHS: tuple[tuple[str, str, str], ...] = (
    ("POST", "/containers/create", "create"),
    ("POST", "/images/create", "create"),  # the pull containers.run() does for a missing image
    ("GET", "/images/**/json", "create"),  # the inspect after that pull: ImageNotFound
    ("POST", "/containers/*/start", "start"),
    ("POST", "/containers/*/attach", "attach"),
    ("GET", "/containers/*/attach/ws", "attach"),
    ("POST", "/containers/*/wait", "wait"),
    # After the start, containers.run() reads the container back while it waits: logs(), whose
    # TTY check inspects it. The same inspect right after the create fails only if something
    # else removed the container (--rm removes it once it has exited).
    ("GET", "/containers/*/json", "wait"),
    ("GET", "/containers/*/logs", "wait"),
)


def _path_matches(path: list[str], pattern: str) -> bool:
    """``*`` is one piece of the path; ``**`` one or more (an image name holds ``/``)."""
    parts = pattern.strip("/").split("/")
    if "**" in parts:
        at = parts.index("**")
        head, tail = parts[:at], parts[at + 1 :]
        if len(path) <= len(head) + len(tail):
            return False
        return _path_matches(path[: len(head)], "/".join(head)) and _path_matches(
            path[len(path) - len(tail) :], "/".join(tail)
        )
    if len(parts) != len(path):
        return False
    return all(part in ("*", piece) for part, piece in zip(parts, path, strict=True))


def request_phase(error: object) -> str | None:
    """The phase whose request *error* failed: ``"create"``, ``"start"``, ...; or ``None``.

    Reads ``error.response.request`` (docker-py's ``APIError`` carries the ``requests``
    response, and its request the method and URL): ``POST /containers/create`` is
    ``"create"``, ``POST /containers/{id}/start`` ``"start"``, ``/attach`` ``"attach"``,
    ``/wait`` ``"wait"``, and so are the reads of the container while it is waited for
    (``GET /containers/{id}/logs`` and ``/json``); a pull (``POST /images/create``, then
    ``GET /images/{name}/json``) is ``"create"``. Any other request, or none, is ``None``.

    >>> class Request:
    ...     method, url = "POST", "http+docker://localhost/v1.41/containers/create?name=x"
    >>> class Response:
    ...     request = Request()
    >>> class APIError(Exception):
    ...     response = Response()
    >>> request_phase(APIError())
    'create'
    """
    request = _attr(_attr(error, "response"), "request")
    method, url = _attr(request, "method"), _attr(request, "url")
    if not isinstance(method, str) or not isinstance(url, str) or len(url) > 4096:
        return None
    path = url.split("?", 1)[0].split("#", 1)[0]
    if "://" in path:
        path = "/" + path.split("://", 1)[1].partition("/")[2]
    pieces = [piece for piece in path.split("/") if piece]
    if pieces and pieces[0].startswith("v") and pieces[0][1:].replace(".", "").isdigit():
        pieces = pieces[1:]
    for want_method, pattern, phase in _STEP_PATHS:
        if method.upper() == want_method and _path_matches(pieces, pattern):
            return phase
    return None


def _exception(error: BaseException) -> Adapted | None:
    exit_status = _attr(error, "exit_status")
    if exit_status is not _MISSING and exit_status is not None:
        status = _int(exit_status, f"{type(error).__name__}.exit_status")
        return Adapted(
            AdaptedKind.WAIT,
            {"StatusCode": status, "Error": None},
            _text(_attr(error, "stderr")),
            "ContainerError",
        )
    for name, source in (("return_code", "DockerException"), ("returncode", "CalledProcessError")):
        code = _attr(error, name)
        if code is not _MISSING and code is not None:
            status = _int(code, f"{type(error).__name__}.{name}")
            return Adapted(AdaptedKind.CLI_RESULT, status, _text(_attr(error, "stderr")), source)
    explanation = _attr(error, "explanation")
    if isinstance(explanation, (str, bytes)) and explanation:
        return Adapted(
            AdaptedKind.MESSAGE, _text(explanation), source="APIError", phase=request_phase(error)
        )
    body = _attr(error, "body")
    if body is not _MISSING and _attr(error, "status") is not _MISSING:
        message = _body_message(body, _attr(error, "reason"))
        if message:
            return Adapted(AdaptedKind.MESSAGE, message, source="ApiException")
    message = _attr(error, "message")
    if isinstance(message, str) and message and _attr(error, "status") is not _MISSING:
        return Adapted(AdaptedKind.MESSAGE, message, source="DockerError")
    return None


def _kubernetes_terminated(obj: object) -> dict[str, object]:
    return {
        "exitCode": _attr(obj, "exit_code"),
        "reason": _attr(obj, "reason"),
        "signal": _attr(obj, "signal"),
        "message": _attr(obj, "message"),
    }


def _kubernetes_state(obj: object) -> dict[str, object] | None:
    terminated = _attr(obj, "terminated")
    waiting = _attr(obj, "waiting")
    running = _attr(obj, "running")
    if terminated is _MISSING and waiting is _MISSING and running is _MISSING:
        return None
    state: dict[str, object] = {}
    if terminated not in (None, _MISSING):
        state["terminated"] = _kubernetes_terminated(terminated)
    if waiting not in (None, _MISSING):
        state["waiting"] = {
            "reason": _attr(waiting, "reason"),
            "message": _attr(waiting, "message"),
        }
    if running not in (None, _MISSING):
        state["running"] = {}
    return state


def _clean(document: dict[str, object]) -> dict[str, object]:
    return {key: value for key, value in document.items() if value is not _MISSING}


def _object(obj: object) -> Adapted | None:
    if isinstance(obj, tuple) and len(obj) == 2:
        code = obj[0]
        if code is None or (isinstance(code, int) and not isinstance(code, bool)):
            return Adapted(AdaptedKind.EXEC, {"ExitCode": code}, source="ExecResult")
    document = _attr(obj, "attrs")
    if isinstance(document, Mapping):
        return Adapted(AdaptedKind.STATE, document, source="Container")
    oom = _attr(obj, "oom_killed")
    if oom is not _MISSING:
        state = _clean(
            {
                "Status": _attr(obj, "status"),
                "Running": _attr(obj, "running"),
                "Paused": _attr(obj, "paused"),
                "Restarting": _attr(obj, "restarting"),
                "OOMKilled": oom,
                "Dead": _attr(obj, "dead"),
                "ExitCode": _attr(obj, "exit_code"),
                "Error": _attr(obj, "error"),
            }
        )
        return Adapted(AdaptedKind.STATE, state, source="ContainerState")
    if _attr(obj, "exit_code") is not _MISSING and _attr(obj, "reason") is not _MISSING:
        terminated = _clean(_kubernetes_terminated(obj))
        return Adapted(
            AdaptedKind.KUBERNETES, {"terminated": terminated}, source="V1ContainerStateTerminated"
        )
    k8s_state = _kubernetes_state(obj)
    if k8s_state is not None:
        return Adapted(AdaptedKind.KUBERNETES, k8s_state, source="V1ContainerState")
    current = _attr(obj, "state")
    if current not in (_MISSING, None) and _attr(current, "oom_killed") is not _MISSING:
        return _object(current)  # python-on-whales Container: .state is a ContainerState
    if current is not _MISSING and _attr(obj, "last_state") is not _MISSING:
        inner = _kubernetes_state(current) if current is not None else None
        return Adapted(AdaptedKind.KUBERNETES, inner or {}, source="V1ContainerStatus")
    exit_code = _attr(obj, "exit_code")
    if exit_code is not _MISSING:
        return Adapted(AdaptedKind.EXEC, {"ExitCode": exit_code}, source="ExecResult")
    returncode = _attr(obj, "returncode")
    if returncode is not _MISSING:
        status = _int(returncode, f"{type(obj).__name__}.returncode")
        return Adapted(
            AdaptedKind.CLI_RESULT, status, _text(_attr(obj, "stderr")), "CompletedProcess"
        )
    return None


def adapt(evidence: object) -> Adapted | None:
    """Read an SDK object; ``None`` when it has none of the known shapes.

    Exceptions that match no SDK shape are read as messages through ``str()``
    by the caller, not here.

    >>> class ContainerError(Exception):
    ...     exit_status = 3
    ...     stderr = b"boom"
    >>> adapt(ContainerError()).value
    {'StatusCode': 3, 'Error': None}
    """
    if isinstance(evidence, BaseException):
        return _exception(evidence)
    return _object(evidence)
