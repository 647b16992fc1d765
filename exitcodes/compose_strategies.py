"""Hypothesis strategies for docker compose: multi-service scenarios and compose's error texts.

A tool that wraps ``docker compose`` can property-test itself with these. Each
:class:`ComposeScenario` is built from a plan -- one to three services, each exiting with a
code after a while or running until compose stops it, a command (``up`` with its flags,
``run``, ``wait``, ``exec``), maybe a Ctrl-C -- played as the stream of daemon events
compose reads (``die``, ``stop``), and carries the exit code compose ends with. That code
is not computed by :func:`exitcodes.engines.compose.resolve_compose`: a small simulation of
compose's own event loop (``pkg/compose/printer.go`` before 2.27.0, the listeners of
``pkg/compose/up.go`` after) gives it, and the library's tests check that the resolver
agrees.

Importing this module imports Hypothesis (the ``hypothesis`` extra); ``import exitcodes``
does not.

>>> from exitcodes.compose_strategies import compose_scenarios, compose_error_texts
>>> strategy = compose_scenarios(versions=["2.26.1"], commands=["up"])
>>> compose_scenarios(commands=["down"])
Traceback (most recent call last):
  ...
hypothesis.errors.InvalidArgument: compose_scenarios(commands=['down']): ...
"""

from __future__ import annotations

import signal as _signal
from collections.abc import Sequence

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from exitcodes.engines.compose import VERIFIED_VERSIONS, ComposeEvidence, ContainerExit, MessageKind
from exitcodes.errors import ExitCodesError
from exitcodes.profiles import Version, parse_version

__all__ = [
    "COMMANDS",
    "ComposeScenario",
    "compose_error_texts",
    "compose_scenarios",
]

COMMANDS = ("up", "run", "wait", "exec")
"""The compose commands :func:`compose_scenarios` builds."""

_UP_MODES = ("attached", "abort", "failure", "exit-code-from", "detach")
_CODES = (0, 1, 3, 126, 127, 137, 143, 255)
_NAMES = ("app", "db", "init", "web", "worker")
_KILLED = 137
"""A service that runs until compose stops it: PID 1 ignores SIGTERM, the grace ends in SIGKILL."""


@attrs.frozen
class ComposeScenario:
    """A compose command over several services, its evidence, and the code compose exits with."""

    version: Version
    evidence: ComposeEvidence
    exit_code: int
    service: str | None
    """The service whose exit decided the code (None: a flag or an interrupt decided)."""
    description: str


@attrs.frozen
class _Event:
    time: int
    action: str  # "die" or "stop"
    index: int
    code: int | None = None


def _simulate_up(
    version: Version,
    mode: str,
    ecf: str | None,
    names: Sequence[str],
    planned: Sequence[int | None],
    *,
    interleave: bool,
) -> tuple[tuple[ContainerExit, ...], int, str | None]:
    """Play the services' exits as compose sees them; returns (containers, code, decider)."""
    order = sorted(
        (i for i, code in enumerate(planned) if code is not None), key=lambda i: (i, names[i])
    )
    aborting = mode in ("abort", "failure", "exit-code-from")
    events: list[_Event] = []
    clock = 10
    trigger = None
    for i in order:
        events.append(_Event(clock, "die", i, planned[i]))
        clock += 10
        if aborting and trigger is None and not (mode == "failure" and planned[i] == 0):
            trigger = i
            break
    if trigger is not None:
        # compose stops every container still running: stop events, then each die (137).
        running = [i for i in range(len(names)) if all(e.index != i for e in events)]
        stops, dies = [], []
        for i in running:
            stops.append(_Event(clock, "stop", i))
            clock += 1
            dies.append(_Event(clock, "die", i, _KILLED))
            clock += 1
            if interleave:
                events.extend([stops.pop(), dies.pop()])
        events.extend(stops + dies)
        events.sort(key=lambda e: e.time)
    containers = []
    for i, name in enumerate(names):
        die = next((e for e in events if e.index == i and e.action == "die"), None)
        stop = next((e for e in events if e.index == i and e.action == "stop"), None)
        containers.append(
            ContainerExit(
                name,
                die.code if die else None,
                die.time if die else None,
                stopped=stop is not None,
                stopped_at=stop.time if stop else None,
            )
        )
    code, decider = _compose_loop(version, mode, ecf, names, events)
    return tuple(containers), code, decider


