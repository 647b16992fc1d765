"""ExitOutcome: lookup by value, descriptions, and the severity order's laws.

Issue 14, item 13: "``ExitOutcome("oom_killed")``, shown in the API docs, fails ``mypy
--strict`` (``Missing positional argument "description"``)." This file is type-checked
with ``mypy --strict`` like the package, so the lookups below are that regression test.

Issue 14, item 14: "Outcomes have no severity order, so 'the worst of these jobs' needs the
user's own table: give ``ExitOutcome`` a documented order."
"""

from __future__ import annotations

import json
import pickle
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exitcodes import ExitOutcome, InvalidArgumentError, classify

outcomes = st.sampled_from(ExitOutcome)

#: The order the class docstring documents, from the least to the most severe.
DOCUMENTED_ORDER = [
    "SUCCESS",
    "COMMAND_FAILED",
    "SIGNALED",
    "OOM_KILLED",
    "CANNOT_INVOKE",
    "NOT_FOUND",
    "ENGINE_ERROR",
    "USAGE_ERROR",
    "STATUS_UNKNOWN",
]

#: The values and descriptions as they were before the descriptions moved out of the
#: member tuples: neither may change.
BEFORE = {
    "SUCCESS": ("success", "The command ran and exited 0."),
    "COMMAND_FAILED": ("command_failed", "The command ran and exited non-zero on its own."),
    "SIGNALED": ("signaled", "The command was killed by a signal (status 128+n)."),
    "OOM_KILLED": ("oom_killed", "The command was killed by the kernel's out-of-memory killer."),
    "CANNOT_INVOKE": (
        "cannot_invoke",
        "The command was found but could not be executed (no exec bit, a directory).",
    ),
    "NOT_FOUND": ("not_found", "The command does not exist (not in $PATH, no such file)."),
    "ENGINE_ERROR": (
        "engine_error",
        "The engine, daemon or runtime failed around the command (create, pull, mount, start).",
    ),
    "USAGE_ERROR": (
        "usage_error",
        "The CLI was misused: bad flag, bad argument count, unknown command.",
    ),
    "STATUS_UNKNOWN": (
        "status_unknown",
        "The command's exit status was lost or does not exist yet (wait failed, daemon died).",
    ),
}


def test_lookup_by_value_type_checks_and_works() -> None:
    """The API page's example: ``ExitOutcome("oom_killed")`` is ``ExitOutcome.OOM_KILLED``."""
    found: ExitOutcome = ExitOutcome("oom_killed")
    assert found is ExitOutcome.OOM_KILLED
    assert repr(found) == "ExitOutcome.OOM_KILLED"
    with pytest.raises(ValueError, match="not a valid ExitOutcome"):
        ExitOutcome("oom")


def test_values_and_descriptions_are_unchanged() -> None:
    assert {o.name: (o.value, o.description) for o in ExitOutcome} == BEFORE
    for outcome in ExitOutcome:
        assert outcome.__doc__ == outcome.description
        assert ExitOutcome(outcome.value) is outcome
        assert pickle.loads(pickle.dumps(outcome)) is outcome
    assert json.dumps(ExitOutcome.SIGNALED.value) == '"signaled"'


def test_the_order_is_the_documented_one() -> None:
    assert [outcome.name for outcome in sorted(ExitOutcome)] == DOCUMENTED_ORDER
    assert [outcome.severity for outcome in sorted(ExitOutcome)] == list(range(9))
    doc = ExitOutcome.__doc__ or ""
    places = [doc.index(f"``{name}``:") for name in DOCUMENTED_ORDER]
    assert places == sorted(places), "the docstring lists the members in another order"


