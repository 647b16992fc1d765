"""Exit statuses and signals: the codes a container can report."""

from __future__ import annotations

import signal as _signal

from hypothesis import strategies as st

from exitcodes._statuses import signal_of
from exitcodes.conversions import LinuxSignal  # imported by classify's signal table anyway
from exitcodes.strategies._checks import (
    _check_bool,
    _check_int,
    _fail,
)

# --------------------------------------------------------------------------------------
# Exit statuses and signals
# --------------------------------------------------------------------------------------

_SIGNAL_BASE = 128
_MAX_SIGNAL = 64
_COMMON_SIGNALS = (
    "SIGKILL",
    "SIGTERM",
    "SIGINT",
    "SIGHUP",
    "SIGQUIT",
    "SIGABRT",
    "SIGSEGV",
    "SIGBUS",
    "SIGPIPE",
    "SIGUSR1",
    "SIGUSR2",
    "SIGALRM",
)


def _signal_members() -> tuple[_signal.Signals | LinuxSignal, ...]:
    """The Linux signals 1..64, common ones first, as the members classify names them.

    Numbered with Linux's table whatever the host is (containers are Linux processes:
    on macOS the host's number 10 is SIGBUS, a container's is SIGUSR1): the host's
    :class:`signal.Signals` member where it has the same name and number, else the
    :class:`~exitcodes.conversions.LinuxSignal` member (:func:`exitcodes.classify.signal_of`).
    """
    members = [signal_of(_SIGNAL_BASE + number) for number in range(1, _MAX_SIGNAL + 1)]
    known = [member for member in members if member is not None]
    common = [sig for name in _COMMON_SIGNALS for sig in known if sig.name == name]
    rest = [sig for sig in known if sig not in common]  # in number order
    return (*common, *rest)


_SIGNALS = _signal_members()

_NOTABLE_CODES = (0, 1, 2, 125, 126, 127, 128, 255, -1, 256)
_NTSTATUS = (
    0xC000013A,  # STATUS_CONTROL_C_EXIT: a Windows container stopped by docker stop
    0xC0000005,  # STATUS_ACCESS_VIOLATION
    0xC0000409,  # STATUS_STACK_BUFFER_OVERRUN
    0xC0000135,  # STATUS_DLL_NOT_FOUND
    0x40010004,  # DBG_TERMINATE_PROCESS
)


def _is_signal_status(code: int) -> bool:
    return 0 < code - _SIGNAL_BASE <= _MAX_SIGNAL


def exit_codes(
    *,
    min_value: int = 0,
    max_value: int | None = None,
    allow_signals: bool = True,
    windows: bool = False,
) -> st.SearchStrategy[int]:
    """Exit statuses a container can report, favouring the ones with a meaning.

    Codes docker gives a meaning to (0, 1, 125, 126, 127, 128, 255 and ``128 + n``
    for the usual signals) come up often; any other code in the range can too.
    Shrinks towards 0, or towards the smallest allowed code.

    Args:
        min_value: the smallest status (default 0). Negative statuses (``-1``)
            are what a daemon reports when it lost the process.
        max_value: the largest status: 255 by default, ``0xFFFFFFFF`` with
            *windows*. Anything up to int64, which the Engine API carries.
        allow_signals: with ``False``, no status in 129..192 (``128 + n``, a
            death by signal ``n``).
        windows: also generate the NTSTATUS codes Windows containers exit with
            (``0xC000013A`` after ``docker stop``, ``0xC0000005``, ...); a POSIX
            CLI keeps only their low byte.

    Raises:
        InvalidArgument: a bound is not an int64, the range is empty, or it holds
            no allowed code.

    >>> strategy = exit_codes(min_value=1)
    >>> strategy = exit_codes(windows=True, allow_signals=False)
    """
    call = "exit_codes()"
    _check_bool(allow_signals, "allow_signals", call)
    _check_bool(windows, "windows", call)
    low = _check_int(min_value, "min_value", call)
    if max_value is None:
        max_value = 0xFFFFFFFF if windows else 255
    high = _check_int(max_value, "max_value", call)
    if low > high:
        raise _fail(call, f"min_value={low} is larger than max_value={high}")

    def allowed(code: int) -> bool:
        return low <= code <= high and (allow_signals or not _is_signal_status(code))

    notable = [code for code in _NOTABLE_CODES if allowed(code)]
    notable += [_SIGNAL_BASE + int(sig) for sig in _SIGNALS[:7] if allowed(_SIGNAL_BASE + int(sig))]
    if windows:
        ntstatus = [code for code in _NTSTATUS if allowed(code)]
        if not ntstatus:
            raise _fail(
                call, f"windows=True, but no NTSTATUS code lies in [{low}, {high}]: widen the range"
            )
        notable += ntstatus
    if high - low <= 1024:
        every = [code for code in range(low, high + 1) if allowed(code)]
        if not every:
            raise _fail(call, f"no status in [{low}, {high}] is allowed with allow_signals=False")
        anything: st.SearchStrategy[int] = st.sampled_from(every)
    else:
        anything = st.integers(low, high)
        if not allow_signals:
            anything = anything.filter(lambda code: not _is_signal_status(code))
    notable = sorted(set(notable), key=notable.index)
    return st.sampled_from(notable) | anything if notable else anything


def signals() -> st.SearchStrategy[_signal.Signals | LinuxSignal]:
    """Signals that can end a container, as the members :func:`exitcodes.classify` names.

    The Linux signals 1..64 (those a ``128 + n`` status can name), numbered as in a
    Linux container whatever the host is: the host's :class:`signal.Signals` member
    where it has the same name and number (on a Linux host, always), else the
    :class:`~exitcodes.conversions.LinuxSignal` member, so that ``classify(128 +
    sig).signal is sig``. The common ones (``SIGKILL``, ``SIGTERM``, ``SIGINT``...)
    come first, so failures shrink to ``SIGKILL``.

    >>> strategy = signals()
    >>> statuses = signals().map(lambda sig: 128 + sig)
    """
    return st.sampled_from(_SIGNALS)
