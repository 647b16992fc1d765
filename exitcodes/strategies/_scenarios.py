"""Whole command scenarios: the evidence of one docker, podman or nerdctl command."""

from __future__ import annotations

import signal as _signal
from collections.abc import Callable, Collection
from typing import Any

import attrs
from hypothesis import strategies as st

from exitcodes.classify import signal_of
from exitcodes.conversions import LinuxSignal  # imported by classify's signal table anyway
from exitcodes.outcome import ExitOutcome
from exitcodes.profiles import Engine, Platform, Profile, Version
from exitcodes.resolve import Resolution, resolve
from exitcodes.rules import (
    COMMANDS,
    PHASES,
)
from exitcodes.strategies._checks import (
    _BOOLEANS,
    INT64_MAX,
    INT64_MIN,
    _check_choices,
    _check_profile,
    _fail,
    _integer,
    _is_empty,
    _pick,
)
from exitcodes.strategies._codes import (
    _SIGNAL_BASE,
    _is_signal_status,
    exit_codes,
)
from exitcodes.strategies._daemon_errors import (
    _two_or_more,
)
from exitcodes.strategies._evidence import (
    _EACCES_ANY_CASE,
    _ENGINE_EXEC_127,
    _NOT_FOUND_ANY_CASE,
    _exec_inspects,
    _failed_start,
    _pick_template,
    _state,
    _wait_responses,
)
from exitcodes.strategies._messages import (
    _ATTACH_ERRORS,
    _CANCELLED,
    _ESCAPE,
    _EXEC_CREATE_ERRORS,
    _EXEC_INSPECT_ERRORS,
    _TEMPLATES,
    _WAIT_ERROR_MESSAGES,
    _WAIT_REQUEST_ERRORS,
)
from exitcodes.strategies._templates import (
    _EXEC_CHAINS,
    _PODMAN_NOT_FOUND,
    _PODMAN_PERMISSION,
    _fill,
    _message,
    _of_engine,
    _render,
)
from exitcodes.strategies._versions import (
    profiles,
)

# --------------------------------------------------------------------------------------
# Scenarios
# --------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Scenario:
    """One docker command, what happened to it, and the exit code it ends with.

    The fields are the evidence a tool holds, with the names and shapes of
    :func:`exitcodes.resolve`'s arguments, so a wrapper can be checked against
    them: ``resolve(s.command, **s.resolve_kwargs())`` is ``s.expected``.

    Attributes:
        command: one of :data:`exitcodes.rules.COMMANDS` (``"run"``, ``"exec"``...).
        error: the error text that ended the command, or ``None``.
        phase: where *error* happened (see :func:`exitcodes.resolve`); ``"start"``
            when there is no error.
        wait: the wait response (``{"StatusCode": n, "Error": ...}``); for
            ``"wait"`` a list of them, or of failed wait requests' error texts.
        exec_inspect: the exec inspect document for ``"exec"``.
        state: ``docker inspect``'s ``State``, when the tool looked at it.
        detach: ``docker run -d`` / ``docker exec -d``.
        attached_streams: the streams of ``docker run -a``, or ``None``.
        profile: the CLI and daemon the exit code is for.
        situation: what happened, in words.
        expected: the resulting exit code, outcome, deciding rule and signal,
            from an independent model of the docker sources (its ``reason`` is
            the situation); :func:`exitcodes.resolve` agrees on the rest.
    """

    command: str
    error: str | None = None
    phase: str = "start"
    wait: Any = None
    exec_inspect: dict[str, Any] | None = None
    state: dict[str, Any] | None = None
    detach: bool = False
    attached_streams: tuple[str, ...] | None = None
    profile: Profile
    situation: str
    expected: Resolution

    @property
    def exit_code(self) -> int:
        """The exit code the docker CLI ends with (``expected.exit_code``)."""
        return self.expected.exit_code

    def resolve_kwargs(self) -> dict[str, Any]:
        """The keyword arguments of :func:`exitcodes.resolve` for this scenario."""
        return {
            "error": self.error,
            "phase": self.phase,
            "wait": self.wait,
            "exec_inspect": self.exec_inspect,
            "state": self.state,
            "detach": self.detach,
            "attached_streams": self.attached_streams,
            "profile": self.profile,
        }

    @property
    def command_line(self) -> str:
        """The command as typed: ``docker run -d``, ``podman start -a``..."""
        command = "<command>" if self.command == "other" else self.command
        words = [self.profile.engine.value, command]
        if self.detach:
            words.append("-d")
        for stream in self.attached_streams or ():
            words += ["-a", stream]
        return " ".join(words)

    def reproduction(self) -> str:
        """A Python call of :func:`exitcodes.resolve` that reproduces this scenario."""
        parts = [repr(self.command)]
        defaults = {"phase": "start", "detach": False}
        for name, value in self.resolve_kwargs().items():
            if name == "profile":
                continue
            if value is None or defaults.get(name, object()) == value:
                continue
            parts.append(f"{name}={value!r}")
        parts.append(f"profile={_profile_call(self.profile)}")
        return f"exitcodes.resolve({', '.join(parts)})"

    def describe(self) -> str:
        """The scenario in a few readable lines."""
        lines = [f"{self.command_line}, under {self.profile}: {self.situation}"]
        if self.error is not None:
            lines.append(f"  error ({self.phase}): {self.error!r}")
        if self.wait is not None:
            lines.append(f"  wait: {self.wait!r}")
        if self.exec_inspect is not None:
            shown = {key: self.exec_inspect.get(key) for key in ("Running", "ExitCode")}
            lines.append(f"  exec inspect: {shown!r}")
        if self.state is not None:
            keys = ("Status", "ExitCode", "OOMKilled", "Error")
            lines.append(f"  state: { ({key: self.state.get(key) for key in keys})!r}")
        return "\n".join(lines)


