"""exitcodes.wrappers, checked by running the real binaries on this machine.

Each case runs a real ``timeout``/``env``/``nice``/``nohup``/``stdbuf``/``chroot``
(GNU coreutils), ``bash`` or ``dash`` and asserts that the library predicts the
exit code a shell sees and the ``returncode`` Python sees. A missing binary skips
its cases (and fails them under ``CI=true``); ``chroot`` into ``/`` needs root.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exitcodes.conversions import returncode_to_shell_code
from exitcodes.errors import InvalidArgumentError, MalformedEvidenceError
from exitcodes.outcome import ExitOutcome
from exitcodes.wrappers import (
    EXIT_RULES,
    CodeFrom,
    Shell,
    ShellSituation,
    Wrapper,
    WrapperSituation,
    classify_shell_status,
    classify_wrapper_status,
    exit_builtin_status,
    shell_exit_code,
    shell_rule,
    wrapper_exit_code,
    wrapper_returncode,
    wrapper_rule,
)

CI = os.environ.get("CI", "").lower() == "true"
LINUX = sys.platform.startswith("linux")
ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
W = WrapperSituation
S = ShellSituation

# A command that ignores TERM, so only -k's KILL ends it; and one that catches
# TERM and exits 5. Their time-out is 0.4 s so that the shell has installed its
# trap before TERM arrives, even on a loaded machine.
IGNORES_TERM = 'trap "" TERM; sleep 5'
CATCHES_TERM = 'trap "exit 5" TERM; sleep 5 & wait'
NOEXEC = "{noexec}"  # replaced by a file without the execute bit


live = pytest.mark.skipif(not LINUX, reason="the rows model GNU coreutils, bash and dash on Linux")

GNU = {"chroot", "env", "nice", "nohup", "stdbuf", "timeout"}


def missing(reason: str) -> None:
    if CI:
        pytest.fail(f"{reason} (required under CI=true)")
    pytest.skip(reason)


@cache
def find(binary: str) -> str | None:
    """The path of *binary* if it is the implementation the rows model."""
    path = shutil.which(binary) or next(
        (p for p in (f"/usr/sbin/{binary}", f"/sbin/{binary}") if os.access(p, os.X_OK)), None
    )
    if path is None:
        return None
    if binary in GNU:
        out = subprocess.run([path, "--version"], capture_output=True, text=True, check=False)
        return path if "GNU coreutils" in out.stdout else None
    if binary == "bash":
        script = "echo ${BASH_VERSINFO[0]}"
        out = subprocess.run([path, "-c", script], capture_output=True, text=True, check=False)
        return path if out.stdout.strip().isdigit() and int(out.stdout) >= 5 else None
    return path


def need(binary: str) -> str:
    """The path of *binary*; skip (or fail under CI=true) when it is missing."""
    path = find(binary)
    if path is None:
        missing(f"{binary} is not installed (GNU coreutils, bash >= 5 or dash)")
    assert path is not None
    return path


def run(argv: tuple[str, ...], cwd: Path, *, env: Mapping[str, str] = {}, tty: bool = False) -> int:
    """Run *argv* for real and return its ``returncode``."""
    need(argv[0])
    if "sh" in argv:
        need("sh")
    full_env = {k: v for k, v in os.environ.items() if k != "POSIXLY_CORRECT"}
    full_env.update(env)
    args = [a.replace(NOEXEC, str(cwd / "noexec")) for a in argv]
    (cwd / "noexec").write_text("#!/bin/sh\nexit 0\n")
    (cwd / "noexec").chmod(stat.S_IRUSR | stat.S_IWUSR)
    if not tty:
        result = subprocess.run(
            args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=cwd,
            env=full_env,
            check=False,
            timeout=30,
        )
        return result.returncode
    # nohup opens nohup.out only when stdout is a terminal; /proc takes no new files.
    if not os.path.isdir("/proc"):
        missing("needs an unwritable /proc for nohup's nohup.out")
    try:
        master, slave = os.openpty()
    except OSError as error:
        missing(f"no pseudo-terminal: {error}")
        raise
    try:
        result = subprocess.run(
            args,
            stdin=subprocess.DEVNULL,
            stdout=slave,
            stderr=subprocess.DEVNULL,
            cwd="/proc",
            env={**full_env, "HOME": "/proc"},
            check=False,
            timeout=30,
        )
    finally:
        os.close(slave)
        os.close(master)
    return result.returncode


def shell_status(argv: tuple[str, ...], cwd: Path) -> int:
    """``$?`` as dash reports it after running *argv*."""
    need("dash")
    args = [a.replace(NOEXEC, str(cwd / "noexec")) for a in argv]
    out = subprocess.run(
        ["dash", "-c", '"$@" >/dev/null 2>&1 </dev/null; echo $?', "dash", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        timeout=30,
    )
    return int(out.stdout)


# --------------------------------------------------------------------------- wrappers


@dataclasses.dataclass(frozen=True)
class Case:
    argv: tuple[str, ...]
    tool: Wrapper
    situation: WrapperSituation
    options: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    env: Mapping[str, str] = dataclasses.field(default_factory=dict)
    root: bool = False
    tty: bool = False

    @property
    def id(self) -> str:
        prefix = "".join(f"{k}={v} " for k, v in self.env.items())
        return prefix + " ".join(self.argv)

    def flags(self) -> dict[str, Any]:
        return {k: v for k, v in self.options.items() if k != "command_status"}


T = Wrapper.TIMEOUT
PC = {"POSIXLY_CORRECT": "1"}

WRAPPER_CASES = [
    # timeout: the time-out itself
    Case(("timeout", "0.1", "sleep", "5"), T, W.TIMED_OUT),
    Case(("timeout", "--preserve-status", "0.1", "sleep", "5"), T, W.TIMED_OUT, {"preserve_status": True}),
    Case(("timeout", "-s", "KILL", "0.1", "sleep", "5"), T, W.TIMED_OUT, {"signal": "KILL"}),
    Case(("timeout", "--preserve-status", "-s", "KILL", "0.1", "sleep", "5"), T, W.TIMED_OUT, {"signal": "KILL", "preserve_status": True}),
    Case(("timeout", "--foreground", "-s", "KILL", "0.1", "sleep", "5"), T, W.TIMED_OUT, {"signal": "KILL", "foreground": True}),
    Case(("timeout", "-s", "INT", "0.1", "sleep", "5"), T, W.TIMED_OUT, {"signal": "INT"}),
    Case(("timeout", "--preserve-status", "-s", "INT", "0.1", "sleep", "5"), T, W.TIMED_OUT, {"signal": "INT", "preserve_status": True}),
    Case(("timeout", "--preserve-status", "-s", "HUP", "0.1", "sleep", "5"), T, W.TIMED_OUT, {"signal": "HUP", "preserve_status": True}),
    Case(("timeout", "--foreground", "0.1", "sleep", "5"), T, W.TIMED_OUT, {"foreground": True}),
    Case(("timeout", "0.4", "sh", "-c", CATCHES_TERM), T, W.TIMED_OUT),
    Case(("timeout", "--preserve-status", "0.4", "sh", "-c", CATCHES_TERM), T, W.TIMED_OUT, {"preserve_status": True, "command_status": 5}),
    Case(("timeout", "-k", "0.1", "0.4", "sh", "-c", IGNORES_TERM), T, W.KILLED_AFTER_TIMEOUT),
    Case(("timeout", "--preserve-status", "-k", "0.1", "0.4", "sh", "-c", IGNORES_TERM), T, W.KILLED_AFTER_TIMEOUT, {"preserve_status": True}),
    Case(("timeout", "--foreground", "-k", "0.1", "0.4", "sh", "-c", IGNORES_TERM), T, W.KILLED_AFTER_TIMEOUT, {"foreground": True}),
    # timeout: everything else
    Case(("timeout", "--bogus"), T, W.USAGE_ERROR),
    Case(("timeout", "abc", "true"), T, W.USAGE_ERROR),
    Case(("timeout", "-s", "BOGUS", "1", "true"), T, W.USAGE_ERROR),
    Case(("timeout",), T, W.NO_COMMAND),
    Case(("timeout", "5", "/etc"), T, W.NOT_INVOCABLE),
    Case(("timeout", "5", NOEXEC), T, W.NOT_INVOCABLE),
    Case(("timeout", "5", "/nonexistent"), T, W.NOT_FOUND),
    Case(("timeout", "5", "sh", "-c", "exit 3"), T, W.COMMAND_EXITED, {"command_status": 3}),
    Case(("timeout", "--preserve-status", "5", "sh", "-c", "exit 3"), T, W.COMMAND_EXITED, {"command_status": 3, "preserve_status": True}),
    Case(("timeout", "5", "true"), T, W.COMMAND_EXITED, {"command_status": 0}),
    Case(("timeout", "5", "sh", "-c", "kill -TERM $$"), T, W.COMMAND_SIGNALED, {"signal": "TERM"}),
    Case(("timeout", "5", "sh", "-c", "kill -KILL $$"), T, W.COMMAND_SIGNALED, {"signal": "KILL"}),
    Case(("timeout", "5", "sh", "-c", "ulimit -c 0; kill -SEGV $$"), T, W.COMMAND_SIGNALED, {"signal": "SEGV"}),
    # env
    Case(("env", "--bogus"), Wrapper.ENV, W.USAGE_ERROR),
    Case(("env", "--bogus"), Wrapper.ENV, W.USAGE_ERROR, {"posixly_correct": True}, PC),
    Case(("env", "-C", "/nonexistent", "true"), Wrapper.ENV, W.TOOL_FAILED),
    Case(("env",), Wrapper.ENV, W.NO_COMMAND),
    Case(("env", "/etc"), Wrapper.ENV, W.NOT_INVOCABLE),
    Case(("env", NOEXEC), Wrapper.ENV, W.NOT_INVOCABLE),
    Case(("env", "/nonexistent"), Wrapper.ENV, W.NOT_FOUND),
    Case(("env", "sh", "-c", "exit 7"), Wrapper.ENV, W.COMMAND_EXITED, {"command_status": 7}),
    Case(("env", "sh", "-c", "kill -TERM $$"), Wrapper.ENV, W.COMMAND_SIGNALED, {"signal": "TERM"}),
    # nice
    Case(("nice", "--bogus"), Wrapper.NICE, W.USAGE_ERROR),
    Case(("nice", "-n", "abc", "true"), Wrapper.NICE, W.USAGE_ERROR),
    Case(("nice",), Wrapper.NICE, W.NO_COMMAND),
    Case(("nice", "/etc"), Wrapper.NICE, W.NOT_INVOCABLE),
    Case(("nice", "/nonexistent"), Wrapper.NICE, W.NOT_FOUND),
    Case(("nice", "sh", "-c", "exit 7"), Wrapper.NICE, W.COMMAND_EXITED, {"command_status": 7}),
    Case(("nice", "sh", "-c", "kill -USR1 $$"), Wrapper.NICE, W.COMMAND_SIGNALED, {"signal": "USR1"}),
    # nohup, without and with POSIXLY_CORRECT
    Case(("nohup", "--bogus"), Wrapper.NOHUP, W.USAGE_ERROR),
    Case(("nohup",), Wrapper.NOHUP, W.NO_COMMAND),
    Case(("nohup", "true"), Wrapper.NOHUP, W.TOOL_FAILED, tty=True),
    Case(("nohup", "/etc"), Wrapper.NOHUP, W.NOT_INVOCABLE),
    Case(("nohup", "/nonexistent"), Wrapper.NOHUP, W.NOT_FOUND),
    Case(("nohup", "sh", "-c", "exit 7"), Wrapper.NOHUP, W.COMMAND_EXITED, {"command_status": 7}),
    Case(("nohup", "sh", "-c", "kill -TERM $$"), Wrapper.NOHUP, W.COMMAND_SIGNALED, {"signal": "TERM"}),
    Case(("nohup", "--bogus"), Wrapper.NOHUP, W.USAGE_ERROR, {"posixly_correct": True}, PC),
    Case(("nohup",), Wrapper.NOHUP, W.NO_COMMAND, {"posixly_correct": True}, PC),
    Case(("nohup", "true"), Wrapper.NOHUP, W.TOOL_FAILED, {"posixly_correct": True}, PC, tty=True),
    Case(("nohup", "/etc"), Wrapper.NOHUP, W.NOT_INVOCABLE, {"posixly_correct": True}, PC),
    Case(("nohup", "/nonexistent"), Wrapper.NOHUP, W.NOT_FOUND, {"posixly_correct": True}, PC),
    # stdbuf: a buffering mode is required before anything else
    Case(("stdbuf", "--bogus"), Wrapper.STDBUF, W.USAGE_ERROR),
    Case(("stdbuf", "-oX", "true"), Wrapper.STDBUF, W.USAGE_ERROR),
    Case(("stdbuf", "/etc"), Wrapper.STDBUF, W.USAGE_ERROR),
    Case(("stdbuf", "/nonexistent"), Wrapper.STDBUF, W.USAGE_ERROR),
    Case(("stdbuf",), Wrapper.STDBUF, W.NO_COMMAND),
    Case(("stdbuf", "-o0", "/etc"), Wrapper.STDBUF, W.NOT_INVOCABLE),
    Case(("stdbuf", "-o0", "/nonexistent"), Wrapper.STDBUF, W.NOT_FOUND),
    Case(("stdbuf", "-oL", "sh", "-c", "exit 7"), Wrapper.STDBUF, W.COMMAND_EXITED, {"command_status": 7}),
    Case(("stdbuf", "-o0", "sh", "-c", "kill -TERM $$"), Wrapper.STDBUF, W.COMMAND_SIGNALED, {"signal": "TERM"}),
    # chroot: option errors need no privilege; changing root to / does
    Case(("chroot", "--bogus"), Wrapper.CHROOT, W.USAGE_ERROR),
    Case(("chroot",), Wrapper.CHROOT, W.NO_COMMAND),
    Case(("chroot", "/nonexistent", "true"), Wrapper.CHROOT, W.TOOL_FAILED),
    Case(("chroot", "/", "/etc"), Wrapper.CHROOT, W.NOT_INVOCABLE, root=True),
    Case(("chroot", "/", "/nonexistent"), Wrapper.CHROOT, W.NOT_FOUND, root=True),
    Case(("chroot", "/", "sh", "-c", "exit 7"), Wrapper.CHROOT, W.COMMAND_EXITED, {"command_status": 7}, root=True),
    Case(("chroot", "/", "sh", "-c", "kill -TERM $$"), Wrapper.CHROOT, W.COMMAND_SIGNALED, {"signal": "TERM"}, root=True),
]  # fmt: skip

NOT_LIVE = {
    "timeout/tool-failed": "needs fork() or waitpid() to fail",
    "nice/tool-failed": "needs setpriority() to fail with an error other than EPERM",
    "stdbuf/tool-failed": "needs libstdbuf.so to be missing from the installation",
}


@live
@pytest.mark.parametrize("case", WRAPPER_CASES, ids=lambda case: case.id)
def test_real_wrapper(case: Case, tmp_path: Path) -> None:
    if case.root and not ROOT:
        pytest.skip("chroot into / needs root")
    returncode = run(case.argv, tmp_path, env=case.env, tty=case.tty)
    expected = wrapper_exit_code(case.tool, case.situation, **case.options)
    assert returncode_to_shell_code(returncode) == expected
    assert returncode == wrapper_returncode(case.tool, case.situation, **case.options)
    flags = case.flags()
    reading = classify_wrapper_status(
        case.tool,
        returncode,
        preserve_status=flags.get("preserve_status", False),
        posixly_correct=flags.get("posixly_correct", False),
    )
    assert case.situation in reading.situations
    assert reading.exit_code == expected


def is_racy_or_slow(case: Case) -> bool:
    return case.tool is T and case.situation in (W.TIMED_OUT, W.KILLED_AFTER_TIMEOUT)


@live
@pytest.mark.parametrize(
    "case",
    [
        case
        for case in WRAPPER_CASES
        if not case.tty
        and not case.root
        and wrapper_rule(case.tool, case.situation, **case.flags()).ends_by_signal
    ],
    ids=lambda case: case.id,
)
def test_a_shell_sees_128_plus_n(case: Case, tmp_path: Path) -> None:
    """Where Python sees -n, a shell's $? is still the documented 128+n."""
    if case.env:
        pytest.skip("environment cases are covered by test_real_wrapper")
    need(case.argv[0])
    assert shell_status(case.argv, tmp_path) == wrapper_exit_code(
        case.tool, case.situation, **case.options
    )


