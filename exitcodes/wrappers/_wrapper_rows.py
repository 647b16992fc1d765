"""The rows of the GNU wrappers (chroot, env, nice, nohup, stdbuf, timeout)."""

from __future__ import annotations

import functools

import attrs

from exitcodes.outcome import ExitOutcome
from exitcodes.wrappers._model import CodeFrom, ExitRule, ShellSituation, Wrapper, WrapperSituation

_W = WrapperSituation
_S = ShellSituation
_O = ExitOutcome
LIVE = "checked live by tests/test_wrappers.py"
_SYSTEM_H = "coreutils src/system.h: EXIT_CANCELED 125, EXIT_CANNOT_INVOKE 126, EXIT_ENOENT 127"


def _manual(tool: Wrapper) -> str:
    return f"GNU coreutils 9.1 manual, '{tool.value} invocation', Exit status; {LIVE}"


def runner_rows(tool: Wrapper, *, tool_failed: str, no_command: int | None) -> list[ExitRule]:
    """The rows every wrapper that execs COMMAND shares (125/126/127/N/128+n)."""
    name = tool.value
    manual = _manual(tool)
    rows = [
        ExitRule(
            f"{name}/tool-failed",
            tool,
            _W.TOOL_FAILED,
            CodeFrom.FIXED,
            125,
            _O.ENGINE_ERROR,
            f"{manual}; {_SYSTEM_H}",
            f"{name} exits 125 when it fails itself ({tool_failed}).",
        ),
        ExitRule(
            f"{name}/usage-error",
            tool,
            _W.USAGE_ERROR,
            CodeFrom.FIXED,
            125,
            _O.USAGE_ERROR,
            f"{manual}; {_SYSTEM_H}",
            f"{name} exits 125 when its own arguments are wrong.",
        ),
        ExitRule(
            f"{name}/not-invocable",
            tool,
            _W.NOT_INVOCABLE,
            CodeFrom.FIXED,
            126,
            _O.CANNOT_INVOKE,
            f"{manual}; {_SYSTEM_H}",
            f"{name} exits 126 when COMMAND is found but cannot be invoked.",
        ),
        ExitRule(
            f"{name}/not-found",
            tool,
            _W.NOT_FOUND,
            CodeFrom.FIXED,
            127,
            _O.NOT_FOUND,
            f"{manual}; {_SYSTEM_H}",
            f"{name} exits 127 when COMMAND cannot be found.",
        ),
        ExitRule(
            f"{name}/command-exited",
            tool,
            _W.COMMAND_EXITED,
            CodeFrom.COMMAND,
            None,
            _O.COMMAND_FAILED,
            manual,
            f"{name} execs COMMAND, so COMMAND's exit status is the status.",
        ),
        ExitRule(
            f"{name}/command-signaled",
            tool,
            _W.COMMAND_SIGNALED,
            CodeFrom.COMMAND,
            None,
            _O.SIGNALED,
            manual,
            f"{name} execs COMMAND, so a signal that kills COMMAND kills the process"
            " waited for: a shell shows 128+n, Python -n.",
            ends_by_signal=True,
        ),
    ]
    no_command_row = functools.partial(
        ExitRule, f"{name}/no-command", tool, _W.NO_COMMAND, CodeFrom.FIXED
    )
    if no_command is not None:
        prints = "the environment" if tool is Wrapper.ENV else "the niceness"
        summary = f"{name} without a COMMAND prints {prints} and exits 0."
        rows.append(no_command_row(no_command, _O.SUCCESS, manual, summary, distinctive=False))
    else:
        summary = f"{name} without operands is a usage error (missing operand): 125."
        posixly_correct = False if tool is Wrapper.NOHUP else None
        source = f"{manual}; {_SYSTEM_H}"
        rows.append(
            no_command_row(125, _O.USAGE_ERROR, source, summary, posixly_correct=posixly_correct)
        )
    return rows


def nohup_posix_rows() -> list[ExitRule]:
    source = (
        "GNU coreutils 9.1 manual, 'nohup invocation' (POSIXLY_CORRECT gives 127);"
        f" coreutils src/nohup.c: POSIX_NOHUP_FAILURE; POSIX XCU nohup EXIT STATUS; {LIVE}"
    )
    text = "With POSIXLY_CORRECT set, nohup's own failures exit 127, as POSIX requires"
    return [
        ExitRule(
            "nohup/tool-failed-posix",
            Wrapper.NOHUP,
            _W.TOOL_FAILED,
            CodeFrom.FIXED,
            127,
            _O.ENGINE_ERROR,
            source,
            f"{text} (here it could not open nohup.out).",
            posixly_correct=True,
        ),
        ExitRule(
            "nohup/usage-error-posix",
            Wrapper.NOHUP,
            _W.USAGE_ERROR,
            CodeFrom.FIXED,
            127,
            _O.USAGE_ERROR,
            source,
            f"{text} (here a usage error).",
            posixly_correct=True,
        ),
        ExitRule(
            "nohup/no-command-posix",
            Wrapper.NOHUP,
            _W.NO_COMMAND,
            CodeFrom.FIXED,
            127,
            _O.USAGE_ERROR,
            source,
            f"{text} (here a missing operand).",
            posixly_correct=True,
        ),
    ]