def test_worst() -> None:
    """An OOM kill is worse than a plain SIGKILL of the same code 137 (the docstring's reason)."""
    sigkill = classify({"State": {"Status": "exited", "ExitCode": 137, "OOMKilled": False}})
    oom = classify({"State": {"Status": "exited", "ExitCode": 137, "OOMKilled": True}})
    assert sigkill.exit_code == oom.exit_code == 137
    assert ExitOutcome.worst([sigkill.outcome, oom.outcome]) is ExitOutcome.OOM_KILLED
    assert ExitOutcome.worst(iter([ExitOutcome.SUCCESS])) is ExitOutcome.SUCCESS
    assert max(ExitOutcome) is ExitOutcome.worst(ExitOutcome) is ExitOutcome.STATUS_UNKNOWN


def test_worst_stops_at_the_most_severe() -> None:
    """Nothing is worse than STATUS_UNKNOWN: an endless stream ending there is not read on."""

    def stream() -> Iterator[ExitOutcome]:
        yield ExitOutcome.SUCCESS
        yield ExitOutcome.STATUS_UNKNOWN
        while True:
            yield ExitOutcome.SUCCESS

    assert ExitOutcome.worst(stream()) is ExitOutcome.STATUS_UNKNOWN


class _Broken:
    def __iter__(self) -> Iterator[ExitOutcome]:
        yield ExitOutcome.SUCCESS
        raise KeyError("boom")


@pytest.mark.parametrize(
    "given_outcomes",
    [[], (), 7, None, ["success"], [ExitOutcome.SUCCESS, 1], _Broken(), "signaled"],
    ids=["empty", "empty-tuple", "int", "none", "str-item", "int-item", "raising", "str"],
)
def test_worst_rejects_what_is_not_outcomes(given_outcomes: object) -> None:
    with pytest.raises(InvalidArgumentError):
        ExitOutcome.worst(given_outcomes)  # type: ignore[arg-type]


def test_outcomes_do_not_compare_with_other_types() -> None:
    with pytest.raises(TypeError):
        assert ExitOutcome.SUCCESS < 1  # type: ignore[operator]
    with pytest.raises(TypeError):
        assert ExitOutcome.SUCCESS <= "success"  # type: ignore[operator]
    assert ExitOutcome.SUCCESS != "success"  # type: ignore[comparison-overlap]


# --- the laws of a total order, and worst() as its maximum ------------------------------------


@given(outcomes, outcomes)
def test_order_is_total_and_antisymmetric(a: ExitOutcome, b: ExitOutcome) -> None:
    assert (a <= b) or (b <= a)
    assert (a <= b and b <= a) == (a is b)
    assert (a < b) == (a <= b and a is not b) == (b > a)
    assert (a >= b) == (b <= a)
    assert (a < b) == (a.severity < b.severity)


@given(outcomes, outcomes, outcomes)
def test_order_is_transitive(a: ExitOutcome, b: ExitOutcome, c: ExitOutcome) -> None:
    if a <= b and b <= c:
        assert a <= c
    if a < b and b < c:
        assert a < c


@given(outcomes)
def test_order_is_reflexive(a: ExitOutcome) -> None:
    assert a <= a and a >= a and not a < a and not a > a


@settings(max_examples=200)
@given(
    st.lists(outcomes, min_size=1, max_size=20).flatmap(
        lambda items: st.tuples(st.just(items), st.permutations(items))
    )
)
def test_worst_is_the_maximum_in_any_order(
    lists: tuple[list[ExitOutcome], list[ExitOutcome]],
) -> None:
    items, shuffled = lists
    found = ExitOutcome.worst(items)
    assert found in items
    assert all(item <= found for item in items)
    assert found is max(items)
    assert ExitOutcome.worst(shuffled) is found


@given(st.lists(outcomes, min_size=1), st.lists(outcomes, min_size=1))
def test_worst_is_associative(left: list[ExitOutcome], right: list[ExitOutcome]) -> None:
    both = ExitOutcome.worst(left + right)
    assert both is ExitOutcome.worst([ExitOutcome.worst(left), ExitOutcome.worst(right)])
