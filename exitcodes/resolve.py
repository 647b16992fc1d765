"""The resolver: the final exit code of a docker CLI command, given what happened."""

from __future__ import annotations

import itertools
from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from exitcodes._evidence import EvidenceKind, get_field, message_text, plain
from exitcodes._matcher import (
    MAX_REMEMBERED,
    Tables,
    check_profile,
    cli_row,
    client_connection,
    connection_rule,
    first_match,
    tables,
)
from exitcodes._read import read
from exitcodes._statuses import sigkill
from exitcodes.classify import (
    Classification,
    classify_exec,
    classify_read,
    classify_state,
    classify_status,
    classify_wait,
)
from exitcodes.engines import spec as engine_spec
from exitcodes.errors import (
    InvalidArgumentError,
    MalformedEvidenceError,
    NeverExitsError,
    describe,
)
from exitcodes.outcome import ExitOutcome
from exitcodes.profiles import DEFAULT, Profile
from exitcodes.rules import (
    COMMANDS,
    PHASES,
    ErrorPolicy,
    Layer,
    OutcomeRule,
    PhaseRule,
    behaviour,
)

if TYPE_CHECKING:
    import signal as _signal

    from exitcodes.conversions import LinuxSignal

__all__ = ["Resolution", "resolve"]

_STREAMS = frozenset({"stdin", "stdout", "stderr"})


