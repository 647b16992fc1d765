"""Wait statuses, shell and ksh93 codes, truncation, and Windows' signed and unsigned codes."""

from __future__ import annotations

import attrs

from exitcodes._enums import NamedEnum
from exitcodes._evidence import flag
from exitcodes.conversions._integers import (
    INT32_MIN,
    KSH_SIGNAL_BASE,
    MAX_WAIT_SIGNAL,
    SHELL_SIGNAL_BASE,
    UINT32,
    as_int,
)
from exitcodes.conversions._signals import SignalPlatform, signal_arg, signal_name
from exitcodes.errors import MalformedEvidenceError


class WaitKind(NamedEnum):
    """What a raw wait status reports."""

    EXITED = "exited"
    """The process called ``exit()`` (``WIFEXITED``)."""
    SIGNALED = "signaled"
    """A signal ended the process (``WIFSIGNALED``)."""
    STOPPED = "stopped"
    """A signal stopped the process (``WIFSTOPPED``; only with ``WUNTRACED`` or ptrace)."""
    CONTINUED = "continued"
    """SIGCONT resumed the process (``WIFCONTINUED``; only with ``WCONTINUED``)."""


@attrs.frozen
class WaitStatus:
    """A raw wait status, decoded.

    Attributes:
        raw: the status as ``os.waitpid`` returned it.
        kind: what it reports.
        exit_status: ``WEXITSTATUS`` for :attr:`WaitKind.EXITED`, else ``None``.
        signal: ``WTERMSIG`` or ``WSTOPSIG`` (SIGCONT for continued), else ``None``.
        core_dumped: ``WCOREDUMP``: the kernel wrote a core file.
    """

    raw: int
    kind: WaitKind
    exit_status: int | None = None
    signal: int | None = None
    core_dumped: bool = False

    @property
    def exit_code(self) -> int:
        """What :func:`os.waitstatus_to_exitcode` returns: ``N`` or ``-signal``.

        Raises:
            MalformedEvidenceError: the status is a stop or a continue, which
                has no exit code.
        """
        if self.exit_status is not None:
            return self.exit_status
        if self.kind is WaitKind.SIGNALED and self.signal is not None:
            return -self.signal
        raise MalformedEvidenceError(
            f"wait status {self.raw} ({self.raw:#06x}) reports a process {self.kind.value}"
            f" (signal {self.signal}), not one that ended: it has no exit code"
        )


def decode_wait_status(status: int) -> WaitStatus:
    """Decode a raw wait status with the Linux (glibc) macros, as CPython does.

    The high byte is ``WEXITSTATUS``, the low 7 bits ``WTERMSIG``, bit 7
    ``WCOREDUMP``; a low byte of ``0x7F`` means stopped, ``0xFFFF`` continued.

    Args:
        status: the status from :func:`os.waitpid` or :func:`os.wait`.

    Raises:
        MalformedEvidenceError: *status* is not an int in ``0..0xFFFF`` (no
            kernel reports anything outside 16 bits for an ended process,
            although CPython masks such values instead), or its low byte is
            ``0xFF`` without being ``0xFFFF``.

    >>> decode_wait_status(0x2A00)
    WaitStatus(raw=10752, kind=WaitKind.EXITED, exit_status=42, signal=None, core_dumped=False)
    >>> decode_wait_status(0x0086).signal, decode_wait_status(0x0086).core_dumped
    (6, True)
    >>> decode_wait_status(0x137F).kind
    WaitKind.STOPPED
    """
    status = as_int(status, "wait status", 0, 0xFFFF)
    low7 = status & 0x7F
    if low7 == 0:
        return WaitStatus(status, WaitKind.EXITED, exit_status=status >> 8)
    if low7 <= MAX_WAIT_SIGNAL:
        return WaitStatus(status, WaitKind.SIGNALED, signal=low7, core_dumped=bool(status & 0x80))
    if status & 0xFF == 0x7F:
        return WaitStatus(status, WaitKind.STOPPED, signal=status >> 8)
    if status == 0xFFFF:
        return WaitStatus(status, WaitKind.CONTINUED, signal=18)  # Linux SIGCONT
    raise MalformedEvidenceError(f"invalid wait status: {status} ({status:#06x})")


