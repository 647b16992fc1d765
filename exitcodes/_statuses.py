"""Statuses and signals: the arithmetic of exit codes, with Linux's signal numbers.

Statuses come from Linux containers, so a ``128+n`` status names Linux's signal ``n``
whatever the host is. Internal: the classifier and its peers read statuses through here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from exitcodes._matcher import remembered
from exitcodes.outcome import ExitOutcome
from exitcodes.profiles import Platform, Profile

if TYPE_CHECKING:
    import signal as _signal

    from exitcodes.conversions import LinuxSignal, SignalPlatform

    SignalMember = _signal.Signals | LinuxSignal

SIGNAL_BASE = 128
MAX_SIGNAL = 64  # Linux has signals 1..64 (SIGRTMAX)
HIGHEST_SIGNAL = {"linux": 64, "darwin": 31, "freebsd": 126}
INT32_MIN = -(2**31)


def _host_signals() -> dict[str, _signal.Signals]:
    """The host's :class:`signal.Signals`, by name (canonical names: no aliases)."""
    import signal  # noqa: PLC0415 - imported on first use: import stays cheap

    return {member.name: member for member in signal.Signals}


# Built on first use: a message-only first classify loads 20 % less.
@remembered(maxsize=1)
def _linux_tables() -> tuple[dict[int, SignalMember], dict[str, SignalMember]]:
    """Every Linux signal by its Linux number and by its name, as a Classification carries it.

    Statuses come from Linux containers, so numbers are read with Linux's table
    (:class:`exitcodes.conversions.LinuxSignal`) whatever the host is; the host's own
    :class:`signal.Signals` member is used where it has the same name and number (on a
    Linux host: always), so that ``classify(137).signal is signal.SIGKILL`` there.
    """
    from exitcodes.conversions import LinuxSignal  # noqa: PLC0415

    host = _host_signals()
    by_number: dict[int, SignalMember] = {}
    for member in LinuxSignal:
        same = host.get(member.name)
        by_number[member.value] = (
            same if same is not None and same.value == member.value else member
        )
    return by_number, {member.name: member for member in by_number.values()}


def linux_signals() -> dict[int, SignalMember]:
    """Every Linux signal by its Linux number (the host's member where it agrees)."""
    return _linux_tables()[0]


def signals_by_name() -> dict[str, SignalMember]:
    """Every Linux signal by its name (the host's member where it agrees)."""
    return _linux_tables()[1]


def sigkill() -> SignalMember:
    """SIGKILL (``signal.SIGKILL`` on a Linux host), imported on first use."""
    return linux_signals()[9]


def normalize(status: int, profile: Profile) -> int:
    """The exit code the CLI process ends with for *status* on *profile*'s platform."""
    return status & profile.platform.status_mask


def signal_of(code: int) -> SignalMember | None:
    """The signal of a ``128+n`` code, if ``n`` is a Linux signal with a name."""
    number = code - SIGNAL_BASE
    if not 0 < number <= MAX_SIGNAL:
        return None
    return linux_signals().get(number)


def signal_platform(profile: Profile) -> SignalPlatform | None:
    """Whose signal numbers the CLI process's own returncode uses (``None``: Windows)."""
    from exitcodes.conversions import SignalPlatform  # noqa: PLC0415

    if profile.platform is Platform.DARWIN:
        return SignalPlatform.DARWIN
    if profile.platform is Platform.LINUX:
        return SignalPlatform.LINUX
    return None


def status_outcome(code: int) -> ExitOutcome:
    """The conventional meaning of a container's own exit status."""
    if code == 0:
        return ExitOutcome.SUCCESS
    if code == 126:
        return ExitOutcome.CANNOT_INVOKE
    if code == 127:
        return ExitOutcome.NOT_FOUND
    if 0 < code - SIGNAL_BASE <= MAX_SIGNAL:
        return ExitOutcome.SIGNALED
    return ExitOutcome.COMMAND_FAILED


def status_reason(code: int, status: int, what: str) -> str:
    """One sentence about a status."""
    sig = signal_of(code)
    shown = str(code) if code == status else f"{status} (kept as {code} by the platform)"
    if code == 0:
        return f"{what} exited 0."
    if sig is not None:
        return f"{what} exited {shown}: 128 + {int(sig)}, killed by {sig.name}."
    if 0 < code - SIGNAL_BASE <= MAX_SIGNAL:
        return f"{what} exited {shown}: 128 + {code - SIGNAL_BASE}, killed by a signal."
    if code == 126:
        return f"{what} exited {shown}: by convention the command could not be invoked."
    if code == 127:
        return f"{what} exited {shown}: by convention the command was not found."
    return f"{what} exited {shown} on its own."
