"""The independent model (tests/model.py) against resolve, and against the rule tables' gates.

The installed strategies take a scenario's expected result from :func:`exitcodes.resolve`;
here a second implementation, written from the engines' sources and the corpus's hand
labels, predicts it instead, so a wrong row or a wrong resolve is caught. Each version
gate of the model must be a row's own bound, so a gate moved in the tables alone fails.
"""

from __future__ import annotations

import model
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exitcodes import Engine, Profile, Version, profiles, resolve
from exitcodes._matcher import cli_rule, first_match
from exitcodes.profiles import EngineName
from exitcodes.rules import (
    BEHAVIOURS,
    Layer,
    MessageRule,
    OutcomeRule,
    PhaseRule,
    VersionRange,
    rule_by_id,
)
from exitcodes.strategies import Scenario, scenarios, versions
from exitcodes.strategies import profiles as profile_strategy
from exitcodes.strategies._checks import _default_profile
from exitcodes.strategies._evidence import _START_TEMPLATES
from exitcodes.strategies._messages import _TEMPLATES
from exitcodes.strategies._scenarios import _Case
from exitcodes.strategies._templates import _neutral, _of_engine
from exitcodes.strategies._versions import _boundaries

PROFILES = [
    profiles.docker("17.06.0"),
    profiles.docker("20.10.24"),
    profiles.docker("23.0.0"),
    profiles.docker("23.0.6"),
    profiles.docker("28.2.2", engine_version="27.5.1"),
    profiles.docker("29.1.2"),
    profiles.docker(),
    profiles.docker(platform="windows"),
]
any_profiles = st.sampled_from(Engine).flatmap(lambda engine: profile_strategy(engine=engine))


def _versions_of(row_id: str) -> tuple[Engine | EngineName, VersionRange]:
    """The engine and version range of a rule or behaviour row."""
    for behaviour in BEHAVIOURS:
        if behaviour.id == row_id:
            return behaviour.engine, behaviour.versions
    row = rule_by_id(row_id)
    assert isinstance(row, (MessageRule, PhaseRule, OutcomeRule)), row_id
    return row.engine, row.versions


def _assert_agrees(case: _Case) -> None:
    """resolve's code, outcome, rule and signal are the model's for *case*."""
    result = resolve(case.command, **case.resolve_kwargs())
    predicted = model.expected(case)
    assert (result.exit_code, result.outcome, result.rule, result.signal) == (
        predicted.exit_code,
        predicted.outcome,
        predicted.rule,
        predicted.signal,
    ), f"{case.kind}: {case.scenario().describe()}"


@settings(max_examples=300, deadline=None)
@given(any_profiles.flatmap(lambda p: model.cases(profile=p)))
def test_resolve_agrees_with_the_model(case: _Case) -> None:
    _assert_agrees(case)
    if case.kind == "start-failed" and case.state is not None:
        # The State a failed start leaves: the code the daemon recorded, by the model.
        code = model.daemon_start_code(case.labels, case.profile)
        assert case.state["ExitCode"] == (code if case.profile.engine is Engine.DOCKER else 0)


# The docker CLI against podman's Docker API: docker's CLI releases, podman's daemon releases.
on_podman = st.builds(
    lambda cli, podman: profiles.docker(cli, daemon="podman", engine_version=podman),
    versions(engine="docker"),
    versions(engine="podman"),
)


@settings(max_examples=300, deadline=None)
@given(on_podman.flatmap(lambda p: model.cases(profile=p)))
def test_resolve_agrees_with_the_model_against_podmans_api(case: _Case) -> None:
    """The model's docker CLI, with libpod's exec codes and podman's attach, agrees."""
    _assert_agrees(case)


def _profile_at(gate: model.Gate, version: Version) -> Profile:
    """A profile of *gate*'s engine whose gated component is at *version*."""
    newest = _default_profile(gate.engine)
    if gate.component == "engine":
        return Profile(gate.engine, newest.version, version, newest.platform)
    return Profile(gate.engine, version, version, newest.platform)


@pytest.mark.parametrize("side", ["before", "at"])
@pytest.mark.parametrize("gate", model.GATES, ids=lambda gate: f"{gate.row}@{gate.version}")
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_resolve_agrees_with_the_model_on_both_sides_of_each_gate(
    gate: model.Gate, side: str, data: st.DataObject
) -> None:
    """Random profiles seldom land next to a gate: each gate and the release before it."""
    before = max(version for version in _boundaries(gate.engine) if version < gate.version)
    profile = _profile_at(gate, gate.version if side == "at" else before)
    case = data.draw(model.cases(profile=profile, commands=gate.commands, phases=gate.phases))
    _assert_agrees(case)


@settings(max_examples=100, deadline=None)
@given(any_profiles.flatmap(lambda p: scenarios(profile=p)))
def test_a_scenario_expects_what_resolve_answers(scenario: Scenario) -> None:
    assert resolve(scenario.command, **scenario.resolve_kwargs()) == scenario.expected


@pytest.mark.parametrize("gate", model.GATES, ids=lambda gate: f"{gate.row}@{gate.version}")
def test_each_model_gate_is_its_rows_own_bound(gate: model.Gate) -> None:
    """Moving a row's range without moving the model's gate (or back) fails here."""
    engine, versions = _versions_of(gate.row)
    assert engine is gate.engine
    assert versions.component.value == gate.component
    assert getattr(versions, gate.bound) == gate.version, f"{gate.row}: {versions}"


@pytest.mark.parametrize("gate", model.GATES, ids=lambda gate: f"{gate.row}@{gate.version}")
def test_versions_draw_each_model_gate_and_the_release_before(gate: model.Gate) -> None:
    boundaries = _boundaries(gate.engine)
    assert gate.version in boundaries
    assert any(version < gate.version for version in boundaries)


# --- the hand labels of the templates agree with the rule tables ------------------------


@pytest.mark.parametrize("profile", PROFILES, ids=str)
def test_template_labels_agree_with_the_cli_table(profile: Profile) -> None:
    for template in _of_engine(_TEMPLATES, profile):
        if template.stage.startswith("usage"):
            continue
        message = _neutral(template.text) + template.suffix
        assert cli_rule(profile, message).id == model.cli_mapping(template.labels, profile)[2], (
            message
        )


@pytest.mark.parametrize("profile", PROFILES, ids=str)
def test_template_labels_agree_with_the_daemon_tables(profile: Profile) -> None:
    for template in _of_engine(_START_TEMPLATES, profile):
        message = _neutral(template.text) + template.suffix
        row = first_match(profile, Layer.ENGINE, message)
        assert row is not None
        assert row.exit_code == model.daemon_start_code(template.labels, profile), message
    for template in _of_engine(_TEMPLATES, profile):
        if not template.exec_ok:
            continue
        message = _neutral(template.text) + template.suffix
        row = first_match(profile, Layer.ENGINE_EXEC, message)
        assert row is not None
        assert row.id == model.exec_start_result(template.labels, profile, "").rule, message
