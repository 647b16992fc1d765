"""Conversions between the ways an exit status is written down.

One process ending is reported differently by each layer that sees it: the
kernel's raw wait status, a shell's ``$?`` (``128+n`` for signal ``n``, ksh93's
``256+n``), Python's ``Popen.returncode`` (``-n``), the 8 bits a POSIX parent
keeps of ``exit(300)``, and Windows' 32-bit codes (signed or unsigned, often an
NTSTATUS such as ``0xC000013A``). Signal numbers themselves differ between
Linux and the BSDs. This module converts between all of them.

Every function is pure and total: it takes any Python object, and returns an
answer or raises :class:`~exitcodes.errors.MalformedEvidenceError` (a
``ValueError``) whose message names the value, for bools, non-ints, and ints
outside the range the conversion defines (at most int64). The tables are data
and do not use the host's :mod:`signal` module: a macOS host that inspects a
Linux container must still use Linux numbers.

>>> from exitcodes import conversions as cv
>>> cv.wait_status_to_exit_code(0x0900), cv.wait_status_to_exit_code(0x0009)
(9, -9)
>>> cv.returncode_to_shell_code(-9), cv.signal_from_shell_code(137)
(137, 9)
>>> cv.truncate_status(300), cv.truncate_status(-1)
(44, 255)
>>> cv.windows_unsigned(-1073741510), cv.ntstatus(3221225786).name
(3221225786, 'STATUS_CONTROL_C_EXIT')
>>> cv.signal_number("SIGUSR1"), cv.signal_number("SIGUSR1", cv.SignalPlatform.DARWIN)
(10, 30)
"""

from __future__ import annotations

import enum
import re

import attrs

from exitcodes._evidence import flag
from exitcodes.errors import InvalidArgumentError, MalformedEvidenceError, describe

__all__ = [
    "INT64_MAX",
    "INT64_MIN",
    "MAX_WAIT_SIGNAL",
    "NTSTATUS_CODES",
    "SIGNALS",
    "LinuxSignal",
    "NtStatus",
    "SignalInfo",
    "SignalPlatform",
    "WaitKind",
    "WaitStatus",
    "decode_wait_status",
    "exited_wait_status",
    "ksh_code_from_signal",
    "ksh_code_to_shell_code",
    "ntstatus",
    "returncode_to_shell_code",
    "shell_code_from_signal",
    "signal_from_ksh_code",
    "signal_from_shell_code",
    "signal_info",
    "signal_name",
    "signal_number",
    "signal_platform",
    "signaled_wait_status",
    "truncate_status",
    "wait_status_to_exit_code",
    "windows_signed",
    "windows_unsigned",
]

INT64_MIN = -(2**63)
"""The smallest int any conversion accepts."""
INT64_MAX = 2**63 - 1
"""The largest int any conversion accepts."""
MAX_WAIT_SIGNAL = 126
"""The largest signal a wait status can carry (7 bits; ``0x7F`` marks "stopped")."""

_SHELL_SIGNAL_BASE = 128
_KSH_SIGNAL_BASE = 256
_UINT32 = 2**32
_INT32_MIN = -(2**31)


def _as_int(value: object, what: str, low: int = INT64_MIN, high: int = INT64_MAX) -> int:
    """*value* as a plain int in ``low..high``, or MalformedEvidenceError naming it."""
    if isinstance(value, bool) or not isinstance(value, int) or not issubclass(type(value), int):
        raise MalformedEvidenceError(
            f"{what} must be an int, not {type(value).__name__}: {describe(value)}"
        )
    number = int.__int__(value)  # an exact int: a subclass's own methods are never called
    if not low <= number <= high:
        raise MalformedEvidenceError(f"{what} {describe(number)} is outside {low}..{high}")
    return number


# --------------------------------------------------------------------------- signals


