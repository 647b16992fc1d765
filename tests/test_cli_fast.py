"""The fast path of ``exitcodes explain STATUS``: the same bytes and status as the whole CLI."""

from __future__ import annotations

import errno
import io
import subprocess
import sys
from pathlib import Path

import pytest

from exitcodes.cli import _derive, _fast, main, run
from exitcodes.cli._table import ANSWERS

ROOT = Path(__file__).resolve().parent.parent


def _slow(argv: list[str]) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    status = main(argv, stdin=io.StringIO(), stdout=stdout, stderr=stderr)
    return status, stdout.getvalue(), stderr.getvalue()


def _run(monkeypatch: pytest.MonkeyPatch, argv: list[str], stdout: io.StringIO) -> tuple[int, str]:
    """The console-script entry point in-process: its exit status and stderr."""
    stderr = io.StringIO()
    monkeypatch.setattr(sys, "argv", ["exitcodes", *argv])
    monkeypatch.setattr(sys, "stdout", stdout)
    monkeypatch.setattr(sys, "stderr", stderr)
    with pytest.raises(SystemExit) as exited:
        run()
    code = exited.value.code
    assert isinstance(code, int)
    return code, stderr.getvalue()


def test_the_table_is_what_the_library_answers_now() -> None:
    # Fails when a rule, the catalog or the CLI's output changes without
    # `python -m exitcodes.cli._derive`: the table cannot go stale.
    assert _derive.render(_derive.derive()) == _derive.TABLE.read_text(encoding="utf-8"), (
        "exitcodes/cli/_table.py is stale: run python -m exitcodes.cli._derive"
    )


def test_every_status_and_its_json_is_tabled() -> None:
    expected = {
        _fast.key(argv)
        for status in range(256)
        for argv in (
            ["explain", str(status)],
            ["explain", str(status), "--json"],
            ["explain", "--json", str(status)],
        )
    }
    assert set(ANSWERS) == expected


@pytest.mark.parametrize("status", range(256))
def test_run_prints_what_main_prints_for_every_status(
    monkeypatch: pytest.MonkeyPatch, status: int
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    for argv in (
        ["explain", str(status)],
        ["explain", str(status), "--json"],
        ["explain", "--json", str(status)],
    ):
        stdout = io.StringIO()
        code, err = _run(monkeypatch, argv, stdout)
        assert (code, stdout.getvalue(), err) == _slow(argv), argv


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_the_coloured_output_of_the_whole_cli(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    stdout = _Terminal()
    code, _ = _run(monkeypatch, ["explain", "137"], stdout)
    assert code == 0
    assert "\x1b[" in stdout.getvalue()
    assert stdout.getvalue() != ANSWERS[_fast.key(["explain", "137"])][1]


class _Full(io.StringIO):
    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_write_that_fails_is_reported_as_main_reports_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, err = _run(monkeypatch, ["explain", "137"], _Full())
    stderr = io.StringIO()
    status = main(["explain", "137"], stdin=io.StringIO(), stdout=_Full(), stderr=stderr)
    assert (code, err) == (status, stderr.getvalue())
    assert code == 74
    assert err == "exitcodes: error: cannot write to stdout: No space left on device\n"


@pytest.mark.parametrize(
    "argv",
    [["explain", "0x89"], ["explain", "256"], ["explain", "137", "--all"], ["explain", "-1"]],
)
def test_other_spellings_go_to_the_whole_cli(argv: list[str]) -> None:
    assert _fast.key(argv) not in ANSWERS


def test_a_fresh_interpreter_answers_without_loading_the_library() -> None:
    code = (
        "import sys\n"
        "sys.argv = ['exitcodes', 'explain', '137']\n"
        "from exitcodes.cli import run\n"
        "try:\n"
        "    run()\n"
        "finally:\n"
        "    loaded = {'argparse', 'attrs', 'attr', 'json', 'typing', 're',"
        " 'exitcodes.classify', 'exitcodes.explanation', 'exitcodes.cli._main'}\n"
        "    sys.stderr.write(repr(sorted(loaded & set(sys.modules))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
    )
    assert (done.returncode, done.stderr) == (0, "[]")
    assert done.stdout == _slow(["explain", "137"])[1]


def test_python_m_exitcodes_takes_the_fast_path_with_the_same_bytes() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "exitcodes", "explain", "--json", "137"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert (done.returncode, done.stdout, done.stderr) == _slow(["explain", "--json", "137"])