def _compose_loop(
    version: Version, mode: str, ecf: str | None, names: Sequence[str], events: list[_Event]
) -> tuple[int, str | None]:
    """Compose's own loop over the events, written after its sources."""
    if mode in ("attached", "detach"):
        return 0, None
    if version < Version(2, 27, 0):
        # pkg/compose/printer.go@v2.26.1: a stop event is a ContainerEventStopped (no code);
        # the printer returns once no tracked container is left.
        tracked = set(range(len(names)))
        exit_code_from = ecf
        code, decider = 0, None
        for event in events:
            tracked.discard(event.index)
            if event.action == "die":
                if exit_code_from is None:
                    exit_code_from = names[event.index]
                if exit_code_from == names[event.index]:
                    code, decider = event.code or 0, names[event.index]
            if not tracked:
                break
        return code, decider
    # pkg/compose/up.go@v2.40.3: the first exit (first failure) sets the code, then
    # --exit-code-from's first exit overrides it.
    dies = [e for e in events if e.action == "die"]
    first = next((e for e in dies if mode != "failure" or e.code), None)
    code, decider = (first.code or 0, names[first.index]) if first else (0, None)
    if ecf is not None:
        own = next((e for e in dies if names[e.index] == ecf), None)
        if own is not None:
            code, decider = own.code or 0, ecf
    return code, decider


def _check_choices(call: str, name: str, values: object, allowed: Sequence[str]) -> tuple[str, ...]:
    if values is None:
        return tuple(allowed)
    if isinstance(values, str) or not isinstance(values, Sequence) or not values:
        raise InvalidArgument(f"{call}({name}={values!r}): expected a non-empty list")
    for value in values:
        if value not in allowed:
            raise InvalidArgument(
                f"{call}({name}={list(values)!r}): {value!r} is not one of {', '.join(allowed)}"
            )
    return tuple(values)


