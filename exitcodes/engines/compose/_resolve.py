"""Classifying compose's messages and resolving the code a compose command exits with."""

from __future__ import annotations

import re
import signal as _signal
from collections.abc import Callable, Iterable, Sequence

from exitcodes.engines.compose._evidence import (
    ComposeEvidence,
    ComposeResult,
    ContainerExit,
    as_text,
)
from exitcodes.engines.compose._model import Category, Command, MessageRule
from exitcodes.engines.compose._rows import MESSAGES, ComposeProfile, profile
from exitcodes.engines.compose._sources import Invocation, parse_invocation
from exitcodes.errors import (
    InvalidArgumentError,
    MalformedEvidenceError,
    UnsupportedEvidenceError,
    describe,
)
from exitcodes.profiles import Version, parse_version


def classify_message(text: str, version: str | Version | None = None) -> MessageRule | None:
    """The compose error message in *text* (compose's stderr), or ``None``.

    Only the last non-empty line that is not compose's own progress is read: compose
    prints its error last, and the lines before may be a container's own output (``run``,
    ``exec``). Rows newer than *version* are skipped.

    Raises:
        UnsupportedEvidenceError: *text* is not str or bytes.
        InvalidVersionError: *version* is not a version.

    >>> classify_message("dependency failed to start: container p-db-1 is unhealthy").kind
    <MessageKind.DEPENDENCY_FAILED: 'dependency failed'>
    """
    last = _error_line(as_text(text))
    wanted = None if version is None else parse_version(version)
    if not last:
        return None
    for rule in MESSAGES:
        if wanted is not None and rule.since is not None and wanted < rule.since:
            continue
        if rule.pattern.search(last):
            return rule
    return None


# pkg/progress/plain.go: fmt.Fprintln(p.out, prefix, e.ID, e.Text, e.StatusText), so an event
# line starts with a space; up.go's abort and teardown notices are printed beside them.
_PROGRESS_LINE = re.compile(
    r"^ (?:DRY-RUN MODE - +)?(?:Container|Network|Volume) \S+ |"
    r"^(?:Aborting on container exit\.\.\.|Gracefully stopping\.\.\. )"
)


def _error_line(text: str) -> str:
    """The last line of *text* that may be compose's error, stripped and clipped.

    up.go@v2.26.1 returns start's error before ``printer.Stop()`` and ``eg.Wait()``, so the
    goroutine stopping the project (``--abort-on-container-exit``) can still print its
    progress after the error: those lines are skipped.
    """
    for line in reversed(text.splitlines()):
        if line.strip() and not _PROGRESS_LINE.match(line):
            return line.strip()[:4096]
    return ""


# --- the resolver ----------------------------------------------------------------------------

_INTERRUPTS = frozenset({int(_signal.SIGINT), int(_signal.SIGTERM)})


def _exited_at(
    exits: Sequence[ContainerExit],
    what: str,
    which: str,
    pick: Callable[[Iterable[int]], int],
    tells: Callable[[ContainerExit], object],
) -> ContainerExit:
    """The container that exited at the *pick* end of *exits* (``min``: first, ``max``: last).

    Raises when the order is unknown and matters: when the candidates differ in what
    *tells* returns of them (the service and code, or the code alone).
    """
    ordered = [c for c in exits if c.finished is not None]
    if len(ordered) == len(exits):
        moment = pick(c.finished for c in ordered if c.finished is not None)
        candidates = [c for c in ordered if c.finished == moment]
    else:
        candidates = list(exits)
    if len({tells(c) for c in candidates}) > 1:
        raise MalformedEvidenceError(
            f"cannot tell which container exited {which} ({what}): "
            + ", ".join(f"{c.service} {c.exit_code}" for c in candidates)
            + " have no distinct exit times"
        )
    return candidates[0]


def _first(exits: Sequence[ContainerExit], what: str) -> ContainerExit:
    """The container that exited first: its service and its code must be known."""
    return _exited_at(exits, what, "first", min, lambda c: (c.service, c.exit_code))


def _last(exits: Sequence[ContainerExit], what: str) -> ContainerExit:
    """The container that exited last: only its code matters."""
    return _exited_at(exits, what, "last", max, lambda c: c.exit_code)


def _result(
    prof: ComposeProfile, rule_id: str, code: int, service: str | None, reason: str
) -> ComposeResult:
    return ComposeResult(code, service, prof.rule(rule_id), reason)


def _exited(
    prof: ComposeProfile, rule_id: str, container: ContainerExit, how: str
) -> ComposeResult:
    """The rule's result when *container*'s exit is the code: its service *how*, with its code."""
    reason = f"{container.service} {how}, with {container.exit_code}"
    return _result(prof, rule_id, container.exit_code or 0, container.service, reason)


