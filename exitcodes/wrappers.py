"""Exit statuses of the GNU wrapper commands and of POSIX shells, as data.

``chroot``, ``env``, ``nice``, ``nohup``, ``stdbuf`` and ``timeout`` run a
COMMAND and use the same convention as ``docker run``: 125 when the wrapper
itself failed, 126 when COMMAND was found but could not be invoked, 127 when it
was not found, and otherwise COMMAND's own status. ``timeout`` adds 124 for a
time-out and 137 for a KILL. Shells report 127/126 too, ``128+n`` for a signal,
and 2 for usage and syntax errors, with differences between bash and dash.

Every convention is a row of :data:`EXIT_RULES` (tool, situation, code, source),
and ``tests/test_wrappers.py`` checks each row against the real binaries
(coreutils 9.1, bash 5.2, dash 0.5.12).

>>> from exitcodes.wrappers import Wrapper, WrapperSituation as W, wrapper_exit_code
>>> wrapper_exit_code(Wrapper.TIMEOUT, W.TIMED_OUT)
124
>>> wrapper_exit_code("timeout", W.TIMED_OUT, preserve_status=True)
143
>>> wrapper_exit_code("nohup", W.USAGE_ERROR, posixly_correct=True)
127
>>> from exitcodes.wrappers import Shell, exit_builtin_status
>>> exit_builtin_status(Shell.BASH, "-1"), exit_builtin_status(Shell.DASH, "-1")
(255, 2)
>>> from exitcodes.wrappers import classify_wrapper_status
>>> reading = classify_wrapper_status("timeout", 124)
>>> reading.outcome, reading.situations
(ExitOutcome.SIGNALED, (WrapperSituation.TIMED_OUT, WrapperSituation.COMMAND_EXITED))
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from typing import TypeVar

import attrs

from exitcodes.conversions import (
    INT64_MAX,
    INT64_MIN,
    returncode_to_shell_code,
    signal_name,
    signal_number,
)
from exitcodes.errors import InvalidArgumentError, describe
from exitcodes.outcome import ExitOutcome

__all__ = [
    "EXIT_RULES",
    "CodeFrom",
    "ExitRule",
    "Shell",
    "ShellSituation",
    "StatusReading",
    "Wrapper",
    "WrapperSituation",
    "classify_shell_status",
    "classify_wrapper_status",
    "exit_builtin_status",
    "shell_exit_code",
    "shell_rule",
    "wrapper_exit_code",
    "wrapper_returncode",
    "wrapper_rule",
]

_SIGNAL_BASE = 128
_SIGTERM = 15
_SIGKILL = 9
_INT_MAX = 2**31 - 1
_E = TypeVar("_E", bound=enum.Enum)


class Wrapper(enum.Enum):
    """A GNU coreutils command that runs another command."""

    CHROOT = "chroot"
    """``chroot NEWROOT [COMMAND]``: runs COMMAND with NEWROOT as ``/`` (needs root)."""
    ENV = "env"
    """``env [NAME=VALUE]... [COMMAND]``: runs COMMAND in a changed environment."""
    NICE = "nice"
    """``nice [-n N] [COMMAND]``: runs COMMAND with a changed niceness."""
    NOHUP = "nohup"
    """``nohup COMMAND``: runs COMMAND immune to hangups; honours ``POSIXLY_CORRECT``."""
    STDBUF = "stdbuf"
    """``stdbuf -i/-o/-e MODE COMMAND``: runs COMMAND with changed stdio buffering."""
    TIMEOUT = "timeout"
    """``timeout [-s SIG] [-k T] DURATION COMMAND``: kills COMMAND after DURATION."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"


class Shell(enum.Enum):
    """A POSIX shell whose exit statuses are modelled."""

    BASH = "bash"
    """GNU bash (checked: 5.2.15)."""
    DASH = "dash"
    """dash, ``/bin/sh`` on Debian and Ubuntu (checked: 0.5.12)."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"


class WrapperSituation(enum.Enum):
    """What happened when a wrapper ran (the closed set the rows are keyed on)."""

    USAGE_ERROR = "usage_error"
    """The wrapper rejected its arguments: unknown option, bad duration or signal,
    missing operand (and, for ``stdbuf``, no ``-i``/``-o``/``-e`` option)."""
    TOOL_FAILED = "tool_failed"
    """The wrapper failed before running COMMAND (``chroot`` could not change root,
    ``env -C`` could not change directory, ``nohup`` could not open ``nohup.out``)."""
    NOT_INVOCABLE = "not_invocable"
    """COMMAND was found but could not be run (a directory, no execute bit)."""
    NOT_FOUND = "not_found"
    """COMMAND does not exist."""
    NO_COMMAND = "no_command"
    """The wrapper was run with no operands at all."""
    COMMAND_EXITED = "command_exited"
    """COMMAND ran and exited with a status (pass ``command_status``)."""
    COMMAND_SIGNALED = "command_signaled"
    """COMMAND was killed by a signal the wrapper did not send (pass ``signal``)."""
    TIMED_OUT = "timed_out"
    """``timeout``'s DURATION passed and COMMAND ended after the ``-s`` signal
    (``signal``, default TERM) was sent."""
    KILLED_AFTER_TIMEOUT = "killed_after_timeout"
    """COMMAND outlived the time-out signal and ``timeout -k`` sent SIGKILL."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"