@attrs.frozen
class Resolution:
    """The exit code a CLI command ends with, what it means, and why.

    Attributes:
        exit_code: the process exit code; always 0..255 on a POSIX profile.
        outcome: what happened. It can say more than the code (an OOM kill
            is 137 like any SIGKILL), and where docker's mapping misleads (a
            missing bind-mount source exits 127), the rule says so.
        rule: the stable id of the rule that decided the code.
        reason: one plain sentence saying why.
        signal: the signal that ended the container, for ``128+n`` and OOM,
            read with Linux's numbering (see :attr:`exitcodes.Classification.signal`);
            with ``cli_signal=``, the CLI's own signal where it exits (or dies) ``128+n``.
    """

    exit_code: int
    outcome: ExitOutcome
    rule: str
    reason: str
    signal: _signal.Signals | LinuxSignal | None = None

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict: enums as their values, the signal as its name."""
        return {
            "exit_code": self.exit_code,
            "outcome": self.outcome.value,
            "rule": self.rule,
            "reason": self.reason,
            "signal": None if self.signal is None else self.signal.name,
        }


def _fixed(rule: OutcomeRule, reason: str | None = None) -> Resolution:
    assert rule.exit_code is not None
    return Resolution(rule.exit_code, rule.outcome, rule.id, reason or rule.summary)


def _phase_candidates(
    rows: Tables, profile: Profile, command: str, phase: str, detach: bool
) -> tuple[PhaseRule, ...]:
    """The rows that can apply, in order, up to the first one that needs no message match."""
    key = (command, phase, detach)
    found = rows.phase_rows.get(key)
    if found is None:
        found = rows.phase_rows[key] = _find_phase_candidates(profile, command, phase, detach)
    return found


def _find_phase_candidates(
    profile: Profile, command: str, phase: str, detach: bool
) -> tuple[PhaseRule, ...]:
    rows: list[PhaseRule] = []
    for rule in engine_spec(profile.engine).phase_rules:
        if rule.applies(command, phase, detach) and rule.versions.contains(profile):
            rows.append(rule)
            if not rule.patterns:
                break
    return tuple(rows)


def _resolve_error(  # noqa: PLR0917 - the parts of one failed command
    command: str,
    phase: str,
    message: str,
    detach: bool,
    profile: Profile,
    auto_remove: bool = False,
) -> Resolution:
    rows = tables(profile)
    for rule in _phase_candidates(rows, profile, command, phase, detach):
        if rule.reads(message):
            break
    else:  # pragma: no cover - the last candidate needs no pattern
        raise AssertionError(f"no phase rule for {command} {phase}")
    started = rule.policy is ErrorPolicy.CLI_MESSAGE_RULES  # the CLI got the start error
    if auto_remove and command == "run" and phase == "start" and not detach and started:
        _check_run_rm_start(profile)
    if rule.policy is ErrorPolicy.EXIT_CODE:
        assert rule.exit_code is not None
        code = rule.exit_code & profile.platform.status_mask  # rows may say -1
        return Resolution(code, rule.outcome, rule.id, rule.summary)
    if rule.policy is ErrorPolicy.CLI_MESSAGE_RULES:
        code_rule, connection = cli_row(rows, message), client_connection(rows, message)
        key = (code_rule.id, None if connection is None else connection.id)
        found = rows.run_error_answers.get(key)
        if found is not None:
            return found
        if connection is not None:
            found = Resolution(
                code_rule.exit_code,
                connection.outcome,
                code_rule.id,
                f"{connection.summary} docker run maps its text: {code_rule.summary[0].lower()}"
                f"{code_rule.summary[1:]}",
            )
        else:
            found = Resolution(
                code_rule.exit_code, code_rule.outcome, code_rule.id, code_rule.summary
            )
        if len(rows.run_error_answers) < MAX_REMEMBERED:
            rows.run_error_answers[key] = found
        return found
    if rule.policy is ErrorPolicy.EXEC_START_RULES:
        exec_rule = first_match(profile, Layer.ENGINE_EXEC, message)
        assert exec_rule is not None  # the layer ends with a fallback row for every version
        code = exec_rule.exit_code & profile.platform.status_mask
        return Resolution(
            code,
            exec_rule.outcome,
            exec_rule.id,
            f"{exec_rule.summary} docker exec exits with the recorded code.",
        )
    # ErrorPolicy.CONNECTION_255_ELSE_1: decided by the error's type in the CLI, which
    # the client's wording reveals; an API error always carries "Error response from daemon".
    connection = None if _API_ERROR in message else connection_rule(profile, message)
    if connection is not None and (
        connection.id != "docker-connection/transport-error"
        or behaviour("docker-cli/transport-errors-are-connection-failures", profile)
    ):
        code = -1 & profile.platform.status_mask
        return Resolution(
            code,
            ExitOutcome.STATUS_UNKNOWN,
            rule.id,
            f"The exec inspect could not reach the daemon, so docker exec exits -1 ({code}).",
        )
    return Resolution(
        1,
        ExitOutcome.ENGINE_ERROR,
        rule.id,
        "The exec inspect failed with an error that is not a connection failure for this CLI:"
        " exit 1.",
    )


_API_ERROR = "Error response from daemon"


def _from_classification(found: Classification, rule: str | None = None) -> Resolution:
    assert found.exit_code is not None
    return Resolution(
        found.exit_code, found.outcome, rule or found.rule, found.reason, found.signal
    )


def _from_status(found: Classification, profile: Profile) -> Resolution:
    """The Resolution of *found*, remembered while *found* is (statuses repeat in a fleet)."""
    remembered = tables(profile).status_resolutions
    hit = remembered.get(id(found))
    if hit is not None and hit[0] is found:
        return hit[1]
    resolution = _from_classification(found)
    # Statuses are remembered by classify, so their Classification recurs; a wait error's
    # (STATUS_UNKNOWN, its message in the reason) is new each time and is not kept.
    if found.outcome is not ExitOutcome.STATUS_UNKNOWN and len(remembered) < MAX_REMEMBERED:
        remembered[id(found)] = (found, resolution)
    return resolution


def _read_state(state: object, profile: Profile) -> Classification | None:
    if state is None:
        return None
    if not isinstance(state, Mapping):
        from exitcodes.adapters import AdaptedKind, adapt  # noqa: PLC0415 - SDK objects only

        adapted = adapt(state)
        if adapted is not None and adapted.kind is AdaptedKind.STATE:
            state = adapted.value
    if not isinstance(state, Mapping):
        raise MalformedEvidenceError(
            f"state must be docker inspect's State (a mapping), got {describe(state)}"
        )
    inner = get_field(state, "State", "state", state)
    if not isinstance(inner, Mapping):
        raise MalformedEvidenceError(f"state['State'] must be a mapping, got {describe(inner)}")
    return classify_state(inner, profile, "state" if inner is state else "state['State']")


def _refine(resolution: Resolution, state: Classification | None) -> Resolution:
    """Let the inspect State refine the outcome; the code stays the CLI's."""
    if state is not None and state.outcome is ExitOutcome.OOM_KILLED:
        return attrs.evolve(
            resolution,
            outcome=ExitOutcome.OOM_KILLED,
            signal=sigkill(),
            reason=f"{resolution.reason} State.OOMKilled is true: the OOM killer ended it.",
        )
    return resolution