def resolve_compose(
    evidence: ComposeEvidence, compose_profile: ComposeProfile | None = None
) -> ComposeResult:
    """The exit code of the compose command in *evidence*, which service decided it, and why.

    In order: an unknown flag or sub-command of this version; an interrupt (130, except
    ``run``, which passes it on); compose's own error message (:data:`MESSAGES`); then the
    command's rule (:data:`RULES`).

    Raises:
        UnsupportedEvidenceError: *evidence* is not a :class:`ComposeEvidence`.
        MalformedEvidenceError: the evidence cannot decide (a container still running where
            compose would still wait, exits whose order matters but is unknown).
        InvalidArgumentError: *compose_profile* is not a :class:`ComposeProfile`.
    """
    if not isinstance(evidence, ComposeEvidence):
        raise UnsupportedEvidenceError(
            f"resolve_compose takes a ComposeEvidence, got {describe(evidence)}"
        )
    prof = profile() if compose_profile is None else compose_profile
    if not isinstance(prof, ComposeProfile):
        raise InvalidArgumentError(
            f"compose_profile must be a ComposeProfile, got {describe(prof)}"
        )
    version = prof.version
    inv = parse_invocation(evidence.argv)

    if (
        inv.command is Command.UP
        and "--abort-on-container-failure" in inv.flags
        and version < Version(2, 27, 0)
    ):
        return _result(
            prof,
            "up-abort-on-failure-unknown",
            Category.SYNTAX.exit_code(version),
            None,
            f"compose {version} has no --abort-on-container-failure (2.27.0): unknown flag",
        )
    if inv.command is Command.WAIT and version < Version(2, 20, 0):
        return _result(
            prof,
            "wait-unknown",
            Category.SYNTAX.exit_code(version),
            None,
            f"compose {version} has no wait command (2.20.0)",
        )

    detached = "--detach" in inv.flags
    if evidence.signal in _INTERRUPTS and inv.command is not Command.RUN and not detached:
        name = _signal.Signals(evidence.signal).name
        return _result(prof, "interrupted", 130, None, f"compose got {name}: 130")

    one_off_ran = None
    if inv.command is Command.RUN and inv.services:
        ran = [
            c
            for c in evidence.containers
            if c.oneoff and c.service == inv.services[0] and c.exit_code is not None
        ]
        one_off_ran = _last(ran, "run") if ran else None
    message = classify_message(evidence.stderr, version)
    decided_by_process = (inv.command is Command.RUN and one_off_ran is not None) or (
        inv.command is Command.EXEC and evidence.exec_exit_code is not None
    )
    if message is not None and not decided_by_process:
        found = message.pattern.search(_error_line(evidence.stderr))
        service = found.groupdict().get("service") if found else None
        return ComposeResult(
            message.exit_code(version),
            service,
            prof.rule("error"),
            f"compose failed: {message.summary} ({message.kind.value})",
            message,
        )

    if inv.command is Command.RUN:
        return _resolve_run(prof, inv, one_off_ran, detached)
    if inv.command is Command.EXEC:
        if evidence.exec_exit_code is None:
            raise MalformedEvidenceError(
                "compose exec without an error message needs the exec process's exit code"
            )
        service = inv.services[0] if inv.services else None
        return _result(
            prof,
            "exec",
            evidence.exec_exit_code,
            service,
            f"the exec process in {service} exited {evidence.exec_exit_code}",
        )
    if inv.command is Command.WAIT:
        return _resolve_wait(prof, inv, evidence.containers)
    if inv.command is Command.UP:
        return _resolve_up(prof, inv, evidence.containers)
    raise InvalidArgumentError(
        f"compose {inv.name or '(no sub-command)'} is not modelled beyond its errors and"
        " interrupts; give its stderr"
    )


def _resolve_run(
    prof: ComposeProfile, inv: Invocation, ran: ContainerExit | None, detached: bool
) -> ComposeResult:
    service = inv.services[0] if inv.services else None
    if detached:
        return _result(prof, "run-detached", 0, service, "run -d: 0 once the container started")
    if ran is None:
        raise MalformedEvidenceError(
            f"compose run {service}: no one-off container exit and no compose error message"
        )
    return _result(
        prof,
        "run",
        ran.exit_code or 0,
        service,
        f"the one-off container of {service} exited {ran.exit_code}",
    )


def _resolve_wait(
    prof: ComposeProfile, inv: Invocation, containers: Sequence[ContainerExit]
) -> ComposeResult:
    mine = [c for c in containers if not inv.services or c.service in inv.services]
    if any(c.exit_code is None for c in mine):
        running = sorted({c.service for c in mine if c.exit_code is None})
        raise MalformedEvidenceError(f"compose wait is still waiting for {', '.join(running)}")
    if not mine:
        raise MalformedEvidenceError("compose wait: no container exit and no error message")
    last = _last(mine, "wait")
    return _exited(prof, "wait", last, "was the last container to exit")


