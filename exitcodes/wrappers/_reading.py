"""Reading an exit status back: what a wrapper's or a shell's status means."""

from __future__ import annotations

import attrs

from exitcodes.conversions import (
    returncode_to_shell_code,
    signal_name,
)
from exitcodes.outcome import ExitOutcome
from exitcodes.wrappers._lookup import EXIT_RULES, bool_argument, enum_argument
from exitcodes.wrappers._model import (
    SIGNAL_BASE,
    CodeFrom,
    ExitRule,
    Shell,
    ShellSituation,
    Wrapper,
    WrapperSituation,
)


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
    if outcome is ExitOutcome.SIGNALED and code > SIGNAL_BASE:
        number = code - SIGNAL_BASE
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
    tool = enum_argument(Wrapper, tool, "wrapper")
    preserve = (
        None if preserve_status is None else bool_argument(preserve_status, "preserve_status")
    )
    posix = None if posixly_correct is None else bool_argument(posixly_correct, "posixly_correct")
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
    shell = enum_argument(Shell, shell, "shell")
    return _reading(shell, status, [row for row in EXIT_RULES if row.tool is shell])
