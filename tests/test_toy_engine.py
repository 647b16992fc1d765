"""A toy engine defined here, registered through exitcodes.engines, answered by the library.

The engine, "toyctl", exists only in this file: its rows and its spec are the whole of it.
Registering it must be enough for classify, resolve and explain to answer for its profiles,
without editing any module of the package; unregistering it must leave nothing behind.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from exitcodes import ExitOutcome, classify, engines, explain, profiles, resolve
from exitcodes.errors import InvalidArgumentError, InvalidVersionError
from exitcodes.profiles import EngineName, Profile, Version, parse_version
from exitcodes.rules import (
    COMMANDS,
    PHASES,
    ErrorPolicy,
    Layer,
    Match,
    MessageRule,
    OutcomeRule,
    PhaseRule,
    VersionRange,
)

TOY = EngineName("toyctl")
SOURCE = "tests/test_toy_engine.py (a toy engine: no real program)"
OLDEST, NEWEST = Version(1, 0, 0), Version(2, 1, 0)
SINCE_2 = VersionRange(since=Version(2, 0, 0))
EVERY = VersionRange()


def toy_profile(version: str | Version = str(NEWEST)) -> Profile:
    """The toy's profile factory: one program, so the CLI and engine versions are one."""
    parsed = parse_version(version)
    if parsed < OLDEST:
        raise InvalidVersionError(f"toyctl {parsed} predates {OLDEST}, the oldest modelled")
    return Profile(TOY, parsed, parsed)


def message(name: str, layer: Layer, patterns: tuple[str, ...], **fields: object) -> MessageRule:
    return MessageRule(
        id=f"toyctl-{layer.value}/{name}",
        engine=TOY,
        layer=layer,
        patterns=patterns,
        source=SOURCE,
        **fields,  # type: ignore[arg-type]
    )


def outcome(name: str, outcome: ExitOutcome, exit_code: int | None, summary: str) -> OutcomeRule:
    return OutcomeRule(
        id=f"toyctl-cli/{name}",
        engine=TOY,
        outcome=outcome,
        exit_code=exit_code,
        versions=EVERY,
        source=SOURCE,
        summary=summary,
    )


MESSAGE_RULES = (
    message(
        "flag-error",
        Layer.USAGE,
        ("unknown flag:",),
        match=Match.PREFIX,
        outcome=ExitOutcome.USAGE_ERROR,
        exit_code=2,
        versions=EVERY,
        summary="toyctl rejected a flag and exits 2.",
    ),
    message(
        "not-found",
        Layer.CLI,
        ("executable file not found",),
        match=Match.SUBSTRING,
        outcome=ExitOutcome.NOT_FOUND,
        exit_code=127,
        versions=SINCE_2,  # the toy's one version gate, written once, here
        summary="The command was not found; toyctl 2.0 and later exit 127 for it.",
    ),
    message(
        "engine-error",
        Layer.CLI,
        (),
        match=Match.ALWAYS,
        outcome=ExitOutcome.ENGINE_ERROR,
        exit_code=99,
        versions=EVERY,
        summary="Any other toyctl error exits 99.",
    ),
)
PHASE_RULES = (
    PhaseRule(
        id="toyctl-cli/run-error",
        engine=TOY,
        commands=frozenset(COMMANDS),
        phases=frozenset(PHASES),
        policy=ErrorPolicy.CLI_MESSAGE_RULES,
        outcome=ExitOutcome.ENGINE_ERROR,
        exit_code=None,
        versions=EVERY,
        source=SOURCE,
        summary="toyctl maps every error through its message rules.",
    ),
)
STATUS = outcome("container-status", ExitOutcome.SUCCESS, None, "toyctl exits with the status.")
EXIT_CODE = outcome("exit-code", ExitOutcome.SUCCESS, None, "toyctl's own exit status.")
DETACHED = outcome("detached", ExitOutcome.SUCCESS, 0, "toyctl run -d exits 0 once started.")
COMPLETED = outcome("completed", ExitOutcome.SUCCESS, 0, "toyctl's other commands exit 0.")
EXEC = outcome("exec-exit-code", ExitOutcome.SUCCESS, None, "toyctl exec passes it through.")
WAIT = outcome("wait-command", ExitOutcome.SUCCESS, 0, "toyctl wait exits 0.")
WAIT_ERROR = outcome("wait-error", ExitOutcome.STATUS_UNKNOWN, 98, "A failed wait exits 98.")