class SignalPlatform(enum.Enum):
    """Whose signal numbering to use. Linux is the default everywhere.

    The numbers 1-6, 8, 9, 11 and 13-15 are the same everywhere; the BSD
    family (macOS, FreeBSD) numbers SIGBUS, SIGSYS, SIGURG, SIGSTOP, SIGTSTP,
    SIGCONT, SIGCHLD, SIGIO, SIGUSR1 and SIGUSR2 differently from Linux.
    """

    LINUX = "linux"
    """Linux on x86, ARM, RISC-V, PowerPC and s390 (``include/uapi/asm-generic/signal.h``,
    ``arch/x86/include/uapi/asm/signal.h``; signal(7)); real-time signals 34-64 as
    glibc and bash name them. Alpha, MIPS, SPARC and PA-RISC number differently."""
    DARWIN = "darwin"
    """macOS (apple/darwin-xnu ``bsd/sys/signal.h``): 31 signals, no real-time ones."""
    FREEBSD = "freebsd"
    """FreeBSD (freebsd-src ``sys/sys/signal.h``): as macOS plus SIGTHR 32 and
    real-time signals 65-126."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"


_REALTIME = {SignalPlatform.LINUX: (34, 64), SignalPlatform.FREEBSD: (65, 126)}
_PLATFORM_ALIASES = {"macos": "darwin", "mac": "darwin"}


def signal_platform(platform: object) -> SignalPlatform:
    """*platform* as a :class:`SignalPlatform`: a member, its value or a profile's platform.

    ``"linux"``, ``"darwin"`` (or ``"macos"``) and ``"freebsd"`` are accepted in any
    case, and so is an enum member whose value is one of them, such as
    :attr:`exitcodes.profiles.Platform.DARWIN`.

    Raises:
        InvalidArgumentError: anything else, Windows included (it has no signals).

    >>> signal_platform("linux"), signal_platform("macOS")
    (SignalPlatform.LINUX, SignalPlatform.DARWIN)
    """
    if type(platform) is SignalPlatform:
        return platform
    value = platform.value if isinstance(platform, enum.Enum) else platform
    if isinstance(value, str):
        key = str.__str__(value).strip().lower()
        key = _PLATFORM_ALIASES.get(key, key)
        for member in SignalPlatform:
            if member.value == key:
                return member
    choices = ", ".join(repr(member.value) for member in SignalPlatform)
    raise InvalidArgumentError(
        f"signal platform must be a SignalPlatform or one of {choices}, got {describe(platform)}"
    )


@attrs.frozen
class SignalInfo:
    """One signal name and its number on each platform (``None``: not there).

    Attributes:
        name: the name, with the ``SIG`` prefix.
        linux: the number on Linux.
        darwin: the number on macOS.
        freebsd: the number on FreeBSD.
        description: what the signal is for, in a few words.
        alias_of: for another name of the same signal (``SIGIOT``), the
            canonical name; ``None`` for canonical rows.
    """

    name: str
    linux: int | None
    darwin: int | None
    freebsd: int | None
    description: str
    alias_of: str | None = None

    def number(self, platform: SignalPlatform | str = SignalPlatform.LINUX) -> int | None:
        """The number of this signal on *platform*, or ``None``.

        Raises:
            InvalidArgumentError: *platform* is not a :class:`SignalPlatform`
                or one's value (see :func:`signal_platform`).
        """
        platform = signal_platform(platform)
        if platform is SignalPlatform.LINUX:
            return self.linux
        if platform is SignalPlatform.DARWIN:
            return self.darwin
        return self.freebsd


SIGNALS: tuple[SignalInfo, ...] = (
    SignalInfo("SIGHUP", 1, 1, 1, "Hangup: the terminal closed, or a daemon is asked to reload."),
    SignalInfo("SIGINT", 2, 2, 2, "Interrupt from the keyboard (Ctrl-C)."),
    SignalInfo("SIGQUIT", 3, 3, 3, "Quit from the keyboard (Ctrl-\\); dumps core."),
    SignalInfo("SIGILL", 4, 4, 4, "Illegal instruction."),
    SignalInfo("SIGTRAP", 5, 5, 5, "Trace or breakpoint trap."),
    SignalInfo("SIGABRT", 6, 6, 6, "Abort: the program called abort() (failed assertions)."),
    SignalInfo("SIGEMT", None, 7, 7, "Emulator trap."),
    SignalInfo("SIGBUS", 7, 10, 10, "Bus error: a bad memory access (misaligned, past a mapping)."),
    SignalInfo("SIGFPE", 8, 8, 8, "Arithmetic error, such as an integer division by zero."),
    SignalInfo(
        "SIGKILL", 9, 9, 9, "Kill; cannot be caught (kill -9, the OOM killer, docker kill)."
    ),
    SignalInfo("SIGUSR1", 10, 30, 30, "User-defined signal 1."),
    SignalInfo("SIGSEGV", 11, 11, 11, "Segmentation fault: an invalid memory reference."),
    SignalInfo("SIGUSR2", 12, 31, 31, "User-defined signal 2."),
    SignalInfo("SIGPIPE", 13, 13, 13, "Broken pipe: a write to a pipe or socket with no reader."),
    SignalInfo("SIGALRM", 14, 14, 14, "Timer signal from alarm()."),
    SignalInfo("SIGTERM", 15, 15, 15, "Termination request (kill, docker stop, timeout)."),
    SignalInfo("SIGSTKFLT", 16, None, None, "Coprocessor stack fault (unused)."),
    SignalInfo("SIGCHLD", 17, 20, 20, "A child process stopped or ended; ignored by default."),
    SignalInfo("SIGCONT", 18, 19, 19, "Continue a stopped process."),
    SignalInfo("SIGSTOP", 19, 17, 17, "Stop the process; cannot be caught."),
    SignalInfo("SIGTSTP", 20, 18, 18, "Stop typed at the terminal (Ctrl-Z)."),
    SignalInfo("SIGTTIN", 21, 21, 21, "Terminal input for a background process."),
    SignalInfo("SIGTTOU", 22, 22, 22, "Terminal output for a background process."),
    SignalInfo("SIGURG", 23, 16, 16, "Urgent data on a socket; ignored by default."),
    SignalInfo("SIGXCPU", 24, 24, 24, "CPU time limit (RLIMIT_CPU) exceeded."),
    SignalInfo("SIGXFSZ", 25, 25, 25, "File size limit (RLIMIT_FSIZE) exceeded."),
    SignalInfo("SIGVTALRM", 26, 26, 26, "Virtual timer expired."),
    SignalInfo("SIGPROF", 27, 27, 27, "Profiling timer expired."),
    SignalInfo("SIGWINCH", 28, 28, 28, "Terminal window size changed; ignored by default."),
    SignalInfo("SIGIO", 29, 23, 23, "I/O is possible on a descriptor."),
    SignalInfo("SIGPWR", 30, None, None, "Power failure."),
    SignalInfo("SIGSYS", 31, 12, 12, "Bad system call (also seccomp's SECCOMP_RET_TRAP)."),
    SignalInfo("SIGINFO", None, 29, 29, "Status request from the keyboard (Ctrl-T)."),
    SignalInfo("SIGTHR", None, None, 32, "Reserved by the thread library."),
    SignalInfo("SIGIOT", 6, 6, 6, "Old name of SIGABRT.", "SIGABRT"),
    SignalInfo("SIGCLD", 17, None, None, "System V name of SIGCHLD.", "SIGCHLD"),
    SignalInfo("SIGPOLL", 29, None, None, "System V name of SIGIO.", "SIGIO"),
    SignalInfo("SIGLWP", None, None, 32, "Old name of SIGTHR.", "SIGTHR"),
)
"""Every signal name, one row each, with its number per platform.