class ShellSituation(enum.Enum):
    """What happened in a non-interactive shell (``sh -c``, ``sh SCRIPT``)."""

    USAGE_ERROR = "usage_error"
    """An invalid option to the shell or to a builtin (``bash --bogus``, ``cd -Z``)."""
    SYNTAX_ERROR = "syntax_error"
    """The script does not parse (``sh -c 'if'``), or a bad substitution."""
    NOT_INVOCABLE = "not_invocable"
    """A command was found but could not be run (``sh -c /etc``)."""
    NOT_FOUND = "not_found"
    """A command was not found (``sh -c nonexistent``)."""
    SCRIPT_NOT_FOUND = "script_not_found"
    """The script operand does not exist (``sh /nonexistent``)."""
    SCRIPT_IS_DIRECTORY = "script_is_directory"
    """The script operand is a directory (``sh /etc``)."""
    UNSET_VARIABLE = "unset_variable"
    """``set -u`` is on and an unset variable was expanded."""
    REDIRECTION_ERROR = "redirection_error"
    """A redirection of a regular command failed (``cat < /nonexistent``)."""
    COMMAND_EXITED = "command_exited"
    """The last command exited with a status (pass ``command_status``)."""
    COMMAND_SIGNALED = "command_signaled"
    """The last command was killed by a signal (pass ``signal``)."""
    EXIT_BUILTIN = "exit_builtin"
    """``exit N`` (pass ``argument``; a rejected one gives :attr:`BAD_EXIT_ARGUMENT`)."""
    BAD_EXIT_ARGUMENT = "bad_exit_argument"
    """``exit`` with an argument the shell rejects (``exit foo``; dash: ``exit -1``)."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"


class CodeFrom(enum.Enum):
    """Where a row's exit code comes from."""

    FIXED = "fixed"
    """The row's :attr:`ExitRule.exit_code`."""
    COMMAND = "command"
    """The command's own status: ``command_status``, or ``128 + signal``."""
    EXIT_ARGUMENT = "exit_argument"
    """The ``exit`` builtin's argument, truncated to 8 bits (:func:`exit_builtin_status`)."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"


@attrs.frozen
class ExitRule:
    """One convention: in this situation, this tool exits with this code.

    The condition fields (``posixly_correct``, ``preserve_status``,
    ``kill_signal``, ``foreground``) are ``None`` when the row holds either way.

    Attributes:
        id: stable identifier, ``<tool>/<name>``.
        tool: the wrapper or shell.
        situation: what happened.
        code_from: where the code comes from.
        exit_code: the code for :attr:`CodeFrom.FIXED` rows, else ``None``.
        outcome: what the code means happened (``SUCCESS`` when a passed-on
            status is 0).
        source: the manual, source file and live check that back the row.
        summary: one plain sentence.
        ends_by_signal: the process the caller waits for dies of the signal
            instead of exiting: a shell shows ``128+n``, Python's
            ``returncode`` is ``-n`` (see :func:`wrapper_returncode`).
        distinctive: whether the code alone suggests this situation; rows
            giving a common code (bash's 1 for a failed redirection, ``env``'s
            0 without a command) are listed after the command's own status.
        posixly_correct: the row needs ``POSIXLY_CORRECT`` set (or unset).
        preserve_status: the row needs ``timeout --preserve-status`` (or not).
        kill_signal: the row needs the time-out signal to be KILL (or not).
        foreground: the row needs ``timeout --foreground`` (or not).
    """

    id: str
    tool: Wrapper | Shell
    situation: WrapperSituation | ShellSituation
    code_from: CodeFrom
    exit_code: int | None
    outcome: ExitOutcome
    source: str
    summary: str
    ends_by_signal: bool = False
    distinctive: bool = True
    posixly_correct: bool | None = None
    preserve_status: bool | None = None
    kill_signal: bool | None = None
    foreground: bool | None = None

    def produces(self, code: int) -> bool:
        """Whether this row can give the shell-style exit code *code* (0..255)."""
        if self.code_from is CodeFrom.FIXED:
            return code == self.exit_code
        if self.situation in (WrapperSituation.COMMAND_SIGNALED, ShellSituation.COMMAND_SIGNALED):
            return code > _SIGNAL_BASE and signal_name(code - _SIGNAL_BASE) is not None
        return True

    def _rank(self, code: int) -> int:
        """How specific this row is for *code*: fixed codes first, then signal deaths."""
        if self.code_from is CodeFrom.FIXED:
            return 0
        signal_code = code > _SIGNAL_BASE and signal_name(code - _SIGNAL_BASE) is not None
        if signal_code and self.situation in _SIGNAL_SITUATIONS:
            return 1
        return 2

    def _applies(
        self,
        posixly_correct: bool | None,
        preserve_status: bool | None,
        kill_signal: bool | None,
        foreground: bool | None,
    ) -> bool:
        pairs = (
            (self.posixly_correct, posixly_correct),
            (self.preserve_status, preserve_status),
            (self.kill_signal, kill_signal),
            (self.foreground, foreground),
        )
        return all(need is None or given is None or need == given for need, given in pairs)


_SIGNAL_SITUATIONS = (
    WrapperSituation.COMMAND_SIGNALED,
    WrapperSituation.TIMED_OUT,
    ShellSituation.COMMAND_SIGNALED,
)

# --------------------------------------------------------------------------- the table

_W = WrapperSituation
_S = ShellSituation
_O = ExitOutcome
_LIVE = "checked live by tests/test_wrappers.py"
_SYSTEM_H = "coreutils src/system.h: EXIT_CANCELED 125, EXIT_CANNOT_INVOKE 126, EXIT_ENOENT 127"


def _manual(tool: Wrapper) -> str:
    return f"GNU coreutils 9.1 manual, '{tool.value} invocation', Exit status; {_LIVE}"


def _runner_rows(tool: Wrapper, *, tool_failed: str, no_command: int | None) -> list[ExitRule]:
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
    if no_command is not None:
        rows.append(
            ExitRule(
                f"{name}/no-command",
                tool,
                _W.NO_COMMAND,
                CodeFrom.FIXED,
                no_command,
                _O.SUCCESS,
                manual,
                f"{name} without a COMMAND prints "
                + ("the environment" if tool is Wrapper.ENV else "the niceness")
                + " and exits 0.",
                distinctive=False,
            )
        )
    else:
        rows.append(
            ExitRule(
                f"{name}/no-command",
                tool,
                _W.NO_COMMAND,
                CodeFrom.FIXED,
                125,
                _O.USAGE_ERROR,
                f"{manual}; {_SYSTEM_H}",
                f"{name} without operands is a usage error (missing operand): 125.",
                posixly_correct=False if tool is Wrapper.NOHUP else None,
            )
        )
    return rows


def _nohup_posix_rows() -> list[ExitRule]:
    source = (
        "GNU coreutils 9.1 manual, 'nohup invocation' (POSIXLY_CORRECT gives 127);"
        f" coreutils src/nohup.c: POSIX_NOHUP_FAILURE; POSIX XCU nohup EXIT STATUS; {_LIVE}"
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


def _without_posix_variant(rows: list[ExitRule]) -> list[ExitRule]:
    """Mark nohup's 125 rows as holding only without POSIXLY_CORRECT."""
    return [
        attrs.evolve(row, posixly_correct=False)
        if row.situation in (_W.USAGE_ERROR, _W.TOOL_FAILED)
        else row
        for row in rows
    ]


