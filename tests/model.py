"""An independent model of the docker, podman and nerdctl CLIs, for the library's own tests.

It predicts the exit code of a scenario drawn by :mod:`exitcodes.strategies` from the
situation its builder drew and the hand labels of the wording it used, written from the
sources (never from :mod:`exitcodes.rules`): docker/cli run.go ``toStatusError``,
utils.go, attach.go, exec.go, wait.go; moby daemon/errors.go, daemon/start.go,
daemon/exec.go; libpod define/exec_codes.go ``ExitCode`` and
``TranslateExecErrorToExitCode`` (and podman's 125 for every other error); nerdctl's exit
1 for every error. ``tests/test_model.py`` checks :func:`exitcodes.resolve` against it,
and checks that each of its version gates is a row's own bound in the rule tables.

The labels (see exitcodes/strategies/_messages.py):
  not-found     "executable file not found" / "no such file or directory" /
                "system cannot find the file specified", in that exact case
  not-found-ci  one of those in another case only (crun: "No such file or directory")
  eacces        "permission denied";   eacces-ci: only in another case (crun)
  eperm         "operation not permitted", in any case
  eisdir        "is a directory";      enotdir: "not a directory"
  runc-call     "failed to run runc create/exec call"
  unreachable   docker's client wording of a daemon it cannot reach
  transport     docker's client wording of a request that failed in transport
  escape        the detach key sequence;  cancel: "context canceled"
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Collection

import attrs
from hypothesis import strategies as st

from exitcodes import Engine, ExitOutcome, Platform, Profile, Resolution, Version
from exitcodes._statuses import signal_of
from exitcodes.conversions import LinuxSignal
from exitcodes.profiles import EngineName
from exitcodes.strategies._scenarios import _Case, _cases

_SIGNAL_BASE = 128
_MAX_SIGNAL = 64
_WINDOWS_MASK = 0xFFFFFFFF
_POSIX_MASK = 0xFF


@attrs.frozen
class Gate:
    """A release from which the model changes its answer, and the row that should agree.

    *component* is ``"cli"`` (the CLI's version) or ``"engine"`` (the daemon's);
    *row* the id of a rule (or behaviour) whose range must start (``since``) or end
    (``until``) exactly there; *commands* and *phases* the scenarios the gate decides
    (``()``: no error), so that a test can draw them often.
    """

    engine: Engine
    version: Version
    component: str
    row: str
    commands: tuple[str, ...]
    phases: tuple[str, ...]
    bound: str = "since"

    def passed(self, profile: Profile) -> bool:
        """*profile* is at or past the gate."""
        version = profile.version if self.component == "cli" else profile.engine_version
        return version >= self.version


_D, _P = Engine.DOCKER, Engine.PODMAN
_RUN = ("run",)
_ATTACHED = ("run", "start -a", "attach")
_STARTS = ("create", "start")
# docker/cli utils.go waitExitOrRemoved (8471742a8a): a set wait Error is 125 since 18.02.
CLI_WAIT_ERROR = Gate(_D, Version(18, 2, 0), "cli", "docker-cli/wait-error", _ATTACHED, ())
# docker/cli 66661761d5 (v18.03.0), "attach: Use ContainerWait instead of Inspect": before it,
# docker attach exits with the State.ExitCode an inspect reads once the stream ends.
CLI_ATTACH_WAITS = Gate(
    _D, Version(18, 3, 0), "cli", "docker-cli/attach-wait-error", ("attach",), ()
)
# docker/cli 9b5ceb52b0 (v23.0.1): toStatusError maps "is a directory" to 126.
CLI_EISDIR = Gate(_D, Version(23, 0, 1), "cli", "docker-cli/is-a-directory", _RUN, _STARTS)
# docker/cli a8379092af (v25.0.4): transport errors are connection failures (exec inspect).
CLI_TRANSPORT_IS_CONNECTION = Gate(
    _D,
    Version(25, 0, 4),
    "cli",
    "docker-cli/transport-errors-are-connection-failures",
    ("exec",),
    ("wait",),
)
# docker/cli #5043 (v26.1.1): waitExitOrRemoved treats context.Canceled as no error.
CLI_CANCEL_IGNORED = Gate(
    _D, Version(26, 1, 1), "cli", "docker-cli/wait-cancelled", ("run", "start -a"), ("wait",)
)
# docker/cli aee9eebf34 (v28.0.0): docker run -a stdin waits for the container.
CLI_STDIN_WAITS = Gate(_D, Version(28, 0, 0), "cli", "docker-cli/stdin-only-attach-waits", _RUN, ())
# docker/cli a6335c4226 (v29.1.3): docker run pings the daemon first, exits 1 if it cannot.
CLI_PING_FIRST = Gate(
    _D, Version(29, 1, 3), "cli", "docker-cli/run-pings-first", _RUN, ("connect",)
)
# moby 83dd99177f (Engine 24): setExitCodeFromError replaces translateContainerdStartErr.
ENGINE_SET_EXIT_CODE = Gate(
    _D, Version(24, 0, 0), "engine", "docker-engine/set-exit-code-from-error", _RUN, ("start",)
)
# moby 713e02e03e (Engine 23.0.2): "is a directory" is 126 in the legacy translation.
ENGINE_EISDIR = Gate(
    _D, Version(23, 0, 2), "engine", "docker-engine-legacy/is-a-directory", _RUN, _STARTS
)
# moby c866a7e5f8 (Engine 28): an exec whose process fails to start records 126/127/128.
ENGINE_EXEC_127 = Gate(
    _D, Version(28, 0, 0), "engine", "docker-engine/exec-not-found-127", ("exec",), ("start",)
)
# libpod exec_codes.go (containers/podman#22329, 5.1.0): ErrInvalidArg is 125; libpod records
# it, so the gate is of the daemon (for a podman profile the same version as the CLI).
PODMAN_EXEC_INVALID_ARGUMENT = Gate(
    _P, Version(5, 1, 0), "engine", "podman-exec/invalid-argument", ("exec",), ("start",)
)

GATES = (
    CLI_WAIT_ERROR,
    CLI_ATTACH_WAITS,
    CLI_EISDIR,
    CLI_TRANSPORT_IS_CONNECTION,
    CLI_CANCEL_IGNORED,
    CLI_STDIN_WAITS,
    CLI_PING_FIRST,
    ENGINE_SET_EXIT_CODE,
    ENGINE_EISDIR,
    ENGINE_EXEC_127,
    PODMAN_EXEC_INVALID_ARGUMENT,
)
"""Every version gate of the model."""

_NOT_FOUND_ANY_CASE = frozenset({"not-found", "not-found-ci", "runc-call"})
_EACCES_ANY_CASE = frozenset({"eacces", "eacces-ci"})
_DOCKER_NOT_FOUND = (
    "executable file not found",
    "no such file or directory",
    "system cannot find the file specified",
)
_PODMAN_PERMISSION = ("permission denied", "operation not permitted")
_PODMAN_NOT_FOUND = ("executable file not found in", "no such file or directory")


def cases(
    *,
    profile: Profile | None = None,
    commands: Collection[str] | None = None,
    phases: Collection[str] | None = None,
) -> st.SearchStrategy[_Case]:
    """The cases behind :func:`exitcodes.strategies.scenarios`, with their hidden facts."""
    return _cases("cases()", profile, commands, phases)


def daemon_start_code(labels: frozenset[str], profile: Profile) -> int:
    """The ExitCode dockerd records for a start error (case-insensitive checks)."""
    if ENGINE_SET_EXIT_CODE.passed(profile):  # early returns, in this order
        if labels & _EACCES_ANY_CASE or "eisdir" in labels:
            return 126
        if "enotdir" in labels or labels & _NOT_FOUND_ANY_CASE:
            return 127
        return 128
    # Before Engine 24: overrides, ENOTDIR last; no runc-call check yet.
    if "enotdir" in labels:
        return 127
    if labels & _EACCES_ANY_CASE:
        return 126
    if "eisdir" in labels and ENGINE_EISDIR.passed(profile):
        return 126
    if labels & {"not-found", "not-found-ci"}:
        return 127
    return 128


def _mask(profile: Profile) -> int:
    return _WINDOWS_MASK if profile.platform is Platform.WINDOWS else _POSIX_MASK


def _is_signal_status(code: int) -> bool:
    return 0 < code - _SIGNAL_BASE <= _MAX_SIGNAL


def _signal_named(number: int) -> signal.Signals | LinuxSignal | None:
    return signal_of(_SIGNAL_BASE + number)


def _rule(profile: Profile, name: str) -> str:
    """The engine's own row *name*: ``docker-cli/detached``, ``podman-cli/detached``..."""
    return f"{profile.engine.value}-cli/{name}"


