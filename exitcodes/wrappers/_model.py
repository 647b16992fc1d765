"""The tools, situations and the row type every convention is written in."""

from __future__ import annotations

import enum
from typing import TypeVar

import attrs

from exitcodes._enums import NamedEnum
from exitcodes.conversions import (
    signal_name,
)
from exitcodes.outcome import ExitOutcome

SIGNAL_BASE = 128
SIGTERM = 15
SIGKILL = 9
INT_MAX = 2**31 - 1
EnumT = TypeVar("EnumT", bound=enum.Enum)


class Wrapper(NamedEnum):
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


class Shell(NamedEnum):
    """A POSIX shell whose exit statuses are modelled."""

    BASH = "bash"
    """GNU bash (checked: 5.2.15)."""
    DASH = "dash"
    """dash, ``/bin/sh`` on Debian and Ubuntu (checked: 0.5.12)."""


class WrapperSituation(NamedEnum):
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


class ShellSituation(NamedEnum):
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


class CodeFrom(NamedEnum):
    """Where a row's exit code comes from."""

    FIXED = "fixed"
    """The row's :attr:`ExitRule.exit_code`."""
    COMMAND = "command"
    """The command's own status: ``command_status``, or ``128 + signal``."""
    EXIT_ARGUMENT = "exit_argument"
    """The ``exit`` builtin's argument, truncated to 8 bits (:func:`exit_builtin_status`)."""


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
            return code > SIGNAL_BASE and signal_name(code - SIGNAL_BASE) is not None
        return True

    def _rank(self, code: int) -> int:
        """How specific this row is for *code*: fixed codes first, then signal deaths."""
        if self.code_from is CodeFrom.FIXED:
            return 0
        signal_code = code > SIGNAL_BASE and signal_name(code - SIGNAL_BASE) is not None
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