def _profile_call(profile: Profile) -> str:
    arguments = [repr(str(profile.version))]
    if profile.engine_version != profile.version:
        arguments.append(f"engine_version={str(profile.engine_version)!r}")
    if profile.platform is not Platform.LINUX:
        arguments.append(f"platform={profile.platform.value!r}")
    return f"exitcodes.profiles.{profile.engine.value}({', '.join(arguments)})"


# The independent model of the CLIs. Docker: docker/cli run.go toStatusError, utils.go,
# attach.go, exec.go, wait.go (see shared/reference/docker-cli.md), decided from the hand
# labels of the templates. Podman: libpod define/exec_codes.go ExitCode and
# TranslateExecErrorToExitCode, and its 125 for every other error. nerdctl: exit 1 for
# every error. Version gates of the docker CLI:
_CLI_WAIT_ERROR = Version(18, 2, 0)
_CLI_EISDIR = Version(23, 0, 1)
_CLI_TRANSPORT_IS_CONNECTION = Version(25, 0, 4)
_CLI_CANCEL_IGNORED = Version(27, 0, 0)
_CLI_STDIN_WAITS = Version(28, 0, 0)
_CLI_PING_FIRST = Version(29, 1, 3)
_PODMAN_EXEC_INVALID_ARGUMENT = Version(5, 1, 0)
_WINDOWS_MASK = 0xFFFFFFFF
_POSIX_MASK = 0xFF
_DOCKER_NOT_FOUND = (
    "executable file not found",
    "no such file or directory",
    "system cannot find the file specified",
)


def _mask(profile: Profile) -> int:
    return _WINDOWS_MASK if profile.platform is Platform.WINDOWS else _POSIX_MASK


def _signal_named(number: int) -> _signal.Signals | LinuxSignal | None:
    """Linux's signal *number*, as classify names it (see :func:`_signal_members`)."""
    return signal_of(_SIGNAL_BASE + number)


def _rule(profile: Profile, name: str) -> str:
    """The engine's own row *name*: ``docker-cli/detached``, ``podman-cli/detached``..."""
    return f"{profile.engine.value}-cli/{name}"