ENGINE = engines.EngineSpec(
    engine=TOY,
    oldest=OLDEST,
    newest=NEWEST,
    profile=toy_profile,
    message_rules=MESSAGE_RULES,
    phase_rules=PHASE_RULES,
    outcome_rules=(STATUS, EXIT_CODE, DETACHED, COMPLETED, EXEC, WAIT, WAIT_ERROR),
    container_status=STATUS,
    exit_code=EXIT_CODE,
    detached=DETACHED,
    completed=COMPLETED,
    exec_exit_code=EXEC,
    wait_command=WAIT,
    wait_error=WAIT_ERROR,
    wait_error_code=98,
    engine_failure_status=99,
)

NOT_FOUND = 'exec: "foo": executable file not found in $PATH'


@pytest.fixture
def toy() -> Iterator[engines.EngineSpec]:
    engines.register(ENGINE)
    try:
        yield ENGINE
    finally:
        engines.unregister(ENGINE)


def test_classify_reads_the_toy_rows_and_their_version_gate(toy: engines.EngineSpec) -> None:
    new, old = toy.profile(), toy.profile("1.4.0")
    found = classify(NOT_FOUND, profile=new)
    assert (found.exit_code, found.outcome, found.rule) == (
        127,
        ExitOutcome.NOT_FOUND,
        "toyctl-cli/not-found",
    )
    before = classify(NOT_FOUND, profile=old)
    assert (before.exit_code, before.rule) == (99, "toyctl-cli/engine-error")
    usage = classify("unknown flag: --frobnicate", profile=new)
    assert (usage.exit_code, usage.outcome) == (2, ExitOutcome.USAGE_ERROR)


def test_resolve_answers_from_the_toy_spec(toy: engines.EngineSpec) -> None:
    profile = toy.profile()
    assert resolve("run", phase="start", error=NOT_FOUND, profile=profile).exit_code == 127
    ran = resolve("run", wait={"StatusCode": 3, "Error": None}, profile=profile)
    assert (ran.exit_code, ran.rule) == (3, "toyctl-cli/container-status")
    assert resolve("run", detach=True, profile=profile).rule == "toyctl-cli/detached"
    failed = resolve("run", wait={"StatusCode": 0, "Error": {"Message": "x"}}, profile=profile)
    assert (failed.exit_code, failed.rule) == (98, "toyctl-cli/wait-error")
    assert resolve("exec", exec_inspect={"ExitCode": 4}, profile=profile).exit_code == 4
    assert (
        resolve("wait", wait=[{"StatusCode": 5}], profile=profile).rule == "toyctl-cli/wait-command"
    )
    assert classify(99, profile=profile).outcome is ExitOutcome.ENGINE_ERROR


def test_explain_answers_for_the_toy(toy: engines.EngineSpec) -> None:
    explanation = explain(NOT_FOUND, profile=toy.profile())
    assert explanation.classification.exit_code == 127


def test_the_toy_keeps_its_own_version_floor(toy: engines.EngineSpec) -> None:
    with pytest.raises(InvalidVersionError):
        toy.profile("0.9.0")


def test_registration_is_undone_and_checked() -> None:
    profile = toy_profile()
    with pytest.raises(InvalidArgumentError, match="not registered"):
        classify(NOT_FOUND, profile=profile)
    engines.register(ENGINE)
    try:
        with pytest.raises(InvalidArgumentError, match="registered already"):
            engines.register(ENGINE)
        assert engines.spec(TOY) is ENGINE
    finally:
        engines.unregister(ENGINE)
    with pytest.raises(InvalidArgumentError, match="not registered"):
        engines.unregister(ENGINE)
    with pytest.raises(InvalidArgumentError, match="EngineName"):
        engines.register(engines.spec(profiles.Engine.DOCKER))


def test_the_real_engines_are_untouched_by_a_registered_toy(toy: engines.EngineSpec) -> None:
    assert classify(NOT_FOUND).rule == "docker-cli/not-found"
    assert classify(NOT_FOUND, profile=profiles.nerdctl()).exit_code == 1