_TIMEOUT_C = "coreutils src/timeout.c: cleanup(), main()"
_TIMEOUT = _manual(Wrapper.TIMEOUT)


def _timeout_rows() -> list[ExitRule]:
    rows = _runner_rows(Wrapper.TIMEOUT, tool_failed="fork or wait failed", no_command=None)
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


_BASH_MANUAL = "GNU bash manual, 'Exit Status'"
_POSIX_282 = "POSIX XCU 2.8.2 Exit Status for Commands"
_BASH_LIVE = f"local runs of bash 5.2.15, {_LIVE}"
_DASH_LIVE = f"local runs of dash 0.5.12, {_LIVE}"


_BASH = Shell.BASH
_DASH = Shell.DASH
_FIXED = CodeFrom.FIXED
_BASH_EXIT = f"bash builtins/common.c: get_exitstat() (legal_number, & 0xFF); {_BASH_LIVE}"
_DASH_EXIT = f"dash src/mystring.c: number() (0..INT_MAX, else 'Illegal number'); {_DASH_LIVE}"

_SHELL_RULES: tuple[ExitRule, ...] = (
    # --- bash ---
    ExitRule(
        "bash/usage-error",
        _BASH,
        _S.USAGE_ERROR,
        _FIXED,
        2,
        _O.USAGE_ERROR,
        f"{_BASH_MANUAL} (builtins return 2 for incorrect usage); {_BASH_LIVE}",
        "bash exits 2 for an invalid option to itself or to a builtin.",
    ),
    ExitRule(
        "bash/syntax-error",
        _BASH,
        _S.SYNTAX_ERROR,
        _FIXED,
        2,
        _O.USAGE_ERROR,
        f"{_BASH_MANUAL}; {_BASH_LIVE}",
        "A non-interactive bash exits 2 on a syntax error or a bad substitution.",
    ),
    ExitRule(
        "bash/not-invocable",
        _BASH,
        _S.NOT_INVOCABLE,
        _FIXED,
        126,
        _O.CANNOT_INVOKE,
        f"{_BASH_MANUAL}; {_POSIX_282}; {_BASH_LIVE}",
        "A command that is found but cannot be executed gives 126.",
    ),
    ExitRule(
        "bash/not-found",
        _BASH,
        _S.NOT_FOUND,
        _FIXED,
        127,
        _O.NOT_FOUND,
        f"{_BASH_MANUAL}; {_POSIX_282}; {_BASH_LIVE}",
        "A command that is not found gives 127.",
    ),
    ExitRule(
        "bash/script-not-found",
        _BASH,
        _S.SCRIPT_NOT_FOUND,
        _FIXED,
        127,
        _O.NOT_FOUND,
        _BASH_LIVE,
        "bash exits 127 when its script operand does not exist.",
    ),
    ExitRule(
        "bash/script-is-directory",
        _BASH,
        _S.SCRIPT_IS_DIRECTORY,
        _FIXED,
        126,
        _O.CANNOT_INVOKE,
        _BASH_LIVE,
        "bash exits 126 when its script operand is a directory.",
    ),
    ExitRule(
        "bash/unset-variable",
        _BASH,
        _S.UNSET_VARIABLE,
        _FIXED,
        127,
        _O.COMMAND_FAILED,
        _BASH_LIVE,
        "Under set -u, expanding an unset variable makes bash exit 127.",
    ),
    ExitRule(
        "bash/redirection-error",
        _BASH,
        _S.REDIRECTION_ERROR,
        _FIXED,
        1,
        _O.COMMAND_FAILED,
        _BASH_LIVE,
        "A failed redirection of a regular command gives 1.",
        distinctive=False,
    ),
    ExitRule(
        "bash/command-exited",
        _BASH,
        _S.COMMAND_EXITED,
        CodeFrom.COMMAND,
        None,
        _O.COMMAND_FAILED,
        f"{_BASH_MANUAL}; {_BASH_LIVE}",
        "The status of the last command is the shell's status.",
    ),
    ExitRule(
        "bash/command-signaled",
        _BASH,
        _S.COMMAND_SIGNALED,
        CodeFrom.COMMAND,
        None,
        _O.SIGNALED,
        f"{_BASH_MANUAL} (128+N); {_POSIX_282} (>128); {_BASH_LIVE}",
        "A command killed by signal n gives $? = 128+n; bash -c execs a last simple"
        " command, so the process waited for may itself die of n (Python: -n).",
    ),
    ExitRule(
        "bash/exit-builtin",
        _BASH,
        _S.EXIT_BUILTIN,
        CodeFrom.EXIT_ARGUMENT,
        None,
        _O.COMMAND_FAILED,
        _BASH_EXIT,
        "exit N exits with N & 0xFF for any N in int64: exit -1 is 255, exit 300 is 44.",
    ),
    ExitRule(
        "bash/bad-exit-argument",
        _BASH,
        _S.BAD_EXIT_ARGUMENT,
        _FIXED,
        2,
        _O.USAGE_ERROR,
        _BASH_EXIT,
        "exit with an argument that is not a decimal int64 exits 2 ('numeric argument"
        " required'; bash 4.1 gave 255).",
    ),
    # --- dash ---
    ExitRule(
        "dash/usage-error",
        _DASH,
        _S.USAGE_ERROR,
        _FIXED,
        2,
        _O.USAGE_ERROR,
        _DASH_LIVE,
        "dash exits 2 for an invalid option to itself or to a builtin.",
    ),
    ExitRule(
        "dash/syntax-error",
        _DASH,
        _S.SYNTAX_ERROR,
        _FIXED,
        2,
        _O.USAGE_ERROR,
        f"POSIX XCU sh EXIT STATUS (1-125); {_DASH_LIVE}",
        "A non-interactive dash exits 2 on a syntax error or a bad substitution.",
    ),
    ExitRule(
        "dash/not-invocable",
        _DASH,
        _S.NOT_INVOCABLE,
        _FIXED,
        126,
        _O.CANNOT_INVOKE,
        f"{_POSIX_282}; {_DASH_LIVE}",
        "A command that is found but cannot be executed gives 126.",
    ),
    ExitRule(
        "dash/not-found",
        _DASH,
        _S.NOT_FOUND,
        _FIXED,
        127,
        _O.NOT_FOUND,
        f"{_POSIX_282}; {_DASH_LIVE}",
        "A command that is not found gives 127.",
    ),
    ExitRule(
        "dash/script-not-found",
        _DASH,
        _S.SCRIPT_NOT_FOUND,
        _FIXED,
        2,
        _O.NOT_FOUND,
        _DASH_LIVE,
        "dash exits 2 ('cannot open') when its script operand does not exist, not 127.",
    ),
    ExitRule(
        "dash/script-is-directory",
        _DASH,
        _S.SCRIPT_IS_DIRECTORY,
        _FIXED,
        0,
        _O.SUCCESS,
        _DASH_LIVE,
        "dash reads a directory script operand as an empty script and exits 0.",
        distinctive=False,
    ),
    ExitRule(
        "dash/unset-variable",
        _DASH,
        _S.UNSET_VARIABLE,
        _FIXED,
        2,
        _O.COMMAND_FAILED,
        _DASH_LIVE,
        "Under set -u, expanding an unset variable makes dash exit 2.",
    ),
    ExitRule(
        "dash/redirection-error",
        _DASH,
        _S.REDIRECTION_ERROR,
        _FIXED,
        2,
        _O.COMMAND_FAILED,
        _DASH_LIVE,
        "A failed redirection, even of a regular command, gives 2.",
    ),
    ExitRule(
        "dash/command-exited",
        _DASH,
        _S.COMMAND_EXITED,
        CodeFrom.COMMAND,
        None,
        _O.COMMAND_FAILED,
        _DASH_LIVE,
        "The status of the last command is the shell's status.",
    ),
    ExitRule(
        "dash/command-signaled",
        _DASH,
        _S.COMMAND_SIGNALED,
        CodeFrom.COMMAND,
        None,
        _O.SIGNALED,
        f"{_POSIX_282} (>128); {_DASH_LIVE}",
        "A command killed by signal n gives $? = 128+n; dash -c does not exec its last"
        " command, so dash itself exits 128+n.",
    ),
    ExitRule(
        "dash/exit-builtin",
        _DASH,
        _S.EXIT_BUILTIN,
        CodeFrom.EXIT_ARGUMENT,
        None,
        _O.COMMAND_FAILED,
        _DASH_EXIT,
        "exit N exits with N & 0xFF for N in 0..2147483647: exit 300 is 44.",
    ),
    ExitRule(
        "dash/bad-exit-argument",
        _DASH,
        _S.BAD_EXIT_ARGUMENT,
        _FIXED,
        2,
        _O.USAGE_ERROR,
        _DASH_EXIT,
        "exit with an argument that is not a decimal in 0..2147483647 exits 2"
        " ('Illegal number'): dash's exit -1 is 2.",
    ),
)


