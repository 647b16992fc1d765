"""The rule tables: every exit-code decision as a row of data with its source.

Three tables drive the library, and the tests and docs are generated from them:

* :data:`MESSAGE_RULES` match daemon and client error texts. Rows of layer
  :attr:`Layer.CLI` are the Docker CLI's own substring checks (``toStatusError``
  in docker/cli), which decide ``docker run``'s 125/126/127. Rows of layer
  :attr:`Layer.ENGINE` are the daemon's checks (``setExitCodeFromError`` in
  moby), which decide the code the daemon records (``State.ExitCode``, the
  exec ``ExitCode``). Rows of the other layers recognise usage errors and
  connection failures. Within a layer the first matching row wins. Both of
  those are the client's own errors: a text the daemon answered with
  (``Error response from daemon: ...``) is neither, and connection wordings are
  looked for in the first and last 1,024 characters of a longer text, where
  clients and their wrappers put them.
* :data:`PHASE_RULES` say what a command does with an error, by the phase in
  which it happened.
* :data:`BEHAVIOURS` list the version-dependent changes, each with the release
  that introduced it.

A new engine or version is a new row; every row cites where its behaviour
comes from.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeAlias

from exitcodes import engines
from exitcodes._evidence import plain
from exitcodes._index import by_id
from exitcodes.engines import _schema
from exitcodes.engines._schema import (
    Behaviour,
    CliSignalRule,
    Component,
    ErrorPolicy,
    Layer,
    Match,
    MessageRule,
    OutcomeRule,
    PhaseRule,
    SignalPhase,
    SignalPolicy,
    VersionRange,
)
from exitcodes.errors import InvalidArgumentError, UnknownRuleError, describe
from exitcodes.kubernetes import REASONS
from exitcodes.profiles import Profile

__all__ = [
    "ALL_RULES",
    "BEHAVIOURS",
    "CLI_SIGNAL_RULES",
    "COMMANDS",
    "MESSAGE_RULES",
    "OUTCOME_RULES",
    "PHASES",
    "PHASE_RULES",
    "Behaviour",
    "CliSignalRule",
    "Component",
    "ErrorPolicy",
    "Layer",
    "Match",
    "MessageRule",
    "OutcomeRule",
    "PhaseRule",
    "Rule",
    "SignalPhase",
    "SignalPolicy",
    "VersionRange",
    "behaviour",
    "cli_signal_rule",
    "rule_by_id",
]


COMMANDS: tuple[str, ...] = _schema.COMMANDS
"""The commands :func:`exitcodes.resolve` models; ``"other"`` is any other docker command."""

PHASES: tuple[str, ...] = _schema.PHASES
"""Where an error can happen, in the order a command meets them."""

Rule: TypeAlias = _schema.Rule
"""Any row of the decision tables (:func:`rule_by_id` finds the CLI signal rows too)."""

ALL_VERSIONS = _schema.ALL_VERSIONS
"""The unbounded range: rows that no release changed."""

_SPECS = tuple(engines.spec(engine) for engine in engines.BUILTIN)

MESSAGE_RULES: tuple[MessageRule, ...] = tuple(row for e in _SPECS for row in e.message_rules)
"""Every engine's message rows (see each engine module); within a layer the first match wins."""

PHASE_RULES: tuple[PhaseRule, ...] = tuple(row for e in _SPECS for row in e.phase_rules)
"""What each command does with an error in each phase; the first matching row wins."""

OUTCOME_RULES: tuple[OutcomeRule, ...] = tuple(row for e in _SPECS for row in e.outcome_rules)
"""Decisions made from statuses and states, so every rule id in a result is documented."""

BEHAVIOURS: tuple[Behaviour, ...] = tuple(row for e in _SPECS for row in e.behaviours)
"""Version-dependent behaviours, for the docs' version table."""

CLI_SIGNAL_RULES: tuple[CliSignalRule, ...] = tuple(row for e in _SPECS for row in e.signal_rules)
"""What a CLI does when its own process gets a signal; the first matching row wins.

Rows for SIGINT and SIGTERM in a phase shadow the later all-version rows for the releases
they cover (a CLI 28.2 ``start -a`` forwards the signal, but exits 0 first).
"""


def cli_signal_rule(  # noqa: PLR0917 - the parts of one signal scenario
    command: str,
    phase: SignalPhase,
    signal: int,
    count: int,
    sig_proxy: bool,
    profile: Profile,
) -> CliSignalRule | None:
    """The first row of :data:`CLI_SIGNAL_RULES` that decides, or ``None`` (not modelled).

    >>> from exitcodes import profiles
    >>> cli_signal_rule("run", SignalPhase.PULL, 2, 1, True, profiles.docker("28.2.2")).id
    'docker-cli-signal/pull-terminated'
    """
    for row in CLI_SIGNAL_RULES:
        if row.applies(command, phase, signal, count, sig_proxy, profile):
            return row
    return None


def behaviour(behaviour_id: str, profile: Profile) -> bool:
    """Whether *profile* has the behaviour *behaviour_id* of :data:`BEHAVIOURS`.

    >>> from exitcodes import profiles
    >>> behaviour("docker-cli/is-a-directory-126", profiles.docker("20.10.24"))
    False
    """
    if not isinstance(profile, Profile):
        raise InvalidArgumentError(f"profile must be an exitcodes Profile, got {describe(profile)}")
    behaviour_id = plain(behaviour_id)  # read once: a str subclass's __eq__ is never called
    if isinstance(behaviour_id, str):
        for row in BEHAVIOURS:
            if row.id == behaviour_id:
                daemon_row = row.versions.component is Component.ENGINE  # the daemon's own
                owner = profile.daemon if daemon_row else profile.engine
                return row.engine is owner and row.versions.contains(profile)
    raise UnknownRuleError(f"no behaviour has the id {describe(behaviour_id)}")


ALL_RULES: tuple[Rule, ...] = (*MESSAGE_RULES, *PHASE_RULES, *OUTCOME_RULES, *REASONS)
"""Every row of the message, phase, outcome and reason tables, in table order.

:data:`CLI_SIGNAL_RULES` is a table of its own, with its own generated table and its own
real-binary gate tests (tests/conformance/test_cancellation_live.py).
"""


_BY_ID: Mapping[str, Rule] = by_id((*ALL_RULES, *CLI_SIGNAL_RULES), "rule")


def rule_by_id(rule_id: str) -> Rule:
    """Return the row whose id appears in a result's ``rule``.

    Raises:
        UnknownRuleError: no rule has that id (a :class:`KeyError` too).

    >>> rule_by_id("docker-cli/not-found").exit_code
    127
    """
    if type(rule_id) is not str:  # a plain str costs no call (a third of the lookup)
        rule_id = plain(rule_id)  # read once: a str subclass's __hash__/__eq__ are never called
    row = _BY_ID.get(rule_id) if isinstance(rule_id, str) else None
    if row is None:
        raise UnknownRuleError(f"no rule has the id {describe(rule_id)}")
    return row