Sources: Linux ``include/uapi/asm-generic/signal.h`` and signal(7) (checked
against ``kill -l`` of bash 5.2 on Linux in the tests); apple/darwin-xnu
``bsd/sys/signal.h``; freebsd-src ``sys/sys/signal.h``. Real-time signals are
computed, not listed (see :func:`signal_name`).
"""

_BY_NAME = {row.name: row for row in SIGNALS}
_RT_NAME = re.compile(r"SIGRT(MIN|MAX)(?:([+-])([0-9]{1,3}))?")


def _realtime_name(number: int, platform: SignalPlatform) -> str | None:
    low, high = _REALTIME.get(platform, (0, -1))
    if not low <= number <= high:
        return None
    if number == low:
        return "SIGRTMIN"
    if number == high:
        return "SIGRTMAX"
    if number - low <= (high - low) // 2:  # bash's split: RTMIN+n up to the middle
        return f"SIGRTMIN+{number - low}"
    return f"SIGRTMAX-{high - number}"


def _realtime_number(name: str, platform: SignalPlatform) -> int | None:
    match = _RT_NAME.fullmatch(name)
    if match is None or platform not in _REALTIME:
        return None
    low, high = _REALTIME[platform]
    base, sign, offset = match.groups()
    number = low if base == "MIN" else high
    if sign is not None:
        number = number + int(offset) if sign == "+" else number - int(offset)
        if (base == "MIN") != (sign == "+"):  # SIGRTMIN-1 and SIGRTMAX+1 are not names
            return None
    return number if low <= number <= high else None


def signal_info(
    signal: int | str, platform: SignalPlatform | str = SignalPlatform.LINUX
) -> SignalInfo | None:
    """The canonical table row of *signal* (a number or a name) on *platform*.

    Args:
        signal: a signal number, or a name with or without ``SIG`` (any case).
        platform: whose numbering to use.

    Returns:
        The row, or ``None`` for real-time signals and numbers or names the
        platform does not have.

    Raises:
        MalformedEvidenceError: *signal* is neither an int in int64 nor a str.

    >>> signal_info(7).name, signal_info(7, SignalPlatform.DARWIN).name
    ('SIGBUS', 'SIGEMT')
    >>> signal_info("iot").name
    'SIGABRT'
    """
    platform = signal_platform(platform)
    if isinstance(signal, str):
        number = signal_number(signal, platform)
        if number is None:
            return None
    else:
        number = _as_int(signal, "signal number")
    for row in SIGNALS:
        if row.alias_of is None and row.number(platform) == number:
            return row
    return None


def signal_name(number: int, platform: SignalPlatform | str = SignalPlatform.LINUX) -> str | None:
    """The name of signal *number* on *platform*, or ``None`` if it has none.

    Real-time signals are named as bash's ``kill -l`` names them
    (``SIGRTMIN+n`` up to the middle of the range, ``SIGRTMAX-n`` after it).
    Linux's 32 and 33 are reserved by glibc and have no name.

    Raises:
        MalformedEvidenceError: *number* is not an int in int64.

    >>> darwin = SignalPlatform.DARWIN
    >>> signal_name(10), signal_name(10, darwin), signal_name(30, darwin)
    ('SIGUSR1', 'SIGBUS', 'SIGUSR1')
    >>> signal_name(35), signal_name(64), signal_name(32)
    ('SIGRTMIN+1', 'SIGRTMAX', None)
    """
    number = _as_int(number, "signal number")
    platform = signal_platform(platform)
    row = signal_info(number, platform)
    if row is not None:
        return row.name
    return _realtime_name(number, platform)


def signal_number(name: str, platform: SignalPlatform | str = SignalPlatform.LINUX) -> int | None:
    """The number of the signal called *name* on *platform*, or ``None``.

    Accepts ``"SIGKILL"``, ``"KILL"`` and ``"kill"``, the old names (``SIGIOT``,
    ``SIGCLD``, ``SIGPOLL``, ``SIGLWP``) and real-time names (``SIGRTMIN+3``).

    Raises:
        MalformedEvidenceError: *name* is not a str.

    >>> signal_number("KILL"), signal_number("sigchld", SignalPlatform.FREEBSD)
    (9, 20)
    >>> signal_number("SIGINFO") is None, signal_number("RTMAX-1")
    (True, 63)
    """
    if not isinstance(name, str) or not issubclass(type(name), str):
        raise MalformedEvidenceError(
            f"signal name must be a str, not {type(name).__name__}: {describe(name)}"
        )
    platform = signal_platform(platform)
    key = str.__str__(name).strip().upper()  # an exact str, whatever the subclass does
    if not key.startswith("SIG"):
        key = "SIG" + key
    row = _BY_NAME.get(key)
    if row is not None:
        return row.number(platform)
    return _realtime_number(key, platform)


def _linux_members() -> list[tuple[str, int]]:
    named = [(row.name, row.linux) for row in SIGNALS if row.alias_of is None and row.linux]
    low, high = _REALTIME[SignalPlatform.LINUX]
    realtime = [
        (_realtime_name(number, SignalPlatform.LINUX) or "", number)
        for number in range(low, high + 1)
    ]
    return [(name, number) for name, number in named if number is not None] + realtime


LinuxSignal = enum.IntEnum("LinuxSignal", _linux_members(), module=__name__)  # type: ignore[misc]
LinuxSignal.__doc__ = """The Linux signals, numbered as in a Linux container, whatever the host is.

