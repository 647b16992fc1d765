"""The rule rows, versions and profiles behave as the attrs classes they replaced.

They are built on :class:`exitcodes._record.Record` so that ``import exitcodes``
generates no code; equality, hashing, the repr, immutability, pickling, copying
and ``evolve`` must stay what ``@attrs.frozen`` gave.
"""

from __future__ import annotations

import copy
import pickle
import subprocess
import sys
import weakref
from collections.abc import Callable

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from exitcodes import profiles, rules
from exitcodes._record import Record
from exitcodes.kubernetes import REASONS, ReasonRule
from exitcodes.outcome import ExitOutcome
from exitcodes.profiles import Engine, Platform, Profile, Version
from exitcodes.rules import (
    Behaviour,
    Component,
    ErrorPolicy,
    Layer,
    Match,
    MessageRule,
    OutcomeRule,
    PhaseRule,
    VersionRange,
)

SINCE = VersionRange(since=Version(23, 0, 1), component=Component.ENGINE)


def _message_rule() -> MessageRule:
    return MessageRule(
        "docker-cli/x",
        Engine.DOCKER,
        Layer.CLI,
        ("a", "b"),
        Match.SUBSTRING,
        ExitOutcome.NOT_FOUND,
        127,
        SINCE,
        "src",
        "Summary.",
    )


def _phase_rule() -> PhaseRule:
    return PhaseRule(
        "docker-cli/y",
        Engine.DOCKER,
        frozenset({"run"}),
        frozenset({"start"}),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.ENGINE_ERROR,
        125,
        SINCE,
        "src",
        "Summary.",
        True,
    )


# Each converted class, built the way attrs printed it (recorded from the attrs classes).
LITERALS: list[tuple[Callable[[], Record], str]] = [
    (
        lambda: VersionRange(since=Version(23, 0, 1), component=Component.ENGINE),
        "VersionRange(since=Version('23.0.1'), until=None, component=<Component.ENGINE: 'engine'>)",
    ),
    (
        VersionRange,
        "VersionRange(since=None, until=None, component=<Component.CLI: 'cli'>)",
    ),
    (lambda: Version(29, 0, 0, "rc.1"), "Version('29.0.0-rc.1')"),
    (
        lambda: Profile(Engine.PODMAN, Version(4, 3, 1), Version(4, 3, 1), Platform.WINDOWS),
        "Profile(engine=Engine.PODMAN, version=Version('4.3.1'),"
        " engine_version=Version('4.3.1'), platform=Platform.WINDOWS)",
    ),
    (
        _message_rule,
        "MessageRule(id='docker-cli/x', engine=Engine.DOCKER, layer=<Layer.CLI: 'cli'>,"
        " patterns=('a', 'b'), match=<Match.SUBSTRING: 'substring'>,"
        " outcome=ExitOutcome.NOT_FOUND, exit_code=127, versions=VersionRange(since="
        "Version('23.0.1'), until=None, component=<Component.ENGINE: 'engine'>), source='src',"
        " summary='Summary.', anchors=())",
    ),
    (
        _phase_rule,
        "PhaseRule(id='docker-cli/y', engine=Engine.DOCKER, commands=frozenset({'run'}),"
        " phases=frozenset({'start'}), policy=<ErrorPolicy.EXIT_CODE: 'fixed exit code'>,"
        " outcome=ExitOutcome.ENGINE_ERROR, exit_code=125, versions=VersionRange(since="
        "Version('23.0.1'), until=None, component=<Component.ENGINE: 'engine'>), source='src',"
        " summary='Summary.', detach=True, patterns=())",
    ),
    (
        lambda: OutcomeRule(
            "docker-cli/z", Engine.NERDCTL, ExitOutcome.SUCCESS, None, SINCE, "src", "Summary."
        ),
        "OutcomeRule(id='docker-cli/z', engine=Engine.NERDCTL, outcome=ExitOutcome.SUCCESS,"
        " exit_code=None, versions=VersionRange(since=Version('23.0.1'), until=None,"
        " component=<Component.ENGINE: 'engine'>), source='src', summary='Summary.')",
    ),
    (
        lambda: Behaviour("docker-cli/b", Engine.DOCKER, SINCE, "src", "Summary."),
        "Behaviour(id='docker-cli/b', engine=Engine.DOCKER, versions=VersionRange(since="
        "Version('23.0.1'), until=None, component=<Component.ENGINE: 'engine'>), source='src',"
        " summary='Summary.')",
    ),
    (
        lambda: ReasonRule("kubernetes/r", "Error", "terminated", None, False, "src", "Summary."),
        "ReasonRule(id='kubernetes/r', reason='Error', state='terminated', outcome=None,"
        " from_message=False, source='src', summary='Summary.')",
    ),
]

CONVERTED: list[type[Record]] = [
    VersionRange,
    MessageRule,
    PhaseRule,
    OutcomeRule,
    Behaviour,
    Version,
    Profile,
    ReasonRule,
]