EXIT_RULES: tuple[ExitRule, ...] = (
    *_runner_rows(
        Wrapper.CHROOT, tool_failed="for example NEWROOT does not exist", no_command=None
    ),
    *_runner_rows(Wrapper.ENV, tool_failed="for example env -C DIR cannot chdir", no_command=0),
    *_runner_rows(
        Wrapper.NICE,
        tool_failed="setting the niceness fails other than for permissions",
        no_command=0,
    ),
    *_without_posix_variant(
        _runner_rows(
            Wrapper.NOHUP, tool_failed="it cannot open nohup.out for a tty", no_command=None
        )
    ),
    *_nohup_posix_rows(),
    *(
        attrs.evolve(
            row,
            summary=row.summary[:-1] + ", and also when no -i/-o/-e option is given,"
            " even if COMMAND is missing.",
            source=row.source + "; coreutils src/stdbuf.c: 'you must specify a buffering mode'",
        )
        if row.situation is _W.USAGE_ERROR
        else row
        for row in _runner_rows(
            Wrapper.STDBUF, tool_failed="it cannot find libstdbuf.so", no_command=None
        )
    ),
    *_timeout_rows(),
    *_SHELL_RULES,
)
"""Every modelled convention, one row each, in matching order (the first row whose
tool, situation and conditions match wins)."""


