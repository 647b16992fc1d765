"""Hardening: hostile input, threads, pickling, and the fast message matcher's exactness.

* Totality: every public function returns a valid result or raises an
  :class:`~exitcodes.ExitCodesError` with a message, whatever it is given: junk
  nested in dicts and lists, lone surrogates and NULs, bytes, ints far beyond int64,
  NaN, objects whose every dunder raises, mappings with non-string keys, huge strings.
* Concurrency: eight threads classifying one corpus get the sequential answers,
  while the per-profile caches are built, shared and evicted under them.
* Serialization: every public value survives pickle (every protocol), copy and
  deepcopy, and ``to_dict()`` round-trips through JSON.
* Exactness: the compiled matcher of ``exitcodes.classify`` picks the row that
  :meth:`MessageRule.matches`, tried row by row, would pick.

The crashes this file found (in resolve's ``attached_streams``, ``rules.rule_by_id``
and ``rules.behaviour``) are fixed; their minimal inputs stay as regression tests.
"""

from __future__ import annotations

import copy
import importlib
import json
import math
import pickle
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from functools import partial
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import exitcodes
from exitcodes import (
    Classification,
    EvidenceKind,
    ExitCodesError,
    ExitOutcome,
    Profile,
    Resolution,
    Version,
    _matcher,
    classify,
    profiles,
    resolve,
    rules,
)
from exitcodes import _matcher as matcher
from exitcodes._evidence import number_text, prefix_end, status_line, strip_prefixes
from exitcodes.errors import MalformedEvidenceError
from exitcodes.rules import COMMANDS, PHASES, Layer, Match

classify_module = importlib.import_module("exitcodes.classify")

HARDENING = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- hostile objects ---------------------------------------------------------------------


class Boom(Exception):
    """What the hostile objects raise: not an ExitCodesError, so it must not escape."""


class Hostile:
    """An object whose chosen dunders (and attribute reads) raise :class:`Boom`."""

    def __init__(self, fails: frozenset[str]) -> None:
        object.__setattr__(self, "fails", fails)

    def _fail(self, name: str) -> None:
        if name in object.__getattribute__(self, "fails"):
            raise Boom(name)

    def __getattr__(self, name: str) -> Any:
        self._fail("getattr")
        raise AttributeError(name)

    def __str__(self) -> str:
        self._fail("str")
        return "hostile"

    def __repr__(self) -> str:
        self._fail("repr")
        return "Hostile()"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # Hypothesis' reports
        printer.text(f"Hostile({sorted(object.__getattribute__(self, 'fails'))})")

    def __getitem__(self, key: object) -> object:
        raise Boom("getitem")

    def __iter__(self) -> Iterator[object]:
        self._fail("iter")
        return iter(())

    def __contains__(self, key: object) -> bool:
        raise Boom("contains")

    def __len__(self) -> int:
        self._fail("len")
        return 0

    def __hash__(self) -> int:
        self._fail("hash")
        return 1

    def __eq__(self, other: object) -> bool:
        self._fail("eq")
        return self is other

    def __bool__(self) -> bool:
        self._fail("bool")
        return True

    def __index__(self) -> int:
        raise Boom("index")


class HostileMapping(Mapping[Any, Any]):
    """A real Mapping (so it is read as a document) whose chosen methods raise."""

    def __init__(self, data: Mapping[Any, Any], fails: frozenset[str]) -> None:
        self.data = dict(data)
        self.fails = fails

    def __getitem__(self, key: object) -> Any:
        if "getitem" in self.fails:
            raise Boom("getitem")
        return self.data[key]

    def __iter__(self) -> Iterator[Any]:
        if "iter" in self.fails:
            raise Boom("iter")
        return iter(self.data)

    def __len__(self) -> int:
        if "len" in self.fails:
            raise Boom("len")
        return len(self.data)

    def __contains__(self, key: object) -> bool:
        if "contains" in self.fails:
            raise Boom("contains")
        return key in self.data

    def __repr__(self) -> str:
        if "repr" in self.fails:
            raise Boom("repr")
        return f"HostileMapping({self.data!r})"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(f"HostileMapping({sorted(self.data, key=repr)}, {sorted(self.fails)})")