# Real values of every converted class: every table row, and a few versions and profiles.
SAMPLES: list[Record] = [
    *rules.ALL_RULES,
    *rules.BEHAVIOURS,
    rules.ALL_VERSIONS,
    SINCE,
    Version(29, 0, 0, "rc.1"),
    profiles.DEFAULT,
    profiles.docker("20.10.24", engine_version="19.3.15", platform="windows"),
    profiles.podman("4.3.1"),
    profiles.nerdctl(),
]


def _rebuilt(record: Record) -> Record:
    """An equal record built separately, by keyword, from its field values."""
    return type(record)(**{name: getattr(record, name) for name in type(record).__match_args__})


def _id(value: object) -> str:
    return getattr(value, "id", None) or repr(value)


def test_every_converted_class_is_sampled() -> None:
    assert {type(sample) for sample in SAMPLES} == set(CONVERTED)
    assert {type(build()) for build, _ in LITERALS} == set(CONVERTED)


@pytest.mark.parametrize(("build", "expected"), LITERALS, ids=lambda v: getattr(v, "__name__", ""))
def test_repr_is_what_attrs_printed(build: Callable[[], Record], expected: str) -> None:
    assert repr(build()) == expected


def test_table_reprs_name_every_field_in_order() -> None:
    for sample in SAMPLES:
        if isinstance(sample, Version):
            continue
        fields = type(sample).__match_args__
        text = repr(sample)
        assert text.startswith(f"{type(sample).__name__}({fields[0]}=")
        positions = [text.index(f" {name}=") for name in fields[1:]]
        assert positions == sorted(positions)


@pytest.mark.parametrize("sample", SAMPLES, ids=_id)
def test_equality_and_hash(sample: Record) -> None:
    twin = _rebuilt(sample)
    assert twin is not sample
    assert twin == sample
    assert (twin != sample) is False
    assert hash(twin) == hash(sample)
    assert sample != object()
    assert sample != tuple(getattr(sample, name) for name in type(sample).__match_args__)
    first = type(sample).__match_args__[0]
    changed = sample.evolve(**{first: _different(getattr(sample, first))})
    assert changed != sample
    assert (changed == sample) is False


def _different(value: object) -> object:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, str):
        return value + "-changed"
    if value is None:
        return Version(1, 0, 0)
    if isinstance(value, Version):
        return value.evolve(major=value.major + 1)
    if isinstance(value, Engine):
        return Engine.PODMAN if value is Engine.DOCKER else Engine.DOCKER
    raise AssertionError(f"no different value for {value!r}")  # pragma: no cover


def test_equality_needs_the_same_class() -> None:
    outcome = rules.OUTCOME_RULES[0]
    behaviour = Behaviour(
        outcome.id, outcome.engine, outcome.versions, outcome.source, outcome.summary
    )
    assert behaviour != outcome
    assert outcome.__eq__(behaviour) is NotImplemented

    class Sub(Behaviour):
        __slots__ = ()

    sub = Sub(behaviour.id, behaviour.engine, behaviour.versions, behaviour.source, "x")
    same = behaviour.evolve(summary="x")
    assert sub != same
    assert same != sub
    assert repr(sub).startswith("Sub(id=")


@pytest.mark.parametrize("sample", SAMPLES, ids=_id)
def test_frozen(sample: Record) -> None:
    name = type(sample).__match_args__[0]
    before = getattr(sample, name)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(sample, name, before)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        delattr(sample, name)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        sample.not_a_field = 1  # type: ignore[attr-defined]
    assert getattr(sample, name) is before
    assert not hasattr(sample, "__dict__")


@pytest.mark.parametrize("sample", SAMPLES, ids=_id)
def test_pickle_every_protocol(sample: Record) -> None:
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        loaded = pickle.loads(pickle.dumps(sample, protocol=protocol))
        assert type(loaded) is type(sample)
        assert loaded == sample
        assert hash(loaded) == hash(sample)


@pytest.mark.parametrize("sample", SAMPLES, ids=_id)
def test_copy_and_deepcopy(sample: Record) -> None:
    for copied in (copy.copy(sample), copy.deepcopy(sample)):
        assert type(copied) is type(sample)
        assert copied == sample
        assert hash(copied) == hash(sample)


@pytest.mark.parametrize("sample", SAMPLES, ids=_id)
def test_weak_references(sample: Record) -> None:
    assert weakref.ref(sample)() is sample


@pytest.mark.parametrize("build", [build for build, _ in LITERALS])
def test_evolve(build: Callable[[], Record]) -> None:
    record = build()
    fields = type(record).__match_args__
    assert record.evolve() == record
    assert record.evolve() is not record
    name = fields[-1]
    value = _different_or_none(getattr(record, name))
    evolved = record.evolve(**{name: value})
    assert getattr(evolved, name) == value
    assert all(getattr(evolved, other) == getattr(record, other) for other in fields[:-1])
    assert type(evolved) is type(record)
    # The original is untouched.
    assert record == build()


def _different_or_none(value: object) -> object:
    return "changed" if value is None else None