# --------------------------------------------------------------------------- arguments


def _member(enum_type: type[_E], value: object, what: str) -> _E:
    if isinstance(value, enum_type):
        return value
    if isinstance(value, str) and issubclass(type(value), str):
        text = str.__str__(value)  # an exact str: a subclass's __eq__ is never called
        for member in enum_type:
            if text in (member.value, member.name):
                return member
    choices = ", ".join(repr(member.value) for member in enum_type)
    raise InvalidArgumentError(f"unknown {what} {describe(value)}; expected one of {choices}")


def _flag(value: object, what: str) -> bool:
    if not isinstance(value, bool):
        raise InvalidArgumentError(f"{what} must be a bool, not {describe(value)}")
    return value


def _signal(value: int | str | None, default: int | None = None) -> int | None:
    """A Linux signal number from a number or a name (GNU tools run on Linux here)."""
    if value is None:
        return default
    if isinstance(value, str) and issubclass(type(value), str):
        number = signal_number(value)
        if number is None:
            raise InvalidArgumentError(f"unknown signal name {describe(value)}")
        return number
    if isinstance(value, bool) or not isinstance(value, int) or not issubclass(type(value), int):
        raise InvalidArgumentError(f"signal must be an int or a name, not {describe(value)}")
    number = int.__int__(value)
    if not 0 < number < _SIGNAL_BASE or signal_name(number) is None:
        raise InvalidArgumentError(f"{describe(number)} is not a Linux signal number")
    return number


def _status(value: int | None, what: str = "command_status") -> int | None:
    if value is None:
        return None
    exact = isinstance(value, int) and issubclass(type(value), int) and not isinstance(value, bool)
    number = int.__int__(value) if exact else None
    if number is None or not 0 <= number <= 255:
        raise InvalidArgumentError(
            f"{what} must be an int in 0..255 (what the parent sees; see"
            f" conversions.truncate_status), not {describe(value)}"
        )
    return number


def _first(rows: Iterable[ExitRule], what: str) -> ExitRule:
    for row in rows:
        return row
    raise InvalidArgumentError(f"no rule for {what}")


# --------------------------------------------------------------------------- wrappers


def wrapper_rule(
    tool: Wrapper | str,
    situation: WrapperSituation | str,
    *,
    signal: int | str | None = None,
    preserve_status: bool = False,
    posixly_correct: bool = False,
    foreground: bool = False,
) -> ExitRule:
    """The row of :data:`EXIT_RULES` that decides *tool*'s code in *situation*.

    Args:
        tool: the wrapper (a :class:`Wrapper` or its name).
        situation: what happened (a :class:`WrapperSituation` or its value).
        signal: for ``TIMED_OUT``, the ``-s`` signal (default TERM); for
            ``COMMAND_SIGNALED``, the signal that killed COMMAND. A Linux number
            or a name.
        preserve_status: ``timeout --preserve-status`` was given.
        posixly_correct: ``POSIXLY_CORRECT`` is set in the environment.
        foreground: ``timeout --foreground`` was given.

    Raises:
        InvalidArgumentError: an unknown tool, situation or signal; a
            ``timeout`` option with another tool; a situation the tool does not
            have (``env`` cannot time out).

    >>> wrapper_rule("timeout", "timed_out", signal="KILL").id
    'timeout/timed-out-kill'
    """
    tool = _member(Wrapper, tool, "wrapper")
    situation = _member(WrapperSituation, situation, "wrapper situation")
    preserve_status = _flag(preserve_status, "preserve_status")
    posixly_correct = _flag(posixly_correct, "posixly_correct")
    foreground = _flag(foreground, "foreground")
    if tool is not Wrapper.TIMEOUT and (preserve_status or foreground):
        raise InvalidArgumentError(
            f"preserve_status and foreground are timeout options, not {tool.value}'s"
        )
    number = _signal(signal, _SIGTERM if situation is _W.TIMED_OUT else None)
    kill = number == _SIGKILL if situation is _W.TIMED_OUT else None
    rows = (
        row
        for row in EXIT_RULES
        if row.tool is tool
        and row.situation is situation
        and row._applies(posixly_correct, preserve_status, kill, foreground)
    )
    return _first(rows, f"{tool.value} in situation {situation.value}")