def _status_result(status: int, profile: Profile, rule: str, situation: str) -> Resolution:
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


def _cli_mapping(labels: frozenset[str], profile: Profile) -> tuple[int, ExitOutcome, str]:
    """``docker run``'s 125/126/127 for a create or start error (case-sensitive)."""
    if "not-found" in labels:
        return 127, ExitOutcome.NOT_FOUND, "docker-cli/not-found"
    if "eacces" in labels:
        return 126, ExitOutcome.CANNOT_INVOKE, "docker-cli/permission-denied"
    if "eisdir" in labels and profile.version >= _CLI_EISDIR:
        return 126, ExitOutcome.CANNOT_INVOKE, "docker-cli/is-a-directory"
    return 125, ExitOutcome.ENGINE_ERROR, "docker-cli/engine-error"


def _exec_start_result(labels: frozenset[str], profile: Profile, situation: str) -> Resolution:
    """The code dockerd records for an exec whose process failed to start."""
    if profile.engine_version < _ENGINE_EXEC_127:
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
    if "invalid argument" in lowered and profile.version >= _PODMAN_EXEC_INVALID_ARGUMENT:
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


_Builder = Callable[[st.DrawFn, str, Profile], Scenario]


@attrs.frozen
class _Situation:
    commands: tuple[str, ...]
    phase: str | None  # None: the command met no error
    build: _Builder
    engines: frozenset[Engine] = frozenset(Engine)


_ANY_STATUS = exit_codes() | exit_codes(min_value=INT64_MIN, max_value=INT64_MAX, windows=True)
_ATTACHED = ("run", "start -a", "attach")
_EXEC_INSPECTS = _exec_inspects(_ANY_STATUS)
_WAIT_RESPONSES = _wait_responses(_ANY_STATUS, True)


def _wait_for(draw: st.DrawFn, status: int) -> dict[str, Any]:
    if draw(_BOOLEANS):
        return {"StatusCode": status, "Error": None}
    return {"StatusCode": status}


def _streams(draw: st.DrawFn, command: str) -> tuple[str, ...] | None:
    if command != "run":
        return None
    return _pick(draw, (None, ("stdout", "stderr"), ("stdin", "stdout", "stderr")))


def _attached_result(status: int, command: str, profile: Profile, situation: str) -> Resolution:
    if command == "attach" and profile.engine is Engine.PODMAN:
        return Resolution(0, ExitOutcome.SUCCESS, "podman-cli/attach-discards-status", situation)
    return _status_result(status, profile, _rule(profile, "container-status"), situation)


def _exits(draw: st.DrawFn, command: str, profile: Profile) -> Scenario:
    status = draw(_ANY_STATUS)
    situation = f"the container exited {status}"
    state = None
    if _integer(draw, 0, 3) == 3:
        state = _state("exited", ExitCode=status)
    return Scenario(
        command=command,
        wait=_wait_for(draw, status),
        state=state,
        attached_streams=_streams(draw, command),
        profile=profile,
        situation=situation,
        expected=_attached_result(status, command, profile, situation),
    )


def _oom_killed(draw: st.DrawFn, command: str, profile: Profile) -> Scenario:
    situation = "the kernel's OOM killer ended the container (status 137, State.OOMKilled)"
    expected = attrs.evolve(
        _attached_result(137, command, profile, situation),
        outcome=ExitOutcome.OOM_KILLED,
        signal=_signal_named(9),
    )
    return Scenario(
        command=command,
        wait=_wait_for(draw, 137),
        state=_state("exited", ExitCode=137, OOMKilled=True),
        attached_streams=_streams(draw, command),
        profile=profile,
        situation=situation,
        expected=expected,
    )