def _is_empty(document: Mapping[Any, Any], where: str) -> bool:
    """``not document``, turning a hostile mapping's exceptions into ours."""
    try:
        return len(document) == 0
    except Exception as exc:
        raise MalformedEvidenceError(f"cannot read {where}: {type(exc).__name__}") from None


def _read_wait(wait: object, where: str, profile: Profile) -> Classification:
    if isinstance(wait, bool):
        raise MalformedEvidenceError(f"{where} must be a wait response or an int, got {wait!r}")
    if isinstance(wait, int):
        return classify_wait({"StatusCode": wait}, profile, where)
    if isinstance(wait, Mapping):
        if (
            get_field(wait, "StatusCode", where, None) is None
            and get_field(wait, "Error", where, None) is None
            and not _is_empty(wait, where)
        ):
            raise MalformedEvidenceError(
                f"{where} must be a wait response {{'StatusCode': int, 'Error': ...}},"
                f" got {describe(wait)}"
            )
        return classify_wait(wait, profile, where)
    if isinstance(wait, BaseException):  # docker-py's ContainerError carries the status
        found = read(wait, where)
        if found.kind is EvidenceKind.WAIT:
            return classify_read(found, profile)
    raise MalformedEvidenceError(
        f"{where} must be a wait response {{'StatusCode': int, 'Error': ...}}, an int or a"
        f" ContainerError, got {type(wait).__name__}: {describe(wait)}"
    )


def _status_from(
    wait: object, state: Classification | None, profile: Profile, command: str
) -> Classification:
    if wait is not None:
        return _read_wait(wait, "wait", profile)
    if state is not None and state.exit_code is not None and state.status is not None:
        return classify_status(state.status, profile, what="The container", kind=EvidenceKind.STATE)
    raise InvalidArgumentError(
        f"resolve({command!r}) without an error needs the container's status: pass"
        " wait={'StatusCode': ..., 'Error': None} (or an exited state=)"
    )


def _resolve_attached(
    command: str, wait: object, state: Classification | None, profile: Profile
) -> Resolution:
    if command != "attach":  # run and start -a exit with the status
        return _refine(_from_status(_status_from(wait, state, profile, command), profile), state)
    inspects = _attach_inspects(command, profile)
    if inspects is not None:
        return _attach_from_inspect(inspects, state, profile)
    found = _status_from(wait, state, profile, command)
    engine = engine_spec(profile.engine)
    if engine.attach_discards_status is not None:
        return _refine(_fixed(engine.attach_discards_status), state)
    if (
        found.kind is EvidenceKind.WAIT
        and found.outcome is ExitOutcome.STATUS_UNKNOWN
        and engine.attach_wait_error is not None
    ):
        return _fixed(engine.attach_wait_error)
    return _refine(_from_status(found, profile), state)


def _attach_inspects(command: str, profile: Profile) -> OutcomeRule | None:
    """The row of a ``docker attach`` that inspects instead of waiting, where it applies."""
    rule = engine_spec(profile.engine).attach_inspects
    if command == "attach" and rule is not None and rule.versions.contains(profile):
        return rule
    return None