Members compare equal to their numbers and are named as :data:`SIGNALS` and
:func:`signal_name` name them (``LinuxSignal.SIGKILL == 9``;
``LinuxSignal["SIGRTMIN+1"] == 35``). :class:`exitcodes.Classification` carries one
where the host's :class:`signal.Signals` has no member of that name and number (on
macOS, SIGUSR1 is 30, not 10; Windows has no SIGKILL); on a Linux host it carries
the host's own member.

>>> LinuxSignal.SIGUSR1 == 10, LinuxSignal(7).name
(True, 'SIGBUS')
"""


def _signal_arg(signal: int | str, platform: SignalPlatform | str) -> int:
    """A signal given as a number or a name, as a number in ``1..MAX_WAIT_SIGNAL``."""
    platform = signal_platform(platform)
    if isinstance(signal, str):
        number = signal_number(signal, platform)
        if number is None:
            raise MalformedEvidenceError(
                f"{describe(signal)} is not a signal name on {platform.value}"
            )
        return number
    return _as_int(signal, "signal number", 1, MAX_WAIT_SIGNAL)


# --------------------------------------------------------------------------- wait statuses


class WaitKind(enum.Enum):
    """What a raw wait status reports."""

    EXITED = "exited"
    """The process called ``exit()`` (``WIFEXITED``)."""
    SIGNALED = "signaled"
    """A signal ended the process (``WIFSIGNALED``)."""
    STOPPED = "stopped"
    """A signal stopped the process (``WIFSTOPPED``; only with ``WUNTRACED`` or ptrace)."""
    CONTINUED = "continued"
    """SIGCONT resumed the process (``WIFCONTINUED``; only with ``WCONTINUED``)."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"


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
    status = _as_int(status, "wait status", 0, 0xFFFF)
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
    return _as_int(exit_status, "exit status", 0, 255) << 8


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
    number = _signal_arg(signal, platform)
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
    return _SHELL_SIGNAL_BASE + _signal_arg(signal, platform)


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
    code = _as_int(code, "shell exit code", 0, 255)
    number = code - _SHELL_SIGNAL_BASE
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
    returncode = _as_int(returncode, "returncode", -MAX_WAIT_SIGNAL, 255)
    return _SHELL_SIGNAL_BASE - returncode if returncode < 0 else returncode