def _wait_error(draw: st.DrawFn, command: str, profile: Profile) -> Scenario:
    message = _fill(draw, _pick(draw, _WAIT_ERROR_MESSAGES).text)
    status = _pick(draw, (0, 3, 125, 137))
    wait = {"StatusCode": status, "Error": {"Message": message}}
    if profile.version < _CLI_WAIT_ERROR:
        # The CLI did not read the wait response's Error before 18.02 (API 1.34).
        situation = f"the wait response carried an Error, which this CLI ignores; status {status}"
        expected = _status_result(status, profile, "docker-cli/container-status", situation)
    elif command == "attach":
        situation = "the wait response carried an Error (the container's removal failed)"
        expected = Resolution(
            1, ExitOutcome.STATUS_UNKNOWN, "docker-cli/attach-wait-error", situation
        )
    else:
        situation = "the wait response carried an Error (the container's removal failed)"
        expected = Resolution(125, ExitOutcome.STATUS_UNKNOWN, "docker-cli/wait-error", situation)
    return Scenario(
        command=command,
        wait=wait,
        attached_streams=_streams(draw, command),
        profile=profile,
        situation=situation,
        expected=expected,
    )


def _detached(draw: st.DrawFn, command: str, profile: Profile) -> Scenario:
    situation = f"{command} -d: the command was started and the CLI returned"
    return Scenario(
        command=command,
        detach=True,
        profile=profile,
        situation=situation,
        expected=Resolution(0, ExitOutcome.SUCCESS, _rule(profile, "detached"), situation),
    )


def _stdin_only(draw: st.DrawFn, command: str, profile: Profile) -> Scenario:
    status = draw(_ANY_STATUS)
    wait = _wait_for(draw, status)
    if profile.version < _CLI_STDIN_WAITS:
        situation = f"docker run -a stdin (no output stream) counts as detached; it exited {status}"
        expected = Resolution(
            0, ExitOutcome.SUCCESS, "docker-cli/stdin-only-attach-detached", situation
        )
    else:
        situation = f"docker run -a stdin waits for the container, which exited {status}"
        expected = _status_result(status, profile, "docker-cli/container-status", situation)
    return Scenario(
        command=command,
        wait=wait,
        attached_streams=("stdin",),
        profile=profile,
        situation=situation,
        expected=expected,
    )


def _exec_finished(draw: st.DrawFn, command: str, profile: Profile) -> Scenario:
    inspect = draw(_EXEC_INSPECTS)
    status = inspect["ExitCode"]
    rule = _rule(profile, "exec-exit-code")
    if status is None:
        situation = "the exec inspect's ExitCode is null (the process has not exited)"
        expected = Resolution(0, ExitOutcome.STATUS_UNKNOWN, rule, situation)
    else:
        situation = f"the exec'd process exited {status}"
        expected = _status_result(status, profile, rule, situation)
        if profile.engine is Engine.NERDCTL and expected.exit_code != 0:
            expected = attrs.evolve(expected, exit_code=1, rule="nerdctl-cli/exec-nonzero-1")
    return Scenario(
        command=command,
        exec_inspect=inspect,
        profile=profile,
        situation=situation,
        expected=expected,
    )


_WAIT_COMMAND_FAILED = {Engine.DOCKER: 1, Engine.PODMAN: 125, Engine.NERDCTL: 1}


def _wait_command(draw: st.DrawFn, command: str, profile: Profile) -> Scenario:
    failed = _fill(draw, "Error response from daemon: No such container: {name}")
    items: list[Any] = [
        failed if draw(_BOOLEANS) else draw(_WAIT_RESPONSES) for _ in range(_integer(draw, 1, 3))
    ]
    failures = sum(isinstance(item, str) for item in items)
    rule = _rule(profile, "wait-command")
    if failures:
        situation = f"{failures} of {len(items)} wait requests failed"
        code = _WAIT_COMMAND_FAILED[profile.engine]
        expected = Resolution(code, ExitOutcome.ENGINE_ERROR, rule, situation)
    else:
        situation = f"the wait command printed the status of {len(items)} container(s)"
        expected = Resolution(0, ExitOutcome.SUCCESS, rule, situation)
    return Scenario(
        command=command, wait=items, profile=profile, situation=situation, expected=expected
    )


