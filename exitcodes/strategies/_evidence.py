"""Documents: wait responses, exec inspects, container states, Kubernetes states, any evidence."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from hypothesis import strategies as st

from exitcodes._matcher import first_match
from exitcodes.classify import Classification, classify
from exitcodes.profiles import Engine, Profile
from exitcodes.rules import Layer
from exitcodes.strategies._checks import (
    _BOOLEANS,
    _INT32_MIN,
    INT64_MAX,
    INT64_MIN,
    _check_bool,
    _check_choices,
    _check_profile,
    _check_strategy,
    _integer,
    _pick,
)
from exitcodes.strategies._codes import (
    exit_codes,
)
from exitcodes.strategies._daemon_errors import (
    _two_or_more,
    daemon_errors,
)
from exitcodes.strategies._messages import (
    _TEMPLATES,
    _WAIT_ERROR_MESSAGES,
    _Template,
)
from exitcodes.strategies._templates import (
    _HEX64,
    _IDS,
    _RUNC_11,
    _fill,
    _message,
    _of_engine,
)

# --------------------------------------------------------------------------------------
# Documents: wait responses, exec inspects, container states, Kubernetes states
# --------------------------------------------------------------------------------------

_TIMES = ("2026-03-14T09:26:53.589793238Z", "2025-11-02T17:04:11.021837455Z")
_ZERO_TIME = "0001-01-01T00:00:00Z"


@st.composite
def _wait_responses(
    draw: st.DrawFn, status_codes: st.SearchStrategy[int], allow_error: bool
) -> dict[str, Any]:
    status = draw(status_codes)
    forms = ("omitted", "null", "error") if allow_error else ("omitted", "null")
    form = _pick(draw, forms)
    if form == "omitted":
        return {"StatusCode": status}
    if form == "null":
        return {"StatusCode": status, "Error": None}
    message = _fill(draw, _pick(draw, _WAIT_ERROR_MESSAGES).text)
    return {"StatusCode": status, "Error": {"Message": message}}


def wait_responses(
    status_codes: st.SearchStrategy[int] | None = None, *, allow_error: bool = True
) -> st.SearchStrategy[dict[str, Any]]:
    """Wait responses, ``{"StatusCode": n}`` with ``"Error"`` omitted, null or set.

    The Engine API omits ``Error`` when there is none (docker-py then returns a
    dict without it); a set ``Error`` holds ``{"Message": ...}``, such as a failed
    ``--rm`` removal (even an empty message counts). Shrinks to ``{"StatusCode": 0}``.

    Args:
        status_codes: the statuses (default: :func:`exit_codes`).
        allow_error: with ``False``, ``Error`` is never set.

    Raises:
        InvalidArgument: *status_codes* is not a strategy, *allow_error* not a bool.

    >>> strategy = wait_responses(exit_codes(min_value=1), allow_error=False)
    """
    call = "wait_responses()"
    codes = (
        exit_codes()
        if status_codes is None
        else _check_strategy(status_codes, "status_codes", call)
    )
    return _wait_responses(codes, _check_bool(allow_error, "allow_error", call))


@st.composite
def _exec_inspects(draw: st.DrawFn, status_codes: st.SearchStrategy[int]) -> dict[str, Any]:
    state = _pick(draw, ("exited", "running", "created"))
    status: int | None = draw(status_codes)  # drawn for every state: they shrink alike
    pid = _integer(draw, 1, 99999)
    return {
        "ID": draw(_HEX64),
        "Running": state == "running",
        "ExitCode": status if state == "exited" else None,
        "ProcessConfig": {
            "tty": False,
            "entrypoint": _fill(draw, "{cmd}"),
            "arguments": [],
            "privileged": False,
        },
        "OpenStdin": False,
        "OpenStderr": True,
        "OpenStdout": True,
        "CanRemove": False,
        "ContainerID": _fill(draw, "{id}"),
        "DetachKeys": "",
        "Pid": pid if state == "running" else 0,
    }


def exec_inspects(
    status_codes: st.SearchStrategy[int] | None = None,
) -> st.SearchStrategy[dict[str, Any]]:
    """Exec inspect documents (``GET /exec/{id}/json``), consistent ones only.

    An exec that finished has an ``ExitCode``; one that is running or was never
    started has ``"ExitCode": null``. Shrinks to a finished exec with status 0.

    Args:
        status_codes: the statuses of finished execs (default: :func:`exit_codes`).

    Raises:
        InvalidArgument: *status_codes* is not a strategy.

    >>> strategy = exec_inspects(exit_codes(min_value=126, max_value=127))
    """
    call = "exec_inspects()"
    codes = (
        exit_codes()
        if status_codes is None
        else _check_strategy(status_codes, "status_codes", call)
    )
    return _exec_inspects(codes)


_CODES = exit_codes()
_NONZERO = exit_codes(min_value=1)
_STATE_STATUSES = ("exited", "running", "created", "paused", "restarting", "dead", "removing")
_KEEPS_FAILED_STARTS = frozenset({Engine.DOCKER, Engine.PODMAN})
"""Engines whose failed first start leaves a ``created`` container with ``Error`` set."""


def _daemon_start_code(raw: str, profile: Profile) -> int:
    """The ExitCode the daemon records for a failed start: its first engine row's code.

    Read from the :attr:`~exitcodes.rules.Layer.ENGINE` rows of the profile's release
    (moby ``setExitCodeFromError``); an engine without such rows (podman) records 0.
    """
    row = first_match(profile, Layer.ENGINE, raw)
    return 0 if row is None else row.exit_code


_START_TEMPLATES = tuple(
    template for template in _TEMPLATES if template.stage in ("runtime", "daemon", "windows")
)


def _by_labels(templates: tuple[_Template, ...]) -> tuple[tuple[_Template, ...], ...]:
    groups: dict[frozenset[str], list[_Template]] = {}
    for template in templates:
        groups.setdefault(template.labels, []).append(template)
    return tuple(_two_or_more(group) for group in groups.values())


def _pick_template(draw: st.DrawFn, templates: Sequence[_Template]) -> _Template:
    """A template, each kind of message (its labels) as likely as any other.

    Drawing uniformly among templates would make the rare kinds (``is a
    directory``: two wordings among thirty) rare in scenarios too, and a check of
    a few hundred scenarios could miss the bug that mishandles them.
    """
    return _pick(draw, _pick(draw, _by_labels(tuple(templates))))


def _state(status: str, **changes: Any) -> dict[str, Any]:
    state: dict[str, Any] = {
        "Status": status,
        "Running": False,
        "Paused": False,
        "Restarting": False,
        "OOMKilled": False,
        "Dead": False,
        "Pid": 0,
        "ExitCode": 0,
        "Error": "",
        "StartedAt": _TIMES[0],
        "FinishedAt": _TIMES[1],
    }
    state.update(changes)
    return state


def _failed_start(draw: st.DrawFn, profile: Profile) -> tuple[dict[str, Any], _Template, str]:
    """A failed first start: the state it leaves, its template, the error a tool met.

    Docker keeps such a container ``created`` with ExitCode 126, 127 or 128;
    podman keeps it ``created`` with ExitCode 0.
    """
    template = _pick_template(draw, _of_engine(_START_TEMPLATES, profile))
    raw, seen = _message(draw, template, profile)
    code = _daemon_start_code(raw, profile)
    state = _state("created", ExitCode=code, Error=raw, StartedAt=_ZERO_TIME, FinishedAt=_ZERO_TIME)
    return state, template, seen


@st.composite
def _container_states(
    draw: st.DrawFn, statuses: tuple[str, ...], profile: Profile
) -> dict[str, Any]:
    status = _pick(draw, statuses)
    pid = _integer(draw, 1, 99999)
    if status == "running":
        return _state(status, Running=True, Pid=pid, FinishedAt=_ZERO_TIME)
    if status == "paused":
        return _state(status, Running=True, Paused=True, Pid=pid, FinishedAt=_ZERO_TIME)
    if status == "restarting":
        return _state(status, Running=True, Restarting=True, ExitCode=draw(_NONZERO))
    if status == "created":
        if profile.engine in _KEEPS_FAILED_STARTS and draw(_BOOLEANS):
            return _failed_start(draw, profile)[0]
        return _state(status, StartedAt=_ZERO_TIME, FinishedAt=_ZERO_TIME)
    if status == "exited" and draw(_BOOLEANS):
        return _state(status, ExitCode=137, OOMKilled=True)
    code = draw(_CODES)
    if status == "dead":
        error = _fill(draw, "unable to remove filesystem for {id}: device or resource busy")
        return _state(status, Dead=True, ExitCode=code, Error=_pick(draw, ("", error)))
    return _state(status, ExitCode=code)


def container_states(
    *, statuses: Collection[str] | None = None, profile: Profile | None = None
) -> st.SearchStrategy[dict[str, Any]]:
    """``docker inspect``'s ``State``, in consistent combinations only.

    A running container has ``ExitCode`` 0 and ``Running`` true (paused and
    restarting ones too, as moby sets them); an OOM-killed one exited 137; a
    container whose first start failed stays ``created`` with ``Error`` set to the
    daemon's message and ``ExitCode`` 126, 127 or 128 as that docker daemon
    records it (moby ``setExitCodeFromError``; podman records 0). Shrinks
    towards a running container.

    Args:
        statuses: some of ``"exited"``, ``"running"``, ``"created"``,
            ``"paused"``, ``"restarting"``, ``"dead"``, ``"removing"`` (default:
            all).
        profile: decides the failed-start codes and wordings (default: the
            newest Docker).

    Raises:
        InvalidArgument: an unknown or empty set of statuses, a bad profile.

    >>> strategy = container_states(statuses=["exited", "created"])
    """
    call = "container_states()"
    chosen = (
        _STATE_STATUSES
        if statuses is None
        else _check_choices(statuses, "statuses", _STATE_STATUSES, call)
    )
    return _container_states(chosen, _check_profile(profile, call))


_RUNC_TEMPLATES = tuple(
    template
    for template in _TEMPLATES
    if template.stage == "runtime"
    and template.runtime == "runc"
    and not template.suffix
    and Engine.NERDCTL in template.engines
)
_K8S_WAITING = (
    ("CrashLoopBackOff", "back-off 5m0s restarting failed container={name} pod={name}-7d9c5"),
    ("ErrImagePull", 'rpc error: code = NotFound desc = failed to pull and unpack image "{image}"'),
    ("ImagePullBackOff", 'Back-off pulling image "{image}"'),
    ("CreateContainerConfigError", 'secret "{name}" not found'),
    ("ContainerCreating", ""),
)


@st.composite
def _kubernetes_states(draw: st.DrawFn, kinds: tuple[str, ...]) -> dict[str, Any]:
    kind = _pick(draw, kinds)
    if kind == "waiting":
        reason, message = _pick(draw, _K8S_WAITING)
        waiting = {"reason": reason}
        if message:
            waiting["message"] = _fill(draw, message)
        return {"waiting": waiting}
    reason = _pick(draw, ("Completed", "Error", "OOMKilled", "StartError"))
    terminated: dict[str, Any] = {
        "containerID": "containerd://" + _fill(draw, "{id}"),
        "startedAt": "2026-03-14T09:26:53Z",
        "finishedAt": "2026-03-14T09:27:02Z",
    }
    if reason == "Completed":
        terminated.update(exitCode=0, reason=reason)
    elif reason == "Error":
        terminated.update(exitCode=draw(_NONZERO), reason=reason)
    elif reason == "OOMKilled":
        terminated.update(exitCode=137, reason=reason)
    else:
        template = _pick(draw, _RUNC_TEMPLATES)
        body = _fill(draw, template.text)
        message = (
            "failed to create containerd task: failed to create shim task: OCI runtime create"
            f" failed: {_RUNC_11}{body}: unknown"
        )
        terminated.update(
            exitCode=128, reason=reason, message=message, startedAt="1970-01-01T00:00:00Z"
        )
    return {"terminated": terminated}


def kubernetes_states(
    *, kinds: Collection[str] = ("terminated", "waiting")
) -> st.SearchStrategy[dict[str, Any]]:
    """Kubernetes container states as the API serves them (``V1ContainerState`` JSON).

    ``{"terminated": {"exitCode", "reason", "message"?, ...}}`` with consistent
    reasons (``Completed`` is 0, ``OOMKilled`` 137, ``StartError`` 128 with the
    runtime's message: containerd reports a missing executable as 128, not 127),
    or ``{"waiting": {"reason", "message"?}}``. The kubelet does not set
    ``signal``, so it is absent.

    Args:
        kinds: some of ``"terminated"``, ``"waiting"``.

    Raises:
        InvalidArgument: an unknown or empty set of kinds.

    >>> strategy = kubernetes_states(kinds=["terminated"])
    """
    call = "kubernetes_states()"
    return _kubernetes_states(_check_choices(kinds, "kinds", ("terminated", "waiting"), call))


def _evidence(profile: Profile) -> st.SearchStrategy[object]:
    messages = daemon_errors(profile=profile)
    states = container_states(profile=profile)
    wide = exit_codes(min_value=INT64_MIN, max_value=INT64_MAX, windows=True)
    return st.one_of(
        exit_codes(),
        messages,
        wait_responses(),
        states,
        exec_inspects(),
        # A bare int is the CLI process's status or Python's returncode: classify reads
        # -1..-64 as signals and other negative ints as signed 32-bit codes, and
        # refuses those below -2**31.
        exit_codes(min_value=_INT32_MIN, max_value=INT64_MAX, windows=True),
        # Documents carry the Engine API's int64, with Docker's arithmetic on it.
        wait_responses(wide),
        exec_inspects(wide),
        messages.map(lambda message: {"message": message}),
        messages.map(lambda message: message.encode()),
        states.map(lambda state: {"Id": _IDS[0], "Name": "/web", "State": state}),
    )


def evidence(*, profile: Profile | None = None) -> st.SearchStrategy[object]:
    """Any evidence :func:`exitcodes.classify` reads, all of it valid.

    Exit statuses (0..255 and beyond; bare negative ints down to ``-2**31``, as
    :func:`exitcodes.classify` reads them), error texts (``str``, ``bytes``, API
    bodies ``{"message": ...}``), wait responses, ``docker inspect`` states and
    whole inspect documents, and exec inspects (their statuses anywhere in int64,
    as the Engine API carries them).

    Args:
        profile: the engine and versions the texts and states belong to.

    Raises:
        InvalidArgument: *profile* is not a Profile.

    >>> strategy = evidence()
    """
    return _evidence(_check_profile(profile, "evidence()"))


def classifications(*, profile: Profile | None = None) -> st.SearchStrategy[Classification]:
    """Real :class:`~exitcodes.Classification` results: :func:`evidence` classified.

    Args:
        profile: the engine and versions the evidence belongs to, and the profile
            it is classified under (default: the newest Docker).

    Raises:
        InvalidArgument: *profile* is not a Profile.

    >>> strategy = classifications()
    """
    active = _check_profile(profile, "classifications()")
    return _evidence(active).map(lambda item: classify(item, profile=active))
