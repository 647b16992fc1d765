"""The message matcher: each profile's rows compiled once, and the package's only caches.

Matching a message is the hot path (every failed container, every log line), so the rows
that apply to a profile are compiled once (see :class:`Tables`) into a flat tuple of
steps: one per group of a row's patterns that share their first eight characters,
searched for their shared prefix first. The six ``" requires ...``/``" accepts ...``
patterns thus cost two scans of a message, not six. The first step that matches names
the row: exactly the row that :meth:`~exitcodes.rules.MessageRule.matches`, tried row by
row, would pick.

Each profile's :class:`Tables` also hold what classify and resolve remember for that
profile (answers are immutable, and a fleet's errors and statuses repeat). They and the
memos made by :func:`remembered` are the package's only caches, each typed and bounded,
and :func:`forget` empties them all.

This module is internal; nothing in it is part of the public API.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar, cast

from exitcodes._evidence import DAEMON_ANSWERS, prefix_end
from exitcodes.engines import spec as engine_spec
from exitcodes.errors import InvalidArgumentError, describe
from exitcodes.profiles import DEFAULT, Engine, EngineName, Platform, Profile, Version
from exitcodes.rules import Layer, Match, MessageRule, PhaseRule

if TYPE_CHECKING:
    from exitcodes.classify import Classification
    from exitcodes.resolve import Resolution

__all__ = [
    "MAX_REMEMBERED",
    "MEMOS",
    "Tables",
    "check_profile",
    "cli_row",
    "cli_rule",
    "client_connection",
    "compiled",
    "connection",
    "connection_rule",
    "first_match",
    "message_rules",
    "remembered",
    "run_error_rules",
    "tables",
    "usage_row",
]

_SUBSTRING, _IGNORE_CASE, _PREFIX, _ALWAYS, _OTHER, _ANCHORED = range(6)
_KINDS = {
    Match.SUBSTRING: _SUBSTRING,
    Match.SUBSTRING_IGNORE_CASE: _IGNORE_CASE,
    Match.PREFIX: _PREFIX,
    Match.ALWAYS: _ALWAYS,
}
# (kind, shared prefix, the group's patterns or () when the prefix is the pattern, row)
_Step = tuple[int, str, tuple[str, ...], MessageRule]
_GROUP_BY = 8

# Connection failures are the client's own errors, which it words at the start of what it
# prints (wrappers such as python-on-whales append the CLI's stderr at the end): their
# wordings are looked for in the first and last _CONNECTION_WINDOW characters only. A
# wording deep inside megabytes of text is quoted from something else, and the search
# costs a bounded time however long the message is.
_CONNECTION_WINDOW = 1024
_BOTH_WINDOWS = 2 * _CONNECTION_WINDOW
_CONNECTION_GATE = "onnect"  # every connection wording says "connect" or "Connect"

_DAEMON_LAYERS = (Layer.ENGINE, Layer.ENGINE_EXEC)  # the daemon's rows, not the CLI's
_MAX_PROFILES = 64
MAX_REMEMBERED = 1024
"""How many entries each of a profile's answer caches keeps, at most."""


def _shared_prefix(texts: list[str]) -> str:
    first, last = min(texts), max(texts)
    size = 0
    while size < len(first) and first[size] == last[size]:
        size += 1
    return first[:size]


def _steps(rule: MessageRule) -> tuple[_Step, ...]:
    kind = _KINDS.get(rule.match, _OTHER)
    if rule.anchors:  # the anchor is tested first, at one position
        return ((_ANCHORED if kind == _SUBSTRING else _OTHER, "", rule.patterns, rule),)
    if kind not in (_SUBSTRING, _IGNORE_CASE):
        return ((kind, "", rule.patterns, rule),)
    by_start: dict[str, list[str]] = {}
    for pattern in rule.patterns:
        by_start.setdefault(pattern[:_GROUP_BY], []).append(pattern)
    return tuple(
        (kind, group[0], (), rule)
        if len(group) == 1
        else (kind, _shared_prefix(group), tuple(group), rule)
        for group in by_start.values()
    )