def status_result(status: int, profile: Profile, rule: str, situation: str) -> Resolution:
    """A container status as the CLI passes it through ``os.Exit``."""
    code = status & _mask(profile)
    signal_ = None
    if code == 0:
        outcome = ExitOutcome.SUCCESS
    elif code == 126:
        outcome = ExitOutcome.CANNOT_INVOKE
    elif code == 127:
        outcome = ExitOutcome.NOT_FOUND
    elif _is_signal_status(code):
        outcome = ExitOutcome.SIGNALED
        signal_ = _signal_named(code - _SIGNAL_BASE)
    else:
        outcome = ExitOutcome.COMMAND_FAILED
    return Resolution(code, outcome, rule, situation, signal_)


def cli_mapping(labels: frozenset[str], profile: Profile) -> tuple[int, ExitOutcome, str]:
    """``docker run``'s 125/126/127 for a create or start error (case-sensitive)."""
    if "not-found" in labels:
        return 127, ExitOutcome.NOT_FOUND, "docker-cli/not-found"
    if "eacces" in labels:
        return 126, ExitOutcome.CANNOT_INVOKE, "docker-cli/permission-denied"
    if "eisdir" in labels and CLI_EISDIR.passed(profile):
        return 126, ExitOutcome.CANNOT_INVOKE, "docker-cli/is-a-directory"
    return 125, ExitOutcome.ENGINE_ERROR, "docker-cli/engine-error"