# --- the testing kit's strategies --------------------------------------------------------------


def test_strategies_draw_the_toys_versions_and_gate(toy: engines.EngineSpec) -> None:
    """Versions and profiles come from the toy's own rows: its 2.0.0 gate is drawn, with the
    release before it, and every profile is the toy's."""
    from hypothesis import find
    from hypothesis import strategies as st

    from exitcodes import strategies

    assert find(strategies.versions(engine=TOY), lambda v: v == Version(2, 0, 0))
    assert find(strategies.versions(engine=TOY), lambda v: v < Version(2, 0, 0))
    drawn = find(strategies.profiles(engine=TOY), lambda p: p.version < Version(2, 0, 0))
    assert (drawn.engine, drawn.daemon) == (TOY, TOY)
    unregistered = EngineName("nobody")
    with pytest.raises(Exception, match="not registered"):
        strategies.versions(engine=unregistered).example()
    assert isinstance(strategies.profiles(engine=TOY), st.SearchStrategy)


@pytest.mark.parametrize(
    ("outcome", "code_before_2", "code_since_2"),
    [(ExitOutcome.NOT_FOUND, None, 127), (ExitOutcome.USAGE_ERROR, 2, 2)],
)
def test_daemon_errors_for_the_toy_classify_to_the_asked_outcome(
    toy: engines.EngineSpec, outcome: ExitOutcome, code_before_2: int | None, code_since_2: int
) -> None:
    """daemon_errors(outcome, profile=toy) draws texts from the toy's rows that classify
    to that outcome under that profile (none where the row is not in the release)."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from exitcodes import strategies

    new = toy_profile("2.1.0")

    @settings(max_examples=30, deadline=None)
    @given(st.data())
    def check(data: st.DataObject) -> None:
        text = data.draw(strategies.daemon_errors(outcome, profile=new))
        found = classify(text, profile=new)
        assert (found.outcome, found.exit_code) == (outcome, code_since_2)

    check()
    if code_before_2 is None:
        with pytest.raises(Exception, match=r"no rule of toyctl 1\.0\.0"):
            strategies.daemon_errors(outcome, profile=toy_profile("1.0.0")).example()


def test_scenarios_for_the_toy_expect_what_resolve_answers(toy: engines.EngineSpec) -> None:
    """Whole scenarios under the toy's profiles: the kit feeds it every wording it knows,
    and the toy's own rows (its 2.0.0 gate included) decide the expected code."""
    from hypothesis import HealthCheck, given, settings

    from exitcodes import strategies

    rules_seen: set[str] = set()

    @settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(strategies.profiles(engine=TOY).flatmap(lambda p: strategies.scenarios(profile=p)))
    def check(scenario: strategies.Scenario) -> None:
        assert resolve(scenario.command, **scenario.resolve_kwargs()) == scenario.expected
        assert scenario.expected.rule.startswith("toyctl-")
        assert "engines.spec(EngineName('toyctl')).profile(" in scenario.reproduction()
        rules_seen.add(scenario.expected.rule)

    check()
    assert {"toyctl-cli/engine-error", "toyctl-cli/container-status"} <= rules_seen


def test_a_re_registered_engine_is_drawn_with_its_new_gates() -> None:
    """Registering empties every memo (``_matcher.forget``): the strategies' version pool
    for an engine name follows the rows registered under it now, not the earlier ones."""
    import attrs

    from exitcodes.strategies import _versions

    since_1_5 = VersionRange(since=Version(1, 5, 0))
    moved = attrs.evolve(
        ENGINE,
        message_rules=tuple(
            attrs.evolve(row, versions=since_1_5) if row.versions == SINCE_2 else row
            for row in MESSAGE_RULES
        ),
    )
    for spec, gate, gone in (
        (ENGINE, Version(2, 0, 0), Version(1, 5, 0)),
        (moved, Version(1, 5, 0), Version(2, 0, 0)),
    ):
        engines.register(spec)
        try:
            pool = _versions._boundaries_between(TOY, OLDEST, NEWEST)
            assert gate in pool and gone not in pool
        finally:
            engines.unregister(spec)