def wrapper_exit_code(
    tool: Wrapper | str,
    situation: WrapperSituation | str,
    *,
    command_status: int | None = None,
    signal: int | str | None = None,
    preserve_status: bool = False,
    posixly_correct: bool = False,
    foreground: bool = False,
) -> int:
    """The exit code a shell reports (``$?``) for *tool* in *situation*.

    Args:
        tool: the wrapper.
        situation: what happened.
        command_status: COMMAND's exit status (0..255), for ``COMMAND_EXITED``
            and for a timed-out COMMAND that caught the signal and exited
            (with ``preserve_status``).
        signal: see :func:`wrapper_rule`; required for ``COMMAND_SIGNALED``.
        preserve_status: ``timeout --preserve-status``.
        posixly_correct: ``POSIXLY_CORRECT`` is set.
        foreground: ``timeout --foreground``.

    Raises:
        InvalidArgumentError: see :func:`wrapper_rule`; also a missing
            ``command_status`` or ``signal`` that the situation needs.

    >>> wrapper_exit_code("env", "not_invocable"), wrapper_exit_code("env", "not_found")
    (126, 127)
    >>> wrapper_exit_code("nice", "command_exited", command_status=3)
    3
    >>> wrapper_exit_code("timeout", "timed_out", preserve_status=True, signal="INT")
    130
    >>> wrapper_exit_code("timeout", "killed_after_timeout")
    137
    """
    rule = wrapper_rule(
        tool,
        situation,
        signal=signal,
        preserve_status=preserve_status,
        posixly_correct=posixly_correct,
        foreground=foreground,
    )
    status = _status(command_status)
    if rule.code_from is CodeFrom.FIXED:
        assert rule.exit_code is not None
        return rule.exit_code
    if rule.situation is _W.COMMAND_EXITED:
        if status is None:
            raise InvalidArgumentError("COMMAND_EXITED needs command_status=")
        return status
    if rule.situation is _W.COMMAND_SIGNALED:
        number = _signal(signal)
        if number is None:
            raise InvalidArgumentError("COMMAND_SIGNALED needs signal=")
        return _SIGNAL_BASE + number
    # timed out with --preserve-status: COMMAND's status, or 128 + the signal sent
    if status is not None:
        return status
    sent = _signal(signal, _SIGTERM)
    assert sent is not None
    return _SIGNAL_BASE + sent


def wrapper_returncode(
    tool: Wrapper | str,
    situation: WrapperSituation | str,
    *,
    command_status: int | None = None,
    signal: int | str | None = None,
    preserve_status: bool = False,
    posixly_correct: bool = False,
    foreground: bool = False,
) -> int:
    """What :class:`subprocess.Popen` reports as ``returncode`` for the same run.

    The same as :func:`wrapper_exit_code`, except where the process dies of a
    signal instead of exiting (:attr:`ExitRule.ends_by_signal`): then Python
    reports ``-n`` where a shell reports ``128+n``.

    >>> wrapper_returncode("timeout", "timed_out", signal="KILL")
    -9
    >>> wrapper_returncode("timeout", "timed_out", signal="KILL", foreground=True)
    137
    """
    code = wrapper_exit_code(
        tool,
        situation,
        command_status=command_status,
        signal=signal,
        preserve_status=preserve_status,
        posixly_correct=posixly_correct,
        foreground=foreground,
    )
    rule = wrapper_rule(
        tool,
        situation,
        signal=signal,
        preserve_status=preserve_status,
        posixly_correct=posixly_correct,
        foreground=foreground,
    )
    return _SIGNAL_BASE - code if rule.ends_by_signal else code


# --------------------------------------------------------------------------- shells

_C_SPACE = " \t\n\v\f\r"
_INTMAX_DIGITS = len(str(INT64_MAX))  # 19: a longer number overflows intmax_t
_LEADING_NUMBER = re.compile(r"[ \t\n\v\f\r]*([+-]?[0-9]+)")


def _exit_argument(shell: Shell, text: str) -> int | None:
    """The number *text* means to *shell*'s ``exit``, or ``None`` if it rejects it.

    Both shells read it with ``strtoimax(text, &end, 10)`` (leading white space
    and a sign allowed, decimal only, overflow rejected) and allow trailing
    white space: bash only blanks (``legal_number``), dash any ``isspace``
    (``atomax``). dash then rejects values outside ``0..INT_MAX`` (``number``).
    """
    match = _LEADING_NUMBER.match(text)
    if match is None:
        return None
    trailing = " \t" if shell is Shell.BASH else _C_SPACE
    if text[match.end() :].lstrip(trailing):
        return None
    word = match.group(1)
    sign = word[:1] if word[:1] in "+-" else ""
    digits = word[len(sign) :].lstrip("0") or "0"
    if len(digits) > _INTMAX_DIGITS:  # strtoimax overflows (ERANGE); int() is never asked
        return None
    value = int(sign + digits)
    if not INT64_MIN <= value <= INT64_MAX:
        return None
    if shell is Shell.DASH and not 0 <= value <= _INT_MAX:
        return None
    return value


