"""Whole command scenarios: the evidence of one docker, podman or nerdctl command."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Any

import attrs
from hypothesis import strategies as st

from exitcodes.engines import spec as engine_spec
from exitcodes.profiles import Engine, EngineName, Platform, Profile
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
    exit_codes,
)
from exitcodes.strategies._daemon_errors import (
    _two_or_more,
)
from exitcodes.strategies._evidence import (
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
    _Template,
)
from exitcodes.strategies._templates import (
    _EXEC_CHAINS,
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


_RESOLVE_ARGUMENTS = (
    "error",
    "phase",
    "wait",
    "exec_inspect",
    "state",
    "detach",
    "attached_streams",
    "profile",
)
"""The keyword arguments of :func:`exitcodes.resolve` that a scenario (or a drawn case) holds."""


@attrs.frozen(kw_only=True)
class _Evidence:
    """A docker command, the evidence of what happened to it, and that in words.

    The fields of :class:`Scenario` and of a drawn case: the evidence fields are named
    and shaped as :func:`exitcodes.resolve`'s arguments (:data:`_RESOLVE_ARGUMENTS`).
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


@attrs.frozen(kw_only=True)
class Scenario(_Evidence):
    """One docker command, what happened to it, and the exit code it ends with.

    The fields are the evidence a tool holds, with the names and shapes of
    :func:`exitcodes.resolve`'s arguments, so a wrapper can be checked against
    them: ``resolve(s.command, **s.resolve_kwargs())`` is ``s.expected``.

    *expected* is :func:`exitcodes.resolve`'s own answer for the evidence, so a
    wrapper's code can be compared with the library's. The library's tests check
    that answer against an independent model of the docker, podman and nerdctl
    sources (``tests/model.py`` in the source tree) over generated scenarios.

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
        expected: the resulting exit code, outcome, deciding rule, reason and
            signal: :func:`exitcodes.resolve`'s answer for this evidence.
    """

    expected: Resolution

    @property
    def exit_code(self) -> int:
        """The exit code the docker CLI ends with (``expected.exit_code``)."""
        return self.expected.exit_code

    def resolve_kwargs(self) -> dict[str, Any]:
        """The keyword arguments of :func:`exitcodes.resolve` for this scenario."""
        return {name: getattr(self, name) for name in _RESOLVE_ARGUMENTS}

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
        lines.extend(f"  {name}: {shown}" for name, shown in self._documents())
        return "\n".join(lines)

    def _documents(self) -> list[tuple[str, str]]:
        """The wait response, exec inspect and state it holds, each as (name, the telling keys).

        :meth:`describe` and :mod:`exitcodes.testing`'s failure message show them alike.
        """
        shown: list[tuple[str, str]] = []
        if self.wait is not None:
            shown.append(("wait", repr(self.wait)))
        if self.exec_inspect is not None:
            keys: tuple[str, ...] = ("Running", "ExitCode")
            shown.append(("exec inspect", repr({key: self.exec_inspect.get(key) for key in keys})))
        if self.state is not None:
            keys = ("Status", "ExitCode", "OOMKilled", "Error")
            shown.append(("state", repr({key: self.state.get(key) for key in keys})))
        return shown


def _profile_call(profile: Profile) -> str:
    arguments = [repr(str(profile.version))]
    if profile.engine_version != profile.version:
        arguments.append(f"engine_version={str(profile.engine_version)!r}")
    if profile.platform is not Platform.LINUX:
        arguments.append(f"platform={profile.platform.value!r}")
    if profile.daemon is not profile.engine:
        arguments.append(f"daemon={profile.daemon.value!r}")
    if isinstance(profile.engine, EngineName):  # registered from outside: its spec's factory
        factory = f"exitcodes.engines.spec(EngineName({profile.engine.value!r})).profile"
        return f"{factory}({', '.join(arguments)})"
    return f"exitcodes.profiles.{profile.engine.value}({', '.join(arguments)})"