def test_every_wrapper_row_is_checked_live() -> None:
    covered = {wrapper_rule(case.tool, case.situation, **case.flags()).id for case in WRAPPER_CASES}
    rows = {row.id for row in EXIT_RULES if isinstance(row.tool, Wrapper)}
    assert covered | set(NOT_LIVE) == rows
    assert not covered & set(NOT_LIVE)


# --------------------------------------------------------------------------- shells


@dataclasses.dataclass(frozen=True)
class ShellCase:
    shell: Shell
    args: tuple[str, ...]
    situation: ShellSituation
    options: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.shell.value} {' '.join(self.args)}"


def shell_cases(shell: Shell) -> list[ShellCase]:
    exec_last = 'sh -c "kill -TERM \\$\\$"; exit $?'
    return [
        ShellCase(shell, ("--bogus",), S.USAGE_ERROR),
        ShellCase(shell, ("-c", "cd -Z"), S.USAGE_ERROR),
        ShellCase(shell, ("-c", "if"), S.SYNTAX_ERROR),
        ShellCase(shell, ("-c", "echo ${x"), S.SYNTAX_ERROR),
        ShellCase(shell, ("-c", "/etc"), S.NOT_INVOCABLE),
        ShellCase(shell, ("-c", NOEXEC), S.NOT_INVOCABLE),
        ShellCase(shell, ("-c", "exec /etc"), S.NOT_INVOCABLE),
        ShellCase(shell, ("-c", "nonexistent-command-xyz"), S.NOT_FOUND),
        ShellCase(shell, ("-c", "/nonexistent"), S.NOT_FOUND),
        ShellCase(shell, ("/nonexistent",), S.SCRIPT_NOT_FOUND),
        ShellCase(shell, ("/etc",), S.SCRIPT_IS_DIRECTORY),
        ShellCase(shell, ("-c", 'set -u; : "$unset_variable"'), S.UNSET_VARIABLE),
        ShellCase(shell, ("-c", "cat < /nonexistent"), S.REDIRECTION_ERROR),
        ShellCase(shell, ("-c", "sh -c 'exit 9'; exit $?"), S.COMMAND_EXITED, {"command_status": 9}),
        ShellCase(shell, ("-c", "false"), S.COMMAND_EXITED, {"command_status": 1}),
        ShellCase(shell, ("-c", exec_last), S.COMMAND_SIGNALED, {"signal": "TERM"}),
        ShellCase(shell, ("-c", "kill -TERM $$"), S.COMMAND_SIGNALED, {"signal": "TERM"}),
        ShellCase(shell, ("-c", "ulimit -c 0; kill -SEGV $$"), S.COMMAND_SIGNALED, {"signal": 11}),
        *(
            ShellCase(shell, ("-c", f"exit {arg}"), S.EXIT_BUILTIN, {"argument": arg})
            for arg in ("0", "3", "255", "256", "257", "300", "-1", "+3", "010", "2147483648")
        ),
        *(
            ShellCase(shell, ("-c", f"exit {arg}"), S.BAD_EXIT_ARGUMENT)
            for arg in ("foo", "0x10", "99999999999999999999", "''")
        ),
    ]  # fmt: skip