def _exit_word(argument: object) -> str:
    """The word after ``exit`` as an exact str."""
    if isinstance(argument, str) and issubclass(type(argument), str):
        return str.__str__(argument)
    if isinstance(argument, int) and issubclass(type(argument), int) and type(argument) is not bool:
        number = int.__int__(argument)
        if not INT64_MIN <= number <= INT64_MAX:  # str() of it may not even be allowed:
            # the shell sees a word that overflows intmax_t, as this one does
            return str(INT64_MIN - 1) if number < 0 else str(INT64_MAX + 1)
        return str(number)
    raise InvalidArgumentError(f"exit argument must be a str or an int, not {describe(argument)}")


def exit_builtin_status(shell: Shell | str, argument: str | int) -> int:
    """The status *shell* exits with for ``exit ARGUMENT`` (one word).

    bash takes any int64 and keeps the low 8 bits (``exit -1`` is 255); dash
    takes only ``0..2147483647`` and exits 2 ("Illegal number") otherwise; both
    exit 2 for a word that is not a decimal number (``exit foo``, ``exit 0x10``).

    Raises:
        InvalidArgumentError: an unknown shell; *argument* is neither a str
            nor an int; bash's ``--`` (which means no argument at all).

    >>> exit_builtin_status("bash", "300"), exit_builtin_status("dash", 300)
    (44, 44)
    >>> exit_builtin_status("bash", "foo"), exit_builtin_status("dash", "2147483648")
    (2, 2)
    """
    shell = _member(Shell, shell, "shell")
    text = _exit_word(argument)
    if shell is Shell.BASH and text == "--":
        raise InvalidArgumentError(
            "bash reads 'exit --' as exit without an argument: the last command's status"
        )
    value = _exit_argument(shell, text)
    if value is None:
        rule = shell_rule(shell, _S.BAD_EXIT_ARGUMENT)
        assert rule.exit_code is not None
        return rule.exit_code
    return value & 0xFF


def shell_rule(
    shell: Shell | str, situation: ShellSituation | str, *, argument: str | int | None = None
) -> ExitRule:
    """The row of :data:`EXIT_RULES` for *shell* in *situation*.

    For ``EXIT_BUILTIN`` with an *argument* the shell rejects, the
    ``BAD_EXIT_ARGUMENT`` row.

    >>> shell_rule("dash", "exit_builtin", argument="-1").id
    'dash/bad-exit-argument'
    """
    shell = _member(Shell, shell, "shell")
    situation = _member(ShellSituation, situation, "shell situation")
    if situation is _S.EXIT_BUILTIN and argument is not None:
        exit_builtin_status(shell, argument)  # checks the argument
        if _exit_argument(shell, _exit_word(argument)) is None:
            situation = _S.BAD_EXIT_ARGUMENT
    rows = (row for row in EXIT_RULES if row.tool is shell and row.situation is situation)
    return _first(rows, f"{shell.value} in situation {situation.value}")


def shell_exit_code(
    shell: Shell | str,
    situation: ShellSituation | str,
    *,
    command_status: int | None = None,
    signal: int | str | None = None,
    argument: str | int | None = None,
) -> int:
    """The status (``$?``, and the shell's exit status) for *shell* in *situation*.

    Args:
        shell: bash or dash.
        situation: what happened.
        command_status: the last command's status, for ``COMMAND_EXITED``.
        signal: the signal that killed the last command, for ``COMMAND_SIGNALED``.
        argument: the word after ``exit``, for ``EXIT_BUILTIN``.

    Raises:
        InvalidArgumentError: an unknown shell, situation or signal, or a
            missing argument the situation needs.

    >>> shell_exit_code("bash", "not_found"), shell_exit_code("dash", "not_invocable")
    (127, 126)
    >>> shell_exit_code("bash", "unset_variable"), shell_exit_code("dash", "unset_variable")
    (127, 2)
    >>> shell_exit_code("dash", "command_signaled", signal="SEGV")
    139
    """
    rule = shell_rule(shell, situation, argument=argument)
    if rule.code_from is CodeFrom.FIXED:
        assert rule.exit_code is not None
        return rule.exit_code
    if rule.code_from is CodeFrom.EXIT_ARGUMENT:
        if argument is None:
            raise InvalidArgumentError("EXIT_BUILTIN needs argument=")
        return exit_builtin_status(rule.tool.value, argument)
    if rule.situation is _S.COMMAND_SIGNALED:
        number = _signal(signal)
        if number is None:
            raise InvalidArgumentError("COMMAND_SIGNALED needs signal=")
        return _SIGNAL_BASE + number
    status = _status(command_status)
    if status is None:
        raise InvalidArgumentError("COMMAND_EXITED needs command_status=")
    return status


# --------------------------------------------------------------------------- reading a status