@attrs.frozen(kw_only=True)
class _Case(_Evidence):
    """A drawn situation: its evidence, plus what its builder knows beyond the evidence.

    *kind* names the builder and *labels* the hand labels of the corpus wording it
    used, so that an independent model (``tests/model.py``) can predict the exit code
    without reading the rule tables; :meth:`scenario` asks :func:`exitcodes.resolve`.
    """

    kind: str
    labels: frozenset[str] = frozenset()

    def resolve_kwargs(self) -> dict[str, Any]:
        """The keyword arguments of :func:`exitcodes.resolve` for this case."""
        return {name: getattr(self, name) for name in _RESOLVE_ARGUMENTS}

    def scenario(self) -> Scenario:
        """The public scenario, its expected result resolved by the library."""
        kwargs = self.resolve_kwargs()
        return Scenario(
            command=self.command,
            situation=self.situation,
            expected=resolve(self.command, **kwargs),
            **kwargs,
        )


_Builder = Callable[[st.DrawFn, str, Profile], _Case]


@attrs.frozen
class _Situation:
    commands: tuple[str, ...]
    phase: str | None  # None: the command met no error
    build: _Builder
    engines: frozenset[Engine] | None = None  # None: any engine, one registered too


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


def _inspects_after_stream(command: str, profile: Profile) -> bool:
    """Whether the CLI's *command* reads an inspect State instead of the wait response."""
    row = engine_spec(profile.engine).attach_inspects
    return command == "attach" and row is not None and row.versions.contains(profile)


def _waited(  # noqa: PLR0917 - one case's parts, in the order they are drawn
    draw: st.DrawFn,
    command: str,
    profile: Profile,
    wait: dict[str, Any],
    state: dict[str, Any] | None,
    situation: str,
    kind: str,
) -> _Case:
    """A case the CLI waited on: the wait response, then the attached streams, are drawn."""
    return _Case(
        command=command,
        wait=wait,
        state=state,
        attached_streams=_streams(draw, command),
        profile=profile,
        situation=situation,
        kind=kind,
    )


def _exits(draw: st.DrawFn, command: str, profile: Profile) -> _Case:
    status = draw(_ANY_STATUS)
    state = None
    if _integer(draw, 0, 3) == 3 or _inspects_after_stream(command, profile):
        state = _state("exited", ExitCode=status)
    wait = _wait_for(draw, status)
    return _waited(draw, command, profile, wait, state, f"the container exited {status}", "exits")


def _oom_killed(draw: st.DrawFn, command: str, profile: Profile) -> _Case:
    wait = _wait_for(draw, 137)
    state = _state("exited", ExitCode=137, OOMKilled=True)
    situation = "the kernel's OOM killer ended the container (status 137, State.OOMKilled)"
    return _waited(draw, command, profile, wait, state, situation, "oom-killed")


def _wait_error(draw: st.DrawFn, command: str, profile: Profile) -> _Case:
    message = _fill(draw, _pick(draw, _WAIT_ERROR_MESSAGES).text)
    status = _pick(draw, (0, 3, 125, 137))
    wait = {"StatusCode": status, "Error": {"Message": message}}
    state = _state("exited", ExitCode=status) if _inspects_after_stream(command, profile) else None
    situation = f"the wait response carried an Error (the removal failed) and status {status}"
    return _waited(draw, command, profile, wait, state, situation, "wait-error")


def _detached(draw: st.DrawFn, command: str, profile: Profile) -> _Case:
    return _Case(
        command=command,
        detach=True,
        profile=profile,
        situation=f"{command} -d: the command was started and the CLI returned",
        kind="detached",
    )


def _stdin_only(draw: st.DrawFn, command: str, profile: Profile) -> _Case:
    status = draw(_ANY_STATUS)
    return _Case(
        command=command,
        wait=_wait_for(draw, status),
        attached_streams=("stdin",),
        profile=profile,
        situation=f"docker run -a stdin (no output stream); the container exited {status}",
        kind="stdin-only",
    )


def _exec_finished(draw: st.DrawFn, command: str, profile: Profile) -> _Case:
    inspect = draw(_EXEC_INSPECTS)
    status = inspect["ExitCode"]
    if status is None:
        situation = "the exec inspect's ExitCode is null (the process has not exited)"
    else:
        situation = f"the exec'd process exited {status}"
    return _Case(
        command=command,
        exec_inspect=inspect,
        profile=profile,
        situation=situation,
        kind="exec-finished",
    )


def _wait_command(draw: st.DrawFn, command: str, profile: Profile) -> _Case:
    failed = _fill(draw, "Error response from daemon: No such container: {name}")
    items: list[Any] = [
        failed if draw(_BOOLEANS) else draw(_WAIT_RESPONSES) for _ in range(_integer(draw, 1, 3))
    ]
    failures = sum(isinstance(item, str) for item in items)
    if failures:
        situation = f"{failures} of {len(items)} wait requests failed"
    else:
        situation = f"the wait command printed the status of {len(items)} container(s)"
    return _Case(
        command=command, wait=items, profile=profile, situation=situation, kind="wait-command"
    )