SHELL_CASES = [*shell_cases(Shell.BASH), *shell_cases(Shell.DASH)]


@live
@pytest.mark.parametrize("case", SHELL_CASES, ids=lambda case: case.id)
def test_real_shell(case: ShellCase, tmp_path: Path) -> None:
    returncode = run((case.shell.value, *case.args), tmp_path)
    expected = shell_exit_code(case.shell, case.situation, **case.options)
    assert returncode_to_shell_code(returncode) == expected
    reading = classify_shell_status(case.shell, returncode)
    rule = shell_rule(case.shell, case.situation, argument=case.options.get("argument"))
    assert rule.situation in reading.situations


def test_every_shell_row_is_checked_live() -> None:
    covered = {
        shell_rule(case.shell, case.situation, argument=case.options.get("argument")).id
        for case in SHELL_CASES
    }
    assert covered == {row.id for row in EXIT_RULES if isinstance(row.tool, Shell)}


ARGUMENTS = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.text(alphabet=" \t\n\v\f\r+-0123456789x", max_size=8),
).filter(lambda text: text != "--")


@live
@pytest.mark.parametrize("shell", list(Shell))
@settings(max_examples=60, deadline=None)
@given(argument=ARGUMENTS)
def test_exit_argument_parsing_matches_the_real_shell(shell: Shell, argument: str) -> None:
    binary = need(shell.value)
    result = subprocess.run(
        [binary, "-c", 'exit "$1"', shell.value, argument],
        stderr=subprocess.DEVNULL,
        check=False,
        timeout=30,
    )
    assert result.returncode == exit_builtin_status(shell, argument), repr(argument)


