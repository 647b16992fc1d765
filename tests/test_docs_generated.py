"""The reference pages are generated from the rule tables, so they cannot drift.

``docs/_ext/exitcodes_tables.py`` renders every table of the semantics reference (and the
command-line reference) at build time; ``docs/reference/semantics.md`` holds only the
directives that call it. These tests show that: every row of the tables is rendered, a
changed row changes the output with no other edit, the computed tables agree with
:func:`exitcodes.resolve`, and the page itself types no rule by hand.
"""

from __future__ import annotations

import doctest
import importlib
import re
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest

from exitcodes import profiles, resolve
from exitcodes.cli import build_parser
from exitcodes.kubernetes import REASONS
from exitcodes.profiles import Engine, Version
from exitcodes.rules import (
    ALL_RULES,
    BEHAVIOURS,
    MESSAGE_RULES,
    OUTCOME_RULES,
    PHASE_RULES,
    Behaviour,
    Component,
    MessageRule,
    OutcomeRule,
    PhaseRule,
    VersionRange,
)

ROOT = Path(__file__).resolve().parent.parent
EXT = ROOT / "docs" / "_ext"
SEMANTICS = ROOT / "docs" / "reference" / "semantics.md"
CLI_PAGE = ROOT / "docs" / "reference" / "cli.md"

if str(EXT) not in sys.path:
    sys.path.insert(0, str(EXT))
# The generator is a docs extension, not part of the package: imported by path, untyped here.
tables: Any = importlib.import_module("exitcodes_tables")


def _code_cells(markdown: str) -> list[list[str]]:
    """The body rows of a rendered table, each cell's first code span (or its text)."""
    rows = []
    for line in markdown.splitlines()[2:]:
        cells = [cell.strip() for cell in line.strip().strip("|").split(" | ")]
        rows.append([re.sub(r"^\**`([^`]*)`\**.*$", r"\1", cell) for cell in cells])
    return rows