def exec_start_result(labels: frozenset[str], profile: Profile, situation: str) -> Resolution:
    """The code dockerd records for an exec whose process failed to start."""
    if not ENGINE_EXEC_127.passed(profile):
        code, outcome, rule = 126, ExitOutcome.CANNOT_INVOKE, "docker-engine-exec/start-failed-126"
    elif labels & _EACCES_ANY_CASE or "eisdir" in labels:
        code, outcome, rule = 126, ExitOutcome.CANNOT_INVOKE, "docker-engine-exec/permission-denied"
    elif "enotdir" in labels or labels & _NOT_FOUND_ANY_CASE:
        code, outcome, rule = 127, ExitOutcome.NOT_FOUND, "docker-engine-exec/not-found"
    else:
        code, outcome, rule = 128, ExitOutcome.ENGINE_ERROR, "docker-engine-exec/unknown"
    return Resolution(code & _mask(profile), outcome, rule, situation)


def _podman_run_start(text: str, situation: str) -> Resolution:
    """Podman's ``define.ExitCode``: 127 for not found, 126 for everything else."""
    lowered = text.lower()
    if any(word in lowered for word in ("not found", "executable path is empty", "no such file")):
        return Resolution(127, ExitOutcome.NOT_FOUND, "podman-cli/not-found", situation)
    denied = (
        "permission denied",
        "operation not permitted",
        "is a directory",
        "is not a regular file",
        "exists but it is not executable",
    )
    if any(word in lowered for word in denied):
        return Resolution(126, ExitOutcome.CANNOT_INVOKE, "podman-cli/permission-denied", situation)
    return Resolution(126, ExitOutcome.ENGINE_ERROR, "podman-cli/start-failed", situation)