def _attach_from_inspect(
    rule: OutcomeRule, state: Classification | None, profile: Profile
) -> Resolution:
    """What ``docker attach`` exits with before CLI 18.03: State.ExitCode after the stream."""
    if state is None or state.status is None:
        raise InvalidArgumentError(
            f"docker attach before CLI 18.03.0 exits with the State.ExitCode that an inspect"
            f" reads once the stream ends, not with the wait response ({rule.id}): pass state="
            f" (docker inspect's State at that moment)"
        )
    if state.outcome is ExitOutcome.STATUS_UNKNOWN:  # not exited yet: ExitCode is still 0
        return Resolution(
            state.status & profile.platform.status_mask,
            ExitOutcome.STATUS_UNKNOWN,
            rule.id,
            f"{rule.summary} The inspect found the container not exited: State.ExitCode"
            f" {state.status}.",
        )
    found = _from_status(
        classify_status(state.status, profile, what="The container", kind=EvidenceKind.STATE),
        profile,
    )
    found = attrs.evolve(found, rule=rule.id, reason=f"{rule.summary} {found.reason}")
    return _refine(found, state)


def _resolve_exec(exec_inspect: object, profile: Profile) -> Resolution:
    if exec_inspect is None:
        raise InvalidArgumentError(
            "resolve('exec') without an error needs exec_inspect={'ExitCode': ...}"
            " (or detach=True for docker exec -d)"
        )
    if not isinstance(exec_inspect, (Mapping, int)):
        from exitcodes.adapters import AdaptedKind, adapt  # noqa: PLC0415 - SDK objects only

        adapted = adapt(exec_inspect)
        if adapted is not None and adapted.kind is AdaptedKind.EXEC:
            exec_inspect = adapted.value
    if isinstance(exec_inspect, bool) or not isinstance(exec_inspect, (Mapping, int)):
        raise MalformedEvidenceError(
            f"exec_inspect must be the exec inspect document {{'ExitCode': ...}},"
            f" got {describe(exec_inspect)}"
        )
    inspect = {"ExitCode": exec_inspect} if isinstance(exec_inspect, int) else exec_inspect
    # A null ExitCode is the CLI's 0, below; no ExitCode at all is no exec inspect (it
    # would have read as 0 too: {"exit_code": 3} is not an exec that exited 0).
    get_field(inspect, "ExitCode", "exec_inspect")
    found = classify_exec(inspect, profile, "exec_inspect")
    engine = engine_spec(profile.engine)
    rule = engine.exec_exit_code
    if found.exit_code is None:
        return Resolution(
            0,
            ExitOutcome.STATUS_UNKNOWN,
            rule.id,
            "The exec inspect's ExitCode is null; the CLI reads that as 0.",
        )
    nonzero = engine.exec_nonzero
    if nonzero is not None and found.exit_code != 0:
        assert nonzero.exit_code is not None
        return Resolution(
            nonzero.exit_code,
            found.outcome,
            nonzero.id,
            f"{found.reason} {nonzero.summary}",
            found.signal,
        )
    return Resolution(found.exit_code, found.outcome, rule.id, found.reason, found.signal)


def _resolve_wait_command(wait: object, profile: Profile) -> Resolution:
    if wait is None or isinstance(wait, (str, bytes, Mapping)) or not isinstance(wait, Sequence):
        raise InvalidArgumentError(
            "resolve('wait') needs wait=[...], one wait response (or the error of its wait"
            f" request) per container, got {describe(wait)}"
        )
    if len(wait) == 0:
        raise InvalidArgumentError("resolve('wait') needs at least one container's wait result")
    rule = engine_spec(profile.engine).wait_command
    failures: list[str] = []
    for index, item in enumerate(wait):
        if isinstance(item, (str, bytes, BaseException)):
            failures.append(message_text(item, f"wait[{index}]"))
        else:
            _read_wait(item, f"wait[{index}]", profile)
    if failures:
        # The command fails as its first failed wait request does (the phase table decides).
        code = _resolve_error("wait", "wait", failures[0], False, profile).exit_code
        failed = len(failures)
        return Resolution(
            code,
            ExitOutcome.ENGINE_ERROR,
            rule.id,
            f"{failed} of {len(wait)} wait requests failed, so {profile.engine.value} wait"
            f" exits {code}.",
        )
    return Resolution(
        0,
        ExitOutcome.SUCCESS,
        rule.id,
        f"{profile.engine.value} wait printed every container's status and exits 0, whatever"
        " they were.",
    )