def _completed(draw: st.DrawFn, command: str, profile: Profile) -> Scenario:
    situation = f"{command} succeeded"
    return Scenario(
        command=command,
        profile=profile,
        situation=situation,
        expected=Resolution(0, ExitOutcome.SUCCESS, _rule(profile, "completed"), situation),
    )


def _usage_text(draw: st.DrawFn, stage: str, command: str, profile: Profile) -> str:
    templates = [t for t in _of_engine(_TEMPLATES, profile) if t.stage == stage]
    template = _pick(draw, templates)
    word = command.split(maxsplit=1)[0] if command != "other" else "ps"
    return _render(draw, template, profile, {"command": word})


_USAGE_RESULTS = {
    ("flags", Engine.DOCKER): (125, "docker-cli/flag-error"),
    ("args", Engine.DOCKER): (1, "docker-cli/argument-error"),
    ("flags", Engine.PODMAN): (125, "podman-cli/flag-error"),
    ("args", Engine.PODMAN): (125, "podman-cli/argument-error"),
    ("flags", Engine.NERDCTL): (1, "nerdctl-cli/usage-error"),
    ("args", Engine.NERDCTL): (1, "nerdctl-cli/usage-error"),
}


def _flag_error(draw: st.DrawFn, command: str, profile: Profile) -> Scenario:
    situation = "the CLI rejected a flag"
    code, rule = _USAGE_RESULTS["flags", profile.engine]
    return Scenario(
        command=command,
        error=_usage_text(draw, "usage-flag", command, profile),
        phase="flags",
        profile=profile,
        situation=situation,
        expected=Resolution(code, ExitOutcome.USAGE_ERROR, rule, situation),
    )


def _argument_error(draw: st.DrawFn, command: str, profile: Profile) -> Scenario:
    situation = "the CLI rejected the arguments or the command name"
    code, rule = _USAGE_RESULTS["args", profile.engine]
    return Scenario(
        command=command,
        error=_usage_text(draw, "usage-args", command, profile),
        phase="args",
        profile=profile,
        situation=situation,
        expected=Resolution(code, ExitOutcome.USAGE_ERROR, rule, situation),
    )


_CLIENT_TEMPLATES = tuple(template for template in _TEMPLATES if template.stage == "client")


def _unreachable(draw: st.DrawFn, command: str, profile: Profile) -> Scenario:
    template = _pick_template(draw, _of_engine(_CLIENT_TEMPLATES, profile))
    error = _render(draw, template, profile)
    detach = command == "run" and draw(_BOOLEANS)
    if command != "run" or profile.engine is not Engine.DOCKER:
        situation = "the daemon could not be reached; the error is returned as is"
        expected = _plain(profile, error, situation)
    elif profile.version >= _CLI_PING_FIRST:
        situation = "the daemon could not be reached; docker run pings first"
        expected = Resolution(1, ExitOutcome.ENGINE_ERROR, "docker-cli/run-ping-failed", situation)
    else:
        code, _outcome, rule = _cli_mapping(template.labels, profile)
        situation = f"the daemon could not be reached; docker run maps the text to {code}"
        expected = Resolution(code, ExitOutcome.ENGINE_ERROR, rule, situation)
    return Scenario(
        command=command,
        error=error,
        phase="connect",
        detach=detach,
        profile=profile,
        situation=situation,
        expected=expected,
    )


_CREATE_TEMPLATES = tuple(template for template in _TEMPLATES if template.stage == "create")


def _describe_labels(labels: frozenset[str]) -> str:
    names = {
        "not-found": "a file was not found",
        "not-found-ci": "a file was not found (in another case)",
        "eacces": "permission denied",
        "eacces-ci": "permission denied (in another case)",
        "eperm": "operation not permitted",
        "eisdir": "is a directory",
        "enotdir": "not a directory",
        "runc-call": "the runc call failed",
    }
    said = [names[label] for label in sorted(labels) if label in names]
    return ", ".join(said) if said else "something else"