def _left_at(container: ContainerExit) -> float:
    """When compose stopped tracking *container*: its stop or die event (never: infinity)."""
    times = [t for t in (container.stopped_at, container.finished) if t is not None]
    return min(times) if times else float("inf")


def _exit_code_from_before_2_27(
    prof: ComposeProfile,
    ecf: str,
    first: ContainerExit,
    own: Sequence[ContainerExit],
    services: Sequence[ContainerExit],
) -> ComposeResult:
    """``--exit-code-from`` before #11715: only an exit event of SVC sets the code.

    pkg/compose/printer.go@v2.26.1: a container stopped through the API first sends a
    Stopped event (no code); its die still sets the code when it reaches the printer before
    the last tracked container is gone.
    """
    if not own:
        raise MalformedEvidenceError(f"up --exit-code-from {ecf}: {ecf} never exited")
    mine = min(own, key=lambda c: c.finished if c.finished is not None else 0)
    if mine is first or mine.stopped is False:
        return _exited(prof, "up-exit-code-from-exited", mine, "exited by itself")
    others = [c for c in services if c is not mine]
    if (
        mine.stopped is None
        or mine.finished is None
        or any(c.exit_code is not None and c.finished is None for c in others)
    ):
        raise MalformedEvidenceError(
            f"up --exit-code-from {ecf} before 2.27.0: whether {ecf} was stopped by compose,"
            " and when, decides the code; give the project's events"
        )
    pending = [c.service for c in others if _left_at(c) > mine.finished]
    if pending:
        return _result(
            prof,
            "up-exit-code-from-stopped",
            mine.exit_code or 0,
            ecf,
            f"compose stopped {ecf}; its exit ({mine.exit_code}) came while"
            f" {', '.join(sorted(set(pending)))} was still tracked, so it counted",
        )
    return _result(
        prof,
        "up-exit-code-from-stopped",
        0,
        ecf,
        f"{first.service} exited first ({first.exit_code}); compose stopped {ecf} last, and"
        " before 2.27.0 the stop event carries no code",
    )


def _resolve_up(
    prof: ComposeProfile, inv: Invocation, containers: Sequence[ContainerExit]
) -> ComposeResult:
    version = prof.version
    services = [c for c in containers if not c.oneoff]
    exited = [c for c in services if c.exit_code is not None]
    if "--detach" in inv.flags:
        return _result(prof, "up-detached", 0, None, "up -d: 0 once the containers started")
    if "--wait" in inv.flags:
        unready = sorted({c.service for c in services if c.health in ("starting", "unhealthy")})
        if unready:
            return _result(
                prof,
                "up-wait",
                0,
                None,
                f"up --wait exited 0 although {', '.join(unready)} had not turned healthy: the"
                " --wait-timeout struck between two polls, which returns no error"
                " (pkg/compose/convergence.go: case <-ctx.Done(): return nil)",
            )
        return _result(prof, "up-wait", 0, None, "up --wait: every container ran or was healthy")
    ecf = inv.exit_code_from
    if ecf is not None:
        first = _first(exited, "--exit-code-from") if exited else None
        if first is None:
            raise MalformedEvidenceError("up --exit-code-from: no container has exited yet")
        own = [c for c in exited if c.service == ecf]
        if version < Version(2, 27, 0):
            return _exit_code_from_before_2_27(prof, ecf, first, own, services)
        if not own:
            raise MalformedEvidenceError(f"up --exit-code-from {ecf}: {ecf} never exited")
        chosen = _first(own, ecf)
        return _result(
            prof,
            "up-exit-code-from",
            chosen.exit_code or 0,
            ecf,
            f"--exit-code-from {ecf}: {ecf} exited {chosen.exit_code}"
            + ("" if chosen is first else f" (after {first.service} exited first)"),
        )
    if "--abort-on-container-failure" in inv.flags:
        failed = [c for c in exited if c.exit_code]
        if not failed:
            if len(exited) < len(services):
                raise MalformedEvidenceError(
                    "up --abort-on-container-failure: no container failed and some still run"
                )
            return _result(
                prof, "up-abort-on-failure", 0, None, "every container exited 0: nothing to abort"
            )
        first = _first(failed, "--abort-on-container-failure")
        return _exited(prof, "up-abort-on-failure", first, "was the first to fail")
    if "--abort-on-container-exit" in inv.flags:
        if not exited:
            raise MalformedEvidenceError("up --abort-on-container-exit: no container has exited")
        first = _first(exited, "--abort-on-container-exit")
        return _exited(prof, "up-abort-on-exit", first, "exited first")
    return _result(
        prof,
        "up-attached",
        0,
        None,
        "attached up without abort flags exits 0 whatever the containers exited with",
    )