def _podman_exec_start(text: str, profile: Profile, situation: str) -> Resolution:
    """Podman's ``TranslateExecErrorToExitCode``: 126, 127, 125, else -1."""
    lowered = text.lower()
    if any(word in lowered for word in _PODMAN_PERMISSION):
        return Resolution(
            126, ExitOutcome.CANNOT_INVOKE, "podman-exec/permission-denied", situation
        )
    found = (
        *_PODMAN_NOT_FOUND,
        "open executable",
        "attempted to invoke a command that was not found",
    )
    if any(word in lowered for word in found):
        return Resolution(127, ExitOutcome.NOT_FOUND, "podman-exec/not-found", situation)
    if "invalid argument" in lowered and PODMAN_EXEC_INVALID_ARGUMENT.passed(profile):
        return Resolution(125, ExitOutcome.USAGE_ERROR, "podman-exec/invalid-argument", situation)
    return Resolution(
        -1 & _mask(profile), ExitOutcome.ENGINE_ERROR, "podman-exec/unknown", situation
    )


def _nerdctl_error(text: str, situation: str) -> Resolution:
    """Exit 1, as nerdctl does for every error; the text still says what happened."""
    if any(phrase in text for phrase in _DOCKER_NOT_FOUND):
        return Resolution(1, ExitOutcome.NOT_FOUND, "nerdctl-cli/not-found", situation)
    if "permission denied" in text or "is a directory" in text:
        return Resolution(1, ExitOutcome.CANNOT_INVOKE, "nerdctl-cli/permission-denied", situation)
    return Resolution(1, ExitOutcome.ENGINE_ERROR, "nerdctl-cli/error", situation)


def _plain(profile: Profile, text: str, situation: str) -> Resolution:
    """What a command does with an error it does not map: docker 1, podman 125."""
    if profile.engine is Engine.PODMAN:
        return Resolution(125, ExitOutcome.ENGINE_ERROR, "podman-cli/error", situation)
    if profile.engine is Engine.NERDCTL:
        return _nerdctl_error(text, situation)
    return Resolution(1, ExitOutcome.ENGINE_ERROR, "docker-cli/plain-error", situation)


def _inspects(case: _Case) -> bool:
    """docker attach before 18.03: the inspected State, not the wait response, decides."""
    return (
        case.command == "attach"
        and case.profile.engine is Engine.DOCKER
        and not CLI_ATTACH_WAITS.passed(case.profile)
    )


def _attached_result(case: _Case, status: int) -> Resolution:
    if case.command == "attach" and case.profile.engine is Engine.PODMAN:
        return Resolution(
            0, ExitOutcome.SUCCESS, "podman-cli/attach-discards-status", case.situation
        )
    if _inspects(case):
        assert case.state is not None
        status = case.state["ExitCode"]
        rule = "docker-cli/attach-inspects-exit-code"
        return status_result(status, case.profile, rule, case.situation)
    rule = _rule(case.profile, "container-status")
    return status_result(status, case.profile, rule, case.situation)


def _exits(case: _Case) -> Resolution:
    return _attached_result(case, case.wait["StatusCode"])


def _oom_killed(case: _Case) -> Resolution:
    return attrs.evolve(
        _attached_result(case, 137), outcome=ExitOutcome.OOM_KILLED, signal=_signal_named(9)
    )


def _wait_error(case: _Case) -> Resolution:
    status = case.wait["StatusCode"]
    if _inspects(case):
        return _attached_result(case, status)
    if not CLI_WAIT_ERROR.passed(case.profile):  # the CLI did not read Error before 18.02
        return status_result(status, case.profile, "docker-cli/container-status", case.situation)
    if case.command == "attach":
        return Resolution(
            1, ExitOutcome.STATUS_UNKNOWN, "docker-cli/attach-wait-error", case.situation
        )
    return Resolution(125, ExitOutcome.STATUS_UNKNOWN, "docker-cli/wait-error", case.situation)


def _detached(case: _Case) -> Resolution:
    return Resolution(0, ExitOutcome.SUCCESS, _rule(case.profile, "detached"), case.situation)


def _stdin_only(case: _Case) -> Resolution:
    if not CLI_STDIN_WAITS.passed(case.profile):  # no output stream: counted as detached
        rule = "docker-cli/stdin-only-attach-detached"
        return Resolution(0, ExitOutcome.SUCCESS, rule, case.situation)
    status = case.wait["StatusCode"]
    return status_result(status, case.profile, "docker-cli/container-status", case.situation)