def _create_failed(draw: st.DrawFn, command: str, profile: Profile) -> Scenario:
    if command == "exec":
        template = _pick(draw, _EXEC_CREATE_ERRORS)
        error = _fill(draw, template.text)
        situation = "the exec could not be created"
        return Scenario(
            command=command,
            error=error,
            phase="create",
            profile=profile,
            situation=situation,
            expected=_plain(profile, error, situation),
        )
    template = _pick_template(draw, _of_engine(_CREATE_TEMPLATES, profile))
    error = _render(draw, template, profile)
    said = _describe_labels(template.labels)
    detach = command == "run" and draw(_BOOLEANS)
    if command == "run" and profile.engine is Engine.DOCKER:
        code, outcome, rule = _cli_mapping(template.labels, profile)
        situation = f"the daemon refused to create the container; the error says {said}"
        expected = Resolution(code, outcome, rule, situation)
    else:
        situation = f"the container could not be created (the error says {said})"
        expected = _plain(profile, error, situation)
    return Scenario(
        command=command,
        error=error,
        phase="create",
        detach=detach,
        profile=profile,
        situation=situation,
        expected=expected,
    )


def _exec_start_failed(draw: st.DrawFn, command: str, profile: Profile) -> Scenario:
    detach = draw(_BOOLEANS)
    templates = _of_engine((t for t in _TEMPLATES if t.exec_ok), profile)
    template = _pick_template(draw, templates)
    error = _message(draw, template, profile, chains=_EXEC_CHAINS, forms=False)[0]
    said = _describe_labels(template.labels)
    if detach:
        situation = f"exec -d: the exec start failed ({said})"
        expected = _plain(profile, error, situation)
    else:
        situation = f"the exec'd process failed to start; the error says {said}"
        if profile.engine is Engine.PODMAN:
            expected = _podman_exec_start(error, profile, situation)
        elif profile.engine is Engine.NERDCTL:
            expected = _nerdctl_error(error, situation)
        else:
            expected = _exec_start_result(template.labels, profile, situation)
    return Scenario(
        command=command,
        error=error,
        phase="start",
        detach=detach,
        profile=profile,
        situation=situation,
        expected=expected,
    )


def _start_failed(draw: st.DrawFn, command: str, profile: Profile) -> Scenario:
    if command == "exec":
        return _exec_start_failed(draw, command, profile)
    state, template, error = _failed_start(draw, profile)
    said = _describe_labels(template.labels)
    detach = command == "run" and draw(_BOOLEANS)
    situation = f"the container failed to start; the error says {said}"
    if command != "run":
        expected = _plain(profile, error, situation)
    elif profile.engine is Engine.PODMAN:
        expected = _podman_run_start(error, situation)
    elif profile.engine is Engine.NERDCTL:
        expected = _nerdctl_error(error, situation)
    else:
        code, outcome, rule = _cli_mapping(template.labels, profile)
        expected = Resolution(code, outcome, rule, situation)
    return Scenario(
        command=command,
        error=error,
        phase="start",
        detach=detach,
        state=state if command == "run" and _integer(draw, 0, 3) == 3 else None,
        profile=profile,
        situation=situation,
        expected=expected,
    )


def _attach_failed(draw: st.DrawFn, command: str, profile: Profile) -> Scenario:
    # Only docker turns the detach keys into an error text; the others just return.
    escape = profile.engine is Engine.DOCKER and draw(_BOOLEANS)
    if escape:
        error = _ESCAPE.text
        if command in ("run", "start -a"):
            situation = "the user detached with the detach keys"
            expected = Resolution(0, ExitOutcome.SUCCESS, "docker-cli/detach-keys", situation)
        else:
            situation = "the user detached with the detach keys; docker attach and exec return it"
            expected = _plain(profile, error, situation)
        return Scenario(
            command=command,
            error=error,
            phase="attach",
            profile=profile,
            situation=situation,
            expected=expected,
        )
    error = _fill(draw, _pick(draw, _ATTACH_ERRORS).text)
    situation = "attaching to the container's streams failed"
    if command == "exec" and profile.engine is Engine.PODMAN:
        expected = Resolution(  # libpod returns -1
            -1 & _mask(profile),
            ExitOutcome.ENGINE_ERROR,
            "podman-cli/exec-attach-failed",
            situation,
        )
    else:
        expected = _plain(profile, error, situation)
    return Scenario(
        command=command,
        error=error,
        phase="attach",
        profile=profile,
        situation=situation,
        expected=expected,
    )


