"""The rule tables themselves: well-formed, cited, reachable, and driving the results."""

from __future__ import annotations

import copy
import pickle
import weakref
from typing import Any, cast

import attrs
import pytest

from exitcodes import classify, profiles, resolve, rules
from exitcodes._matcher import first_match
from exitcodes.kubernetes import REASONS, ReasonRule
from exitcodes.profiles import Version
from exitcodes.rules import Layer, Match, MessageRule

ALL_ROWS = rules.ALL_RULES


def test_ids_are_unique_and_resolvable() -> None:
    ids = [row.id for row in ALL_ROWS]
    assert len(ids) == len(set(ids))
    for rule_id in ids:
        assert rules.rule_by_id(rule_id).id == rule_id


@pytest.mark.parametrize("row", ALL_ROWS, ids=[row.id for row in ALL_ROWS])
def test_every_row_cites_a_source_and_explains_itself(row: object) -> None:
    source = getattr(row, "source")
    summary = getattr(row, "summary")
    assert ("/" in source or ":" in source) and len(source) > 10
    assert summary.endswith(".")
    assert summary[0].isupper() or summary.split()[0] in {
        "docker",
        "podman",
        "podman-remote",
        "nerdctl",
    }


DEFAULT_VERSION = {"docker": "20.10.24", "podman": "4.3.1", "nerdctl": "2.1.0"}


def _profile_in(rule: MessageRule) -> profiles.Profile:
    engine = rule.engine.value
    version = str(rule.versions.since) if rule.versions.since else DEFAULT_VERSION[engine]
    if rule.versions.component is rules.Component.CLI or engine != "docker":
        return profiles.from_spec(f"{engine}@{version}")  # podman's CLI and daemon are one
    return profiles.docker("29.7.2", engine_version=version)


PATTERN_ROWS = [
    (rule, pattern)
    for rule in rules.MESSAGE_RULES
    if rule.match is not Match.ALWAYS
    for pattern in rule.patterns
]


@pytest.mark.parametrize(
    ("rule", "pattern"), PATTERN_ROWS, ids=[f"{r.id}:{p}" for r, p in PATTERN_ROWS]
)
def test_every_pattern_reaches_its_row(rule: MessageRule, pattern: str) -> None:
    """No row is shadowed: a message with only this pattern is decided by this row."""
    if rule.anchors:
        message = f"{rule.anchors[0]}{pattern} suffix"
    elif rule.match is Match.PREFIX:
        message = pattern + " x"
    else:
        message = f"prefix {pattern} suffix"
    assert first_match(_profile_in(rule), rule.layer, message) == rule


@pytest.mark.parametrize(
    "rule",
    [r for r in rules.MESSAGE_RULES if r.layer is Layer.CLI and r.match is not Match.ALWAYS],
    ids=lambda r: r.id,
)
def test_cli_rows_drive_run_and_classify(rule: MessageRule) -> None:
    """Generated from the table: each CLI row's pattern gives its code via run and classify."""
    profile = _profile_in(rule)
    message = f"OCI runtime create failed: {rule.patterns[0]}: unknown"
    assert resolve("run", error=message, profile=profile).exit_code == rule.exit_code
    assert resolve("run", error=message, profile=profile).rule == rule.id
    assert classify(message, profile=profile).exit_code == rule.exit_code


def test_cli_match_is_case_sensitive_and_engine_match_is_not() -> None:
    """The CLI matches case-sensitively, the daemon does not.

    docker/cli v29.7.2 cli/command/container/run.go toStatusError:
    ``strings.Contains(errMsg, "no such file or directory")``; moby v28.0.0 daemon/errors.go
    isInvalidCommand: ``errMessage = strings.ToLower(errMessage)`` before the same phrases.
    """
    message = "executable file `foo` not found in $PATH: No such file or directory"
    profile = profiles.docker("29.7.2")
    assert first_match(profile, Layer.CLI, message).exit_code == 125  # type: ignore[union-attr]
    assert first_match(profile, Layer.ENGINE, message).exit_code == 127  # type: ignore[union-attr]


def test_engine_precedence_differs_from_cli() -> None:
    """Both phrases: daemon 126 (Engine 24+), CLI 127; the orders of the checks differ.

    moby v28.0.0 daemon/errors.go setExitCodeFromError returns early, EACCES first:
    ``if contains(errDesc, syscall.EACCES.Error()) { setExitCode(exitEaccess)``, and ENOTDIR
    before isInvalidCommand. moby v20.10.24 translateContainerdStartErr overrides in turn: 127
    for the not-found phrases, then ``if contains(errDesc, syscall.EACCES.Error()) {
    setExitCode(126)``, then ``if contains(errDesc, syscall.ENOTDIR.Error()) {`` ...
    ``setExitCode(127)``. docker/cli toStatusError checks its 127 phrases first.
    """
    message = "permission denied: no such file or directory"
    profile = profiles.docker("29.7.2")
    assert first_match(profile, Layer.ENGINE, message).exit_code == 126  # type: ignore[union-attr]
    assert first_match(profile, Layer.CLI, message).exit_code == 127  # type: ignore[union-attr]
    legacy = profiles.docker("29.7.2", engine_version="20.10.24")
    both = "not a directory; permission denied"
    assert first_match(legacy, Layer.ENGINE, both).exit_code == 127  # type: ignore[union-attr]
    assert first_match(profile, Layer.ENGINE, both).exit_code == 126  # type: ignore[union-attr]