def _run_rm_status_lost(command: str, detach: bool, profile: Profile) -> OutcomeRule | None:
    """The row of an attached ``run --rm`` whose wait answers 0, where it applies."""
    rule = engine_spec(profile.engine).run_rm_status_lost
    if rule is None or detach or command != "run" or not rule.versions.contains(profile):
        return None
    return rule


def _status_discarded(
    rule: OutcomeRule, wait: object, state: Classification | None, profile: Profile
) -> Resolution:
    """The CLI's fixed code; the outcome is the container's, where its status is known."""
    assert rule.exit_code is not None
    if wait is None and (state is None or state.status is None):
        return Resolution(
            rule.exit_code,
            ExitOutcome.STATUS_UNKNOWN,
            rule.id,
            f"{rule.summary} The container's status is not known here.",
        )
    found = _status_from(wait, state, profile, "run")
    return _refine(
        Resolution(
            rule.exit_code,
            found.outcome,
            rule.id,
            f"{rule.summary} The container's status was {found.status}.",
            found.signal,
        ),
        state,
    )


def _check_run_rm_start(profile: Profile) -> None:
    """Raise NeverExitsError where an attached ``docker run --rm`` that failed to start hangs."""
    rule = engine_spec(profile.engine).run_rm_start_hangs
    if rule is not None and rule.versions.contains(profile):
        raise NeverExitsError(rule.id, rule.summary)


def _resolve_signal(  # noqa: PLR0917 - resolve's arguments, passed on
    command: str,
    phase: str,
    error: object,
    cli_signal: object,
    cli_signal_count: object,
    sig_proxy: object,
    detach: bool,
    wait: object,
    state: object,
    profile: Profile,
) -> Resolution:
    from exitcodes.cancellation import resolve_cli_signal  # noqa: PLC0415 - on first use

    if error is not None:
        raise InvalidArgumentError(
            "pass error= or cli_signal=, not both: with a signal, the signal decides"
        )
    return resolve_cli_signal(
        command,
        phase,
        cli_signal,
        cli_signal_count=cli_signal_count,  # type: ignore[arg-type] # checked there
        sig_proxy=sig_proxy,  # type: ignore[arg-type] # checked there
        detach=detach,
        wait=wait,
        state=state,
        profile=profile,
    )


_COMMAND_SET = frozenset(COMMANDS)
_PHASE_SET = frozenset(PHASES)


def _check_choice(value: object, name: str, choices: Sequence[str]) -> str:
    value = plain(value)  # read once: a str subclass's __eq__/__hash__ are never called
    if not isinstance(value, str) or value not in choices:
        shown = ", ".join(repr(choice) for choice in choices)
        raise InvalidArgumentError(f"{name} must be one of {shown}, got {describe(value)}")
    return value


def _check_streams(attached_streams: object) -> frozenset[str] | None:
    if attached_streams is None:
        return None
    if isinstance(attached_streams, str):
        attached_streams = (plain(attached_streams),)
    if not isinstance(attached_streams, Collection):
        raise InvalidArgumentError(
            f"attached_streams must be a collection of 'stdin', 'stdout', 'stderr',"
            f" got {describe(attached_streams)}"
        )
    try:
        items = [plain(item) for item in itertools.islice(attached_streams, len(_STREAMS) + 1)]
    except Exception:  # a hostile __iter__
        items = []
    if not 0 < len(items) <= len(_STREAMS) or not all(
        isinstance(item, str) and item in _STREAMS for item in items
    ):
        raise InvalidArgumentError(
            f"attached_streams must name 'stdin', 'stdout' or 'stderr', got"
            f" {describe(attached_streams)}"
        )
    return frozenset(items)