def test_evolve_examples() -> None:
    rule = rules.rule_by_id("docker-cli/not-found")
    assert isinstance(rule, MessageRule)
    moved = rule.evolve(exit_code=99, summary="A changed summary.")
    assert (moved.exit_code, moved.summary, moved.patterns) == (
        99,
        "A changed summary.",
        rule.patterns,
    )
    profile = profiles.docker("28.2.2").evolve(platform=Platform.WINDOWS)
    assert profile == profiles.docker("28.2.2", platform="windows")
    assert hash(profile) == hash(profiles.docker("28.2.2", platform="windows"))
    assert Version(28, 2, 2).evolve(prerelease="rc.1") < Version(28, 2, 2)


@pytest.mark.parametrize("build", [build for build, _ in LITERALS])
def test_evolve_with_an_unknown_field_is_a_type_error(build: Callable[[], Record]) -> None:
    record = build()
    with pytest.raises(TypeError, match="'no_such_field'"):
        record.evolve(no_such_field=1)
    with pytest.raises(TypeError, match="'_hash'"):
        record.evolve(_hash=1)


@pytest.mark.skipif(sys.version_info < (3, 13), reason="copy.replace is new in Python 3.13")
@pytest.mark.parametrize("build", [build for build, _ in LITERALS])
def test_copy_replace(build: Callable[[], Record]) -> None:
    record = build()
    replace = getattr(copy, "replace")
    assert replace(record) == record
    name = type(record).__match_args__[-1]
    value = _different_or_none(getattr(record, name))
    assert getattr(replace(record, **{name: value}), name) == value
    with pytest.raises(TypeError, match="'no_such_field'"):
        replace(record, no_such_field=1)


def test_match_args_are_the_fields_in_order() -> None:
    assert VersionRange.__match_args__ == ("since", "until", "component")
    assert Version.__match_args__ == ("major", "minor", "patch", "prerelease")
    assert Profile.__match_args__ == ("engine", "version", "engine_version", "platform")
    assert ReasonRule.__match_args__[:3] == ("id", "reason", "state")
    match Version(28, 2, 2):
        case Version(major, minor, patch, None):
            assert (major, minor, patch) == (28, 2, 2)
        case _:  # pragma: no cover
            pytest.fail("Version did not match its positional pattern")


def test_profile_hash_is_stable_and_shared_by_equal_profiles() -> None:
    built = [profiles.docker("28.2.2", engine_version="27.5.1") for _ in range(3)]
    direct = Profile(Engine.DOCKER, Version(28, 2, 2), Version(27, 5, 1), Platform.LINUX)
    assert len({id(profile) for profile in built}) == 3
    assert len({hash(profile) for profile in [*built, direct]}) == 1
    assert hash(direct) == hash(direct)
    assert {built[0]: "x"}[direct] == "x"
    # The hash is a private cache, not a field: it is not in the repr or the pickle.
    assert "_hash" not in repr(direct)
    assert "_hash" not in Profile.__match_args__
    fresh = pickle.loads(pickle.dumps(Profile(Engine.DOCKER, Version(28, 2, 2), Version(27, 5, 1))))
    assert hash(fresh) == hash(direct)


def test_a_subclass_must_declare_slots() -> None:
    with pytest.raises(TypeError, match="__slots__"):

        class NoSlots(Record):  # pragma: no cover - never created
            pass


def test_no_attrs_class_is_left_in_the_eagerly_imported_tables() -> None:
    for cls in CONVERTED:
        assert not attrs.has(cls), cls
        assert issubclass(cls, Record)
    code = (
        "import attrs, exitcodes, inspect\n"
        "import exitcodes.kubernetes, exitcodes.profiles, exitcodes.rules\n"
        "modules = (exitcodes.rules, exitcodes.profiles, exitcodes.kubernetes)\n"
        "found = [f'{m.__name__}.{name}' for m in modules\n"
        "         for name, value in vars(m).items()\n"
        "         if inspect.isclass(value) and value.__module__ == m.__name__\n"
        "         and attrs.has(value)]\n"
        "print(found)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


@given(st.sampled_from(SAMPLES), st.sampled_from(SAMPLES))
def test_evolve_without_changes_is_equal_and_equal_records_hash_equal(
    first: Record, second: Record
) -> None:
    assert first.evolve() == first
    assert hash(first.evolve()) == hash(first)
    if first == second:
        assert hash(first) == hash(second)
    assert (first == second) == (_rebuilt(first) == _rebuilt(second))


@given(
    st.integers(0, 9999),
    st.integers(0, 9999),
    st.integers(0, 999999),
    st.none() | st.sampled_from(["rc.1", "beta.2"]),
)
def test_versions_equal_by_value(major: int, minor: int, patch: int, pre: str | None) -> None:
    version = Version(major, minor, patch, pre)
    twin = profiles.parse_version(str(version))
    assert twin == version
    assert hash(twin) == hash(version)
    assert version.evolve() == version
    assert not (version < twin) and version <= twin


def test_every_table_row_survives_a_round_trip() -> None:
    rows = (*rules.ALL_RULES, *rules.BEHAVIOURS, *REASONS)
    assert pickle.loads(pickle.dumps(rows)) == rows
    assert copy.deepcopy(rows) == rows