def _completed(draw: st.DrawFn, command: str, profile: Profile) -> _Case:
    return _Case(
        command=command, profile=profile, situation=f"{command} succeeded", kind="completed"
    )


def _usage_text(draw: st.DrawFn, stage: str, command: str, profile: Profile) -> str:
    templates = [t for t in _of_engine(_TEMPLATES, profile) if t.stage == stage]
    template = _pick(draw, templates)
    word = command.split(maxsplit=1)[0] if command != "other" else "ps"
    return _render(draw, template, profile, {"command": word})


# The phase of a usage error -> the corpus stage its wording comes from, and the case's kind.
_USAGE_PHASES = {"flags": ("usage-flag", "flag-error"), "args": ("usage-args", "argument-error")}


def _rejected(draw: st.DrawFn, command: str, profile: Profile, phase: str, situation: str) -> _Case:
    """A case the CLI refused before asking the daemon, in the usage *phase*."""
    stage, kind = _USAGE_PHASES[phase]
    error = _usage_text(draw, stage, command, profile)
    return _Case(
        command=command, error=error, phase=phase, profile=profile, situation=situation, kind=kind
    )


def _flag_error(draw: st.DrawFn, command: str, profile: Profile) -> _Case:
    return _rejected(draw, command, profile, "flags", "the CLI rejected a flag")


def _argument_error(draw: st.DrawFn, command: str, profile: Profile) -> _Case:
    situation = "the CLI rejected the arguments or the command name"
    return _rejected(draw, command, profile, "args", situation)


_CLIENT_TEMPLATES = tuple(template for template in _TEMPLATES if template.stage == "client")