def wait_status_to_exit_code(status: int) -> int:
    """:func:`os.waitstatus_to_exitcode` on every platform: ``N`` or ``-signal``.

    Exited with ``N`` gives ``N``; killed by signal ``S`` gives ``-S`` (with or
    without a core dump). For every status in ``0..0xFFFF`` the answer (or the
    ``ValueError``) is the one CPython gives on Linux; the tests check all of them.

    Raises:
        MalformedEvidenceError: not an int in ``0..0xFFFF``, a stopped or
            continued status, or an invalid one.

    >>> wait_status_to_exit_code(0x7F00), wait_status_to_exit_code(0x008B)
    (127, -11)
    >>> wait_status_to_exit_code(0x137F)
    Traceback (most recent call last):
    ...
    exitcodes.errors.MalformedEvidenceError: wait status 4991 (0x137f) reports a process stopped ...
    """
    return decode_wait_status(status).exit_code


def exited_wait_status(exit_status: int) -> int:
    """The raw wait status of a process that exited with *exit_status* (0..255).

    >>> hex(exited_wait_status(3))
    '0x300'
    """
    return as_int(exit_status, "exit status", 0, 255) << 8


def signaled_wait_status(
    signal: int | str,
    *,
    core_dumped: bool = False,
    platform: SignalPlatform | str = SignalPlatform.LINUX,
) -> int:
    """The raw wait status of a process killed by *signal* (1..126, or a name).

    Raises:
        InvalidArgumentError: *core_dumped* is not a bool (a flag is never read by
            truthiness: ``"no"`` or ``[0]`` would set it), or *signal* is no signal.

    >>> signaled_wait_status("SEGV", core_dumped=True)
    139
    """
    dumped = flag(core_dumped, "core_dumped")
    number = signal_arg(signal, platform)
    return number | (0x80 if dumped else 0)


# --------------------------------------------------------------------------- shells and Python


def shell_code_from_signal(
    signal: int | str, platform: SignalPlatform | str = SignalPlatform.LINUX
) -> int:
    """The ``$?`` a POSIX shell reports for a command killed by *signal*: ``128 + n``.

    Source: POSIX XCU 2.8.2 (">128"); the bash manual, "Exit Status" (``128+N``).

    Args:
        signal: a number in ``1..126``, or a name looked up on *platform*.
        platform: whose numbering names use.

    >>> shell_code_from_signal(9), shell_code_from_signal("TERM")
    (137, 143)
    >>> shell_code_from_signal("USR1", SignalPlatform.DARWIN)
    158
    """
    return SHELL_SIGNAL_BASE + signal_arg(signal, platform)


def signal_from_shell_code(
    code: int, platform: SignalPlatform | str = SignalPlatform.LINUX
) -> int | None:
    """The signal a ``$?`` of ``128 + n`` stands for, if ``n`` is a signal on *platform*.

    It cannot tell a command killed by SIGKILL from one that ran ``exit 137``.

    Raises:
        MalformedEvidenceError: *code* is not an int in ``0..255``.

    >>> signal_from_shell_code(143), signal_from_shell_code(1), signal_from_shell_code(200)
    (15, None, None)
    """
    code = as_int(code, "shell exit code", 0, 255)
    number = code - SHELL_SIGNAL_BASE
    if number < 1 or signal_name(number, platform) is None:
        return None
    return number


def returncode_to_shell_code(returncode: int) -> int:
    """A :class:`subprocess.Popen` ``returncode`` as a shell would report it.

    CPython reports a child killed by signal ``n`` as ``-n``; a shell reports
    ``128 + n``. Non-negative codes are unchanged.

    Raises:
        MalformedEvidenceError: *returncode* is not an int in ``-126..255``
            (a Windows code above 255 never reaches a POSIX shell whole: see
            :func:`truncate_status`).

    >>> returncode_to_shell_code(-9), returncode_to_shell_code(-15), returncode_to_shell_code(3)
    (137, 143, 3)
    """
    returncode = as_int(returncode, "returncode", -MAX_WAIT_SIGNAL, 255)
    return SHELL_SIGNAL_BASE - returncode if returncode < 0 else returncode


