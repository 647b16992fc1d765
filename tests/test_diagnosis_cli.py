"""``exitcodes diagnose FILE... | -``: several files at once, the CLI's exit-status contract."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from test_cli import schema_errors

from exitcodes.cli import (
    EX_DATAERR,
    EX_NO_ANSWER,
    EX_NOINPUT,
    EX_OK,
    EX_USAGE,
    OUTPUT_SCHEMAS,
    main,
)

VECTORS = Path(__file__).parent / "engines_live" / "vectors"


def _run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["diagnose", *argv], stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def _recorded(version: str, name: str) -> dict[str, object]:
    path = VECTORS / version / "diagnosis.jsonl"
    return next(
        vector
        for vector in map(json.loads, path.read_text().splitlines())
        if vector["name"] == name
    )


@pytest.fixture
def oom_kill_disable(tmp_path: Path) -> tuple[str, str]:
    """The real run-oom-kill-disable of dockerd 28.5.2: inspect output and events stream."""
    vector = _recorded("28.5.2", "run-oom-kill-disable")
    inspect = tmp_path / "inspect.json"
    inspect.write_text(json.dumps([vector["inspect"]]))
    events = tmp_path / "events.jsonl"
    events.write_text("\n".join(json.dumps(e) for e in vector["events"]))  # type: ignore[attr-defined]
    return str(inspect), str(events)


def test_files_text(oom_kill_disable: tuple[str, str]) -> None:
    code, out, err = _run(*oom_kill_disable)
    assert (code, err) == (EX_OK, "")
    assert out.startswith("likely cause: Killed from outside through the engine")
    assert "[engine-kill]" in out and "anomaly: With --oom-kill-disable" in out
    assert "retry: transient" in out and "exit code: 137" in out
    assert "    - " in out  # the OOM cause is shown with what contradicts it


def test_stdin_json(oom_kill_disable: tuple[str, str]) -> None:
    inspect, events = oom_kill_disable
    code, out, _ = _run("--json", inspect, "-", stdin=Path(events).read_text())
    assert code == EX_OK
    payload = json.loads(out)
    schema = OUTPUT_SCHEMAS["diagnose"]
    assert schema_errors(payload, schema, schema) == []
    assert schema_errors({**payload, "extra": 1}, schema, schema)
    assert payload["cause"] == "engine-kill"
    assert payload["retry"]["retry"] == "transient"
    assert [a["id"] for a in payload["anomalies"]] == ["oom-kill-disable-flag"]


def test_kernel_log_file(tmp_path: Path) -> None:
    vector = _recorded("29.7.2", "run-oom")
    kernel = tmp_path / "dmesg.txt"
    kernel.write_text("\n".join(vector["kernel"]))  # type: ignore[arg-type]
    code, out, _ = _run(str(kernel))
    assert code == EX_OK and "[oom-killed]" in out.splitlines()[0]


def test_all_lists_every_cause_and_default_lists_four(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    state.write_text(json.dumps({"State": {"Status": "exited", "ExitCode": 127}}))
    _, short, _ = _run(str(state))
    code, full, _ = _run("--all", str(state))
    assert code == EX_OK
    assert "more possible cause(s): --all" in short
    assert "more possible cause(s)" not in full
    assert full.count("\nor: ") > short.count("\nor: ")


def test_no_cause_is_status_1() -> None:
    code, out, _ = _run("-", stdin="a message nobody knows")
    assert code == EX_NO_ANSWER and out.startswith("no likely cause")
    code, out, _ = _run("--json", "-", stdin="[ERROR] a log line with a bracket")
    assert code == EX_NO_ANSWER and json.loads(out)["cause"] is None


@pytest.mark.parametrize(
    ("argv", "stdin", "status", "message"),
    [
        (("-",), '{"State": ', EX_DATAERR, "stdin is not valid JSON"),
        (("-",), '{"unknown": 1}', EX_DATAERR, "is not a known document"),
        (("/nonexistent/evidence.json",), "", EX_NOINPUT, "cannot open"),
        (("-", "-"), "", EX_USAGE, "only once"),
        ((), "", EX_USAGE, "FILE"),
    ],
)
def test_error_statuses(argv: tuple[str, ...], stdin: str, status: int, message: str) -> None:
    code, _, err = _run(*argv, stdin=stdin)
    assert code == status
    assert message in err and "Traceback" not in err