def ksh_code_from_signal(
    signal: int | str, platform: SignalPlatform | str = SignalPlatform.LINUX
) -> int:
    """The ``$?`` ksh93 reports for a command killed by *signal*: ``256 + n``.

    Source: ksh93 (AT&T ast) reports a signal death as ``256+n`` rather than
    ``128+n`` (reference notes, section 5.2).

    >>> ksh_code_from_signal(9)
    265
    """
    return _KSH_SIGNAL_BASE + _signal_arg(signal, platform)


def signal_from_ksh_code(code: int) -> int | None:
    """The signal a ksh93 ``$?`` stands for (``256 + n``), or ``None`` for an exit status.

    Raises:
        MalformedEvidenceError: *code* is not an int in ``0..255`` or ``257..382``.

    >>> signal_from_ksh_code(265), signal_from_ksh_code(137)
    (9, None)
    """
    code = _ksh_code(code)
    return code - _KSH_SIGNAL_BASE if code > _KSH_SIGNAL_BASE else None


def ksh_code_to_shell_code(code: int) -> int:
    """A ksh93 ``$?`` as bash or dash would write it: ``256 + n`` becomes ``128 + n``.

    Raises:
        MalformedEvidenceError: *code* is not an int in ``0..255`` or ``257..382``.

    >>> ksh_code_to_shell_code(265), ksh_code_to_shell_code(137)
    (137, 137)
    """
    code = _ksh_code(code)
    if code > _KSH_SIGNAL_BASE:
        return code - _SHELL_SIGNAL_BASE
    return code