def resolve(
    command: str,
    *,
    error: object = None,
    phase: str = "start",
    wait: object = None,
    exec_inspect: object = None,
    state: object = None,
    detach: bool = False,
    attached_streams: Collection[str] | None = None,
    auto_remove: bool = False,
    cli_signal: int | str | _signal.Signals | None = None,
    cli_signal_count: int = 1,
    sig_proxy: bool = True,
    profile: Profile | None = None,
) -> Resolution:
    """Return the exit code the docker CLI *command* ends with, bug for bug.

    Args:
        command: ``"run"``, ``"create"``, ``"start"`` (plain), ``"start -a"``,
            ``"attach"``, ``"exec"``, ``"wait"``, or ``"other"`` for any other
            docker command (``ps``, an unknown command).
        error: the error that ended the command, if any: a daemon or client
            message (``str``, ``bytes``, an exception or ``{"message": ...}``). SDK
            objects that carry no error but a status are read as what they are, as
            they always were: a docker-py ``ContainerError`` is the container's status
            (pass it as *wait*), and a python-on-whales ``DockerException`` or a
            ``CalledProcessError`` is the code a real CLI already decided (classified
            as :func:`exitcodes.classify` does).
        phase: where *error* happened: ``"flags"``, ``"args"``, ``"connect"``,
            ``"create"`` (incl. the image pull; for ``exec`` the exec create),
            ``"attach"`` (for ``exec``, the exec start request), ``"start"``
            (for ``exec``, the exec'd process failing to start as the daemon
            reports it) or ``"wait"`` (the wait request itself; for ``exec``,
            the exec inspect). For ``"run"``, an SDK exception that carries its
            failed request (docker-py's ``APIError`` from ``containers.run()``)
            says the phase itself: see :func:`exitcodes.adapters.request_phase`.
        wait: the wait response ``{"StatusCode": n, "Error": ...}`` (or ``n``, or
            docker-py's ``ContainerError``, which carries the container's status);
            for ``"wait"``, a list with one wait response per container, or the
            error of a wait request that failed.
        exec_inspect: the exec inspect ``{"ExitCode": ...}`` for ``"exec"``.
        state: ``docker inspect``'s State (or document); refines the outcome
            (OOM) but never changes a code the CLI would not change.
        detach: ``docker run -d`` / ``docker exec -d``.
        attached_streams: the streams of ``-a``; ``("stdin",)`` alone made
            ``docker run`` behave as detached before CLI 28.
        auto_remove: ``docker run --rm``. CLI 26.1.1 never exits when such a run,
            attached, fails to start (:class:`~exitcodes.NeverExitsError`).
        cli_signal: a signal the CLI process itself got (a number, a name such as
            ``"SIGINT"``, or a :class:`signal.Signals`): Ctrl-C, a cancelled CI job.
            *phase* then says where the command was: ``"create"`` while it pulled
            the image, ``"start"``, ``"attach"`` or ``"wait"`` once the container
            ran; *wait* is the container's status where the CLI forwards the
            signal or ignores it. See :mod:`exitcodes.cancellation` and
            :data:`exitcodes.rules.CLI_SIGNAL_RULES`.
        cli_signal_count: how many such signals came in a row (three SIGINT or
            SIGTERM force CLI 27.1+ out with 1).
        sig_proxy: ``--sig-proxy`` (on by default); read only with *cli_signal*.
        profile: the CLI and engine to be bug-compatible with (default: the
            newest Docker CLI on Linux).

    Returns:
        The :class:`Resolution`; ``exit_code`` is always 0..255 on POSIX.

    Raises:
        InvalidArgumentError: unknown *command* or *phase*, missing evidence, or a
            *cli_signal* situation no rule models (see :mod:`exitcodes.cancellation`).
        UnsupportedEvidenceError: *error* is of an unsupported type.
        MalformedEvidenceError: *wait*, *exec_inspect* or *state* is malformed.
        NeverExitsError: the CLI never exits here, so there is no code (CLI 26.1.1,
            an attached ``docker run --rm`` whose start failed).

    >>> resolve("run", wait={"StatusCode": 300, "Error": None}).exit_code
    44
    >>> resolve("start -a", error="...executable file not found...").exit_code
    1
    """
    # The checks are written so that valid arguments, the common case, cost no call.
    if type(command) is not str or command not in _COMMAND_SET:
        command = _check_choice(command, "command", COMMANDS)
    if type(phase) is not str or phase not in _PHASE_SET:
        phase = _check_choice(phase, "phase", PHASES)
    if detach is not False and detach is not True:
        raise InvalidArgumentError(f"detach must be a bool, got {describe(detach)}")
    streams = None if attached_streams is None else _check_streams(attached_streams)
    active = DEFAULT if profile is None else check_profile(profile)
    if auto_remove is not False and auto_remove is not True:
        raise InvalidArgumentError(f"auto_remove must be a bool, got {describe(auto_remove)}")
    if cli_signal is not None:
        return _resolve_signal(
            command, phase, error, cli_signal, cli_signal_count, sig_proxy, detach, wait, state,
            active,
        )  # fmt: skip
    if type(cli_signal_count) is not int or cli_signal_count != 1:
        raise InvalidArgumentError(
            f"cli_signal_count needs cli_signal, got {describe(cli_signal_count)} without one"
        )
    if sig_proxy is not True and sig_proxy is not False:
        raise InvalidArgumentError(f"sig_proxy must be a bool, got {describe(sig_proxy)}")
    refinement = None if state is None else _read_state(state, active)

    if error is not None and not isinstance(error, (str, bytes, bytearray, memoryview, Mapping)):
        read_error = read(error, "error")
        if read_error.kind is EvidenceKind.PROCESS:  # a code a real CLI already decided
            found = classify_read(read_error, active)
            return _refine(_from_classification(found), refinement)
        if read_error.kind is EvidenceKind.WAIT and wait is None:
            wait, error = read_error.value, None  # docker-py ContainerError: the status
        elif read_error.kind is EvidenceKind.MESSAGE:
            error = read_error.value
            if read_error.phase is not None and command == "run":
                phase = read_error.phase  # the failed request says which step of the run it was
    status_lost = _run_rm_status_lost(command, detach, active) if auto_remove else None
    if error is not None:
        message = error if type(error) is str else message_text(error, "error")
        if status_lost is not None and phase == "wait":
            return _status_discarded(status_lost, None, refinement, active)
        if phase == "wait" and _attach_inspects(command, active) is not None:
            raise InvalidArgumentError(
                "docker attach before CLI 18.03.0 makes no wait request: it inspects the"
                " container once the stream ends and exits with State.ExitCode (rule"
                " docker-cli/attach-inspects-exit-code); pass state= instead of a wait error"
            )
        resolution = _resolve_error(command, phase, message, detach, active, auto_remove)
        return resolution if refinement is None else _refine(resolution, refinement)

    engine = engine_spec(active.engine)
    if command == "run":
        if detach:
            return _fixed(engine.detached)
        waits = engine.stdin_only_attach_waits
        if (
            engine.stdin_only_attach is not None
            and streams == frozenset({"stdin"})
            and (waits is None or not waits.versions.contains(active))
        ):
            return _fixed(engine.stdin_only_attach)
        if status_lost is not None:
            return _status_discarded(status_lost, wait, refinement, active)
        return _resolve_attached(command, wait, refinement, active)
    if command in ("start -a", "attach"):
        return _resolve_attached(command, wait, refinement, active)
    if command == "exec":
        if detach:
            return _fixed(
                engine.detached,
                f"{engine.name} exec -d exits 0 once the exec started, whatever the process does.",
            )
        return _resolve_exec(exec_inspect, active)
    if command == "wait":
        return _resolve_wait_command(wait, active)
    return _fixed(engine.completed)
