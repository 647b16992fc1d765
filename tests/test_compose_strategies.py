"""The compose strategies: the resolver agrees with their simulation of compose's event loop."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis.errors import InvalidArgument

from exitcodes.compose_strategies import (
    ComposeScenario,
    compose_error_texts,
    compose_scenarios,
)
from exitcodes.engines.compose import MessageKind, classify_message, profile, resolve_compose


@settings(max_examples=300, deadline=None)
@given(compose_scenarios())
def test_resolver_agrees_with_the_simulation(scenario: ComposeScenario) -> None:
    """Whatever the services did, the resolver gives the code compose's own loop gives."""
    result = resolve_compose(scenario.evidence, profile(scenario.version))
    assert result.exit_code == scenario.exit_code, scenario.description
    if scenario.service is not None and result.exit_code:
        assert result.service == scenario.service, scenario.description


@settings(max_examples=100, deadline=None)
@given(compose_scenarios(versions=["2.26.1"], commands=["up"]))
def test_old_compose_up(scenario: ComposeScenario) -> None:
    assert str(scenario.version) == "2.26.1"
    assert scenario.evidence.argv[0] == "up"
    assert resolve_compose(scenario.evidence, profile("2.26.1")).exit_code == scenario.exit_code


@settings(max_examples=100, deadline=None)
@given(compose_error_texts())
def test_error_texts_classify_as_their_kind(pair: tuple[MessageKind, str]) -> None:
    kind, text = pair
    rule = classify_message(text, "2.40.3")
    assert rule is not None and rule.kind is kind, text
    assert rule.exit_code(profile("2.40.3").version) == 1


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: compose_scenarios(commands=["down"]), "down"),
        (lambda: compose_scenarios(commands="up"), "non-empty list"),
        (lambda: compose_scenarios(versions=["nope"]), "versions"),
        (lambda: compose_scenarios(versions=[3]), "versions"),  # type: ignore[list-item]
        (lambda: compose_scenarios(versions=[]), "non-empty"),
        (lambda: compose_error_texts([MessageKind.USAGE]), "no templates"),
        (lambda: compose_error_texts([]), "non-empty"),
    ],
)
def test_strategies_reject_bad_arguments(call: object, match: str) -> None:
    with pytest.raises(InvalidArgument, match=match):
        call()  # type: ignore[operator]