# --------------------------------------------------------------------------- the API itself


def test_wrapper_api_examples() -> None:
    assert wrapper_exit_code("timeout", "timed_out") == 124
    assert wrapper_exit_code(T, W.TIMED_OUT, signal=9) == 137
    assert wrapper_exit_code(T, W.TIMED_OUT, signal="KILL", preserve_status=True) == 137
    assert wrapper_exit_code(T, W.TIMED_OUT, preserve_status=True) == 143
    assert wrapper_exit_code(T, W.TIMED_OUT, preserve_status=True, command_status=0) == 0
    assert wrapper_exit_code(T, W.KILLED_AFTER_TIMEOUT, preserve_status=True) == 137
    assert wrapper_returncode(T, W.KILLED_AFTER_TIMEOUT) == -9
    assert wrapper_returncode(T, W.COMMAND_SIGNALED, signal="SIGSEGV") == -11
    assert wrapper_returncode("env", "command_signaled", signal=15) == -15
    assert wrapper_returncode("env", "command_exited", command_status=3) == 3
    assert wrapper_exit_code("NOHUP", "TOOL_FAILED") == 125
    assert wrapper_exit_code("nohup", "tool_failed", posixly_correct=True) == 127
    assert wrapper_exit_code("env", "usage_error", posixly_correct=True) == 125


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: wrapper_exit_code("sudo", W.NOT_FOUND), "unknown wrapper 'sudo'"),
        (lambda: wrapper_exit_code("env", "bogus"), "unknown wrapper situation"),
        (lambda: wrapper_exit_code("env", W.TIMED_OUT), "no rule for env"),
        (lambda: wrapper_exit_code("env", W.NOT_FOUND, preserve_status=True), "timeout options"),
        (lambda: wrapper_exit_code("env", W.COMMAND_EXITED), "needs command_status"),
        (lambda: wrapper_exit_code("env", W.COMMAND_SIGNALED), "needs signal"),
        (lambda: wrapper_exit_code("env", W.COMMAND_EXITED, command_status=256), "0..255"),
        (lambda: wrapper_exit_code("env", W.COMMAND_EXITED, command_status=True), "0..255"),
        (lambda: wrapper_exit_code(T, W.TIMED_OUT, signal="SIGBOGUS"), "unknown signal name"),
        (lambda: wrapper_exit_code(T, W.TIMED_OUT, signal=32), "not a Linux signal"),
        (lambda: wrapper_exit_code(T, W.TIMED_OUT, signal=2.0), "int or a name"),  # type: ignore[arg-type]
        (lambda: wrapper_exit_code(T, W.TIMED_OUT, foreground=1), "must be a bool"),  # type: ignore[arg-type]
        (lambda: shell_exit_code("zsh", S.NOT_FOUND), "unknown shell 'zsh'"),
        (lambda: shell_exit_code("bash", S.EXIT_BUILTIN), "needs argument"),
        (lambda: shell_exit_code("bash", S.COMMAND_EXITED), "needs command_status"),
        (lambda: shell_exit_code("bash", S.COMMAND_SIGNALED), "needs signal"),
        (lambda: exit_builtin_status("bash", "--"), "without an argument"),
        (lambda: exit_builtin_status("bash", 1.5), "str or an int"),  # type: ignore[arg-type]
        (lambda: shell_exit_code("dash", S.EXIT_BUILTIN, argument=True), "str or an int"),
        (lambda: classify_wrapper_status("env", 0, preserve_status="yes"), "must be a bool"),  # type: ignore[arg-type]
    ],
)
def test_bad_arguments(call: Any, match: str) -> None:
    with pytest.raises(InvalidArgumentError, match=match):
        call()


