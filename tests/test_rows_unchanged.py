"""Every row of every table is what ``tests/rows_snapshot.txt`` holds, to the letter.

The rows are data: how the engine modules write them (row factories, shared constants)
may change, what they hold may not without a deliberate new snapshot
(``python tests/rows_snapshot.py``), which then shows in the diff.
"""

from __future__ import annotations

import pytest
from rows_snapshot import SNAPSHOT, canonical, snapshot_lines

from exitcodes import rules
from exitcodes.profiles import Engine


def test_every_row_and_spec_field_is_as_snapshotted() -> None:
    expected = SNAPSHOT.read_text(encoding="utf-8").splitlines()
    actual = list(snapshot_lines())
    assert len(actual) == len(expected)
    for got, want in zip(actual, expected, strict=True):
        assert got == want


@pytest.mark.parametrize("value", [frozenset({"b", "a", "c"}), {"z": 1, "a": 2}])
def test_canonical_does_not_depend_on_hash_order(value: object) -> None:
    assert canonical(value) in {"{'a', 'b', 'c'}", "{'a': 2, 'z': 1}"}


def test_canonical_spells_rows_field_by_field() -> None:
    row = rules.rule_by_id("docker-cli/not-found")
    text = canonical(row)
    assert text.startswith("MessageRule(id='docker-cli/not-found', engine=Engine.DOCKER,")
    assert "exit_code=127" in text
    assert canonical(Engine.PODMAN) == "Engine.PODMAN"
