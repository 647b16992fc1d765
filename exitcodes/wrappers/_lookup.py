"""All rows in matching order, and the lookups: the code a tool exits with, in a situation."""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from exitcodes.conversions import (
    INT64_MAX,
    INT64_MIN,
    signal_name,
    signal_number,
)
from exitcodes.errors import InvalidArgumentError, describe
from exitcodes.wrappers._model import (
    INT_MAX,
    SIGKILL,
    SIGNAL_BASE,
    SIGTERM,
    CodeFrom,
    EnumT,
    ExitRule,
    Shell,
    ShellSituation,
    Wrapper,
    WrapperSituation,
)
from exitcodes.wrappers._shell_rows import SHELL_RULES
from exitcodes.wrappers._wrapper_rows import (
    nohup_posix_rows,
    runner_rows,
    timeout_rows,
    without_posix_variant,
)

_W = WrapperSituation
_S = ShellSituation

EXIT_RULES: tuple[ExitRule, ...] = (
    *runner_rows(Wrapper.CHROOT, tool_failed="for example NEWROOT does not exist", no_command=None),
    *runner_rows(Wrapper.ENV, tool_failed="for example env -C DIR cannot chdir", no_command=0),
    *runner_rows(
        Wrapper.NICE,
        tool_failed="setting the niceness fails other than for permissions",
        no_command=0,
    ),
    *without_posix_variant(
        runner_rows(
            Wrapper.NOHUP, tool_failed="it cannot open nohup.out for a tty", no_command=None
        )
    ),
    *nohup_posix_rows(),
    *(
        attrs.evolve(
            row,
            summary=row.summary[:-1] + ", and also when no -i/-o/-e option is given,"
            " even if COMMAND is missing.",
            source=row.source + "; coreutils src/stdbuf.c: 'you must specify a buffering mode'",
        )
        if row.situation is _W.USAGE_ERROR
        else row
        for row in runner_rows(
            Wrapper.STDBUF, tool_failed="it cannot find libstdbuf.so", no_command=None
        )
    ),
    *timeout_rows(),
    *SHELL_RULES,
)


# --------------------------------------------------------------------------- arguments


def enum_argument(enum_type: type[EnumT], value: object, what: str) -> EnumT:
    if isinstance(value, enum_type):
        return value
    if isinstance(value, str) and issubclass(type(value), str):
        text = str.__str__(value)  # an exact str: a subclass's __eq__ is never called
        for member in enum_type:
            if text in (member.value, member.name):
                return member
    choices = ", ".join(repr(member.value) for member in enum_type)
    raise InvalidArgumentError(f"unknown {what} {describe(value)}; expected one of {choices}")


def bool_argument(value: object, what: str) -> bool:
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
    if not 0 < number < SIGNAL_BASE or signal_name(number) is None:
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
    tool = enum_argument(Wrapper, tool, "wrapper")
    situation = enum_argument(WrapperSituation, situation, "wrapper situation")
    preserve_status = bool_argument(preserve_status, "preserve_status")
    posixly_correct = bool_argument(posixly_correct, "posixly_correct")
    foreground = bool_argument(foreground, "foreground")
    if tool is not Wrapper.TIMEOUT and (preserve_status or foreground):
        raise InvalidArgumentError(
            f"preserve_status and foreground are timeout options, not {tool.value}'s"
        )
    number = _signal(signal, SIGTERM if situation is _W.TIMED_OUT else None)
    kill = number == SIGKILL if situation is _W.TIMED_OUT else None
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
    return _rule_exit_code(rule, command_status, signal)


def _exited_status(status: int | None) -> int:
    """COMMAND's own status, as :func:`_status` read it, which ``COMMAND_EXITED`` needs."""
    if status is None:
        raise InvalidArgumentError("COMMAND_EXITED needs command_status=")
    return status


def _signaled_status(signal: int | str | None) -> int:
    """``128+n`` for the signal *n* that killed COMMAND, which ``COMMAND_SIGNALED`` needs."""
    number = _signal(signal)
    if number is None:
        raise InvalidArgumentError("COMMAND_SIGNALED needs signal=")
    return SIGNAL_BASE + number


def _rule_exit_code(rule: ExitRule, command_status: int | None, signal: int | str | None) -> int:
    """The exit code *rule* gives for this COMMAND status and signal (see wrapper_exit_code)."""
    status = _status(command_status)
    if rule.code_from is CodeFrom.FIXED:
        assert rule.exit_code is not None
        return rule.exit_code
    if rule.situation is _W.COMMAND_EXITED:
        return _exited_status(status)
    if rule.situation is _W.COMMAND_SIGNALED:
        return _signaled_status(signal)
    # timed out with --preserve-status: COMMAND's status, or 128 + the signal sent
    if status is not None:
        return status
    sent = _signal(signal, SIGTERM)
    assert sent is not None
    return SIGNAL_BASE + sent


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
    rule = wrapper_rule(
        tool,
        situation,
        signal=signal,
        preserve_status=preserve_status,
        posixly_correct=posixly_correct,
        foreground=foreground,
    )
    code = _rule_exit_code(rule, command_status, signal)
    return SIGNAL_BASE - code if rule.ends_by_signal else code


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
    if shell is Shell.DASH and not 0 <= value <= INT_MAX:
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
    shell = enum_argument(Shell, shell, "shell")
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
    shell = enum_argument(Shell, shell, "shell")
    situation = enum_argument(ShellSituation, situation, "shell situation")
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
        return _signaled_status(signal)
    return _exited_status(_status(command_status))


# --------------------------------------------------------------------------- reading a status