@pytest.mark.parametrize("status", [-127, 256, 2**63, True, 1.0, None, "1"])
def test_bad_statuses_are_malformed(status: Any) -> None:
    with pytest.raises(MalformedEvidenceError):
        classify_wrapper_status("timeout", status)
    with pytest.raises(MalformedEvidenceError):
        classify_shell_status("bash", status)


def _raise(*args: object) -> Any:
    raise RuntimeError("hostile")


class HostileInt(int):
    __int__ = __index__ = __eq__ = __ne__ = __lt__ = __le__ = __gt__ = __ge__ = _raise
    __and__ = __rand__ = __add__ = __radd__ = __sub__ = __rsub__ = __neg__ = _raise
    __repr__ = __str__ = __format__ = __bool__ = _raise
    __hash__ = int.__hash__


class HostileStr(str):
    strip = upper = startswith = lstrip = __eq__ = __ne__ = __contains__ = _raise
    __repr__ = __str__ = __format__ = __len__ = __iter__ = __getitem__ = _raise
    __hash__ = str.__hash__


class Spoof:
    @property  # type: ignore[misc]
    def __class__(self) -> type:
        return int


def test_hostile_subclasses_are_read_as_plain_values() -> None:
    assert (
        wrapper_exit_code(HostileStr("timeout"), HostileStr("timed_out"), signal=HostileInt(9))
        == 137
    )
    assert wrapper_exit_code("env", "command_exited", command_status=HostileInt(3)) == 3
    assert exit_builtin_status(HostileStr("bash"), HostileInt(300)) == 44
    assert exit_builtin_status("dash", HostileStr(" 7 ")) == 7
    assert shell_exit_code("bash", "exit_builtin", argument=HostileStr("-1")) == 255
    reading = classify_wrapper_status("env", HostileInt(-15))
    assert (reading.status, reading.exit_code, type(reading.status)) == (-15, 143, int)
    assert repr(reading)
    with pytest.raises(MalformedEvidenceError):
        classify_shell_status("bash", Spoof())  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError):
        wrapper_exit_code("env", "command_exited", command_status=Spoof())  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError):
        wrapper_exit_code("timeout", "timed_out", signal=Spoof())  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError):
        exit_builtin_status("bash", Spoof())  # type: ignore[arg-type]


