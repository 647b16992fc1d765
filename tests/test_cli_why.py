"""``exitcodes why`` as a supervisor, with real processes (sh, sleep, head): output that
never hangs it, signals that reach the command, nothing left behind, a pipeable report.

Every process is bounded by a timeout, and every test that starts a process which could
outlive the wrapper marks it with a unique environment variable, finds it through /proc
(no psutil) and kills it by pid.
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import json
import os
import signal
import subprocess
import sys
import tempfile
import termios
import time
import uuid
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import pytest

from exitcodes.cli import EX_IOERR, _why, main
from exitcodes.errors import MalformedEvidenceError

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads /proc and Linux signal senders"
)

WRAPPER = [sys.executable, "-m", "exitcodes", "why"]
TIMEOUT = 30


def marked(mark: str) -> list[int]:
    """The pids of the live processes whose environment holds *mark*."""
    needle = f"EXITCODES_TEST_MARK={mark}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if needle in environ.split(b"\0") and state != "Z":
            found.append(int(entry.name))
    return found


@pytest.fixture
def mark() -> Iterator[str]:
    """A unique mark for the processes of one test; whatever is left is killed by pid."""
    value = uuid.uuid4().hex
    yield value
    for pid in marked(value):
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


def environment(mark: str) -> dict[str, str]:
    return {**os.environ, "NO_COLOR": "1", "EXITCODES_TEST_MARK": mark}


def leftovers(mark: str) -> list[int]:
    """Marked processes still alive after a short grace (the kernel reaps orphans)."""
    deadline = time.monotonic() + 2
    while marked(mark) and time.monotonic() < deadline:
        time.sleep(0.05)
    return marked(mark)


def run_to_files(
    argv: Sequence[str], mark: str, *, script: str | None = None
) -> tuple[int, float, str, str]:
    """Run the wrapper with stdout/stderr in files, so that a background process holding
    them cannot keep the test itself waiting; return (status, seconds, stdout, stderr)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        command = list(argv) if script is None else ["sh", "-c", script, "sh", *argv]
        started = time.monotonic()
        proc = subprocess.run(
            command,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            env=environment(mark),
            timeout=TIMEOUT,
            check=False,
        )
        elapsed = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        return proc.returncode, elapsed, out.read().decode(), err.read().decode()


# --- issue 14 item 8: output that must never hang the wrapper -----------------------------


def test_a_background_process_holding_stderr_does_not_delay_the_exit(mark: str) -> None:
    """ "`exitcodes why -- sh -c 'sleep 5 & exit 3'` waits 5 s"."""
    status, elapsed, _, err = run_to_files([*WRAPPER, "--", "sh", "-c", "sleep 5 & exit 3"], mark)
    assert status == 3
    assert elapsed < 4.5, elapsed  # the python start-up included; the sleep is 5 s
    assert "exited 3 (command_failed)" in err


def test_a_command_that_daemonises_does_not_hang_it(mark: str) -> None:
    """ "a command that daemonises hangs it forever (the stderr pump waits for EOF)"."""
    daemonise = "(sleep 60 &) ; echo started; echo 'warming up' >&2; exit 0"
    status, elapsed, out, err = run_to_files([*WRAPPER, "--", "sh", "-c", daemonise], mark)
    assert (status, out, err) == (0, "started\n", "warming up\n")
    assert elapsed < 20
    assert marked(mark), "the daemon is the command's business: it is not killed"


def test_the_output_already_written_is_all_passed_on(mark: str) -> None:
    script = "head -c 300000 /dev/zero | tr '\\0' e >&2; sleep 5 & exit 9"
    status, _, _, err = run_to_files([*WRAPPER, "--", "sh", "-c", script], mark)
    assert status == 9
    assert err.count("e") >= 300000


@pytest.mark.parametrize("closed", ["1", "2"])
def test_a_closed_stream_and_more_than_64_kib_of_output(closed: str, mark: str) -> None:
    """ "With stdout or stderr closed and more than 64 KiB of output the pump dies and the
    wrapper hangs"."""
    command = f"head -c 200000 /dev/zero >&{closed}; exit 4"
    status, _, _, _ = run_to_files(
        [*WRAPPER, "--", "sh", "-c", command],
        mark,
        script=f'"$@" {closed}>&-',
    )
    assert status == 4


class Unwritable(io.StringIO):
    def write(self, text: str) -> int:
        raise OSError(28, "No space left on device")


