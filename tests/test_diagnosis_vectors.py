"""diagnose() on the evidence recorded from the four real dockerd versions.

``tests/engines_live/record_diagnosis.py`` ran each scenario against dockerd 20.10.24,
26.1.5, 28.5.2 and 29.7.2 and kept what an operator has afterwards: the ``docker inspect``
document (State and HostConfig), the container's ``docker events`` (JSON lines), the kernel
log's OOM-kill lines and the CLI's stderr. ``true_cause`` is what the scenario's plan did
(an OOM kill with its flag; ``--oom-kill-disable`` then ``docker kill``; ``docker stop -t 1``
of a program that ignores SIGTERM; ``docker kill``; a program that exits 137 itself; not
found; permission). The issue's bar: the first cause is the true one in every case.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from exitcodes.diagnosis import diagnose

VECTORS = sorted(Path(__file__).parent.glob("engines_live/vectors/*/diagnosis.jsonl"))


def _load() -> list[dict[str, Any]]:
    return [json.loads(line) for path in VECTORS for line in path.read_text().splitlines()]


CASES = _load()


def _evidence(vector: dict[str, Any]) -> list[object]:
    """The pieces as a user would hand them over: inspect JSON, events stream, kernel log, stderr."""
    pieces: list[object] = []
    if vector["inspect"] is not None:
        pieces.append(json.dumps([vector["inspect"]]))
    pieces.append("\n".join(json.dumps(event) for event in vector["events"]))
    if vector["kernel"]:
        pieces.append("\n".join(vector["kernel"]))
    if vector["stderr"]:
        pieces.append(vector["stderr"])
    return pieces


def test_the_recorded_runs_cover_every_daemon_and_scenario() -> None:
    assert {vector["dockerd"] for vector in CASES} == {"20.10.24", "26.1.5", "28.5.2", "29.7.2"}
    assert len(CASES) == 4 * 12
    assert all(not vector["problems"] for vector in CASES)


@pytest.mark.parametrize("vector", CASES, ids=[f"{v['dockerd']}-{v['name']}" for v in CASES])
def test_first_cause_is_the_true_one(vector: dict[str, Any]) -> None:
    result = diagnose(*_evidence(vector))
    assert result.cause is not None
    assert result.cause.id == vector["true_cause"], [f.id for f in result.findings]


@pytest.mark.parametrize("version", ["20.10.24", "26.1.5", "28.5.2", "29.7.2"])
def test_oom_kill_disable_flag_is_weighed_against_the_kill_event(version: str) -> None:
    # The real finding: with --oom-kill-disable the hog hangs at its limit until
    # `docker kill`, yet State says OOMKilled: true on all four daemons.
    vector = next(
        v for v in CASES if v["dockerd"] == version and v["name"] == "run-oom-kill-disable"
    )
    assert vector["inspect"]["State"]["OOMKilled"] is True
    assert vector["inspect"]["HostConfig"]["OomKillDisable"] is True
    assert [e["Action"] for e in vector["events"]][-3:] == ["oom", "kill", "die"]
    assert vector["kernel"] == []
    result = diagnose(*_evidence(vector))
    assert [a.id for a in result.anomalies] == ["oom-kill-disable-flag"]
    # the state alone says OOM, and without the events the OOM cause is not first either
    alone = diagnose([vector["inspect"]])
    assert alone.cause is not None and alone.cause.id != "oom-killed"


@pytest.mark.parametrize("version", ["20.10.24", "26.1.5", "28.5.2", "29.7.2"])
def test_kill_and_own_137_differ_only_in_the_events(version: str) -> None:
    # run-docker-kill and run-kill-9-child leave the same State (137, OOMKilled false):
    # only the kill event tells them apart
    by_name = {v["name"]: v for v in CASES if v["dockerd"] == version}
    kill, own = by_name["run-docker-kill"], by_name["run-kill-9-child"]
    keys = ("Status", "ExitCode", "OOMKilled", "Error")
    assert [kill["inspect"]["State"][k] for k in keys] == [own["inspect"]["State"][k] for k in keys]
    assert diagnose(kill["inspect"]).cause == diagnose(own["inspect"]).cause
