"""The exit-status contract of ``exitcodes`` (one test per row of docs/reference/cli.md), and
the regressions of issue 14 item 10, each built from the reproduction the report quotes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import unicodedata
from collections.abc import Mapping
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exitcodes.cli import (
    EX_DATAERR,
    EX_IOERR,
    EX_NO_ANSWER,
    EX_NOINPUT,
    EX_OK,
    EX_SOFTWARE,
    EX_USAGE,
    _commands,
    main,
)

RUNNING = {"Id": "c0ffee", "Name": "/web", "State": {"Status": "running", "Running": True}}
EXITED = {"Id": "dead", "Name": "/job", "State": {"Status": "exited", "ExitCode": 3}}


def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def shell(
    script: str, *, stdin: bytes | None = None, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m exitcodes`` from sh, so that redirections like ``>&-`` are real."""
    return subprocess.run(
        ["sh", "-c", script, "sh", sys.executable],
        input=stdin,
        capture_output=True,
        check=False,
        timeout=60,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
    )


def assert_one_line_error(err: str) -> None:
    assert err.count("\n") == 1, err
    assert err.startswith("exitcodes: error: ")
    assert "Traceback" not in err


# --- the contract, row by row ----------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [["explain", "137"], ["classify", "137"], ["classify", "Exited (3) 5 seconds ago"]],
)
def test_row_0_answered_whatever_the_code(argv: list[str]) -> None:
    """0: the evidence decides an exit code; a failure code is an answer, not an error."""
    code, out, err = run(*argv)
    assert (code, err) == (EX_OK, "")
    assert out


def test_row_0_inspect_every_container_answered() -> None:
    code, out, _ = run("inspect", "-", stdin=json.dumps([EXITED]))
    assert code == EX_OK
    assert "exit code 3" in out


@pytest.mark.parametrize("subcommand", ["explain", "classify"])
def test_row_1_no_exit_status_in_the_evidence(subcommand: str) -> None:
    """1: a running container has no exit status yet; the answer is printed, status 1."""
    code, out, err = run(subcommand, json.dumps(RUNNING), "--json")
    assert (code, err) == (EX_NO_ANSWER, "")
    document = json.loads(out)
    classification = document.get("classification", document)
    assert classification["exit_code"] is None
    assert classification["outcome"] == "status_unknown"


def test_row_1_inspect_any_container_without_an_exit_status() -> None:
    code, out, _ = run("inspect", "-", "--json", stdin=json.dumps([EXITED, RUNNING]))
    assert code == EX_NO_ANSWER
    codes = [c["explanation"]["classification"]["exit_code"] for c in json.loads(out)["containers"]]
    assert codes == [3, None]


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["explain", "1", "--bogus"], "unrecognized arguments"),
        (["explain", "1", "--profile", "rocket@1.0"], "unknown engine"),
        (["resolve", "--status", "3"], "needs the docker command"),
    ],
)
def test_row_2_usage(argv: list[str], fragment: str) -> None:
    code, out, err = run(*argv)
    assert (code, out) == (EX_USAGE, "")
    assert fragment in err and err.count("\n") == 1


@pytest.mark.parametrize(
    ("argv", "stdin", "fragment"),
    [
        (["classify", '{"StatusCode": "x"}'], "", "must be an int"),
        (["explain", '{"Foo": 1}'], "", "not a known document"),
        (["explain", "-"], '{"State": {"ExitCode": 1', "not valid JSON"),
        (["inspect", "-"], "[]", "holds no container"),
    ],
)
def test_row_65_not_evidence(argv: list[str], stdin: str, fragment: str) -> None:
    code, out, err = run(*argv, stdin=stdin)
    assert (code, out) == (EX_DATAERR, "")
    assert fragment in err
    assert_one_line_error(err)


def test_row_66_no_input(tmp_path: Path) -> None:
    code, _, err = run("inspect", str(tmp_path / "missing.json"))
    assert code == EX_NOINPUT
    assert_one_line_error(err)
    proc = shell('exec "$1" -m exitcodes explain - <&-')
    assert proc.returncode == EX_NOINPUT
    assert proc.stderr == b"exitcodes: error: cannot read stdin: it is closed\n"