def compose_scenarios(
    versions: Sequence[str | Version] | None = None,
    commands: Sequence[str] | None = None,
) -> st.SearchStrategy[ComposeScenario]:
    """Scenarios of one to three services under ``up``/``run``/``wait``/``exec``.

    *versions* default to the two compose binaries the rows were checked on; *commands* to
    :data:`COMMANDS`. The evidence carries ordered exits and the stop events compose caused
    (what ``docker events`` shows), so the resolver can always answer.

    Raises:
        hypothesis.errors.InvalidArgument: an unknown command, or a version that is not one.
    """
    call = "compose_scenarios"
    chosen = _check_choices(call, "commands", commands, COMMANDS)
    try:
        parsed = (
            VERIFIED_VERSIONS if versions is None else tuple(parse_version(v) for v in versions)
        )
    except (ExitCodesError, TypeError) as error:
        raise InvalidArgument(f"compose_scenarios(versions={versions!r}): {error}") from None
    if not parsed:
        raise InvalidArgument("compose_scenarios(versions=[]): expected a non-empty list")

    @st.composite
    def build(draw: st.DrawFn) -> ComposeScenario:
        version = draw(st.sampled_from(parsed))
        command = draw(st.sampled_from(chosen))
        count = draw(st.integers(1, 3))
        names = draw(st.permutations(_NAMES))[:count]
        code = st.sampled_from(_CODES)
        interrupted = draw(st.booleans()) if command in ("up", "run", "wait") else False
        sigint = int(_signal.SIGINT)
        if command == "run":
            exit_code = draw(code)
            evidence = ComposeEvidence(
                ("run", "--rm", names[0]),
                (ContainerExit(names[0], exit_code, 5, oneoff=True),),
                signal=sigint if interrupted else None,
            )
            how = "passed the interrupt on, " if interrupted else ""
            return ComposeScenario(
                version,
                evidence,
                exit_code,
                names[0],
                f"run {names[0]}: {how}the one-off container exited {exit_code}",
            )
        if command == "exec":
            exit_code = draw(code)
            evidence = ComposeEvidence(("exec", "-T", names[0], "cmd"), exec_exit_code=exit_code)
            return ComposeScenario(
                version, evidence, exit_code, names[0], f"exec in {names[0]} exited {exit_code}"
            )
        codes = draw(st.lists(code, min_size=count, max_size=count))
        if command == "wait":
            exits = tuple(
                ContainerExit(n, c, 10 * (i + 1))
                for i, (n, c) in enumerate(zip(names, codes, strict=True))
            )
            if interrupted:
                running = tuple(ContainerExit(n, None) for n in names)
                evidence = ComposeEvidence(("wait", *names), running, signal=sigint)
                return ComposeScenario(version, evidence, 130, None, "wait, interrupted: 130")
            evidence = ComposeEvidence(("wait", *names), exits)
            return ComposeScenario(
                version,
                evidence,
                codes[-1],
                names[-1],
                f"wait: {names[-1]} exited last, with {codes[-1]}",
            )
        mode = draw(st.sampled_from(_UP_MODES))
        if mode == "failure" and version < Version(2, 27, 0):
            mode = "abort"
        planned: list[int | None] = list(codes)
        if mode in ("abort", "failure", "exit-code-from"):
            # Some services run until compose stops them; at least one exits by itself.
            planned = [draw(st.one_of(st.none(), st.just(c))) for c in codes]
            if all(p is None for p in planned):
                planned[0] = codes[0]
        if mode == "failure" and not any(planned):
            planned = [p or 0 for p in planned]  # nothing fails: every service ends, with 0
        ecf = draw(st.sampled_from(names)) if mode == "exit-code-from" else None
        argv = {
            "attached": ("up",),
            "detach": ("up", "-d"),
            "abort": ("up", "--abort-on-container-exit"),
            "failure": ("up", "--abort-on-container-failure"),
            "exit-code-from": ("up", "--exit-code-from", ecf or ""),
        }[mode]
        containers, exit_code, decider = _simulate_up(
            version, mode, ecf, names, planned, interleave=draw(st.booleans())
        )
        if interrupted and mode != "detach":
            running = tuple(ContainerExit(c.service, None) for c in containers)
            evidence = ComposeEvidence(argv, running, signal=sigint)
            return ComposeScenario(version, evidence, 130, None, f"{' '.join(argv)}, Ctrl-C: 130")
        evidence = ComposeEvidence(argv, containers)
        return ComposeScenario(
            version,
            evidence,
            exit_code,
            decider,
            f"{' '.join(argv)} on compose {version}: {exit_code}"
            + (f" from {decider}" if decider else ""),
        )

    return build()


_TEMPLATES: dict[MessageKind, tuple[str, ...]] = {
    MessageKind.DEPENDENCY_FAILED: (
        'service "{s}" didn\'t complete successfully: exit {c}',
        "dependency failed to start: container p-{s}-1 is unhealthy",
        "dependency failed to start: container p-{s}-1 exited ({c})",
    ),
    MessageKind.SERVICE_NOT_FOUND: ("no such service: {s}", 'no containers for project "p"'),
    MessageKind.SERVICE_NOT_RUNNING: ('service "{s}" is not running',),
    MessageKind.UNHEALTHY: ("container p-{s}-1 is unhealthy",),
    MessageKind.WAIT_TIMEOUT: ("application not healthy after {c}s",),
}


def compose_error_texts(
    kinds: Sequence[MessageKind] | None = None,
) -> st.SearchStrategy[tuple[MessageKind, str]]:
    """``(kind, text)`` pairs: compose's own error lines, as the real binaries print them.

    The kinds: dependency failed, service not found, not running, unhealthy, wait timeout.

    Raises:
        hypothesis.errors.InvalidArgument: a kind without templates.
    """
    chosen = tuple(_TEMPLATES) if kinds is None else tuple(kinds)
    for kind in chosen:
        if kind not in _TEMPLATES:
            raise InvalidArgument(f"compose_error_texts(kinds=...): no templates for {kind!r}")
    if not chosen:
        raise InvalidArgument("compose_error_texts(kinds=[]): expected a non-empty list")

    @st.composite
    def build(draw: st.DrawFn) -> tuple[MessageKind, str]:
        kind = draw(st.sampled_from(chosen))
        template = draw(st.sampled_from(_TEMPLATES[kind]))
        service = draw(st.from_regex(r"[a-z][a-z0-9_-]{0,20}", fullmatch=True))
        return kind, template.format(s=service, c=draw(st.integers(0, 255)))

    return build()
