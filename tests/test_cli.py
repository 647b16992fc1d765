"""The command line, run in-process and as a real subprocess."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from exitcodes.cli import main


def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_classify_int() -> None:
    code, out, _ = run("classify", "137")
    assert code == 0
    assert "signal: SIGKILL" in out


def test_classify_json_state_from_stdin() -> None:
    doc = {"Id": "x", "State": {"Status": "exited", "ExitCode": 137, "OOMKilled": True}}
    code, out, _ = run("classify", "-", "--json", stdin=json.dumps(doc))
    assert code == 0
    assert json.loads(out)["outcome"] == "oom_killed"


def test_classify_message_with_profile() -> None:
    _, out, _ = run(
        "classify", 'exec: "/etc": is a directory', "--docker-version", "20.10.24", "--json"
    )
    assert json.loads(out)["exit_code"] == 125


def test_resolve_exit_flag() -> None:
    code, out, _ = run("resolve", "run", "--wait", '{"StatusCode": 3}', "--exit")
    assert code == 3
    assert "exit code: 3" in out


def test_resolve_wait_command_with_several_results() -> None:
    code, out, _ = run("resolve", "wait", "--wait", "0", "--wait", "3", "--json", "--exit")
    assert (code, json.loads(out)["exit_code"]) == (0, 0)


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["classify", "{not json"], "does not parse"),
        (["classify", '{"StatusCode": "x"}'], "must be an int"),
        (["classify", "1", "--docker-version", "latest"], "cannot parse version"),
        (["resolve", "exec"], "needs exec_inspect"),
        (["resolve", "run", "--wait", "nope"], "--wait must be JSON"),
    ],
)
def test_errors_exit_2(argv: list[str], fragment: str) -> None:
    code, _, err = run(*argv)
    assert code == 2
    assert fragment in err


def test_real_subprocess() -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "exitcodes",
            "resolve",
            "run",
            "--error",
            "permission denied",
            "--exit",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 126
    assert "cannot_invoke" in proc.stdout