def test_timeout_readings() -> None:
    timed_out = classify_wrapper_status(T, 124)
    assert (timed_out.outcome, timed_out.signal, timed_out.rule) == (
        ExitOutcome.SIGNALED,
        None,
        "timeout/timed-out",
    )
    assert "can also mean: command exited" in timed_out.reason
    own = classify_wrapper_status(T, 125)
    assert (own.outcome, own.situations[:2]) == (
        ExitOutcome.ENGINE_ERROR,
        (W.TOOL_FAILED, W.USAGE_ERROR),
    )
    preserved = classify_wrapper_status(T, 143, preserve_status=True)
    assert preserved.situations[:2] == (W.COMMAND_SIGNALED, W.TIMED_OUT)
    assert W.TIMED_OUT not in classify_wrapper_status(T, 143).situations
    assert classify_wrapper_status(T, 0).outcome is ExitOutcome.SUCCESS
    assert classify_wrapper_status(T, 3).outcome is ExitOutcome.COMMAND_FAILED
    assert classify_wrapper_status(T, -15).reason.startswith("timeout exited 143 (returncode -15)")


def test_zero_is_success_first() -> None:
    assert classify_wrapper_status("env", 0).situations == (W.COMMAND_EXITED, W.NO_COMMAND)
    assert classify_shell_status("dash", 0).situations[0] is S.COMMAND_EXITED
    assert classify_shell_status("bash", 1).situations[0] is S.COMMAND_EXITED