def _scan(steps: tuple[_Step, ...], message: str, lowered: str, start: int) -> MessageRule | None:
    """The first row that matches, as :meth:`MessageRule.matches` decides row by row.

    *lowered* is the text that case-insensitive rows search; *start* is where the
    text after the CLI's prefixes begins (for prefix rows).
    """
    for kind, shared, patterns, rule in steps:
        if kind == _SUBSTRING:
            if shared in message and (not patterns or any(p in message for p in patterns)):
                return rule
        elif kind == _IGNORE_CASE:
            if shared in lowered and (not patterns or any(p in lowered for p in patterns)):
                return rule
        elif kind == _PREFIX:
            if message.startswith(patterns, start):
                return rule
        elif kind == _ANCHORED:
            if message.startswith(rule.anchors, start) and any(p in message for p in patterns):
                return rule
        elif kind == _ALWAYS or rule.matches(message, lowered, message[start:]):
            return rule
    return None


def _usage_heads(steps: tuple[_Step, ...]) -> tuple[str, ...] | None:
    """What a usage message must start with for any of *steps* to match, if that is known.

    Every Docker usage row is a prefix row or an anchored one, so one ``startswith`` at
    the start of the text rules them all out for the daemon's messages.
    """
    heads: list[str] = []
    for kind, _, patterns, rule in steps:
        if kind == _PREFIX:
            heads += patterns
        elif kind == _ANCHORED:
            heads += rule.anchors
        else:
            return None
    return tuple(heads)


def _plain_needles(steps: tuple[_Step, ...]) -> tuple[tuple[str, MessageRule], ...] | None:
    """*steps* as (substring, row) pairs, if they are plain substrings and a fallback row."""
    if not steps or steps[-1][0] != _ALWAYS:
        return None
    needles = []
    for kind, shared, patterns, rule in steps[:-1]:
        if kind != _SUBSTRING or patterns:
            return None
        needles.append((shared, rule))
    return tuple(needles)


class Tables:
    """One profile's compiled message rows, and what is remembered for the profile."""

    __slots__ = (
        "cli",
        "cli_by_needle",
        "cli_fallback",
        "cli_lowers",
        "connection",
        "connection_answers",
        "connection_lowers",
        "connection_reach",
        "connection_wordings",
        "ignores_case",
        "layers",
        "message_answers",
        "phase_rows",
        "profile",
        "run_error_answers",
        "status_resolutions",
        "statuses",
        "usage",
        "usage_head_chars",
        "usage_heads",
        "usage_lowers",
    )

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        cli_rows = engine_spec(profile.engine).message_rules
        daemon_rows = engine_spec(profile.daemon).message_rules  # the codes it records
        self.layers: dict[Layer, tuple[_Step, ...]] = {
            layer: tuple(
                step
                for rule in (daemon_rows if layer in _DAEMON_LAYERS else cli_rows)
                if rule.layer is layer and rule.versions.contains(profile)
                for step in _steps(rule)
            )
            for layer in Layer
        }
        self.ignores_case = frozenset(
            layer
            for layer, steps in self.layers.items()
            if any(step[0] == _IGNORE_CASE for step in steps)
        )
        self.usage = self.layers[Layer.USAGE]
        self.cli = self.layers[Layer.CLI]
        self.connection = self.layers[Layer.CONNECTION]
        self.usage_lowers = Layer.USAGE in self.ignores_case
        self.cli_lowers = Layer.CLI in self.ignores_case
        self.connection_lowers = Layer.CONNECTION in self.ignores_case
        # The first characters a usage error can start with, if the rows allow knowing.
        heads = None if self.usage_lowers else _usage_heads(self.usage)
        self.usage_heads = heads
        self.usage_head_chars = frozenset(head[:1] for head in heads or ())
        self.cli_fallback: MessageRule = self.cli[-1][3]
        # The CLI's checks as bare substrings in the rows' order (the first found
        # decides), or None: _scan then tries the rows.
        needles = None if self.cli_lowers else _plain_needles(self.cli)
        self.cli_by_needle: dict[str, MessageRule] | None = None
        if needles is not None:
            self.cli_by_needle = {}
            for needle, rule in needles:
                self.cli_by_needle.setdefault(needle, rule)
        connection_rows = {step[3].id: step[3] for step in self.connection}.values()
        # The wordings in the rows' order (the first found decides, as in _scan), and
        # where one can lie around the gate in it: it starts at most `before` characters
        # before a place the gate occurs, and ends at most `after` after one.
        self.connection_wordings = tuple(
            (pattern, rule) for rule in connection_rows for pattern in rule.patterns
        )
        self.connection_reach: tuple[int, int] | None = None
        if (
            self.connection_wordings
            and all(step[0] == _SUBSTRING for step in self.connection)
            and all(_CONNECTION_GATE in wording for wording, _ in self.connection_wordings)
        ):
            self.connection_reach = (
                max(wording.index(_CONNECTION_GATE) for wording, _ in self.connection_wordings),
                max(
                    len(wording) - wording.rindex(_CONNECTION_GATE)
                    for wording, _ in self.connection_wordings
                ),
            )
        # What classify answers for a usage or CLI row, by the row's id.
        self.message_answers: dict[str, Classification] = {}
        # What classify answers for a connection failure, by (its row, the CLI's row).
        self.connection_answers: dict[tuple[str, str], Classification] = {}
        # What classify answers for a container status, by (status, what, id(kind)).
        self.statuses: dict[tuple[int, str, int], Classification] = {}
        # The phase rows that can apply, by (command, phase, detach) (see resolve).
        self.phase_rows: dict[tuple[str, str, bool], tuple[PhaseRule, ...]] = {}
        # What resolve answers for a run error, by (the CLI's row, the connection row).
        self.run_error_answers: dict[tuple[str, str | None], Resolution] = {}
        # The Resolution of each remembered status Classification, by its id (the entry
        # keeps the Classification alive, so its id names no other object meanwhile).
        self.status_resolutions: dict[int, tuple[Classification, Resolution]] = {}


