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

from exitcodes.conversions import _integers, _ntstatus, _signals
from exitcodes.conversions._ntstatus import NtStatus, ntstatus
from exitcodes.conversions._signals import (
    LinuxSignal,
    SignalInfo,
    SignalPlatform,
    signal_info,
    signal_name,
    signal_number,
    signal_platform,
)
from exitcodes.conversions._statuses import (
    WaitKind,
    WaitStatus,
    decode_wait_status,
    exited_wait_status,
    ksh_code_from_signal,
    ksh_code_to_shell_code,
    returncode_to_shell_code,
    shell_code_from_signal,
    signal_from_ksh_code,
    signal_from_shell_code,
    signaled_wait_status,
    truncate_status,
    wait_status_to_exit_code,
    windows_signed,
    windows_unsigned,
)

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

INT64_MIN = _integers.INT64_MIN
"""The smallest int any conversion accepts."""

INT64_MAX = _integers.INT64_MAX
"""The largest int any conversion accepts."""

MAX_WAIT_SIGNAL: int = _integers.MAX_WAIT_SIGNAL
"""The largest signal a wait status can carry (7 bits; ``0x7F`` marks "stopped")."""

SIGNALS: tuple[SignalInfo, ...] = _signals.SIGNALS
"""Every signal name, one row each, with its number per platform.

Sources: Linux ``include/uapi/asm-generic/signal.h`` and signal(7) (checked
against ``kill -l`` of bash 5.2 on Linux in the tests); apple/darwin-xnu
``bsd/sys/signal.h``; freebsd-src ``sys/sys/signal.h``. Real-time signals are
computed, not listed (see :func:`signal_name`).
"""

NTSTATUS_CODES: tuple[NtStatus, ...] = _ntstatus.NTSTATUS_CODES
"""Windows exit codes with a well-known meaning, by unsigned value.

The names are Microsoft's ``ntstatus.h`` constants; the examples seen through
docker come from the reference notes (``peers.md`` section 5.5).
"""