def _ksh_code(code: int) -> int:
    code = _as_int(code, "ksh exit code", 0, _KSH_SIGNAL_BASE + MAX_WAIT_SIGNAL)
    if code == _KSH_SIGNAL_BASE:
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
    return _as_int(status, "exit status") & 0xFF


# --------------------------------------------------------------------------- Windows


def windows_unsigned(code: int) -> int:
    """A 32-bit Windows exit code as the unsigned value ``docker inspect`` shows.

    Raises:
        MalformedEvidenceError: *code* is not an int in ``-2**31..2**32-1``.

    >>> windows_unsigned(-1073741510), windows_unsigned(-1), windows_unsigned(3)
    (3221225786, 4294967295, 3)
    """
    return _as_int(code, "Windows exit code", _INT32_MIN, _UINT32 - 1) % _UINT32


def windows_signed(code: int) -> int:
    """A 32-bit Windows exit code as a signed int (what ``%ERRORLEVEL%`` shows).

    Raises:
        MalformedEvidenceError: *code* is not an int in ``-2**31..2**32-1``.

    >>> windows_signed(3221225786), windows_signed(0xFFFFFFFF), windows_signed(3)
    (-1073741510, -1, 3)
    """
    unsigned = windows_unsigned(code)
    return unsigned - _UINT32 if unsigned >= _UINT32 // 2 else unsigned


@attrs.frozen
class NtStatus:
    """A Windows exit code that has a well-known meaning.

    Attributes:
        code: the unsigned 32-bit value (``docker inspect`` shows it this way).
        name: the symbolic name in Microsoft's ``ntstatus.h``; ``None`` for
            codes that are not NTSTATUS values (``0xFFFFFFFF``, exit code -1).
        description: what it means, in one sentence.
        source: where the name and the example come from.
    """

    code: int
    name: str | None
    description: str
    source: str

    @property
    def signed(self) -> int:
        """The same code as a signed 32-bit int."""
        return windows_signed(self.code)

    @property
    def posix_code(self) -> int:
        """The low byte: what a POSIX shell keeps of it."""
        return self.code & 0xFF

    def __str__(self) -> str:
        return f"0x{self.code:08X} {self.name or ''}".rstrip()


_NTSTATUS_H = "Microsoft ntstatus.h (values checked against mingw-w64-headers/include/ntstatus.h)"

