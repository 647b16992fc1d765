"""docker compose v2: the exit code of ``up``, ``run``, ``exec`` and ``wait``, and why.

Several containers end, flags decide whose code wins, an interrupt and compose's own errors
add their codes, and the answers changed across compose releases. :func:`resolve_compose`
takes what a tool that wraps compose can see -- the compose command line, each service's
container exits (from ``docker inspect``, ``docker compose ps --format json`` or
``docker events``), the signal compose got, compose's stderr -- and gives the compose
process's exit code, the service that decided it and the rule that applied.

The rules are data: :data:`RULES` (how the code is chosen) and :data:`MESSAGES` (compose's
own error messages), each row citing the docker/compose source at a tag or pull request, and
the scenarios of ``tests/compose_live`` that showed it on the real compose 2.26.1 and 2.40.3
binaries.

>>> from exitcodes.engines import compose
>>> exits = (  # app exited 3 by itself; compose then stopped db (killed: 137)
...     compose.ContainerExit("app", 3, finished=2, stopped=False),
...     compose.ContainerExit("db", 137, finished=5, stopped=True, stopped_at=4),
... )
>>> result = compose.resolve_compose(
...     compose.ComposeEvidence(("up", "--exit-code-from", "db"), exits),
...     compose.profile("2.40.3"),
... )
>>> (result.exit_code, result.service, result.rule.id)
(137, 'db', 'up-exit-code-from')
>>> compose.resolve_compose(
...     compose.ComposeEvidence(("up", "--exit-code-from", "db"), exits),
...     compose.profile("2.26.1"),
... ).exit_code
0
"""

from __future__ import annotations

from exitcodes.engines.compose import _model, _rows
from exitcodes.engines.compose._evidence import ComposeEvidence, ComposeResult, ContainerExit
from exitcodes.engines.compose._model import (
    Category,
    Command,
    MessageKind,
    MessageRule,
    Rule,
)
from exitcodes.engines.compose._render import render_rules_table
from exitcodes.engines.compose._resolve import classify_message, resolve_compose
from exitcodes.engines.compose._rows import ComposeProfile, profile, rule_by_id
from exitcodes.engines.compose._sources import (
    Invocation,
    exits_from_events,
    exits_from_inspect,
    exits_from_ps,
    parse_invocation,
)
from exitcodes.profiles import Version

__all__ = [
    "MESSAGES",
    "NEWEST_COMPOSE_VERSION",
    "OLDEST_COMPOSE_VERSION",
    "RULES",
    "VERIFIED_VERSIONS",
    "Category",
    "Command",
    "ComposeEvidence",
    "ComposeProfile",
    "ComposeResult",
    "ContainerExit",
    "Invocation",
    "MessageKind",
    "MessageRule",
    "Rule",
    "classify_message",
    "exits_from_events",
    "exits_from_inspect",
    "exits_from_ps",
    "parse_invocation",
    "profile",
    "render_rules_table",
    "resolve_compose",
    "rule_by_id",
]

OLDEST_COMPOSE_VERSION: Version = _model.OLDEST_COMPOSE_VERSION
"""The oldest compose modelled: v2, the Go rewrite (v1 was a different program)."""

NEWEST_COMPOSE_VERSION: Version = _model.NEWEST_COMPOSE_VERSION
"""The newest compose release whose behaviour was checked on its binary."""

VERIFIED_VERSIONS: tuple[Version, ...] = _model.VERIFIED_VERSIONS
"""The compose binaries every row was checked against (Debian trixie's and sid's packages)."""

RULES: tuple[Rule, ...] = _rows.RULES
"""How compose chooses its exit code, one row per situation and version range."""

MESSAGES: tuple[MessageRule, ...] = _rows.MESSAGES
"""Compose's own error messages, most specific first."""