def _exec_finished(case: _Case) -> Resolution:
    assert case.exec_inspect is not None
    status = case.exec_inspect["ExitCode"]
    rule = _rule(case.profile, "exec-exit-code")
    if status is None:
        return Resolution(0, ExitOutcome.STATUS_UNKNOWN, rule, case.situation)
    expected = status_result(status, case.profile, rule, case.situation)
    if case.profile.engine is Engine.NERDCTL and expected.exit_code != 0:
        expected = attrs.evolve(expected, exit_code=1, rule="nerdctl-cli/exec-nonzero-1")
    return expected


_WAIT_COMMAND_FAILED: dict[Engine | EngineName, int] = {
    Engine.DOCKER: 1,
    Engine.PODMAN: 125,
    Engine.NERDCTL: 1,
}


def _wait_command(case: _Case) -> Resolution:
    rule = _rule(case.profile, "wait-command")
    if any(isinstance(item, str) for item in case.wait):
        code = _WAIT_COMMAND_FAILED[case.profile.engine]
        return Resolution(code, ExitOutcome.ENGINE_ERROR, rule, case.situation)
    return Resolution(0, ExitOutcome.SUCCESS, rule, case.situation)


def _completed(case: _Case) -> Resolution:
    return Resolution(0, ExitOutcome.SUCCESS, _rule(case.profile, "completed"), case.situation)


_USAGE_RESULTS: dict[tuple[str, Engine | EngineName], tuple[int, str]] = {
    ("flags", Engine.DOCKER): (125, "docker-cli/flag-error"),
    ("args", Engine.DOCKER): (1, "docker-cli/argument-error"),
    ("flags", Engine.PODMAN): (125, "podman-cli/flag-error"),
    ("args", Engine.PODMAN): (125, "podman-cli/argument-error"),
    ("flags", Engine.NERDCTL): (1, "nerdctl-cli/usage-error"),
    ("args", Engine.NERDCTL): (1, "nerdctl-cli/usage-error"),
}


def _usage_error(case: _Case) -> Resolution:
    code, rule = _USAGE_RESULTS[case.phase, case.profile.engine]
    return Resolution(code, ExitOutcome.USAGE_ERROR, rule, case.situation)


def _error(case: _Case) -> str:
    assert case.error is not None
    return case.error


def _unreachable(case: _Case) -> Resolution:
    if case.command != "run" or case.profile.engine is not Engine.DOCKER:
        return _plain(case.profile, _error(case), case.situation)
    if CLI_PING_FIRST.passed(case.profile):
        return Resolution(1, ExitOutcome.ENGINE_ERROR, "docker-cli/run-ping-failed", case.situation)
    code, _outcome, rule = cli_mapping(case.labels, case.profile)
    return Resolution(code, ExitOutcome.ENGINE_ERROR, rule, case.situation)


def _exec_create_failed(case: _Case) -> Resolution:
    return _plain(case.profile, _error(case), case.situation)


def _create_failed(case: _Case) -> Resolution:
    if case.command == "run" and case.profile.engine is Engine.DOCKER:
        code, outcome, rule = cli_mapping(case.labels, case.profile)
        return Resolution(code, outcome, rule, case.situation)
    return _plain(case.profile, _error(case), case.situation)


def _exec_start_failed(case: _Case) -> Resolution:
    if case.detach:
        return _plain(case.profile, _error(case), case.situation)
    if case.profile.daemon is Engine.PODMAN:  # libpod records the exec's code, whichever CLI
        return _podman_exec_start(_error(case), case.profile, case.situation)
    if case.profile.engine is Engine.NERDCTL:
        return _nerdctl_error(_error(case), case.situation)
    return exec_start_result(case.labels, case.profile, case.situation)


