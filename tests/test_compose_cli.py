"""``exitcodes compose``: the compose resolver on the command line, over recorded real evidence."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from compose_live.replay import VECTOR_DIR, load_vectors

from exitcodes.cli import OUTPUT_SCHEMAS, main


def _vector(version: str, name: str) -> dict[str, Any]:
    return next(
        v for v in load_vectors(VECTOR_DIR / version / "scenarios.jsonl") if v["name"] == name
    )


def _run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def events_file(tmp_path: Path) -> Path:
    """The events of the real 2.40.3 run of ``up --exit-code-from b`` (a exits 3, b stopped)."""
    vector = _vector("2.40.3", "ecf-other-stopped")
    path = tmp_path / "events.jsonl"
    path.write_text("".join(json.dumps(e) + "\n" for e in vector["events"]))
    return path


def test_events_give_the_real_codes_of_both_versions(events_file: Path) -> None:
    """Real runs: compose 2.40.3 exited 137, compose 2.26.1 exited 0 (docker/compose#11715)."""
    status, out, _ = _run(
        "compose", "--events", str(events_file), "--", "up", "--exit-code-from", "b"
    )
    assert status == 0
    assert "exits 137" in out and "up-exit-code-from" in out
    status, out, _ = _run(
        "compose", "--compose-version", "2.26.1", "--events", str(events_file), "--json",
        "--", "up", "--exit-code-from", "b",
    )  # fmt: skip
    document = json.loads(out)
    assert set(document) == set(OUTPUT_SCHEMAS["compose"]["required"])
    assert (document["exit_code"], document["rule"], document["service"]) == (
        0,
        "up-exit-code-from-stopped",
        "b",
    )


def test_inspect_and_ps_files(tmp_path: Path) -> None:
    vector = _vector("2.40.3", "abort-first-3")
    inspect = tmp_path / "inspect.json"
    inspect.write_text(json.dumps(vector["containers"]))
    status, out, _ = _run(
        "compose", "--inspect", str(inspect), "--", "up", "--abort-on-container-exit"
    )
    assert (status, "exits 3" in out) == (0, True)
    ps = tmp_path / "ps.json"
    ps.write_text(json.dumps(vector["ps"]))
    # ps has no times: two different exit codes cannot be ordered -- no answer (1), no guess.
    status, _, err = _run("compose", "--ps", str(ps), "--", "up", "--abort-on-container-exit")
    assert status == 1 and "no answer" in err
    single = tmp_path / "one.json"
    single.write_text(json.dumps(vector["containers"][0]))
    status, out, _ = _run(
        "compose", "--events", "-", "--inspect", str(single), "--ps", str(ps),
        "--", "up", "--abort-on-container-exit",
        stdin="".join(json.dumps(e) + "\n" for e in vector["events"]) + "\n",
    )  # fmt: skip
    assert (status, "exits 3" in out) == (0, True)


def test_stderr_signal_and_exec() -> None:
    """The real compose printed ``service "nosuch" is not running`` and exited 1."""
    status, out, _ = _run(
        "compose", "--stderr", "-", "--", "exec", "nosuch", "true",
        stdin='service "nosuch" is not running\n',
    )  # fmt: skip
    assert (status, "exits 1" in out) == (0, True)
    status, out, _ = _run("compose", "--signal", "2", "--", "up")
    assert "exits 130" in out
    status, out, _ = _run("compose", "--exec-exit-code", "127", "--", "exec", "a", "nosuch")
    assert "exits 127" in out


@pytest.mark.parametrize(
    ("argv", "status"),
    [
        (("compose",), 2),
        (("compose", "--compose-version", "1.29.2", "--", "up"), 2),
        (("compose", "--events", "/nonexistent/events", "--", "up"), 66),
        (("compose", "--", "ps"), 1),
    ],
)
def test_exit_statuses(argv: tuple[str, ...], status: int) -> None:
    assert _run(*argv)[0] == status


def test_bad_data_is_65(tmp_path: Path) -> None:
    bad = tmp_path / "events.jsonl"
    bad.write_text('{"action": "die", "attributes": {}}\n')
    assert _run("compose", "--events", str(bad), "--", "up")[0] == 65
    bad.write_text("{nope\n")
    assert _run("compose", "--events", str(bad), "--", "up")[0] == 65