def test_generator_examples() -> None:
    result = doctest.testmod(tables, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
    assert result.attempted > 0


@pytest.mark.parametrize("engine", list(Engine), ids=lambda engine: engine.value)
def test_every_rule_of_an_engine_is_a_row_of_its_table(engine: Engine) -> None:
    rendered = tables.render_engine_table(engine)
    rows: list[MessageRule | PhaseRule | OutcomeRule] = [
        *MESSAGE_RULES,
        *PHASE_RULES,
        *OUTCOME_RULES,
    ]
    own = [rule for rule in rows if rule.engine is engine]
    body = rendered.splitlines()[2:]
    assert len(body) == len(own)
    for line, rule in zip(body, own, strict=True):
        assert f"`{rule.id}`" in line
        assert tables.md_text(str(rule.versions)) in line
        assert tables.md_text(rule.source) in line
    others = {rule.id for rule in ALL_RULES} - {rule.id for rule in own}
    assert not [rule_id for rule_id in others if f"`{rule_id}`" in rendered]


def test_every_reason_and_behaviour_is_a_row() -> None:
    reasons = tables.render_kubernetes_table()
    assert all(f"`{rule.id}`" in reasons for rule in REASONS)
    assert len(reasons.splitlines()) == len(REASONS) + 2
    behaviours = tables.render_behaviours_table()
    assert all(f"`{row.id}`" in behaviours for row in BEHAVIOURS)
    assert len(behaviours.splitlines()) == len(BEHAVIOURS) + 2


def test_changing_a_message_rule_changes_the_table() -> None:
    index = next(i for i, rule in enumerate(MESSAGE_RULES) if rule.id == "docker-cli/not-found")
    altered = list(MESSAGE_RULES)
    altered[index] = attrs.evolve(
        MESSAGE_RULES[index],
        exit_code=99,
        patterns=("no such binary",),
        summary="A changed summary.",
        source="somewhere else",
        versions=VersionRange(since=Version(26, 1, 0)),
    )
    before = tables.render_engine_table(Engine.DOCKER)
    after = tables.render_engine_table(Engine.DOCKER, message_rules=altered)
    changed = [
        (old, new)
        for old, new in zip(before.splitlines(), after.splitlines(), strict=True)
        if old != new
    ]
    assert len(changed) == 1
    old, new = changed[0]
    assert "`docker-cli/not-found`" in old
    assert "`docker-cli/not-found`" in new
    for text in ("`99`", "A changed summary.", "'no such binary'", "somewhere else", "26.1.0"):
        assert text in new
        assert text not in old
    # The rows of the other engines do not move.
    assert tables.render_engine_table(
        Engine.PODMAN, message_rules=altered
    ) == tables.render_engine_table(Engine.PODMAN)


def test_changing_a_phase_or_status_rule_changes_the_table() -> None:
    phase = [
        attrs.evolve(rule, exit_code=42) if rule.id == "docker-cli/wait-failed" else rule
        for rule in PHASE_RULES
    ]
    status = [
        attrs.evolve(rule, summary="Renamed.") if rule.id == "docker-cli/detached" else rule
        for rule in OUTCOME_RULES
    ]
    rendered = tables.render_engine_table(Engine.DOCKER, phase_rules=phase, outcome_rules=status)
    wait_failed = next(line for line in rendered.splitlines() if "`docker-cli/wait-failed`" in line)
    assert "| `42` |" in wait_failed
    detached = next(line for line in rendered.splitlines() if "`docker-cli/detached`" in line)
    assert detached.startswith("| Renamed. |")
    assert rendered != tables.render_engine_table(Engine.DOCKER)


def test_removing_and_adding_rows_changes_the_tables() -> None:
    reasons = [rule for rule in REASONS if rule.id != "kubernetes/oom-killed"]
    rendered = tables.render_kubernetes_table(reasons)
    assert "`kubernetes/oom-killed`" not in rendered
    assert "`kubernetes/oom-killed`" in tables.render_kubernetes_table()
    extra = Behaviour(
        id="docker-cli/imaginary",
        engine=Engine.DOCKER,
        versions=VersionRange(since=Version(26, 1, 0)),
        source="nowhere",
        summary="Something `new` happens.",
    )
    behaviours = tables.render_behaviours_table([*BEHAVIOURS, extra])
    assert behaviours.splitlines()[-1].startswith("| `docker-cli/imaginary` | docker | cli")
    assert "Something `new` happens." in behaviours


def test_engines_table_is_resolve_under_each_profile() -> None:
    rendered = tables.render_engines_table()
    engines = (profiles.docker(), profiles.podman(), profiles.nerdctl())
    rows = rendered.splitlines()[2:]
    assert len(rows) == len(tables.ENGINE_SITUATIONS)
    for line, situation in zip(rows, tables.ENGINE_SITUATIONS, strict=True):
        cells = line.strip().strip("|").split(" | ")[1:]
        docker_code = resolve(situation.command, profile=engines[0], **situation.arguments)
        for cell, profile in zip(cells, engines, strict=True):
            result = resolve(situation.command, profile=profile, **situation.arguments)
            assert f"`{result.exit_code}`" in cell
            assert f"`{result.rule}`" in cell
            # A code that differs from Docker's is bold.
            assert cell.startswith("**") == (result.exit_code != docker_code.exit_code)


def test_engines_table_takes_other_profiles() -> None:
    old, new = profiles.docker("20.10.24"), profiles.docker("28.2.2")
    situation = tables.Situation(
        "run: is a directory", "run", {"error": 'exec: "/etc": is a directory'}
    )
    rendered = tables.render_engines_table([situation], [old, new])
    assert rendered.splitlines()[0] == "| Situation | docker 20.10.24 | docker 28.2.2 |"
    assert _code_cells(rendered) == [["run: is a directory", "125", "126"]]


def test_docker_versions_table_follows_the_version_boundaries() -> None:
    rendered = tables.render_docker_versions_table()
    header = rendered.splitlines()[0].strip("| ").split(" | ")
    versions = header[1:]
    assert versions[0] == str(profiles.OLDEST_DOCKER_VERSION)
    assert versions[-1] == str(profiles.NEWEST_DOCKER_VERSION)
    # Every behaviour of the Docker CLI that resolve() shows has its column.
    for version in ("23.0.1", "28.0.0", "29.1.3"):
        assert version in versions
    for row in _code_cells(rendered):
        situation = next(
            s for s in tables.DOCKER_VERSION_SITUATIONS if s.label == row[0].replace("\\", "")
        )
        for version, cell in zip(versions, row[1:], strict=True):
            expected = resolve(
                situation.command, profile=profiles.docker(version), **situation.arguments
            )
            assert cell == str(expected.exit_code)
    # A new row with a new boundary adds a column, no other edit needed.
    moved = [
        attrs.evolve(row, versions=VersionRange(since=Version(23, 0, 5)))
        if row.id == "docker-cli/is-a-directory-126"
        else row
        for row in BEHAVIOURS
    ]
    boundaries = tables.docker_boundaries(MESSAGE_RULES, PHASE_RULES, OUTCOME_RULES, moved)
    assert Version(23, 0, 5) in boundaries
    engine_row = Behaviour(
        id="docker-engine/imaginary",
        engine=Engine.DOCKER,
        versions=VersionRange(since=Version(26, 1, 0), component=Component.ENGINE),
        source="nowhere",
        summary="Nothing.",
    )
    assert Version(26, 1, 0) in tables.docker_boundaries((), (), (), [engine_row])


def test_table_names() -> None:
    assert set(tables.TABLES) == {
        "docker",
        "podman",
        "nerdctl",
        "kubernetes",
        "behaviours",
        "docker-versions",
        "engines",
        "cli-signals",
        "cli-signal-versions",
        "compose",
    }
    assert tables.render_table("podman") == tables.render_engine_table(Engine.PODMAN)
    with pytest.raises(KeyError, match="unknown table 'dockr'"):
        tables.render_table("dockr")


def test_semantics_page_is_only_directives() -> None:
    """The page renders every table through the directive and types no rule by hand."""
    text = SEMANTICS.read_text(encoding="utf-8")
    used = re.findall(r"^```\{exitcodes-table\} (\S+)$", text, flags=re.MULTILINE)
    assert sorted(used) == sorted(tables.TABLES)
    assert len(used) == len(set(used))
    typed = [rule.id for rule in ALL_RULES if rule.id in text]
    assert typed == []
    assert not re.search(r"^\|.*\|$", text, flags=re.MULTILINE), "a hand-written table"


def test_cli_reference_is_the_parser_help() -> None:
    parser = build_parser()
    rendered = tables.render_cli_reference()
    subcommands = tables.subcommands(parser)
    assert subcommands
    assert rendered.startswith("## `exitcodes`\n"), "the command's own help comes first"
    for name, sub in subcommands.items():
        assert f"## `{sub.prog}`" in rendered, name
        assert sub.description is None or sub.description.split()[0] in rendered
    for action in parser._actions:
        for option in action.option_strings:
            assert option in rendered
    text = CLI_PAGE.read_text(encoding="utf-8")
    assert re.search(r"^```\{exitcodes-cli\}$", text, flags=re.MULTILINE)
    assert "usage:" not in text, "the page must not copy the help text"


def test_markdown_escapes_survive_table_cells() -> None:
    assert tables.md_code("a|b") == "`a\\|b`"
    assert tables.md_code("x `y` z") == "``x `y` z``"
    assert tables.md_code(" padded ") == "`  padded  `"
    assert tables.md_text("[not a link](x)") == "\\[not a link\\]\\(x\\)"
