"""Signal names and numbers per platform, from tables rather than the host's signal module."""

from __future__ import annotations

import enum
import re

import attrs

from exitcodes._enums import NamedEnum
from exitcodes.conversions._integers import MAX_WAIT_SIGNAL, as_int
from exitcodes.errors import InvalidArgumentError, MalformedEvidenceError, describe


class SignalPlatform(NamedEnum):
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
        number = as_int(signal, "signal number")
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
    number = as_int(number, "signal number")
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


def signal_arg(signal: int | str, platform: SignalPlatform | str) -> int:
    """A signal given as a number or a name, as a number in ``1..MAX_WAIT_SIGNAL``."""
    platform = signal_platform(platform)
    if isinstance(signal, str):
        number = signal_number(signal, platform)
        if number is None:
            raise MalformedEvidenceError(
                f"{describe(signal)} is not a signal name on {platform.value}"
            )
        return number
    return as_int(signal, "signal number", 1, MAX_WAIT_SIGNAL)


# --------------------------------------------------------------------------- wait statuses