def test_each_layer_has_a_fallback_for_every_version() -> None:
    for version in ("18.09.0", "20.10.24", "23.0.6", "24.0.0", "27.5.1", "28.0.0", "29.7.2"):
        profile = profiles.docker(version)
        for layer in (Layer.CLI, Layer.ENGINE, Layer.ENGINE_EXEC):
            assert first_match(profile, layer, "") is not None, (version, layer)


def test_version_range_text() -> None:
    assert str(rules.VersionRange()) == "all versions"
    assert str(rules.VersionRange(Version(23, 0, 1))) == "cli >= 23.0.1"
    assert "to before" in str(
        rules.VersionRange(Version(1, 0), Version(2, 0), rules.Component.ENGINE)
    )
    assert str(rules.VersionRange(until=Version(2, 0))) == "cli < 2.0.0"


@pytest.mark.parametrize("row", rules.PHASE_RULES, ids=lambda row: row.id)
def test_a_phase_row_matches_where_it_applies_and_reads_the_message(
    row: rules.PhaseRule,
) -> None:
    command, phase = sorted(row.commands)[0], sorted(row.phases)[0]
    detach = bool(row.detach)
    quoted = f"error: {row.patterns[0]}" if row.patterns else "any error"
    assert row.applies(command, phase, detach)
    assert row.reads(quoted)
    assert row.matches(command, phase, detach, quoted)
    assert not row.applies("no such command", phase, detach)
    assert not row.matches(command, "no such phase", detach, quoted)
    if row.detach is not None:
        assert not row.applies(command, phase, not detach)
    if row.patterns:
        assert not row.reads("nothing it looks for")
        assert not row.matches(command, phase, detach, "nothing it looks for")


# Every value class of the rule tables and profiles, by a real instance of each.
VALUES: list[Any] = [
    *rules.ALL_RULES,
    *rules.BEHAVIOURS,
    *rules.CLI_SIGNAL_RULES,
    *REASONS,
    rules.ALL_VERSIONS,
    rules.VersionRange(since=Version(23, 0, 1), component=rules.Component.ENGINE),
    Version(29, 0, 0, "rc.1"),
    profiles.DEFAULT,
    profiles.docker("20.10.24", engine_version="19.3.15", platform="windows"),
    profiles.podman("4.3.1"),
    profiles.nerdctl(),
]


def test_every_value_class_is_an_attrs_frozen_class() -> None:
    kinds = {type(value) for value in VALUES}
    assert len(kinds) == 9
    assert all(attrs.has(kind) for kind in kinds)
    assert not any(hasattr(value, "__dict__") for value in VALUES)  # slotted


def test_rows_are_built_by_keyword_only() -> None:
    rule = rules.rule_by_id("docker-cli/not-found")
    build: Any = type(rule)
    with pytest.raises(TypeError):
        build(*attrs.astuple(rule, recurse=False))
    assert build(**attrs.asdict(rule, recurse=False)) == rule


@pytest.mark.parametrize("value", VALUES, ids=lambda value: getattr(value, "id", repr(value)))
def test_values_compare_hash_pickle_and_stay_frozen(value: Any) -> None:
    twin = type(value)(**attrs.asdict(value, recurse=False))
    assert twin is not value
    assert twin == value
    assert hash(twin) == hash(value)
    assert value != attrs.astuple(value, recurse=False)
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        loaded = pickle.loads(pickle.dumps(value, protocol=protocol))
        assert (type(loaded), loaded, hash(loaded)) == (type(value), value, hash(value))
    assert copy.deepcopy(value) == value
    first = attrs.fields(type(value))[0].name
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(value, first, getattr(value, first))
    assert weakref.ref(value)() is value


def test_reprs_name_every_field_as_attrs_prints_them() -> None:
    assert repr(rules.VersionRange(since=Version(23, 0, 1), component=rules.Component.ENGINE)) == (
        "VersionRange(since=Version('23.0.1'), until=None, component=<Component.ENGINE: 'engine'>)"
    )
    reason = ReasonRule(
        id="kubernetes/r",
        reason="Error",
        state="terminated",
        outcome=None,
        from_message=False,
        source="src",
        summary="Summary.",
    )
    assert repr(reason) == (
        "ReasonRule(id='kubernetes/r', reason='Error', state='terminated', outcome=None,"
        " from_message=False, source='src', summary='Summary.')"
    )


def test_equality_needs_the_same_class() -> None:
    outcome = rules.OUTCOME_RULES[0]
    behaviour = rules.Behaviour(
        id=outcome.id,
        engine=outcome.engine,
        versions=outcome.versions,
        source=outcome.source,
        summary=outcome.summary,
    )
    assert behaviour != cast(object, outcome)
    assert attrs.evolve(profiles.DEFAULT, platform=profiles.Platform.WINDOWS) == profiles.docker(
        profiles.DEFAULT.version, platform="windows"
    )