def without_posix_variant(rows: list[ExitRule]) -> list[ExitRule]:
    """Mark nohup's 125 rows as holding only without POSIXLY_CORRECT."""
    return [
        attrs.evolve(row, posixly_correct=False)
        if row.situation in (_W.USAGE_ERROR, _W.TOOL_FAILED)
        else row
        for row in rows
    ]


_TIMEOUT_C = "coreutils src/timeout.c: cleanup(), main()"
_TIMEOUT = _manual(Wrapper.TIMEOUT)


def timeout_rows() -> list[ExitRule]:
    rows = runner_rows(Wrapper.TIMEOUT, tool_failed="fork or wait failed", no_command=None)
    signaled = ExitRule(
        "timeout/command-signaled",
        Wrapper.TIMEOUT,
        _W.COMMAND_SIGNALED,
        CodeFrom.COMMAND,
        None,
        _O.SIGNALED,
        f"{_TIMEOUT}; {_TIMEOUT_C} (raise(sig) after disable_core_dumps())",
        "When COMMAND dies of a signal before the time-out, timeout disables its own"
        " core dumps and raises the same signal: a shell shows 128+n, Python -n.",
        ends_by_signal=True,
    )
    rows = [signaled if row.situation is _W.COMMAND_SIGNALED else row for row in rows]
    rows[-1:-1] = [
        ExitRule(
            "timeout/timed-out",
            Wrapper.TIMEOUT,
            _W.TIMED_OUT,
            CodeFrom.FIXED,
            124,
            _O.SIGNALED,
            f"{_TIMEOUT}; {_TIMEOUT_C} (EXIT_TIMEDOUT)",
            "timeout exits 124 when DURATION passed and it signalled COMMAND"
            " (without --preserve-status); counted as SIGNALED: COMMAND was stopped from outside.",
            preserve_status=False,
            kill_signal=False,
        ),
        ExitRule(
            "timeout/timed-out-preserve-status",
            Wrapper.TIMEOUT,
            _W.TIMED_OUT,
            CodeFrom.COMMAND,
            None,
            _O.SIGNALED,
            f"{_TIMEOUT}; {_TIMEOUT_C} (status = sig + 128)",
            "With --preserve-status a timed-out COMMAND's own status is passed on:"
            " 128 + the signal sent (143 for TERM), or its exit status if it caught it.",
            preserve_status=True,
            kill_signal=False,
        ),
        ExitRule(
            "timeout/timed-out-kill",
            Wrapper.TIMEOUT,
            _W.TIMED_OUT,
            CodeFrom.FIXED,
            137,
            _O.SIGNALED,
            f"{_TIMEOUT}; {_TIMEOUT_C} (send_sig(0, SIGKILL) hits timeout's own group)",
            "With -s KILL timeout sends SIGKILL to its process group, itself included,"
            " so it dies of SIGKILL: a shell shows 137, Python -9.",
            ends_by_signal=True,
            kill_signal=True,
            foreground=False,
        ),
        ExitRule(
            "timeout/timed-out-kill-foreground",
            Wrapper.TIMEOUT,
            _W.TIMED_OUT,
            CodeFrom.FIXED,
            137,
            _O.SIGNALED,
            f"{_TIMEOUT}; {_TIMEOUT_C} (timed_out && sig == SIGKILL keeps 128+9)",
            "With --foreground and -s KILL only COMMAND is killed, and timeout exits 137.",
            kill_signal=True,
            foreground=True,
        ),
        ExitRule(
            "timeout/killed-after-timeout",
            Wrapper.TIMEOUT,
            _W.KILLED_AFTER_TIMEOUT,
            CodeFrom.FIXED,
            137,
            _O.SIGNALED,
            f"{_TIMEOUT}; {_TIMEOUT_C} (-k: term_signal = SIGKILL, sent to the group)",
            "When COMMAND outlives the signal, -k's SIGKILL goes to timeout's process"
            " group, itself included: a shell shows 137, Python -9, --preserve-status or not.",
            ends_by_signal=True,
            foreground=False,
        ),
        ExitRule(
            "timeout/killed-after-timeout-foreground",
            Wrapper.TIMEOUT,
            _W.KILLED_AFTER_TIMEOUT,
            CodeFrom.FIXED,
            137,
            _O.SIGNALED,
            f"{_TIMEOUT}; {_TIMEOUT_C} (timed_out && sig == SIGKILL keeps 128+9)",
            "With --foreground, -k's SIGKILL kills only COMMAND and timeout exits 137.",
            foreground=True,
        ),
    ]
    return rows