def _start_failed(case: _Case) -> Resolution:
    if (
        case.profile.engine is Engine.DOCKER
        and case.profile.daemon is Engine.PODMAN
        and case.command in ("run", "start -a")
        and not case.detach
    ):
        # compat/containers_attach.go: ctr.Init() when the CLI attaches, before its start:
        # the start error fails the attach, which the CLI returns as a plain error.
        return Resolution(
            1, ExitOutcome.ENGINE_ERROR, "docker-cli/podman-attach-initialises", case.situation
        )
    if case.command != "run":
        return _plain(case.profile, _error(case), case.situation)
    if case.profile.engine is Engine.PODMAN:
        return _podman_run_start(_error(case), case.situation)
    if case.profile.engine is Engine.NERDCTL:
        return _nerdctl_error(_error(case), case.situation)
    code, outcome, rule = cli_mapping(case.labels, case.profile)
    return Resolution(code, outcome, rule, case.situation)


def _detach_keys(case: _Case) -> Resolution:
    if case.command in ("run", "start -a"):
        return Resolution(0, ExitOutcome.SUCCESS, "docker-cli/detach-keys", case.situation)
    return _plain(case.profile, _error(case), case.situation)  # attach and exec return it


def _attach_failed(case: _Case) -> Resolution:
    if case.command == "exec" and case.profile.engine is Engine.PODMAN:
        return Resolution(  # libpod returns -1
            -1 & _mask(case.profile),
            ExitOutcome.ENGINE_ERROR,
            "podman-cli/exec-attach-failed",
            case.situation,
        )
    return _plain(case.profile, _error(case), case.situation)


def _exec_inspect_failed(case: _Case) -> Resolution:
    connection_failed = "unreachable" in case.labels or (
        "transport" in case.labels and CLI_TRANSPORT_IS_CONNECTION.passed(case.profile)
    )
    if case.profile.engine is not Engine.DOCKER:
        return _plain(case.profile, _error(case), case.situation)
    if connection_failed and "Error response from daemon" not in _error(case):
        return Resolution(
            -1 & _mask(case.profile),
            ExitOutcome.STATUS_UNKNOWN,
            "docker-cli/exec-inspect-failed",
            case.situation,
        )
    return Resolution(1, ExitOutcome.ENGINE_ERROR, "docker-cli/exec-inspect-failed", case.situation)


def _wait_failed(case: _Case) -> Resolution:
    profile = case.profile
    if case.detach:  # run -d only logs a failed wait
        rule = _rule(profile, "run-detached-wait-ignored")
        return Resolution(0, ExitOutcome.SUCCESS, rule, case.situation)
    if case.command == "attach" or profile.engine is Engine.NERDCTL:
        return _plain(profile, _error(case), case.situation)
    if profile.engine is Engine.PODMAN:
        return Resolution(
            127, ExitOutcome.STATUS_UNKNOWN, "podman-cli/wait-failed-127", case.situation
        )
    if "cancel" in case.labels and CLI_CANCEL_IGNORED.passed(profile):
        # the status channel closed, so the CLI read 0
        return Resolution(
            0, ExitOutcome.STATUS_UNKNOWN, "docker-cli/wait-cancelled", case.situation
        )
    return Resolution(125, ExitOutcome.STATUS_UNKNOWN, "docker-cli/wait-failed", case.situation)


_MODELS: dict[str, Callable[[_Case], Resolution]] = {
    "exits": _exits,
    "oom-killed": _oom_killed,
    "wait-error": _wait_error,
    "detached": _detached,
    "stdin-only": _stdin_only,
    "exec-finished": _exec_finished,
    "wait-command": _wait_command,
    "completed": _completed,
    "flag-error": _usage_error,
    "argument-error": _usage_error,
    "unreachable": _unreachable,
    "exec-create-failed": _exec_create_failed,
    "create-failed": _create_failed,
    "exec-start-failed": _exec_start_failed,
    "start-failed": _start_failed,
    "detach-keys": _detach_keys,
    "attach-failed": _attach_failed,
    "exec-inspect-failed": _exec_inspect_failed,
    "wait-failed": _wait_failed,
}
"""The model of each kind of case the strategies draw."""


def expected(case: _Case) -> Resolution:
    """The exit code, outcome, deciding rule and signal the model predicts for *case*."""
    return _MODELS[case.kind](case)