# The tables of each profile in use (two threads at worst build them twice).
_TABLES: dict[Profile, Tables] = {}


def tables(profile: Profile) -> Tables:
    """*profile*'s compiled tables, built the first time the profile is used."""
    found = _TABLES.get(profile)
    if found is None:
        found = Tables(profile)
        if len(_TABLES) >= _MAX_PROFILES:
            _TABLES.clear()
        _TABLES[profile] = found
    return found


_P = ParamSpec("_P")
_R = TypeVar("_R")

MEMOS: list[functools._lru_cache_wrapper[Any]] = []
"""Every memo :func:`remembered` made (the function is its ``__wrapped__``), for :func:`forget`."""


def remembered(maxsize: int) -> Callable[[Callable[_P, _R]], Callable[_P, _R]]:
    """Memoise a pure function of hashable arguments, keeping at most *maxsize* answers.

    Every memo of the package is made here, so that :func:`forget` empties them with the
    profiles' tables. Each use says in one line what it buys, measured by
    ``benchmarks/bench.py --only memos``.
    """

    def memoise(function: Callable[_P, _R]) -> Callable[_P, _R]:
        memo = functools.lru_cache(maxsize=maxsize)(function)
        MEMOS.append(memo)
        return cast("Callable[_P, _R]", memo)

    return memoise


def forget() -> None:
    """Drop every profile's tables and answers and every memo: engines or hosts changed."""
    _TABLES.clear()
    for memo in MEMOS:
        memo.cache_clear()


def compiled(profile: Profile) -> bool:
    """Whether *profile*'s tables were built (its fields were then checked)."""
    return profile in _TABLES


def message_rules(profile: Profile, layer: Layer) -> tuple[MessageRule, ...]:
    """The rows of *layer* that apply to *profile*, in matching order."""
    return tuple({step[3].id: step[3] for step in tables(profile).layers[layer]}.values())


def first_match(profile: Profile, layer: Layer, message: str) -> MessageRule | None:
    """The first rule of *layer* that matches *message* (``None`` for none)."""
    compiled_rows = tables(profile)
    lowered = message.lower() if layer in compiled_rows.ignores_case else message
    start = prefix_end(message) if layer is Layer.USAGE else 0
    return _scan(compiled_rows.layers[layer], message, lowered, start)


def usage_row(rows: Tables, message: str) -> MessageRule | None:
    """The usage row that matches *message*, which the daemon did not answer."""
    start = prefix_end(message)
    heads = rows.usage_heads  # a usage error starts with one of them, if not None
    if heads is not None and not (
        message[start : start + 1] in rows.usage_head_chars and message.startswith(heads, start)
    ):
        return None
    return _scan(rows.usage, message, message.lower() if rows.usage_lowers else message, start)


