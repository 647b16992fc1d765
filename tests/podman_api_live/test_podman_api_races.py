"""Offline: the races podman's Docker API was seen in, replayed through the library."""

from __future__ import annotations

from typing import Any

import pytest
from engines_live.scenarios import BY_NAME

from exitcodes import explain
from podman_api_live.checks import profile
from podman_api_live.races import (
    EVENTS_FILE_FIXED,
    SEEN,
    check_race,
    is_events_file_race,
    waits_for_next_exit,
)
from podman_api_live.vectors import recorded_cli


@pytest.mark.parametrize("vec", SEEN, ids=lambda vec: f"{vec['podman']}-{vec['name']}")
def test_seen_race_is_the_events_file_race(vec: dict[str, Any]) -> None:
    """The seen answer is the documented race, and its scenario's recorded answer is not."""
    assert is_events_file_race(vec)
    recorded = recorded_cli(vec["podman"], vec["cli"])[vec["name"]]
    assert recorded["exit_code"] != vec["exit_code"]
    assert not is_events_file_race(recorded)


@pytest.mark.parametrize("vec", SEEN, ids=lambda vec: f"{vec['podman']}-{vec['name']}")
def test_resolve_gives_the_cli_s_125_for_the_raced_wait(vec: dict[str, Any]) -> None:
    """docker/cli ``waitExitOrRemoved``: "Error waiting for container: %v" ... ``statusC <- 125``."""
    assert check_race(vec) == []


@pytest.mark.parametrize("vec", SEEN, ids=lambda vec: f"{vec['podman']}-{vec['name']}")
def test_explain_names_the_failed_wait(vec: dict[str, Any]) -> None:
    """The stderr alone is read as podman's race first, then as any failed wait; not as the
    container's status."""
    found = explain(vec["stderr"], profile=profile(vec["podman"], vec["cli"]))
    assert found.classification.exit_code == 125
    assert [cause.entry.id for cause in found.causes[:2]] == [
        "podman-events-file-race",
        "wait-error",
    ]


def test_only_attached_runs_without_rm_wait_for_next_exit() -> None:
    """docker/cli: ``condition = container.WaitConditionNextExit`` unless ``--rm``
    (``WaitConditionRemoved``); a detached run does not wait."""
    argv = {name: ["docker", *BY_NAME[name].plan.argv] for name in BY_NAME}
    assert waits_for_next_exit(argv["run-kill-9-pid1"])
    assert not waits_for_next_exit(["docker", "run", "--rm", "bb", "true"])
    assert not waits_for_next_exit(["docker", "run", "-d", "bb", "true"])
    assert not waits_for_next_exit(["docker", "start", "-a", "c"])


def test_the_fix_is_after_every_racing_podman_and_before_the_newer_ones() -> None:
    """Both sides of 5.3.0 are recorded: 4.3.1 below, 5.4.2 and 5.8.6 above."""
    from exitcodes.profiles import parse_version
    from podman_api_live.service import VERSIONS

    below = [v for v in VERSIONS if parse_version(v) < parse_version(EVENTS_FILE_FIXED)]
    assert below and len(below) < len(VERSIONS)
