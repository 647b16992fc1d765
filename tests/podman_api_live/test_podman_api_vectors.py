"""Offline: the recorded answers of podman's Docker API, replayed through the library.

Always runs (no podman needed). For every recorded CLI vector, ``exitcodes.resolve`` must give
the real exit code; for every docker-py vector, ``resolve("run", error=<the real docker-py
exception, rebuilt>)`` must give what the docker CLI gave in the same scenario, under the
profile of that CLI against that podman: no known disagreements.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from engines_live.scenarios import SCENARIOS, load_vectors

from podman_api_live import dockerpy
from podman_api_live.checks import check_cli, check_docker_py, check_rule
from podman_api_live.service import VERSIONS
from podman_api_live.vectors import VECTOR_DIR, all_cli_files, all_py_files, cli_path

NEWEST_CLI = "29.7.2"
"""The newest docker CLI the vectors were recorded with (besides 20.10.24)."""


def _by_name(path: Path) -> dict[str, dict[str, Any]]:
    return {vec["name"]: vec for vec in load_vectors(path)}


def test_every_version_was_recorded() -> None:
    """Each podman version has both CLIs' vectors and docker-py's, one per scenario."""
    for version in VERSIONS:
        for cli in ("20.10.24", NEWEST_CLI):
            names = list(_by_name(cli_path(version, cli)))
            assert names == [scenario.name for scenario in SCENARIOS], (version, cli)
        py = _by_name(VECTOR_DIR / f"podman-{version}" / "docker-py.jsonl")
        assert list(py) == [scenario.name for scenario, _call in dockerpy.SCENARIOS]


_CLI_CASES = [
    pytest.param(path, name, id=f"{path.parent.name}-{path.stem}-{name}")
    for path in all_cli_files()
    for name in _by_name(path)
]


@pytest.mark.parametrize(("path", "name"), _CLI_CASES)
def test_cli_code(path: Path, name: str) -> None:
    """``resolve`` with the real stderr / status gives the docker CLI's real exit code."""
    siblings = _by_name(path)
    vec = siblings[name]
    problems = check_cli(vec, siblings)
    assert not problems, "; ".join(problems)


_PY_CASES = [
    pytest.param(path, name, cli, id=f"{path.parent.name}-{name}-cli-{cli}")
    for path in all_py_files()
    for name in _by_name(path)
    for cli in ("20.10.24", NEWEST_CLI)
]


@pytest.mark.parametrize(("path", "name", "cli"), _PY_CASES)
def test_docker_py_code(path: Path, name: str, cli: str) -> None:
    """docker-py's real exception, read by ``resolve("run", error=...)``, gives the CLI's code."""
    vec = _by_name(path)[name]
    cli_vec = _by_name(path.parent / f"cli-{cli}.jsonl")[name]
    problems = check_docker_py(vec, cli_vec)
    assert not problems, "; ".join(problems)


@pytest.mark.parametrize("path", all_py_files(), ids=lambda path: path.parent.name)
def test_docker_py_errors_say_their_step(path: Path) -> None:
    """Every APIError containers.run() raised carries the request that failed, and its step."""
    from exitcodes.adapters import request_phase

    steps = {
        "/containers/create": "create",
        "/start": "start",
        "/images/": "create",
        "/logs": "wait",  # the reads of the container while containers.run() waits
        "/json": "wait",
    }
    for name, vec in _by_name(path).items():
        evidence = vec["evidence"]
        if "url" not in evidence:
            continue
        path_part = evidence["url"].split("?")[0]
        wanted = next((step for key, step in steps.items() if key in path_part), None)
        assert request_phase(dockerpy.rebuild(evidence)) == wanted, (name, evidence["url"])


def _podman_api_gates() -> list[tuple[str, Any]]:
    from exitcodes import rules

    gates = []
    for row in (*rules.ALL_RULES, *rules.BEHAVIOURS):
        versions = getattr(row, "versions", None)
        if versions is None or versions.component is not rules.Component.PODMAN_API:
            continue
        gates += [(row.id, bound) for bound in (versions.since, versions.until) if bound]
    return gates


@pytest.mark.parametrize(("row_id", "gate"), _podman_api_gates(), ids=str)
def test_each_podman_api_gate_has_a_recorded_podman_on_each_side(row_id: str, gate: Any) -> None:
    """A gate of podman's version is proven as the CLI gates are: a real podman below it and
    one at or after it, and a recorded scenario whose real exit code changes between them."""
    from exitcodes.profiles import parse_version

    below = [v for v in VERSIONS if parse_version(v) < gate]
    above = [v for v in VERSIONS if parse_version(v) >= gate]
    assert below and above, (row_id, str(gate), VERSIONS)
    old, new = max(below, key=parse_version), min(above, key=parse_version)
    separating = [
        name
        for cli in ("20.10.24", NEWEST_CLI)
        for name, vec in _by_name(cli_path(old, cli)).items()
        if vec["exit_code"] != _by_name(cli_path(new, cli))[name]["exit_code"]
        and any(
            rule == row_id
            for rule in (
                check_rule(vec, _by_name(cli_path(old, cli))),
                check_rule(_by_name(cli_path(new, cli))[name], _by_name(cli_path(new, cli))),
            )
        )
    ]
    assert separating, f"{row_id} at podman {gate}: no recorded scenario separates {old} | {new}"