@attrs.frozen
class StatusReading:
    """What an exit status from a wrapper or a shell means.

    Attributes:
        tool: the wrapper or shell that exited.
        status: the status as given (``$?``, or a negative Python ``returncode``).
        exit_code: the status as a shell reports it (0..255).
        outcome: what most likely happened (decided by the first rule).
        signal: the signal that ended the command, when the outcome is
            ``SIGNALED`` and the code says which (not for ``timeout``'s 124).
        situations: every situation that gives this code, most likely first:
            the tool's own fixed codes, then signal codes, then COMMAND's own
            status (which can be any code).
        rules: the ids of the matching rows, in the same order.
        reason: one plain sentence.
    """

    tool: Wrapper | Shell
    status: int
    exit_code: int
    outcome: ExitOutcome
    signal: int | None
    situations: tuple[WrapperSituation | ShellSituation, ...]
    rules: tuple[str, ...]
    reason: str

    @property
    def rule(self) -> str:
        """The id of the rule that decided the outcome."""
        return self.rules[0]


def _reading(tool: Wrapper | Shell, status: int, rows: list[ExitRule]) -> StatusReading:
    code = returncode_to_shell_code(status)  # validates: an int in -126..255
    status = int.__int__(status)
    matching = sorted(
        (row for row in rows if row.produces(code)),
        key=lambda row: (not row.distinctive, row._rank(code)),
    )
    if not matching:  # pragma: no cover - every tool has a COMMAND_EXITED row
        raise AssertionError(f"no rule for {tool} {code}")
    first = matching[0]
    outcome = first.outcome
    if first.code_from is not CodeFrom.FIXED and code == 0:
        outcome = ExitOutcome.SUCCESS
    signal = None
    if outcome is ExitOutcome.SIGNALED and code > _SIGNAL_BASE:
        number = code - _SIGNAL_BASE
        signal = number if signal_name(number) is not None else None
    situations: list[WrapperSituation | ShellSituation] = []
    for row in matching:
        if row.situation not in situations:
            situations.append(row.situation)
    shown = str(code) if code == status else f"{code} (returncode {status})"
    reason = f"{tool.value} exited {shown}: {first.summary}"
    others = [situation.value.replace("_", " ") for situation in situations[1:]]
    if others:
        reason += f" The same code can also mean: {', '.join(others)}."
    return StatusReading(
        tool,
        status,
        code,
        outcome,
        signal,
        tuple(situations),
        tuple(row.id for row in matching),
        reason,
    )


def classify_wrapper_status(
    tool: Wrapper | str,
    status: int,
    *,
    preserve_status: bool | None = False,
    posixly_correct: bool | None = False,
) -> StatusReading:
    """What an exit status of *tool* means.

    ``timeout``'s 124 is read as :attr:`~exitcodes.ExitOutcome.SIGNALED`: COMMAND did not
    finish on its own, timeout stopped it with a signal (TERM unless ``-s``).
    125 is :attr:`~exitcodes.ExitOutcome.ENGINE_ERROR` (the wrapper failed around the
    command, like ``docker run``'s 125), or a usage error.

    Args:
        tool: the wrapper.
        status: ``$?`` (0..255) or a Python ``returncode`` (``-n`` for signal n).
        preserve_status: whether ``timeout --preserve-status`` was given;
            ``None`` when unknown (both readings are listed).
        posixly_correct: whether ``POSIXLY_CORRECT`` was set; ``None`` when unknown.

    Raises:
        InvalidArgumentError: an unknown tool, or a flag that is not a bool or None.
        MalformedEvidenceError: *status* is not an int in ``-126..255``.

    >>> r = classify_wrapper_status("timeout", -9)
    >>> r.exit_code, r.outcome, r.signal, r.rule
    (137, ExitOutcome.SIGNALED, 9, 'timeout/timed-out-kill')
    >>> classify_wrapper_status("env", 127).outcome
    ExitOutcome.NOT_FOUND
    >>> classify_wrapper_status("nohup", 127, posixly_correct=None).situations
    (WrapperSituation.NOT_FOUND, WrapperSituation.TOOL_FAILED,
     WrapperSituation.USAGE_ERROR, WrapperSituation.NO_COMMAND,
     WrapperSituation.COMMAND_EXITED)
    """
    tool = _member(Wrapper, tool, "wrapper")
    preserve = None if preserve_status is None else _flag(preserve_status, "preserve_status")
    posix = None if posixly_correct is None else _flag(posixly_correct, "posixly_correct")
    rows = [
        row for row in EXIT_RULES if row.tool is tool and row._applies(posix, preserve, None, None)
    ]
    return _reading(tool, status, rows)


def classify_shell_status(shell: Shell | str, status: int) -> StatusReading:
    """What an exit status of *shell* (or its ``$?``) means.

    >>> classify_shell_status("bash", 127).situations
    (ShellSituation.NOT_FOUND, ShellSituation.SCRIPT_NOT_FOUND,
     ShellSituation.UNSET_VARIABLE, ShellSituation.COMMAND_EXITED,
     ShellSituation.EXIT_BUILTIN)
    >>> classify_shell_status("dash", 2).outcome
    ExitOutcome.USAGE_ERROR
    >>> classify_shell_status("dash", -15).signal
    15
    """
    shell = _member(Shell, shell, "shell")
    return _reading(shell, status, [row for row in EXIT_RULES if row.tool is shell])
