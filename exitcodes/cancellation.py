"""Cancellation: what the docker CLI exits with when its own process gets a signal.

A CI runner that cancels a job, a supervisor that stops a unit, a user pressing
Ctrl-C: the signal goes to the ``docker`` process, not to the container, and
what the CLI does with it changed from release to release (docker/cli #4993 and
#5171 in 27.0.1, #5250 in 27.1.0, #5760 in 28.0.0, #6074 in 28.2.0). The rows
are :data:`exitcodes.rules.CLI_SIGNAL_RULES`; :func:`exitcodes.resolve` reads them
when it is given ``cli_signal=``, and so does :func:`resolve_cli_signal`.

>>> from exitcodes import profiles
>>> resolve_cli_signal("run", "create", "SIGINT", profile=profiles.docker("28.2.2")).exit_code
130
>>> resolve_cli_signal("run", "create", "SIGINT", profile=profiles.docker("27.5.1")).exit_code
125
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from exitcodes._matcher import check_profile
from exitcodes._statuses import linux_signals
from exitcodes.engines import spec as engine_spec
from exitcodes.errors import InvalidArgumentError, describe
from exitcodes.outcome import ExitOutcome
from exitcodes.profiles import DEFAULT, Profile
from exitcodes.rules import SignalPhase, SignalPolicy, cli_signal_rule

if TYPE_CHECKING:
    from exitcodes._statuses import SignalMember
    from exitcodes.resolve import Resolution

__all__ = ["cli_signal_number", "resolve_cli_signal", "signal_phase"]

_PHASES = {
    "create": SignalPhase.PULL,
    "start": SignalPhase.RUNNING,
    "attach": SignalPhase.RUNNING,
    "wait": SignalPhase.RUNNING,
}
_MAX_SIGNAL = 64


def cli_signal_number(value: object) -> int:
    """The Linux number of a signal given as a number, a name or a signal member.

    Raises:
        InvalidArgumentError: not a signal (a bool, 0, 65, an unknown name).

    >>> cli_signal_number("INT"), cli_signal_number("sigterm"), cli_signal_number(1)
    (2, 15, 1)
    """
    from exitcodes.conversions import signal_number  # noqa: PLC0415 - on first use

    if isinstance(value, str):
        number = signal_number(value)
        if number is None:
            raise InvalidArgumentError(f"cli_signal: unknown signal name {describe(value)}")
        return number
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidArgumentError(
            f"cli_signal must be a signal number, name or member, got {describe(value)}"
        )
    number = int.__int__(value)
    if not 0 < number <= _MAX_SIGNAL:
        raise InvalidArgumentError(f"cli_signal: {number} is not a Linux signal number")
    return number


def signal_phase(phase: object) -> SignalPhase:
    """Where the CLI was, from :func:`exitcodes.resolve`'s *phase*.

    ``"create"`` is the image pull and the create (:attr:`SignalPhase.PULL`);
    ``"start"``, ``"attach"`` and ``"wait"`` are the container running, the CLI
    attached to it or waiting for its status (:attr:`SignalPhase.RUNNING`).

    Raises:
        InvalidArgumentError: any other phase (the CLI had not reached the daemon).

    >>> signal_phase("create"), signal_phase("wait")
    (<SignalPhase.PULL: 'pull'>, <SignalPhase.RUNNING: 'running'>)
    """
    found = _PHASES.get(phase) if isinstance(phase, str) else None
    if found is None:
        raise InvalidArgumentError(
            "with cli_signal, phase must be 'create' (pulling) or 'start', 'attach' or 'wait'"
            f" (the container running), got {describe(phase)}"
        )
    return found


def _count(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or int.__int__(value) < 1:
        raise InvalidArgumentError(
            f"cli_signal_count must be a positive int, got {describe(value)}"
        )
    return int.__int__(value)


def resolve_cli_signal(
    command: str,
    phase: str,
    cli_signal: object,
    *,
    cli_signal_count: int = 1,
    sig_proxy: bool = True,
    detach: bool = False,
    wait: object = None,
    state: object = None,
    profile: Profile | None = None,
) -> Resolution:
    """The exit code of a docker CLI *command* whose own process got *cli_signal*.

    The same answer as ``exitcodes.resolve(command, phase=phase,
    cli_signal=cli_signal, ...)``.

    Args:
        command: ``"run"`` or ``"start -a"`` (the commands modelled).
        phase: ``"create"`` (pulling the image) or ``"start"``, ``"attach"``,
            ``"wait"`` (the container running; see :func:`signal_phase`).
        cli_signal: the signal: ``2``, ``"SIGINT"``, ``"INT"``, ``signal.SIGINT``.
        cli_signal_count: how many of it came in a row (three SIGINT/SIGTERM
            force CLI 27+ to exit).
        sig_proxy: ``--sig-proxy`` (on by default; ``-t`` does not change it).
        detach: ``docker run -d`` (only the pull can be interrupted then).
        wait: the container's wait response after the signal, for the rows where
            the CLI forwards or ignores it and exits with the container's status.
        state: ``docker inspect``'s State, refines such a status (OOM).
        profile: the CLI to be bug-compatible with (default: the newest).

    Raises:
        InvalidArgumentError: an argument outside its domain, a situation no row
            models (another command or engine, a signal other than SIGINT, SIGTERM
            or SIGHUP), or a container-status row without *wait* or *state*.

    >>> from exitcodes import profiles
    >>> old, new = profiles.docker("26.1.2"), profiles.docker("29.7.2")
    >>> resolve_cli_signal("run", "wait", "TERM", sig_proxy=False, profile=old).exit_code
    143
    >>> resolve_cli_signal("run", "wait", "TERM", cli_signal_count=3, profile=new).rule
    'docker-cli-signal/forced-exit'
    """
    from exitcodes.resolve import (  # noqa: PLC0415 - resolve imports this module
        Resolution,
        _read_state,
        _resolve_attached,
    )

    number = cli_signal_number(cli_signal)
    where = signal_phase(phase)
    count = _count(cli_signal_count)
    if sig_proxy is not True and sig_proxy is not False:
        raise InvalidArgumentError(f"sig_proxy must be a bool, got {describe(sig_proxy)}")
    if detach is not True and detach is not False:
        raise InvalidArgumentError(f"detach must be a bool, got {describe(detach)}")
    active = DEFAULT if profile is None else check_profile(profile)
    if detach and where is SignalPhase.RUNNING:
        rule = engine_spec(active.engine).detached
        raise InvalidArgumentError(
            f"a detached {command} has exited once the container started ({rule.id}): a signal"
            " then reaches no CLI; use phase='create' for one sent while it pulled"
        )
    row = cli_signal_rule(command, where, number, count, sig_proxy, active)
    if row is None:
        raise InvalidArgumentError(
            f"no rule for {active.engine.value} {active.version} {command!r} getting signal"
            f" {number} while {'pulling' if where is SignalPhase.PULL else 'running'}"
            f" (sig_proxy={sig_proxy}): modelled are docker run and start -a with SIGINT,"
            " SIGTERM and SIGHUP (see exitcodes.rules.CLI_SIGNAL_RULES)"
        )
    member = _signal_member(number)
    if row.policy is SignalPolicy.CONTAINER_STATUS:
        if wait is None and state is None:
            raise InvalidArgumentError(
                f"{row.id}: the CLI exits with the container's status; pass wait= (or an"
                " exited state=) to say what the container did with the signal"
            )
        refinement = None if state is None else _read_state(state, active)
        found = _resolve_attached(command, wait, refinement, active)
        return Resolution(
            found.exit_code,
            found.outcome,
            row.id,
            f"{row.summary} {found.reason}",
            found.signal,
        )
    if row.policy is SignalPolicy.EXIT_CODE:
        assert row.exit_code is not None
        return Resolution(row.exit_code, ExitOutcome.SIGNALED, row.id, row.summary)
    # KILLED or SIGNAL_STATUS: 128+n, by the CLI's getExitCode or by a shell.
    return Resolution(128 + number, ExitOutcome.SIGNALED, row.id, row.summary, member)


def _signal_member(number: int) -> SignalMember:
    return linux_signals()[number]