def test_row_70_internal_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(_commands, "classify", boom)
    code, _, err = run("classify", "1")
    assert code == EX_SOFTWARE
    assert err == "exitcodes: internal error: RuntimeError: a bug\n"


def test_row_74_output_not_written() -> None:
    """Issue 14 item 10: "`exitcodes explain 137 >&-` prints a traceback and exits 1 (74 is
    documented); `>/dev/full` [...] exit 70"."""
    closed = shell('exec "$1" -m exitcodes explain 137 >&-')
    assert (closed.returncode, closed.stderr) == (
        EX_IOERR,
        b"exitcodes: error: cannot write to stdout: it is closed\n",
    )
    if os.path.exists("/dev/full"):
        full = shell('exec "$1" -m exitcodes explain 137 >/dev/full')
        assert (full.returncode, full.stderr) == (
            EX_IOERR,
            b"exitcodes: error: cannot write to stdout: No space left on device\n",
        )


def test_row_74_broken_pipe_status_is_74() -> None:
    """A reader that went away (`| head -c 1`): 74, silently, since the reader chose it.

    The pipe's read end is closed before exitcodes starts, so the write fails every time
    (a real `head` may still be reading when a short answer is written)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "exitcodes", "explain", "137", "--all"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            check=False,
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert proc.returncode == EX_IOERR
    assert proc.stderr == b""


def test_row_130_interrupted(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(_commands, "explain", interrupted)
    assert run("explain", "1")[0] == 130


def test_row_resolve_exit_is_the_resolved_code() -> None:
    assert run("resolve", "run", "--status", "42", "--exit")[0] == 42
    assert run("resolve", "run", "--status", "42")[0] == EX_OK


def test_the_contract_table_is_documented_with_every_status() -> None:
    page = (Path(__file__).resolve().parent.parent / "docs" / "reference" / "cli.md").read_text(
        encoding="utf-8"
    )
    for status in (EX_OK, EX_NO_ANSWER, EX_USAGE, EX_DATAERR, EX_NOINPUT, EX_SOFTWARE, EX_IOERR):
        assert f"\n| {status} |" in page, status
    assert "\n| 130 |" in page


# --- issue 14 item 10, reproduction by reproduction ------------------------------------------


def test_a_lone_surrogate_in_an_inspect_name_is_escaped() -> None:
    """ "a lone surrogate in an `inspect` name exits 70"."""
    document = '[{"Name": "/a\\ud800", "State": {"Status": "exited", "ExitCode": 1}}]'
    proc = shell('exec "$1" -m exitcodes inspect', stdin=document.encode())
    assert proc.returncode == EX_OK, proc.stderr
    assert proc.stdout.startswith(b"a\\ud800:\n")
    as_json = shell('exec "$1" -m exitcodes inspect --json', stdin=document.encode())
    assert json.loads(as_json.stdout)["containers"][0]["name"] == "a\ud800"


@pytest.mark.parametrize(
    "document",
    [
        {"Name": "/x\u001b]0;pwned\u0007\u001b[2J", "State": {"Status": "exited", "ExitCode": 1}},
        {
            "kind": "Pod",
            "metadata": {"name": "p\u001b[31m"},
            "status": {
                "reason": "Evicted\r\u202e",
                "containerStatuses": [
                    {"name": "c\u009b1m", "state": {"terminated": {"exitCode": 1}}}
                ],
            },
        },
    ],
)
def test_terminal_escapes_in_names_are_not_echoed_raw(document: object) -> None:
    """ "terminal escape sequences in container or pod names are echoed raw"."""
    code, out, _ = run("inspect", "-", stdin=json.dumps(document))
    assert code == EX_OK
    for raw in ("\x1b", "\x07", "\r", "\u202e", "\x9b"):
        assert raw not in out
    assert "\\x1b" in out or "\\x9b" in out


def test_an_error_message_echoing_the_input_is_escaped(tmp_path: Path) -> None:
    code, _, err = run("inspect", str(tmp_path / "\x1b[2Jmissing"))
    assert code == EX_NOINPUT
    assert "\x1b" not in err and "\\x1b[2Jmissing" in err


@pytest.mark.parametrize(
    "message",
    ["[ERROR] failed to start container: no space left on device", "{host} unreachable: 1"],
)
def test_a_message_starting_with_a_bracket_is_a_message(message: str) -> None:
    """ "evidence starting with `[` or `{` is always parsed as JSON so `[ERROR] ...` exits 65"."""
    code, out, err = run("classify", message, "--json")
    assert code != EX_DATAERR, err
    assert json.loads(out)["kind"] == "message"


def test_binary_stdin_under_c_utf8_is_a_data_error() -> None:
    """ "binary stdin under C.UTF-8 gets a confident 125 instead of 65"."""
    for subcommand in ("classify", "explain"):
        proc = shell(
            f'exec "$1" -m exitcodes {subcommand} -',
            stdin=b"\xff\xfe\x00\x81docker",
            env={"LC_ALL": "C.UTF-8", "PYTHONIOENCODING": ""},
        )
        assert proc.returncode == EX_DATAERR
        assert proc.stderr == b"exitcodes: error: stdin is not UTF-8 text\n"


def test_a_non_utf8_argument_is_a_data_error() -> None:
    proc = shell('exec "$1" -m exitcodes explain "$(printf "\\377")"', env={"LC_ALL": "C.UTF-8"})
    assert proc.returncode == EX_DATAERR
    assert proc.stderr == b"exitcodes: error: EVIDENCE is not UTF-8 text\n"


@pytest.mark.parametrize("subcommand", ["classify", "explain"])
def test_an_unrecognised_text_decides_no_exit_code(subcommand: str) -> None:
    """ "`explain ''` and `explain hello` answer 125 and exit 0" (issue 14 item 10): a text with
    no engine prefix that only the fallback row takes may be no engine's error at all, so the
    answer (125, what the CLI would exit if it printed it) is shown with status 1."""
    code, out, err = run(subcommand, "hello", "--json")
    assert (code, err) == (EX_NO_ANSWER, "")
    assert json.loads(out).get("classification", json.loads(out))["exit_code"] == 125
    code, out, _ = run(subcommand, "hello")
    assert code == EX_NO_ANSWER
    assert "No rule recognises this text" in out


@pytest.mark.parametrize(
    "evidence",
    [
        "docker: hello",  # docker run's own prefix: its error, whatever it says
        "Error response from daemon: hello",  # the daemon answered
        'exec: "x": executable file not found in $PATH',  # a rule recognises it
    ],
)
def test_a_text_an_engine_printed_or_a_rule_knows_is_answered(evidence: str) -> None:
    for subcommand in ("classify", "explain"):
        code, out, err = run(subcommand, evidence, "--json")
        assert (code, err) == (EX_OK, "")
        assert "No rule recognises" not in out


def test_an_empty_text_is_not_a_confident_answer() -> None:
    """`explain ''` must not exit 0 with a 125: nothing was said."""
    for subcommand in ("classify", "explain"):
        code, _, _ = run(subcommand, "")
        assert code in (EX_NO_ANSWER, EX_DATAERR)


_UNPRINTABLE = {"Cc", "Cf", "Cs", "Zl", "Zp"}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    evidence=st.text(max_size=80)
    | st.builds(lambda head, tail: head + tail, st.sampled_from(["[", "{", "\x1b[", ""]), st.text())
)
def test_any_text_gets_a_contract_status_and_prints_nothing_raw(evidence: str) -> None:
    """Any text, from stdin or as the argument: a status of the table, never a bug, and no
    control or format character of the input reaches the output unescaped."""
    for argv, stdin in ((["classify", "-"], evidence), (["explain", "--", evidence], "")):
        code, out, err = run(*argv, stdin=stdin)
        assert code in (EX_OK, EX_NO_ANSWER, EX_DATAERR), err
        shown = (out + err).replace("\n", "")
        assert not [char for char in shown if unicodedata.category(char) in _UNPRINTABLE]


def test_an_output_encoding_that_cannot_hold_a_name_escapes_it() -> None:
    """A non-ASCII name on an ASCII-only stdout: escaped, not an internal error (70)."""
    document = '{"Name": "/caf\\u00e9", "State": {"Status": "exited", "ExitCode": 1}}'
    proc = shell(
        'exec "$1" -m exitcodes inspect',
        stdin=document.encode(),
        env={"PYTHONIOENCODING": "ascii:strict"},
    )
    assert proc.returncode == EX_OK, proc.stderr
    assert proc.stdout.startswith(b"caf\\xe9:\n")
