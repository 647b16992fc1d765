"""Replay the recorded vectors (``vectors/*.jsonl``) through the library, with no CLI present.

Each line is what a real docker CLI did in one scenario (recorded by ``record_vectors.py``);
``exitcodes.resolve(**line["resolve"], profile=exitcodes.profiles.docker(line["cli"]))`` must
give the same exit code. This keeps fidelity checked on machines without docker.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conformance.runner import STATS
from conformance.scenarios import predict, vector_line
from exitcodes import ExitOutcome, classify, profiles

VECTOR_DIR = Path(__file__).resolve().parent / "vectors"


def load_vectors() -> list[tuple[str, dict[str, Any]]]:
    """``(file stem, vector)`` for every line of every ``vectors/*.jsonl``."""
    out = []
    for path in sorted(VECTOR_DIR.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if line.strip():
                    try:
                        out.append((path.stem, json.loads(line)))
                    except ValueError as exc:
                        raise ValueError(f"{path}:{number}: {exc}") from exc
    return out


VECTORS = load_vectors()
_PARAMS = [pytest.param(v, id=f"{v['name']}@{stem}") for stem, v in VECTORS] or [
    pytest.param(None, id="no-vectors")
]


@pytest.mark.parametrize("vec", _PARAMS)
def test_vector(vec: dict[str, Any] | None) -> None:
    """The library reproduces the recorded real CLI exit code."""
    if vec is None:
        pytest.skip("no recorded vectors; run `python tests/conformance/record_vectors.py`")
        return
    try:
        predicted: int | str = predict(vec["resolve"], vec["cli"])
    except Exception as exc:  # the library raising is a disagreement too
        predicted = f"{type(exc).__name__}: {exc}"
    agree = predicted == vec["exit_code"]
    STATS.add("vectors", f"docker-{vec['cli']}", 1, 0 if agree else 1, 0.0)
    assert agree, (
        vector_line(vec)
        + f"\n  recorded: real docker {vec['cli']} exited {vec['exit_code']}; exitcodes.resolve said {predicted}"
    )


_USAGE_PARAMS = [
    pytest.param(v, id=f"{v['name']}@{stem}")
    for stem, v in VECTORS
    if v.get("resolve", {}).get("phase") in ("flags", "args")
]


@pytest.mark.parametrize("vec", _USAGE_PARAMS)
def test_usage_stderr_classifies_as_the_cli_decided(vec: dict[str, Any]) -> None:
    """The usage rows' wordings come from the real CLI: its own stderr must match them.

    Every argument error the CLI printed classifies as a usage error with the CLI's code.
    Flag errors whose text has no usage wording (``invalid reference format``, an
    unreadable ``--env-file``) read like daemon errors: a message alone cannot tell a parse
    error from a start error, which is why ``resolve`` takes ``phase="flags"``.
    """
    found = classify(vec["stderr"], profile=profiles.docker(vec["cli"]))
    if vec["resolve"]["phase"] == "args":
        assert (found.outcome, found.exit_code) == (ExitOutcome.USAGE_ERROR, vec["exit_code"]), (
            vector_line(vec) + f"\n  classify said {found.exit_code} by {found.rule}"
        )
    elif found.outcome is ExitOutcome.USAGE_ERROR:
        assert found.exit_code == vec["exit_code"], vector_line(vec)


_DAEMON_ANSWER_PARAMS = [
    pytest.param(v, id=f"{v['name']}@{stem}")
    for stem, v in VECTORS
    if v.get("resolve", {}).get("command") == "run"
    and v["resolve"].get("phase") in ("create", "start")
    and str(v.get("stderr", "")).startswith("docker: Error response from daemon: ")
]


@pytest.mark.parametrize("vec", _DAEMON_ANSWER_PARAMS)
def test_a_daemon_answer_classifies_as_the_cli_decided(vec: dict[str, Any]) -> None:
    """What ``docker run`` printed for an error the daemon answered with decides its code.

    The real CLI's recorded stderr, its prefixes included, classifies to the
    code it exited with, and never as a usage error or a connection failure: the client
    parsed its flags and reached the daemon (the rule classify applies to such texts).
    """
    found = classify(vec["stderr"], profile=profiles.docker(vec["cli"]))
    assert found.exit_code == vec["exit_code"], (
        vector_line(vec) + f"\n  classify said {found.exit_code} by {found.rule}"
    )
    assert found.outcome is not ExitOutcome.USAGE_ERROR, vector_line(vec)
    assert not found.rule.startswith("docker-connection/"), vector_line(vec)
