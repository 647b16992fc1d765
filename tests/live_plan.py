"""The plan of one live scenario and what came of it, shared by the podman and dockerd suites.

An engine's CLI (``podman``, ``docker``) runs a :class:`Plan`: setup steps, the invocation
under test, and optional trigger steps once it printed a ready line; ``{c}`` in any argument
is the scenario's container name. The suite's harness fills in the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Argv = tuple[str, ...]


@dataclass(frozen=True)
class Step:
    """An invocation (argv after the engine's CLI) and the exit code it must give.

    ``expect=None`` accepts any exit code; ``delay`` seconds pass before it runs.
    """

    argv: Argv
    expect: int | None = 0
    delay: float = 0.0


@dataclass(frozen=True)
class Plan:
    """What to run for one scenario; ``{c}`` in any argument is the container name.

    Attributes:
        setup: steps that prepare the scenario (each must exit with its ``expect``).
        argv: the invocation under test (after the engine's CLI).
        ready: when set, the invocation under test runs in the background until a line of
            its stdout contains this text, then ``trigger`` runs, then it is waited for.
        trigger: steps run once ``ready`` was seen (``kill``, ``exec``).
        inspect: container whose inspect State is captured afterwards.
        containers: every container name the scenario may create (removed afterwards).
    """

    setup: tuple[Step, ...]
    argv: Argv
    ready: str | None = None
    trigger: tuple[Step, ...] = ()
    inspect: str | None = None
    containers: tuple[str, ...] = ("{c}",)


@dataclass
class Capture:
    """What the real engine and its CLI did in one scenario."""

    argv: list[str]
    exit_code: int | None
    stdout: str
    stderr: str
    state: dict[str, Any] | None
    seconds: float
    problems: list[str] = field(default_factory=list)
    """Harness problems (a setup step that failed, a timeout); empty when all went to plan."""