@given(
    tool=st.sampled_from(list(Wrapper)),
    situation=st.sampled_from(list(WrapperSituation)),
    status=st.integers(min_value=0, max_value=255),
    signal=st.sampled_from([None, 1, 2, 9, 11, 15, "USR1", "SIGRTMIN+2"]),
    preserve=st.booleans(),
    posix=st.booleans(),
    foreground=st.booleans(),
)
def test_every_answer_reads_back(
    tool: Wrapper,
    situation: WrapperSituation,
    status: int,
    signal: int | str | None,
    preserve: bool,
    posix: bool,
    foreground: bool,
) -> None:
    """Whatever code a row gives, reading that code lists the row's situation."""
    timeout_only = {"preserve_status": preserve, "foreground": foreground}
    options: dict[str, Any] = {"signal": signal, "posixly_correct": posix, "command_status": status}
    if tool is T:
        options.update(timeout_only)
    try:
        code = wrapper_exit_code(tool, situation, **options)
    except InvalidArgumentError as error:
        assert "no rule" in str(error) or "needs signal" in str(error)
        return
    assert 0 <= code <= 255
    reading = classify_wrapper_status(
        tool, code, preserve_status=preserve if tool is T else False, posixly_correct=posix
    )
    assert situation in reading.situations
    returncode = wrapper_returncode(tool, situation, **options)
    assert returncode_to_shell_code(returncode) == code