def ksh_code_from_signal(
    signal: int | str, platform: SignalPlatform | str = SignalPlatform.LINUX
) -> int:
    """The ``$?`` ksh93 reports for a command killed by *signal*: ``256 + n``.

    Source: ksh93 (AT&T ast) reports a signal death as ``256+n`` rather than
    ``128+n`` (reference notes, section 5.2).

    >>> ksh_code_from_signal(9)
    265
    """
    return KSH_SIGNAL_BASE + signal_arg(signal, platform)


def signal_from_ksh_code(code: int) -> int | None:
    """The signal a ksh93 ``$?`` stands for (``256 + n``), or ``None`` for an exit status.

    Raises:
        MalformedEvidenceError: *code* is not an int in ``0..255`` or ``257..382``.

    >>> signal_from_ksh_code(265), signal_from_ksh_code(137)
    (9, None)
    """
    code = _ksh_code(code)
    return code - KSH_SIGNAL_BASE if code > KSH_SIGNAL_BASE else None


def ksh_code_to_shell_code(code: int) -> int:
    """A ksh93 ``$?`` as bash or dash would write it: ``256 + n`` becomes ``128 + n``.

    Raises:
        MalformedEvidenceError: *code* is not an int in ``0..255`` or ``257..382``.

    >>> ksh_code_to_shell_code(265), ksh_code_to_shell_code(137)
    (137, 137)
    """
    code = _ksh_code(code)
    if code > KSH_SIGNAL_BASE:
        return code - SHELL_SIGNAL_BASE
    return code


def _ksh_code(code: int) -> int:
    code = as_int(code, "ksh exit code", 0, KSH_SIGNAL_BASE + MAX_WAIT_SIGNAL)
    if code == KSH_SIGNAL_BASE:
        raise MalformedEvidenceError(
            "ksh exit code 256 would be 256 + signal 0, which is no signal"
        )
    return code


def truncate_status(status: int) -> int:
    """The exit code a POSIX parent sees when a process calls ``exit(status)``.

    Only the low 8 bits survive: ``exit(256)`` is 0, ``exit(300)`` is 44,
    ``exit(-1)`` (C, Go's ``os.Exit(-1)``, Python's ``sys.exit(-1)``, bash's
    ``exit -1``) is 255, and a Windows code keeps its low byte (0xC000013A is 58).

    Raises:
        MalformedEvidenceError: *status* is not an int in int64.

    >>> truncate_status(256), truncate_status(300), truncate_status(-1), truncate_status(0xC000013A)
    (0, 44, 255, 58)
    """
    return as_int(status, "exit status") & 0xFF


# --------------------------------------------------------------------------- Windows


def windows_unsigned(code: int) -> int:
    """A 32-bit Windows exit code as the unsigned value ``docker inspect`` shows.

    Raises:
        MalformedEvidenceError: *code* is not an int in ``-2**31..2**32-1``.

    >>> windows_unsigned(-1073741510), windows_unsigned(-1), windows_unsigned(3)
    (3221225786, 4294967295, 3)
    """
    return as_int(code, "Windows exit code", INT32_MIN, UINT32 - 1) % UINT32


def windows_signed(code: int) -> int:
    """A 32-bit Windows exit code as a signed int (what ``%ERRORLEVEL%`` shows).

    Raises:
        MalformedEvidenceError: *code* is not an int in ``-2**31..2**32-1``.

    >>> windows_signed(3221225786), windows_signed(0xFFFFFFFF), windows_signed(3)
    (-1073741510, -1, 3)
    """
    unsigned = windows_unsigned(code)
    return unsigned - UINT32 if unsigned >= UINT32 // 2 else unsigned