def _exec_inspect_failed(draw: st.DrawFn, command: str, profile: Profile) -> Scenario:
    templates = (*_of_engine(_CLIENT_TEMPLATES, profile), *_EXEC_INSPECT_ERRORS)
    template = _pick(draw, templates)
    error = _fill(draw, template.text)
    connection_failed = "unreachable" in template.labels or (
        "transport" in template.labels and profile.version >= _CLI_TRANSPORT_IS_CONNECTION
    )
    if profile.engine is not Engine.DOCKER:
        situation = "the exec inspect failed"
        expected = _plain(profile, error, situation)
    elif connection_failed and "Error response from daemon" not in error:
        situation = "the exec inspect could not reach the daemon"
        expected = Resolution(
            -1 & _mask(profile),
            ExitOutcome.STATUS_UNKNOWN,
            "docker-cli/exec-inspect-failed",
            situation,
        )
    else:
        situation = "the exec inspect failed, and this CLI does not count it a connection failure"
        expected = Resolution(
            1, ExitOutcome.ENGINE_ERROR, "docker-cli/exec-inspect-failed", situation
        )
    return Scenario(
        command=command,
        error=error,
        phase="wait",
        profile=profile,
        situation=situation,
        expected=expected,
    )


def _wait_failed(draw: st.DrawFn, command: str, profile: Profile) -> Scenario:
    if command == "exec":
        return _exec_inspect_failed(draw, command, profile)
    template = _pick(draw, (*_WAIT_REQUEST_ERRORS, _CANCELLED))
    error = _fill(draw, template.text)
    detach = command == "run" and draw(_BOOLEANS)
    if detach:
        situation = "run -d: the wait request failed, which it only logs"
        rule = _rule(profile, "run-detached-wait-ignored")
        expected = Resolution(0, ExitOutcome.SUCCESS, rule, situation)
    elif command == "attach" or profile.engine is Engine.NERDCTL:
        situation = "the wait request failed; the error is returned as is"
        expected = _plain(profile, error, situation)
    elif profile.engine is Engine.PODMAN:
        situation = "waiting for the container failed; podman returns 127 for that"
        expected = Resolution(
            127, ExitOutcome.STATUS_UNKNOWN, "podman-cli/wait-failed-127", situation
        )
    elif "cancel" in template.labels and profile.version >= _CLI_CANCEL_IGNORED:
        situation = "the wait was cancelled: the status channel closed, so the CLI read 0"
        expected = Resolution(0, ExitOutcome.STATUS_UNKNOWN, "docker-cli/wait-cancelled", situation)
    else:
        situation = "the wait request failed, so the container's status is unknown"
        expected = Resolution(125, ExitOutcome.STATUS_UNKNOWN, "docker-cli/wait-failed", situation)
    return Scenario(
        command=command,
        error=error,
        phase="wait",
        detach=detach,
        profile=profile,
        situation=situation,
        expected=expected,
    )