@given(
    shell=st.sampled_from(list(Shell)),
    situation=st.sampled_from(list(ShellSituation)),
    status=st.integers(min_value=0, max_value=255),
    signal=st.integers(min_value=1, max_value=64).filter(lambda n: n not in (32, 33)),
    argument=ARGUMENTS,
)
def test_every_shell_answer_reads_back(
    shell: Shell, situation: ShellSituation, status: int, signal: int, argument: str
) -> None:
    if shell is Shell.BASH and argument == "--":
        return
    code = shell_exit_code(
        shell, situation, command_status=status, signal=signal, argument=argument
    )
    rule = shell_rule(shell, situation, argument=argument)
    assert rule.situation in classify_shell_status(shell, code).situations


def test_rows_are_well_formed() -> None:
    ids = [row.id for row in EXIT_RULES]
    assert len(ids) == len(set(ids))
    for row in EXIT_RULES:
        assert row.id.startswith(f"{row.tool.value}/")
        assert (row.code_from is CodeFrom.FIXED) == (row.exit_code is not None)
        assert row.source and row.summary.endswith(".")
        assert isinstance(
            row.situation, WrapperSituation if isinstance(row.tool, Wrapper) else ShellSituation
        )
        if isinstance(row.tool, Shell):
            assert not row.ends_by_signal
            assert row.posixly_correct is row.preserve_status is row.kill_signal is None


@pytest.mark.parametrize(
    ("argument", "bash", "dash"),
    [
        (10**5000, 2, 2),
        (-(10**5000), 2, 2),
        ("1" * 5000, 2, 2),
        ("0" * 5000 + "1", 1, 1),
        ("-" + "0" * 5000 + "5", 251, 2),
    ],
    ids=["10**5000", "-10**5000", "5000 ones", "zeros then 1", "minus zeros then 5"],
)
def test_exit_arguments_over_4300_digits(argument: object, bash: int, dash: int) -> None:
    """Issue 14 item 11: "Integers over 4,300 digits raise a plain `ValueError` in wrappers";
    both shells read the word with strtoimax: overflow is rejected (exit 2), leading zeros
    are not digits that count."""
    assert exit_builtin_status("bash", argument) == bash  # type: ignore[arg-type]
    assert exit_builtin_status("dash", argument) == dash  # type: ignore[arg-type]


def test_a_signal_over_4300_digits_is_our_error() -> None:
    """Issue 14 item 11: "Integers over 4,300 digits raise a plain `ValueError` in wrappers"."""
    with pytest.raises(InvalidArgumentError, match="not a Linux signal number"):
        shell_exit_code("bash", "command_signaled", signal=10**4301)
