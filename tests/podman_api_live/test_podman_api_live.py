"""Live: podman 4.3.1 / 5.4.2 / 5.8.6's Docker API, driven by docker CLIs and docker-py.

Every scenario of ``engines_live.scenarios`` runs once per session against every selected
service with the docker CLIs 20.10.24 and the newest provisioned; docker-py runs
``podman_api_live.dockerpy.SCENARIOS``. Each real answer must match its recorded vector
(``vectors/podman-<v>/``), which ``test_podman_api_vectors.py`` checks the library against.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from engines_live.harness import stable
from engines_live.scenarios import SCENARIOS, Scenario

from podman_api_live import dockerpy
from podman_api_live.live import SELECTED, ServiceRun
from podman_api_live.races import check_race, is_events_file_race
from podman_api_live.vectors import CLI_KEYS, cli_vector, line, recorded_cli

pytestmark = pytest.mark.podman_api


_READ_BACK = re.compile(r"/containers/[^/]+/json$")
_PODMAN_STATE = re.compile(r"in state (?:stopped|exited)")


def _comparable(stderr: str) -> str:
    """The first line, ids masked; podman's stopped/exited race is one state.

    Later lines race (``docker exec``'s attach: ``connection reset by peer`` or not), and a
    container that just exited is ``stopped`` until podman's cleanup makes it ``exited``.
    """
    first = (stable(stderr).strip().splitlines() or [""])[0]
    return _PODMAN_STATE.sub("in state <stopped>", first)


def _run(runs: dict[str, ServiceRun], version: str) -> ServiceRun:
    run = runs[version]
    if run.daemon is None:
        pytest.skip(f"podman {version} could not serve: {run.reason}")
    return run


@pytest.mark.parametrize("version", SELECTED)
def test_service_started(version: str, podman_api_live: Any) -> None:
    """The service started, imported the image and every scenario ran."""
    run = _run(podman_api_live, version)
    assert not run.reason, run.reason
    assert len(run.captures) == 2, f"expected two docker CLIs, ran {list(run.captures)}"


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
@pytest.mark.parametrize("version", SELECTED)
def test_cli_matches_recorded(version: str, scenario: Scenario, podman_api_live: Any) -> None:
    """Each CLI's exit code and stderr (ids masked) are the recorded vector's."""
    run = _run(podman_api_live, version)
    assert run.daemon is not None
    for cli, captures in run.captures.items():
        capture = captures[scenario.name]
        vec = cli_vector(scenario, captures, run.daemon, cli)
        problems = [
            problem
            for problem in capture.problems
            # a run podman refused at create never prints the ready line: that is its answer
            if not (problem.startswith("never saw") and capture.state is None)
        ]
        assert not problems, f"{line(vec, CLI_KEYS)}\n  {'; '.join(problems)}"
        old = recorded_cli(version, cli).get(scenario.name)
        assert old is not None, f"no recorded vector for podman {version} CLI {cli}"
        if old["exit_code"] != vec["exit_code"] and is_events_file_race(vec):
            # podman < 5.3.0's events-file race ended the wait (podman_api_live.races)
            assert check_race(vec) == [], line(vec, CLI_KEYS)
            continue
        assert old["exit_code"] == vec["exit_code"], (
            f"{line(vec, CLI_KEYS)}\n  recorded {old['exit_code']}: rerun"
            " `python tests/podman_api_live/record_vectors.py`"
        )
        assert _comparable(old["stderr"]) == _comparable(vec["stderr"])


@pytest.mark.parametrize("version", SELECTED)
def test_docker_py_matches_recorded(version: str, podman_api_live: Any) -> None:
    """docker-py raised (or returned) what its recorded vectors say, request by request."""
    from engines_live.scenarios import load_vectors

    from podman_api_live.vectors import py_path

    run = _run(podman_api_live, version)
    recorded = {vec["name"]: vec for vec in load_vectors(py_path(version))}
    for scenario, call in dockerpy.SCENARIOS:
        got = run.dockerpy[scenario.name]["evidence"]
        old = recorded[scenario.name]["evidence"]
        if any(_READ_BACK.search(str(e.get("url", ""))) for e in (got, old)):
            continue  # run(auto_remove=True) races podman 4.3.1's removal: either may happen
        if (
            version == "4.3.1"
            and call[2].get("auto_remove")
            and {got.get("raised"), old.get("raised")} <= {None, "ContainerError"}
        ):
            # podman < 4.6 answers the wait of an auto-removed container with its status or
            # with 0, as the removal races it (containers/podman#18889, fixed by #18912).
            continue
        for key in ("raised", "exit_status", "status_code", "method"):
            assert got.get(key) == old.get(key), (scenario.name, key, got, old)