NTSTATUS_CODES: tuple[NtStatus, ...] = (
    NtStatus(
        0x40000015,
        "STATUS_FATAL_APP_EXIT",
        "The program asked for a fatal exit (FatalAppExit).",
        _NTSTATUS_H,
    ),
    NtStatus(
        0x40010004, "DBG_TERMINATE_PROCESS", "A debugger terminated the process.", _NTSTATUS_H
    ),
    NtStatus(
        0x80000003,
        "STATUS_BREAKPOINT",
        "A breakpoint was hit with no debugger attached.",
        _NTSTATUS_H,
    ),
    NtStatus(
        0xC0000005,
        "STATUS_ACCESS_VIOLATION",
        "Access violation: an invalid memory read or write (the counterpart of SIGSEGV).",
        _NTSTATUS_H + "; 3221225477 in reference notes section 5.5",
    ),
    NtStatus(
        0xC0000017,
        "STATUS_NO_MEMORY",
        "Not enough virtual memory or paging-file quota.",
        _NTSTATUS_H,
    ),
    NtStatus(
        0xC000001D,
        "STATUS_ILLEGAL_INSTRUCTION",
        "An invalid instruction (the counterpart of SIGILL).",
        _NTSTATUS_H,
    ),
    NtStatus(0xC0000022, "STATUS_ACCESS_DENIED", "Access denied.", _NTSTATUS_H),
    NtStatus(
        0xC000007B,
        "STATUS_INVALID_IMAGE_FORMAT",
        "The program or a DLL is not a valid image here (often a 32/64-bit mismatch).",
        _NTSTATUS_H,
    ),
    NtStatus(
        0xC000008E, "STATUS_FLOAT_DIVIDE_BY_ZERO", "A floating-point division by zero.", _NTSTATUS_H
    ),
    NtStatus(
        0xC0000094,
        "STATUS_INTEGER_DIVIDE_BY_ZERO",
        "An integer division by zero (the counterpart of SIGFPE).",
        _NTSTATUS_H,
    ),
    NtStatus(0xC0000095, "STATUS_INTEGER_OVERFLOW", "An integer overflow trap.", _NTSTATUS_H),
    NtStatus(
        0xC0000096,
        "STATUS_PRIVILEGED_INSTRUCTION",
        "A privileged instruction in user mode.",
        _NTSTATUS_H,
    ),
    NtStatus(
        0xC00000FD,
        "STATUS_STACK_OVERFLOW",
        "The stack overflowed (often unbounded recursion).",
        _NTSTATUS_H,
    ),
    NtStatus(
        0xC0000135,
        "STATUS_DLL_NOT_FOUND",
        "A DLL the program needs was not found at start.",
        _NTSTATUS_H,
    ),
    NtStatus(
        0xC0000139,
        "STATUS_ENTRYPOINT_NOT_FOUND",
        "A function the program imports is missing from its DLL.",
        _NTSTATUS_H,
    ),
    NtStatus(
        0xC000013A,
        "STATUS_CONTROL_C_EXIT",
        "Ended by CTRL+C or CTRL+BREAK; what docker stop gives Windows containers.",
        _NTSTATUS_H + "; 3221225786 after docker stop, dotnet/announcements#128",
    ),
    NtStatus(0xC0000142, "STATUS_DLL_INIT_FAILED", "A DLL failed to initialize.", _NTSTATUS_H),
    NtStatus(
        0xC0000374,
        "STATUS_HEAP_CORRUPTION",
        "The heap manager found the heap corrupted.",
        _NTSTATUS_H,
    ),
    NtStatus(
        0xC0000409,
        "STATUS_STACK_BUFFER_OVERRUN",
        "A security check failed: a stack buffer overrun (/GS) or a fail-fast exit (__fastfail).",
        _NTSTATUS_H + "; 3221226505 in moby#40328",
    ),
    NtStatus(
        0xC0000417,
        "STATUS_INVALID_CRUNTIME_PARAMETER",
        "The C runtime's invalid-parameter handler ended the program.",
        _NTSTATUS_H,
    ),
    NtStatus(0xC0000420, "STATUS_ASSERTION_FAILURE", "An assertion failed.", _NTSTATUS_H),
    NtStatus(
        0xFFFFFFFF,
        None,
        "Exit code -1 (exit(-1), ExitProcess(-1)); not an NTSTATUS.",
        "4294967295 in docker/docs#9870 (reference notes section 5.5)",
    ),
)
"""Windows exit codes with a well-known meaning, by unsigned value.

The names are Microsoft's ``ntstatus.h`` constants; the examples seen through
docker come from the reference notes (``peers.md`` section 5.5).
"""

_NTSTATUS_BY_CODE = {row.code: row for row in NTSTATUS_CODES}


def ntstatus(code: int) -> NtStatus | None:
    """The well-known meaning of Windows exit code *code* (signed or unsigned).

    Raises:
        MalformedEvidenceError: *code* is not an int in ``-2**31..2**32-1``.

    >>> str(ntstatus(0xC0000005)), ntstatus(-1073741510).name
    ('0xC0000005 STATUS_ACCESS_VIOLATION', 'STATUS_CONTROL_C_EXIT')
    >>> ntstatus(0xC0000409).posix_code, ntstatus(1) is None
    (9, True)
    """
    return _NTSTATUS_BY_CODE.get(windows_unsigned(code))