class HostileError(Exception):
    """An exception whose ``explanation`` (docker-py's field) or ``str()`` raise."""

    def __init__(self, fails: frozenset[str], explanation: object = None) -> None:
        super().__init__("hostile error")
        self.fails = fails
        self._explanation = explanation

    @property
    def explanation(self) -> object:
        if "explanation" in self.fails:
            raise Boom("explanation")
        return self._explanation

    def __str__(self) -> str:
        if "str" in self.fails:
            raise Boom("str")
        return "hostile error"


def _view(data: bytes) -> memoryview:
    return memoryview(data)


FAILS = st.frozensets(
    st.sampled_from(
        [
            *("getattr", "str", "repr", "iter", "len", "hash", "eq", "bool", "getitem"),
            *("contains", "explanation"),
        ]
    )
)
# Strings a tool may hand over: any code point, lone surrogates, NULs, the library's own
# phrases and keys (so that deep paths are reached).
TEXT = st.text(
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
    | st.characters()
    | st.sampled_from(["\x00", "\n", '"']),
    max_size=40,
)
WORDS = st.sampled_from(
    [
        "executable file not found",
        "no such file or directory",
        "permission denied",
        "is a directory",
        "Cannot connect to the Docker daemon",
        "unknown flag: --x",
        "Error response from daemon: ",
        "docker: ",
        '"docker run" requires at least 1 argument.',
        "exited",
        "running",
        "created",
        "28.2.2",
        "20.10.24",
        "docker@23.0.1:windows",
        "podman@4.3.1",
        "linux",
        "windows",
        "stdin",
        "docker-cli/not-found",
        "docker-cli/is-a-directory-126",
    ]
)
HUGE = st.sampled_from(["x" * 1_000_000, "permission denie" * 50_000, "onnect " * 100_000])
KEYS = (
    st.sampled_from(
        [
            *("StatusCode", "Error", "Message", "State", "Status", "ExitCode", "Running"),
            *("Paused", "Restarting", "OOMKilled", "Dead", "message", "ProcessConfig"),
            *("explanation", "exitCode", "terminated", "waiting", "running", "state", "reason"),
            "returncode",
        ]
    )
    | TEXT
    | st.integers()
    | st.none()
    | st.tuples(st.integers())
    | st.frozensets(st.integers(), max_size=2)
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=2**63, max_value=2**300)
    | st.integers(min_value=-(2**300), max_value=-(2**63) - 1)
    | st.floats()
    | st.sampled_from([math.nan, math.inf, -math.inf, -0.0])
    | st.complex_numbers()
    | TEXT
    | WORDS
    | st.binary(max_size=40)
    | st.builds(bytearray, st.binary(max_size=10))
    | st.binary(max_size=10).map(_view)
    | st.builds(Hostile, FAILS)
    | st.builds(HostileError, FAILS, st.none() | TEXT | st.binary(max_size=10))
    | st.sampled_from([Ellipsis, object(), int, ValueError("x"), KeyError("StatusCode")])
    | st.sampled_from([profiles.DEFAULT, profiles.docker("20.10.24"), Version(28, 2, 2)])
)
JUNK: st.SearchStrategy[Any] = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.tuples(children, children)
        | st.dictionaries(KEYS, children, max_size=5)
        | st.builds(HostileMapping, st.dictionaries(KEYS, children, max_size=4), FAILS)
    ),
    max_leaves=10,
)
# Documents with the right keys and junk values: they reach the field checks.
DOCUMENTS = st.one_of(
    st.fixed_dictionaries({"StatusCode": JUNK}, optional={"Error": JUNK}),
    st.fixed_dictionaries({"State": JUNK}),
    st.fixed_dictionaries(
        {},
        optional=dict.fromkeys(
            ("Status", "ExitCode", "Running", "Paused", "OOMKilled", "Error", "Dead"), JUNK
        ),
    ),
    st.fixed_dictionaries({"ExitCode": JUNK}, optional={"Running": JUNK, "ProcessConfig": JUNK}),
    st.fixed_dictionaries({"message": JUNK}),
    st.fixed_dictionaries({"State": st.fixed_dictionaries({"Status": JUNK, "ExitCode": JUNK})}),
)
EVIDENCE = JUNK | DOCUMENTS | HUGE
PROFILES = st.sampled_from(
    [
        profiles.DEFAULT,
        profiles.docker("17.6.0"),
        profiles.docker("20.10.24"),
        profiles.docker("23.0.1", engine_version="27.5.1"),
        profiles.docker("28.2.2", platform="darwin"),
        profiles.docker("29.7.2", platform="windows"),
    ]
    + [
        getattr(profiles, name)()
        for name in ("podman", "nerdctl")
        if callable(getattr(profiles, name, None))
    ]
)