_DOCKER_ONLY = frozenset({Engine.DOCKER})
_SITUATIONS: tuple[_Situation, ...] = (
    _Situation(_ATTACHED, None, _exits),
    _Situation(("run", "exec"), None, _detached),
    _Situation(("run",), "start", _start_failed),
    _Situation(("exec",), None, _exec_finished),
    _Situation(_ATTACHED, None, _oom_killed),
    _Situation(_ATTACHED, None, _wait_error, _DOCKER_ONLY),
    _Situation(("run",), None, _stdin_only, _DOCKER_ONLY),
    _Situation(("run", "create", "exec"), "create", _create_failed),
    _Situation(("exec", "start", "start -a"), "start", _start_failed),
    _Situation(("create", "start", "other"), None, _completed),
    _Situation(("wait",), None, _wait_command),
    _Situation(COMMANDS, "flags", _flag_error),
    _Situation(COMMANDS, "args", _argument_error),
    _Situation(COMMANDS, "connect", _unreachable),
    _Situation(("run", "start -a", "attach", "exec"), "attach", _attach_failed),
    _Situation(("run", "start -a", "attach", "exec"), "wait", _wait_failed),
)


@st.composite
def _scenarios(
    draw: st.DrawFn, profile: Profile, situations: tuple[tuple[_Situation, tuple[str, ...]], ...]
) -> Scenario:
    situation, commands = _pick(draw, situations)
    command = _pick(draw, commands)
    return situation.build(draw, command, profile)


def scenarios(
    *,
    profile: Profile | None = None,
    commands: Collection[str] | None = None,
    phases: Collection[str] | None = None,
) -> st.SearchStrategy[Scenario]:
    """Whole command scenarios, each with the exit code the CLI ends with.

    Each scenario is built from a situation (``docker run``, the runtime said the
    command is a directory; ``docker attach``, the wait response carried an
    Error; ``podman exec``, the process exited 300...) with realistic evidence,
    and its :attr:`Scenario.expected` comes from a model of the docker, podman
    and nerdctl sources, not from :func:`exitcodes.resolve`. Shrinks towards
    simple scenarios (``docker run -d``, a container that exited 0).

    To vary the profile too: ``profiles().flatmap(lambda p: scenarios(profile=p))``.

    Args:
        profile: the engine and versions to be faithful to (default: the
            newest Docker).
        commands: some of :data:`exitcodes.rules.COMMANDS` (default: all).
        phases: the phases in which errors may happen, some of
            :data:`exitcodes.rules.PHASES` (default: all; pass ``()`` for
            scenarios without errors only).

    Raises:
        InvalidArgument: unknown commands or phases, a bad profile.

    >>> strategy = scenarios(commands=["run"], phases=["create", "start"])
    """
    call = "scenarios()"
    active = _check_profile(profile, call)
    chosen = COMMANDS if commands is None else _check_choices(commands, "commands", COMMANDS, call)
    if phases is None:
        allowed: tuple[str, ...] = PHASES
    elif _is_empty(phases):
        allowed = ()
    else:
        allowed = _check_choices(phases, "phases", PHASES, call)
    situations = []
    for situation in _SITUATIONS:
        if situation.phase is not None and situation.phase not in allowed:
            continue
        if active.engine not in situation.engines:
            continue
        fitting = tuple(command for command in chosen if command in situation.commands)
        if fitting:
            situations.append((situation, _two_or_more(fitting)))
    if not situations:  # pragma: no cover - every command has a situation without errors
        raise _fail(call, "no situation fits these commands and phases")
    return _scenarios(active, tuple(situations))


def resolutions(*, profile: Profile | None = None) -> st.SearchStrategy[Resolution]:
    """Real :class:`~exitcodes.Resolution` results: :func:`scenarios` resolved.

    Args:
        profile: the profile to resolve under (default: the newest Docker).

    Raises:
        InvalidArgument: *profile* is not a Profile.

    >>> strategy = resolutions()
    """
    return scenarios(profile=_check_profile(profile, "resolutions()")).map(
        lambda scenario: resolve(scenario.command, **scenario.resolve_kwargs())
    )


def _any_scenarios() -> st.SearchStrategy[Scenario]:
    engines = st.sampled_from(tuple(Engine))
    return engines.flatmap(lambda engine: profiles(engine=engine)).flatmap(
        lambda profile: scenarios(profile=profile)
    )


st.register_type_strategy(Scenario, st.deferred(_any_scenarios))