def _unreachable(draw: st.DrawFn, command: str, profile: Profile) -> _Case:
    template = _pick_template(draw, _of_engine(_CLIENT_TEMPLATES, profile))
    return _Case(
        command=command,
        error=_render(draw, template, profile),
        phase="connect",
        detach=command == "run" and draw(_BOOLEANS),
        profile=profile,
        situation="the daemon could not be reached",
        kind="unreachable",
        labels=template.labels,
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


def _said(  # noqa: PLR0917 - one case's parts, drawn before
    command: str,
    profile: Profile,
    template: _Template,
    error: str,
    phase: str,
    detach: bool,
    what: str,
    kind: str,
    state: dict[str, Any] | None = None,
) -> _Case:
    """A case whose error is the corpus *template*: the situation says what its labels say."""
    return _Case(
        command=command,
        error=error,
        phase=phase,
        detach=detach,
        state=state,
        profile=profile,
        situation=f"{what}; the error says {_describe_labels(template.labels)}",
        kind=kind,
        labels=template.labels,
    )


def _worded(
    draw: st.DrawFn,
    command: str,
    profile: Profile,
    templates: Sequence[_Template],
    *,
    phase: str,
    situation: str,
    kind: str,
) -> _Case:
    """A case whose error is one of *templates*, filled in, labelled as that template is."""
    template = _pick(draw, templates)
    return _Case(
        command=command,
        error=_fill(draw, template.text),
        phase=phase,
        profile=profile,
        situation=situation,
        kind=kind,
        labels=template.labels,
    )


def _create_failed(draw: st.DrawFn, command: str, profile: Profile) -> _Case:
    if command == "exec":
        return _worded(
            draw,
            command,
            profile,
            _EXEC_CREATE_ERRORS,
            phase="create",
            situation="the exec could not be created",
            kind="exec-create-failed",
        )
    template = _pick_template(draw, _of_engine(_CREATE_TEMPLATES, profile))
    error = _render(draw, template, profile)
    detach = command == "run" and draw(_BOOLEANS)
    what = "the container could not be created"
    return _said(command, profile, template, error, "create", detach, what, "create-failed")


def _exec_start_failed(draw: st.DrawFn, command: str, profile: Profile) -> _Case:
    detach = draw(_BOOLEANS)
    templates = _of_engine((t for t in _TEMPLATES if t.exec_ok), profile)
    template = _pick_template(draw, templates)
    error = _message(draw, template, profile, chains=_EXEC_CHAINS, forms=False)[0]
    what = "the exec'd process failed to start"
    return _said(command, profile, template, error, "start", detach, what, "exec-start-failed")


def _start_failed(draw: st.DrawFn, command: str, profile: Profile) -> _Case:
    if command == "exec":
        return _exec_start_failed(draw, command, profile)
    state, template, error = _failed_start(draw, profile)
    detach = command == "run" and draw(_BOOLEANS)
    inspected = state if command == "run" and _integer(draw, 0, 3) == 3 else None
    what = "the container failed to start"
    return _said(
        command, profile, template, error, "start", detach, what, "start-failed", inspected
    )


def _attach_failed(draw: st.DrawFn, command: str, profile: Profile) -> _Case:
    # Only the engines of the detach-keys wording turn the key sequence into an error.
    if profile.engine in _ESCAPE.engines and draw(_BOOLEANS):
        return _Case(
            command=command,
            error=_ESCAPE.text,
            phase="attach",
            profile=profile,
            situation="the user detached with the detach keys",
            kind="detach-keys",
            labels=_ESCAPE.labels,
        )
    return _worded(
        draw,
        command,
        profile,
        _ATTACH_ERRORS,
        phase="attach",
        situation="attaching to the container's streams failed",
        kind="attach-failed",
    )


def _exec_inspect_failed(draw: st.DrawFn, command: str, profile: Profile) -> _Case:
    return _worded(
        draw,
        command,
        profile,
        (*_of_engine(_CLIENT_TEMPLATES, profile), *_EXEC_INSPECT_ERRORS),
        phase="wait",
        situation="the exec inspect failed",
        kind="exec-inspect-failed",
    )


def _wait_failed(draw: st.DrawFn, command: str, profile: Profile) -> _Case:
    if command == "exec":
        return _exec_inspect_failed(draw, command, profile)
    if _inspects_after_stream(command, profile):  # no wait request to fail: it exited
        return _exits(draw, command, profile)
    case = _worded(
        draw,
        command,
        profile,
        (*_WAIT_REQUEST_ERRORS, _CANCELLED),
        phase="wait",
        situation="the wait request failed",
        kind="wait-failed",
    )
    return attrs.evolve(case, detach=command == "run" and draw(_BOOLEANS))


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
def _drawn_cases(
    draw: st.DrawFn, profile: Profile, situations: tuple[tuple[_Situation, tuple[str, ...]], ...]
) -> _Case:
    situation, commands = _pick(draw, situations)
    command = _pick(draw, commands)
    return situation.build(draw, command, profile)


def _cases(
    call: str,
    profile: Profile | None = None,
    commands: Collection[str] | None = None,
    phases: Collection[str] | None = None,
) -> st.SearchStrategy[_Case]:
    """The drawn cases behind :func:`scenarios` (``tests/model.py`` reads them too)."""
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
        if situation.engines is not None and active.engine not in situation.engines:
            continue
        fitting = tuple(command for command in chosen if command in situation.commands)
        if fitting:
            situations.append((situation, _two_or_more(fitting)))
    if not situations:  # pragma: no cover - every command has a situation without errors
        raise _fail(call, "no situation fits these commands and phases")
    return _drawn_cases(active, tuple(situations))


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
    and its :attr:`Scenario.expected` is :func:`exitcodes.resolve`'s answer for
    that evidence (the library's own tests check it against an independent model
    of the docker, podman and nerdctl sources). Shrinks towards simple scenarios
    (``docker run -d``, a container that exited 0).

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
    return _cases("scenarios()", profile, commands, phases).map(_Case.scenario)


def resolutions(*, profile: Profile | None = None) -> st.SearchStrategy[Resolution]:
    """Real :class:`~exitcodes.Resolution` results: :func:`scenarios` resolved.

    Args:
        profile: the profile to resolve under (default: the newest Docker).

    Raises:
        InvalidArgument: *profile* is not a Profile.

    >>> strategy = resolutions()
    """
    return scenarios(profile=_check_profile(profile, "resolutions()")).map(
        lambda scenario: scenario.expected
    )


def _any_scenarios() -> st.SearchStrategy[Scenario]:
    engines = st.sampled_from(tuple(Engine))
    return engines.flatmap(lambda engine: profiles(engine=engine)).flatmap(
        lambda profile: scenarios(profile=profile)
    )


st.register_type_strategy(Scenario, st.deferred(_any_scenarios))