# --- the property ---------------------------------------------------------------------------


def outcome_of(call: Callable[[], object]) -> object:
    """Call; return the result, or None for an ExitCodesError (checked to have a message).

    Anything else escapes and fails the test: even the lookups by rule id raise
    ``UnknownRuleError``, an ExitCodesError that is also a KeyError.
    """
    try:
        return call()
    except ExitCodesError as error:
        assert str(error).strip(), f"{type(error).__name__} without a message"
        return None


def check_code(result: object, profile: object) -> None:
    """A result's exit code fits the profile's platform: 0..255 on POSIX."""
    code = getattr(result, "exit_code", None)
    if code is None:
        return
    assert isinstance(code, int) and not isinstance(code, bool)
    posix = not isinstance(profile, Profile) or profile.posix
    assert 0 <= code <= (255 if posix else 0xFFFFFFFF), result


def check_classification(result: object, profile: object) -> None:
    if result is None:
        return
    assert isinstance(result, Classification)
    assert isinstance(result.outcome, ExitOutcome)
    assert isinstance(result.kind, EvidenceKind)
    assert result.rule and result.reason
    check_code(result, profile)
    json.loads(json.dumps(result.to_dict()))


@HARDENING
@given(EVIDENCE)
def test_classify_is_total(evidence: object) -> None:
    check_classification(outcome_of(lambda: classify(evidence)), None)


@HARDENING
@given(EVIDENCE, PROFILES | JUNK)
def test_classify_with_any_profile_is_total(evidence: object, profile: Any) -> None:
    check_classification(outcome_of(lambda: classify(evidence, profile=profile)), profile)


STREAMS = (
    st.none()
    | st.sampled_from(["stdin", "stdout", "stderr", "", "x"])
    | st.lists(st.sampled_from(["stdin", "stdout", "stderr", "x"]) | JUNK, max_size=3)
    | st.frozensets(st.sampled_from(["stdin", "stdout", "stderr"]))
    | JUNK
)
RESOLVE_KEYWORDS = st.fixed_dictionaries(
    {},
    optional={
        "error": JUNK | DOCUMENTS | HUGE,
        "phase": st.sampled_from(PHASES) | JUNK,
        "wait": JUNK | DOCUMENTS | st.lists(DOCUMENTS | WORDS | st.integers(), max_size=3),
        "exec_inspect": JUNK | DOCUMENTS,
        "state": JUNK | DOCUMENTS,
        "detach": st.booleans() | JUNK,
        "attached_streams": STREAMS,
        "profile": PROFILES | JUNK,
    },
)


@HARDENING
@given(st.sampled_from(COMMANDS) | JUNK, RESOLVE_KEYWORDS)
def test_resolve_is_total(command: Any, keywords: dict[str, Any]) -> None:
    result = outcome_of(lambda: resolve(command, **keywords))
    if result is not None:
        assert isinstance(result, Resolution)
        assert result.rule and result.reason
        check_code(result, keywords.get("profile"))
        json.loads(json.dumps(result.to_dict()))


@HARDENING
@given(JUNK | WORDS | HUGE, JUNK | WORDS, JUNK | WORDS)
def test_profiles_are_total(version: Any, engine_version: Any, platform: Any) -> None:
    calls: list[Callable[[], object]] = [
        lambda: profiles.docker(version),
        lambda: profiles.docker(version, engine_version=engine_version, platform=platform),
        lambda: profiles.parse_version(version),
        lambda: profiles.from_spec(version),
    ]
    for name in ("podman", "nerdctl"):
        factory = getattr(profiles, name, None)
        if callable(factory):
            calls.append(partial(factory, version, platform=platform))
    for call in calls:
        result = outcome_of(call)
        assert result is None or isinstance(result, (Profile, Version))