def test_an_unwritable_stream_in_process_is_drained_not_fatal() -> None:
    code = main(
        [
            "why",
            "--",
            sys.executable,
            "-c",
            "import sys; sys.stdout.write('x' * 300000); sys.stderr.write('y' * 300000);"
            " sys.exit(6)",
        ],
        stdin=io.StringIO(),
        stdout=Unwritable(),
        stderr=Unwritable(),
    )
    assert code == 6


# --- signals -----------------------------------------------------------------------------


def start(
    script: str, mark: str, *, extra: Sequence[str] = (), **kwargs: object
) -> subprocess.Popen[str]:
    """The wrapper running ``sh -c SCRIPT``; returns once the script has said ``ready``."""
    proc: subprocess.Popen[str] = subprocess.Popen(  # type: ignore[call-overload]
        [*WRAPPER, *extra, "--", "sh", "-c", script],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment(mark),
        **kwargs,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline() == "ready\n"
    return proc


def finish(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    try:
        out, err = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise
    return proc.returncode, out, err


SLEEPER = "ulimit -c 0; echo ready; exec sleep 30"


@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1"])
def test_a_signal_to_the_wrapper_reaches_the_command(name: str, mark: str) -> None:
    """ "SIGINT sent to the wrapper's pid is swallowed (the command runs on, the wrapper exits
    0), SIGUSR1 and SIGQUIT kill the wrapper and leave the command running, orphaned"."""
    number = getattr(signal, name)
    proc = start(SLEEPER, mark)
    os.kill(proc.pid, number)
    status, _, err = finish(proc)
    assert status == 128 + number  # the way a shell reports a signal death
    assert f"was killed by {name}, exit {128 + number}" in err
    assert leftovers(mark) == []


def test_sigwinch_reaches_the_command(mark: str) -> None:
    proc = start("trap 'exit 7' WINCH; echo ready; while :; do sleep 0.05; done", mark)
    os.kill(proc.pid, signal.SIGWINCH)
    assert finish(proc)[0] == 7
    assert leftovers(mark) == []


def test_the_wrapper_waits_for_the_command_to_finish_after_a_signal(mark: str) -> None:
    proc = start("trap 'sleep 0.5; exit 5' INT; echo ready; while :; do sleep 0.05; done", mark)
    os.kill(proc.pid, signal.SIGINT)
    time.sleep(0.2)
    assert proc.poll() is None, "the wrapper must not exit before the command"
    assert finish(proc)[0] == 5
    assert leftovers(mark) == []


def test_a_signal_ignored_at_start_stays_ignored(mark: str) -> None:
    """As under nohup or in a script's background job: the command inherits the ignore."""
    proc = start(
        "echo ready; exec sleep 30",
        mark,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    )
    os.kill(proc.pid, signal.SIGINT)
    time.sleep(0.3)
    assert proc.poll() is None
    os.kill(proc.pid, signal.SIGTERM)
    assert finish(proc)[0] == 128 + signal.SIGTERM
    assert leftovers(mark) == []


COUNTER = (
    "import signal, sys, time\n"
    "count = [0]\n"
    "signal.signal(signal.SIGINT, lambda *a: count.__setitem__(0, count[0] + 1))\n"
    "print('ready', flush=True)\n"
    "end = time.monotonic() + 1.5\n"
    "while time.monotonic() < end:\n"
    "    time.sleep(0.01)\n"
    "print(count[0])\n"
)


def test_a_terminal_ctrl_c_reaches_the_command_once(mark: str) -> None:
    """Ctrl-C at a terminal goes to the whole foreground process group; the wrapper must not
    send the command a second SIGINT (a second Ctrl-C means "force" to many programs)."""
    master, slave = os.openpty()

    def controlling_terminal() -> None:
        os.setsid()
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)

    try:
        proc: subprocess.Popen[str] = subprocess.Popen(
            [*WRAPPER, "--", sys.executable, "-c", COUNTER],
            stdin=slave,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=environment(mark),
            preexec_fn=controlling_terminal,  # noqa: PLW1509 - setsid + TIOCSCTTY need it
        )
        assert proc.stdout is not None
        assert proc.stdout.readline() == "ready\n"
        os.write(master, b"\x03")
        status, out, _ = finish(proc)
    finally:
        os.close(master)
        os.close(slave)
    assert (status, out) == (0, "1\n")
    # and kill -INT on the wrapper's pid still reaches it (the sender is a process)
    counted = subprocess.Popen(
        [*WRAPPER, "--", sys.executable, "-c", COUNTER],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment(mark),
    )
    assert counted.stdout is not None
    assert counted.stdout.readline() == "ready\n"
    os.kill(counted.pid, signal.SIGINT)
    status, out, _ = finish(counted)
    assert (status, out) == (0, "1\n")


# --- the JSON report ----------------------------------------------------------------------


def test_the_json_report_pipes_into_json_tool(mark: str) -> None:
    """ "`why --json` writes its JSON to stderr, mixed with the command's own stderr"."""
    pipeline = (
        '"$1" -m exitcodes why --json -- sh -c "echo out; echo err >&2; exit 3" | "$1" -m json.tool'
    )
    proc = subprocess.run(
        ["sh", "-c", pipeline, "sh", sys.executable],
        capture_output=True,
        text=True,
        env=environment(mark),
        timeout=TIMEOUT,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert (report["exit_code"], report["command"][0]) == (3, "sh")
    assert sorted(proc.stderr.splitlines()) == ["err", "out"]


def test_json_file_keeps_the_commands_streams(tmp_path: Path, mark: str) -> None:
    path = tmp_path / "report.json"
    proc = subprocess.run(
        [*WRAPPER, "--json-file", str(path), "--", "sh", "-c", "echo out; echo err >&2; exit 2"],
        capture_output=True,
        text=True,
        env=environment(mark),
        timeout=TIMEOUT,
        check=False,
    )
    assert (proc.returncode, proc.stdout, proc.stderr) == (2, "out\n", "err\n")
    assert json.loads(path.read_text(encoding="utf-8"))["exit_code"] == 2


def test_json_file_on_a_descriptor(mark: str) -> None:
    script = '"$1" -m exitcodes why --json-file /dev/fd/3 -- sh -c "exit 4" 3>&1 >/dev/null'
    proc = subprocess.run(
        ["sh", "-c", script, "sh", sys.executable],
        capture_output=True,
        text=True,
        env=environment(mark),
        timeout=TIMEOUT,
        check=False,
    )
    assert json.loads(proc.stdout)["exit_code"] == 4


def test_a_report_that_cannot_be_written_is_74(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = main(
        ["why", "--json-file", str(tmp_path / "no" / "such" / "dir"), "--", "true"],
        stdin=io.StringIO(),
        stdout=out,
        stderr=err,
    )
    assert code == EX_IOERR
    assert err.getvalue().startswith("exitcodes: error: cannot write ")


def test_the_command_never_sees_the_report_on_its_stdout(mark: str) -> None:
    env: Mapping[str, str] = environment(mark)
    proc = subprocess.run(
        [*WRAPPER, "--json", "--", "sh", "-c", "echo 'not json'; exit 0"],
        capture_output=True,
        text=True,
        env=env,
        timeout=TIMEOUT,
        check=False,
    )
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["explanation"] is None
    assert proc.stderr == "not json\n"


def test_a_library_error_while_explaining_keeps_the_commands_status(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def rejects(*args: object, **kwargs: object) -> None:
        raise MalformedEvidenceError("the output contradicts itself")

    monkeypatch.setattr(_why, "explain_exit", rejects)
    out, err = io.StringIO(), io.StringIO()
    code = main(["why", "--json", "--", "sh", "-c", "exit 3"], stdin=None, stdout=out, stderr=err)
    assert code == 3
    assert json.loads(out.getvalue())["explanation"] is None


def test_a_signal_while_a_command_fails_to_start_is_for_exitcodes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """SIGUSR1 arriving while the command is being started, which then fails: nobody to
    pass it on to, so it is raised again for exitcodes itself (here: the caller's handler)."""
    received: list[int] = []
    previous = signal.signal(signal.SIGUSR1, lambda signum, frame: received.append(signum))

    def popen(*args: object, **kwargs: object) -> None:
        os.kill(os.getpid(), signal.SIGUSR1)
        raise FileNotFoundError(2, "No such file or directory")

    monkeypatch.setattr(subprocess, "Popen", popen)
    try:
        out, err = io.StringIO(), io.StringIO()
        code = main(["why", "--", "nosuch"], stdin=io.StringIO(), stdout=out, stderr=err)
    finally:
        signal.signal(signal.SIGUSR1, previous)
    assert code == 127
    assert received == [signal.SIGUSR1]