def cli_row(rows: Tables, message: str) -> MessageRule:
    """The CLI row that maps *message* to its code (the last row is the fallback)."""
    by_needle = rows.cli_by_needle
    if by_needle is not None:
        for needle in by_needle:
            if needle in message:
                return by_needle[needle]
        return rows.cli_fallback
    found = _scan(rows.cli, message, message.lower() if rows.cli_lowers else message, 0)
    if found is None:  # pragma: no cover - the CLI layer ends with a fallback row
        raise AssertionError("no CLI rule")
    return found


def cli_rule(profile: Profile, message: str) -> MessageRule:
    """The docker run mapping (125/126/127) for *message* under *profile*."""
    return cli_row(tables(profile), message)


def run_error_rules(profile: Profile, message: str) -> tuple[MessageRule, MessageRule | None]:
    """What ``docker run`` reads in an error: its code row, and the connection row if any."""
    rows = tables(profile)
    return cli_row(rows, message), client_connection(rows, message)


def connection_rule(profile: Profile, message: str) -> MessageRule | None:
    """The connection-failure rule if *message* is a client-side connection error.

    A message the daemon answered with is none, and the wordings are looked for
    near the ends of the text (see ``_CONNECTION_WINDOW``).
    """
    return client_connection(tables(profile), message)


def client_connection(rows: Tables, message: str) -> MessageRule | None:
    """The connection row of *message*, unless the daemon answered it."""
    if message.startswith(DAEMON_ANSWERS):  # the daemon answered: no connection failure
        return None
    return connection(rows, message)


def connection(rows: Tables, message: str) -> MessageRule | None:
    """The connection row whose wording *message* holds near its ends, if any."""
    text = message
    if len(text) > _BOTH_WINDOWS:  # NUL is in no wording: no match straddles the seam
        text = f"{message[:_CONNECTION_WINDOW]}\0{message[-_CONNECTION_WINDOW:]}"
    reach = rows.connection_reach
    if reach is None:
        return _scan(rows.connection, text, text.lower() if rows.connection_lowers else text, 0)
    first = text.find(_CONNECTION_GATE)
    if first < 0:
        return None
    # Every wording occurrence lies between the first and the last gate, give or take its
    # reach: the rows are searched for there only (where clients put them: a few dozen
    # characters), with the answer they would give on the whole text.
    before, after = reach
    region = text[max(0, first - before) : text.rfind(_CONNECTION_GATE) + after]
    for wording, rule in rows.connection_wordings:  # plain substrings, as _scan does
        if wording in region:
            return rule
    return None


# --- profiles: checked once, before their tables are built -----------------------------------


def check_profile(profile: object) -> Profile:
    """Return *profile*, or the default profile for ``None``."""
    if profile is None:
        return DEFAULT
    if not isinstance(profile, Profile):
        raise InvalidArgumentError(
            f"profile must be an exitcodes Profile (e.g. profiles.docker('28.2.2')),"
            f" got {describe(profile)}"
        )
    try:
        known = compiled(profile)  # compiled tables prove the fields were checked
    except Exception:
        known = False
    if not known:
        _check_fields(profile)
    return profile


def _check_fields(profile: Profile) -> None:
    """A hand-built Profile (or a mock of one) holds an Engine, Versions and a Platform."""
    try:
        fields = (
            profile.engine,
            profile.version,
            profile.engine_version,
            profile.platform,
            profile.daemon,
        )
    except Exception as exc:
        raise InvalidArgumentError(
            f"profile is not a usable Profile: reading its fields raised {type(exc).__name__}"
        ) from None
    wanted = (Engine, Version, Version, Platform, Engine)
    names = ("engine", "version", "engine_version", "platform", "daemon")
    for name, value, kind in zip(names, fields, wanted, strict=True):
        if type(value) is not kind and not (kind is Engine and type(value) is EngineName):
            raise InvalidArgumentError(
                f"profile.{name} must be of type {kind.__name__}, got {describe(value)}; build"
                " profiles with exitcodes.profiles.docker(), podman() or nerdctl()"
            )
    for name, version in (("version", fields[1]), ("engine_version", fields[2])):
        numbers = (version.major, version.minor, version.patch)
        pre = version.prerelease
        if any(type(number) is not int or number < 0 for number in numbers) or not (
            pre is None or type(pre) is str
        ):
            raise InvalidArgumentError(
                f"profile.{name} must be a Version of ints (parse_version('28.2.2')),"
                f" got {describe(version)}"
            )