RULE_IDS = (
    st.sampled_from([row.id for row in rules.ALL_RULES] + [row.id for row in rules.BEHAVIOURS])
    | JUNK
)


@HARDENING
@given(RULE_IDS, PROFILES | JUNK)
def test_rule_lookups_are_total(rule_id: Any, profile: Any) -> None:
    row = outcome_of(lambda: rules.rule_by_id(rule_id))
    assert row is None or row.id == rule_id  # type: ignore[attr-defined]
    found = outcome_of(lambda: rules.behaviour(rule_id, profile))
    assert found is None or isinstance(found, bool)


def test_huge_messages_are_read_whole() -> None:
    tail = "executable file not found"
    assert classify("x" * 5_000_000 + tail).exit_code == 127
    assert classify(b"\xff" * 1_000_000 + tail.encode()).exit_code == 127
    assert resolve("run", error="\ud800\x00" * 100_000 + "permission denied").exit_code == 126


@pytest.mark.parametrize(
    "evidence",
    [
        2**64 + 1,
        -(2**63) - 1,
        {"StatusCode": 2**63},
        {"StatusCode": math.nan},
        {"StatusCode": math.inf, "Error": None},
        {"State": {"Status": "exited", "ExitCode": 2**100}},
        {"ExitCode": -math.inf},
        {"StatusCode": True},
        {1: 2, (3,): 4, None: 5},
        HostileMapping({"StatusCode": 0}, frozenset({"iter"})),
        HostileMapping({"StatusCode": 0}, frozenset({"contains"})),
        HostileMapping({"message": "x"}, frozenset({"getitem"})),
        HostileError(frozenset({"explanation", "str"})),
        Hostile(frozenset({"str", "repr", "getattr", "iter"})),
        [[[[]]]],
        math.nan,
    ],
    ids=lambda value: type(value).__name__,
)
def test_hostile_examples_raise_our_errors(evidence: object) -> None:
    with pytest.raises(ExitCodesError, match=r"\S"):
        classify(evidence)


# --- concurrency -----------------------------------------------------------------------------


def _corpus() -> list[object]:
    messages: list[object] = []
    for row in rules.MESSAGE_RULES:
        for pattern in row.patterns or ("an error of no known kind",):
            messages.append(f"docker: Error response from daemon: unable to start: {pattern}: x")
            messages.append(pattern.upper())
            messages.append({"message": f"Error: {pattern}"})
    messages += [0, 1, 125, 126, 127, 137, 255, 256, -1]
    messages += [{"StatusCode": code, "Error": None} for code in (0, 1, 137, 300)]
    messages += [{"State": {"Status": "exited", "ExitCode": 137, "OOMKilled": True}}]
    messages += [{"ExitCode": 126, "Running": False}]
    return messages


def _sequential(corpus: list[object], profile_list: list[Profile]) -> list[object]:
    answers: list[object] = []
    for profile in profile_list:
        for evidence in corpus:
            answers.append(classify(evidence, profile=profile))
            answers.append(resolve("run", error="x" if not isinstance(evidence, str) else evidence))
    return answers


def test_eight_threads_get_the_sequential_answers() -> None:
    corpus = _corpus()
    versions = ["17.6.0", "20.10.24", "23.0.1", "24.0.0", "28.0.0", "29.1.3", "29.7.2"]
    expected_profiles = [profiles.docker(version) for version in versions]
    expected = _sequential(corpus, expected_profiles)
    _matcher._TABLES.clear()  # the threads race to build them

    barrier = threading.Barrier(8)
    results: list[list[object]] = [[] for _ in range(8)]
    errors: list[BaseException] = []

    def work(index: int) -> None:
        try:
            barrier.wait()
            for round_ in range(3):
                # Equal profiles built afresh, and more of them than the caches keep.
                fresh = [profiles.docker(version) for version in versions]
                for spare in range(12):
                    classify("x", profile=profiles.docker(f"2{index}.{round_}.{spare}"))
                results[index] = _sequential(corpus, fresh)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as the interpreter allows
    try:
        threads = [threading.Thread(target=work, args=(index,)) for index in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert not errors, errors
    for answers in results:
        assert answers == expected


# --- serialization ---------------------------------------------------------------------------


def _values() -> list[object]:
    values: list[object] = [
        *ExitOutcome,
        *EvidenceKind,
        *exitcodes.Engine,
        *exitcodes.Platform,
        *rules.Layer,
        *rules.Match,
        *rules.Component,
        *rules.ErrorPolicy,
        *rules.ALL_RULES,
        *rules.BEHAVIOURS,
        profiles.DEFAULT,
        profiles.docker("20.10.24", engine_version="19.3.15", platform="windows"),
        profiles.parse_version("29.0.0-rc.1"),
        rules.ALL_VERSIONS,
        exitcodes.InvalidArgumentError("bad argument"),
        exitcodes.MalformedEvidenceError("bad field"),
    ]
    values += [classify(evidence) for evidence in _corpus()]
    values += [
        resolve(command, error="exec: foo: executable file not found", phase=phase)
        for command in COMMANDS
        for phase in PHASES
    ]
    values += [resolve("run", wait={"StatusCode": 137, "Error": None}), resolve("wait", wait=[0])]
    return list(dict.fromkeys(values))  # each distinct value once


VALUES = _values()


@pytest.mark.parametrize(
    "value", VALUES, ids=lambda value: getattr(value, "rule", type(value).__name__)
)
def test_values_survive_pickle_and_copy(value: object) -> None:
    def same(other: object) -> None:
        assert type(other) is type(value)
        if isinstance(value, BaseException):
            assert other.args == value.args  # type: ignore[attr-defined]
        else:
            assert other == value
            assert hash(other) == hash(value)
        if isinstance(value, (ExitOutcome, EvidenceKind, rules.Layer)):
            assert other is value  # enum members stay singletons

    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        same(pickle.loads(pickle.dumps(value, protocol=protocol)))
    same(copy.copy(value))
    same(copy.deepcopy(value))


@pytest.mark.parametrize(
    "value",
    [value for value in VALUES if isinstance(value, (Classification, Resolution))],
    ids=lambda value: value.rule,
)
def test_to_dict_round_trips_through_json(value: Classification | Resolution) -> None:
    data = value.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["outcome"] == value.outcome.value
    assert data["exit_code"] == value.exit_code


# --- exactness of the compiled matcher -------------------------------------------------------


_PREFIXES = ("Error response from daemon: ", "docker: ", "Error: ")


def _strip_reference(message: str) -> str:
    """strip_prefixes as first written: a loop over the prefixes until none matches."""
    changed = True
    while changed:
        changed = False
        for prefix in _PREFIXES:
            if message.startswith(prefix):
                message = message[len(prefix) :]
                changed = True
    return message


def _first_reference(profile: Profile, layer: Layer, message: str) -> rules.MessageRule | None:
    """first_match as first written: MessageRule.matches, row by row.

    Case-insensitive rows read the lowered text (in any layer); the others never read it.
    """
    stripped = _strip_reference(message) if layer is Layer.USAGE else message
    for row in rules.MESSAGE_RULES:
        if (
            row.layer is layer
            and row.engine is profile.engine
            and row.versions.contains(profile)
            and row.matches(message, message.lower(), stripped)
        ):
            return row
    return None


PATTERNS = sorted({pattern for row in rules.MESSAGE_RULES for pattern in row.patterns})
PIECES = (
    st.sampled_from(PATTERNS)
    | st.sampled_from(PATTERNS).map(str.upper)
    | st.sampled_from(PATTERNS).map(lambda text: text[:-1])
    | st.sampled_from([*_PREFIXES, "onnect", '" ', "Error", " ", "\n"])
    | st.text(max_size=4)
)
MESSAGES = st.lists(PIECES, max_size=6).map("".join)


@HARDENING
@given(MESSAGES)
def test_prefix_end_strips_what_the_loop_strips(message: str) -> None:
    assert strip_prefixes(message) == _strip_reference(message)
    assert message[prefix_end(message) :] == _strip_reference(message)


@HARDENING
@given(MESSAGES, PROFILES, st.sampled_from(list(Layer)))
def test_compiled_matcher_picks_the_row_matches_picks(
    message: str, profile: Profile, layer: Layer
) -> None:
    expected = _first_reference(profile, layer, message)
    assert matcher.first_match(profile, layer, message) == expected


_ANSWERED = ("docker: Error response from daemon: ", "Error response from daemon: ")
_WINDOW = 1024


def _connection_reference(profile: Profile, message: str) -> rules.MessageRule | None:
    """A daemon's answer is no connection failure; else the first and last _WINDOW
    characters of a long message are read for one, whole short ones."""
    if message.startswith(_ANSWERED):
        return None
    if len(message) > 2 * _WINDOW:
        message = message[:_WINDOW] + "\0" + message[-_WINDOW:]
    return _first_reference(profile, Layer.CONNECTION, message)


WINDOWED = st.tuples(MESSAGES, st.integers(0, 3 * _WINDOW), MESSAGES).map(
    lambda parts: parts[0] + "x" * parts[1] + parts[2]
)


@HARDENING
@given(MESSAGES | WINDOWED, PROFILES)
def test_connection_rule_reads_what_the_reference_reads(message: str, profile: Profile) -> None:
    assert _matcher._CONNECTION_WINDOW == _WINDOW
    expected = _connection_reference(profile, message)
    assert matcher.connection_rule(profile, message) == expected


CONNECTION_WORDINGS = sorted(
    {
        pattern
        for row in rules.MESSAGE_RULES
        if row.layer is Layer.CONNECTION
        for pattern in row.patterns
    }
)
GATE_HEAVY = st.lists(
    st.sampled_from(CONNECTION_WORDINGS)
    | st.sampled_from(CONNECTION_WORDINGS).map(lambda text: text[1:])
    | st.sampled_from(CONNECTION_WORDINGS).map(lambda text: text[:-1])
    | st.sampled_from(["onnect", "connect", "Connect", "onnectonnect"])
    | st.text(alphabet="Cconet ", max_size=3),
    max_size=40,
).map("".join)


@HARDENING
@given(GATE_HEAVY, PROFILES)
def test_connection_rule_agrees_where_connect_occurs_many_times(
    message: str, profile: Profile
) -> None:
    # Many near and whole wordings, overlapping: the first row whose wording occurs decides.
    expected = _connection_reference(profile, message)
    assert matcher.connection_rule(profile, message) == expected


@HARDENING
@given(MESSAGES | WINDOWED, PROFILES)
def test_classify_message_agrees_with_first_match(message: str, profile: Profile) -> None:
    answered = message.startswith(_ANSWERED)  # the daemon's answer: no usage error
    usage = None if answered else matcher.first_match(profile, Layer.USAGE, message)
    cli = matcher.first_match(profile, Layer.CLI, message)
    connection = _connection_reference(profile, message)
    assert cli is not None
    if usage is None and connection is None and cli.match is Match.ALWAYS and not answered:
        # A text no phrase matched has the documented readings of the semantics page ("How
        # evidence is read"): blank says nothing, a number or a status line is a status.
        if not message.strip():
            with pytest.raises(MalformedEvidenceError):
                classify(message, profile=profile)
            return
        number, status = number_text(message), status_line(message)
        if number is not None:  # read as the bare int
            assert classify(message, profile=profile).exit_code == (
                classify(number, profile=profile).exit_code
            )
            return
        if status is not None:  # read as the container status it names
            assert classify(message, profile=profile).exit_code == (
                classify({"StatusCode": status, "Error": None}, profile=profile).exit_code
            )
            return
    found = classify(message, profile=profile)
    expected = usage or connection or cli
    assert found.rule == expected.id
    if usage is None and connection is None:
        assert (found.outcome, found.exit_code, found.reason) == (
            cli.outcome,
            cli.exit_code,
            cli.summary,
        )


# --- regressions: the crashes the properties above found, as minimal inputs ---------------


class _RaisingHash:
    def __hash__(self) -> int:
        raise Boom("hash")

    def __eq__(self, other: object) -> bool:
        raise Boom("eq")


class _RaisingIter:
    def __iter__(self) -> Iterator[str]:
        raise Boom("iter")

    def __len__(self) -> int:
        return 1

    def __contains__(self, item: object) -> bool:
        return False


@pytest.mark.parametrize(
    "streams", [[[]], _RaisingIter(), [_RaisingHash()]], ids=["unhashable", "iter", "hash"]
)
def test_resolve_attached_streams_regression(streams: Any) -> None:
    outcome_of(lambda: resolve("run", wait=0, attached_streams=streams))


@pytest.mark.parametrize("rule_id", [[], _RaisingHash()], ids=["unhashable", "hash"])
def test_rule_by_id_regression(rule_id: Any) -> None:
    outcome_of(lambda: rules.rule_by_id(rule_id))


@pytest.mark.parametrize(
    ("behaviour_id", "profile"),
    [
        ("docker-cli/is-a-directory-126", None),
        ("docker-cli/is-a-directory-126", Hostile(frozenset({"getattr"}))),
        (_RaisingHash(), profiles.DEFAULT),
    ],
    ids=["none-profile", "hostile-profile", "hostile-id"],
)
def test_behaviour_regression(behaviour_id: Any, profile: Any) -> None:
    outcome_of(lambda: rules.behaviour(behaviour_id, profile))


@pytest.mark.parametrize("data", [{}, {"Other": 1}], ids=["empty", "no-status"])
def test_resolve_wait_whose_len_raises_regression(data: dict[str, int]) -> None:
    # Found by test_resolve_is_total: whether a wait response without StatusCode and
    # Error is empty was asked with len(), outside the library's guard.
    hostile = HostileMapping(data, frozenset({"len"}))
    with pytest.raises(exitcodes.MalformedEvidenceError, match=r"cannot read wait: Boom"):
        resolve("run", wait=hostile)


def test_every_connection_pattern_passes_the_connection_prefilter() -> None:
    for row in rules.MESSAGE_RULES:
        if row.layer is Layer.CONNECTION and row.engine is profiles.DEFAULT.engine:
            for pattern in row.patterns:
                assert matcher.connection_rule(profiles.DEFAULT, pattern), pattern


# --- edge paths, each pinned by an example (the properties above reach them by chance) -----


class _ApiError(Exception):
    def __init__(self, explanation: object) -> None:
        super().__init__("500 Server Error for http+docker://localhost/v1.47/containers/create")
        self.explanation = explanation


class _Container:
    """docker-py's Container: the inspect document is ``.attrs``."""

    def __init__(self, document: object) -> None:
        self.attrs = document


@pytest.mark.parametrize(
    ("evidence", "code"),
    [
        (_ApiError(b'exec: "x": executable file not found in $PATH'), 127),
        (_ApiError("permission denied"), 126),
        (_ApiError(""), 125),  # an empty explanation: str() is read instead
        ({"message": b"is a directory"}, 126),
        (
            {"State": {"Status": "exited", "ExitCode": 1, "Error": b"no such file or directory"}},
            127,
        ),
    ],
    ids=["bytes-explanation", "str-explanation", "empty-explanation", "bytes-body", "bytes-error"],
)
def test_bytes_and_explanations_are_read(evidence: object, code: int) -> None:
    assert classify(evidence).exit_code == code


def test_failed_wait_requests_are_read_through_their_explanation() -> None:
    """docker wait's failed requests: exceptions read as messages, explanation first."""
    failures = [_ApiError(b"No such container: c1"), _ApiError("No such container: c2")]
    found = resolve("wait", wait=[*failures, {"StatusCode": 0, "Error": None}])
    assert found.exit_code == 1 and "2 of 3" in found.reason


@pytest.mark.parametrize(
    ("state", "status"),
    [
        ({"Status": "", "Restarting": True, "ExitCode": 0}, "restarting"),
        ({"Status": "", "Paused": True, "Running": True, "ExitCode": 0}, "paused"),
        ({"Status": "", "Running": True, "ExitCode": 0}, "running"),
    ],
)
def test_a_state_without_status_is_read_from_its_flags(state: dict[str, Any], status: str) -> None:
    found = classify(state)
    assert found.outcome is ExitOutcome.STATUS_UNKNOWN and found.exit_code is None
    assert status in found.reason


def test_a_cli_result_whose_stderr_disagrees_passes_the_code_through() -> None:
    import subprocess

    done = subprocess.CompletedProcess(["docker", "run", "x"], 1, "", "permission denied")
    found = classify(done)
    assert (found.exit_code, found.kind) == (1, EvidenceKind.PROCESS)
    assert found.rule == "cli-result/passed-through"


def test_sdk_objects_are_read_by_resolve_and_bad_ones_rejected() -> None:
    oom = {"State": {"Status": "exited", "ExitCode": 137, "OOMKilled": True}}
    assert resolve("run", wait=137, state=_Container(oom)).outcome is ExitOutcome.OOM_KILLED
    assert resolve("exec", exec_inspect=(3, b"output")).exit_code == 3
    with pytest.raises(exitcodes.MalformedEvidenceError, match="State"):
        classify(_Container({"State": 5}))
    with pytest.raises(exitcodes.MalformedEvidenceError, match="state"):
        resolve("run", wait=0, state=[1])
    with pytest.raises(exitcodes.MalformedEvidenceError, match=r"state\['State'\]"):
        resolve("run", wait=0, state={"State": 5})
    with pytest.raises(exitcodes.MalformedEvidenceError, match="exec_inspect"):
        resolve("exec", exec_inspect="0")


@pytest.mark.parametrize(
    ("keywords", "error"),
    [
        ({"wait": True}, exitcodes.MalformedEvidenceError),
        ({"wait": "x"}, exitcodes.MalformedEvidenceError),
        ({"wait": {"Other": 1}}, exitcodes.MalformedEvidenceError),
        ({"wait": 0, "attached_streams": 3}, exitcodes.InvalidArgumentError),
        ({"wait": 0, "attached_streams": ["stdin", "nope"]}, exitcodes.InvalidArgumentError),
    ],
    ids=["bool-wait", "str-wait", "no-status", "int-streams", "unknown-stream"],
)
def test_resolve_rejects_malformed_keywords(
    keywords: dict[str, Any], error: type[Exception]
) -> None:
    with pytest.raises(error, match=r"\S"):
        resolve("run", **keywords)


def test_profiles_older_than_modelled_are_rejected() -> None:
    for name in ("podman", "nerdctl"):
        factory = getattr(profiles, name, None)
        if callable(factory):
            with pytest.raises(exitcodes.InvalidVersionError, match="predates"):
                factory("0.1.0")


def test_message_rules_are_the_profile_rows_in_order() -> None:
    for profile in (profiles.DEFAULT, profiles.docker("20.10.24")):
        for layer in Layer:
            expected = tuple(
                row
                for row in rules.MESSAGE_RULES
                if row.layer is layer
                and row.engine is profile.engine
                and row.versions.contains(profile)
            )
            assert matcher.message_rules(profile, layer) == expected


def test_an_unknown_match_kind_defers_to_message_rule_matches() -> None:
    row = next(
        row for row in rules.MESSAGE_RULES if row.match is rules.Match.SUBSTRING and not row.anchors
    )
    step = (_matcher._OTHER, "", row.patterns, row)
    assert _matcher._scan((step,), f"x {row.patterns[0]} x", "", 0) is row
    assert _matcher._scan((step,), "nothing here", "", 0) is None


def test_attached_streams_may_be_one_name() -> None:
    assert resolve("run", wait=3, attached_streams="stdout").exit_code == 3
    old = profiles.docker("27.5.1")
    assert resolve("run", wait=3, attached_streams="stdin", profile=old).exit_code == 0


def test_remembered_statuses_stay_bounded_and_right() -> None:
    profile = profiles.docker("27.5.1")
    for status in range(-1500, 1500):
        found = classify({"StatusCode": status, "Error": None}, profile=profile)
        assert (found.exit_code, found.status) == (status & 0xFF, status)
        again = classify({"ExitCode": status, "Running": False}, profile=profile)
        assert again.kind is EvidenceKind.EXEC and again.status == status
    remembered = _matcher.tables(profile).statuses
    assert len(remembered) <= _matcher.MAX_REMEMBERED


def test_explain_exit_reads_a_bytes_subclass_through_its_buffer() -> None:
    """`explain_exit(137, output=JB(b"Killed"))`, where `JB(bytes)` has `__getitem__` returning
    999, was read as 999 NUL bytes: the output is read through its buffer, once."""

    class JB(bytes):
        def __getitem__(self, key: object) -> Any:
            return 999

        def __len__(self) -> int:
            raise Boom("len")

    hostile = exitcodes.explain_exit(137, output=JB(b"Killed\n"))
    assert hostile == exitcodes.explain_exit(137, output=b"Killed\n")
    assert exitcodes.explain_exit(1, output=JB(b"Killed\n")).classification.exit_code == 1
