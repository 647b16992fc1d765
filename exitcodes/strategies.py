"""Hypothesis strategies for container exit semantics: realistic evidence and whole scenarios.

Tools built on containers (wrappers, CI runners, orchestrators) can property-test their
own exit codes with these: exit statuses, signals, the daemon and client error texts
users paste in issues (runc, crun, containerd and Windows hcsshim wordings inside the
shim and daemon prefixes of each engine release), ``docker inspect`` states, wait
responses, exec inspects, Kubernetes container states, profiles, and whole command
:class:`Scenario` objects that carry the exit code the Docker CLI ends with.

The expected result of a scenario is not computed by :func:`exitcodes.resolve`: each
scenario is built from the situation it stands for ("docker run, the runtime said the
command is a directory"), and a small model written from the Docker sources gives the
code. The library's own tests check that :func:`~exitcodes.resolve` agrees.

Importing this module imports Hypothesis; ``import exitcodes`` does not import it.
Every strategy validates its arguments when called and raises
:class:`hypothesis.errors.InvalidArgument` for bad ones.

>>> from exitcodes import ExitOutcome, profiles
>>> from exitcodes.strategies import daemon_errors, scenarios
>>> strategy = daemon_errors(ExitOutcome.NOT_FOUND, profile=profiles.docker("28.2.2"))
>>> strategy = scenarios(commands=["run", "exec"])
>>> daemon_errors(ExitOutcome.SUCCESS)
Traceback (most recent call last):
  ...
hypothesis.errors.InvalidArgument: daemon_errors(outcome=ExitOutcome.SUCCESS): ...
"""

from __future__ import annotations

import functools
import re
import signal as _signal
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import attrs

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError as _error:  # pragma: no cover - depends on the environment
    raise ImportError(
        "exitcodes.strategies needs Hypothesis: python -m pip install hypothesis"
    ) from _error

from exitcodes import profiles as _profiles_module
from exitcodes._evidence import strip_prefixes
from exitcodes.classify import Classification, classify, signal_of
from exitcodes.conversions import LinuxSignal  # imported by classify's signal table anyway
from exitcodes.errors import ExitCodesError, describe
from exitcodes.outcome import ExitOutcome
from exitcodes.profiles import DEFAULT, Engine, Platform, Profile, Version, parse_version
from exitcodes.resolve import Resolution, resolve
from exitcodes.rules import (
    BEHAVIOURS,
    COMMANDS,
    MESSAGE_RULES,
    OUTCOME_RULES,
    PHASE_RULES,
    PHASES,
    Layer,
    Match,
    MessageRule,
    VersionRange,
)

__all__ = [
    "MESSAGE_OUTCOMES",
    "Scenario",
    "classifications",
    "container_states",
    "daemon_errors",
    "evidence",
    "exec_inspects",
    "exit_codes",
    "kubernetes_states",
    "profiles",
    "resolutions",
    "scenarios",
    "signals",
    "versions",
    "wait_responses",
]

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1
_INT32_MIN = -(2**31)  # the lowest bare int classify reads (a signed 32-bit exit code)

MESSAGE_OUTCOMES: tuple[ExitOutcome, ...] = (
    ExitOutcome.NOT_FOUND,
    ExitOutcome.CANNOT_INVOKE,
    ExitOutcome.ENGINE_ERROR,
    ExitOutcome.USAGE_ERROR,
)
"""The outcomes an error text can classify to, so the ones :func:`daemon_errors` takes."""


# --------------------------------------------------------------------------------------
# Argument checks: every public strategy validates eagerly.
# --------------------------------------------------------------------------------------


_T = TypeVar("_T")
_BOOLEANS = st.booleans()


@functools.lru_cache(maxsize=2048)
def _sampled(options: tuple[Any, ...]) -> st.SearchStrategy[Any]:
    return st.sampled_from(options)


@functools.lru_cache(maxsize=2048)
def _integers(low: int, high: int) -> st.SearchStrategy[int]:
    return st.integers(low, high)


def _pick(draw: st.DrawFn, options: Sequence[_T]) -> _T:
    """``draw(st.sampled_from(options))``, without building a strategy per draw."""
    result: _T = draw(_sampled(tuple(options)))
    return result


def _integer(draw: st.DrawFn, low: int, high: int) -> int:
    return draw(_integers(low, high))


def _fail(call: str, message: str) -> InvalidArgument:
    return InvalidArgument(f"{call}: {message}")


def _check_bool(value: object, name: str, call: str) -> bool:
    if not isinstance(value, bool):
        raise _fail(call, f"{name} must be a bool, got {describe(value)}")
    return value


def _check_int(value: object, name: str, call: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(call, f"{name} must be an int, got {describe(value)}")
    number = int.__int__(value)  # the value an int subclass holds, its own methods unread
    if not INT64_MIN <= number <= INT64_MAX:
        raise _fail(
            call, f"{name} must fit in int64 as the Engine API sends it, got {describe(number)}"
        )
    return number


def _check_strategy(value: object, name: str, call: str) -> st.SearchStrategy[Any]:
    if not isinstance(value, st.SearchStrategy):
        raise _fail(call, f"{name} must be a Hypothesis strategy, got {describe(value)}")
    return value


def _check_engine(engine: object, call: str) -> Engine:
    if isinstance(engine, Engine):
        return engine
    if isinstance(engine, str):
        for member in Engine:
            if member.value == engine.strip().lower():
                return member
    choices = ", ".join(repr(member.value) for member in Engine)
    raise _fail(call, f"engine must be one of {choices}, got {describe(engine)}")


def _default_profile(engine: Engine) -> Profile:
    """The newest release of *engine*, as ``profiles.<engine>()`` builds it."""
    factory = getattr(_profiles_module, engine.value)
    profile: Profile = factory()
    return profile


def _check_profile(profile: object, call: str) -> Profile:
    if profile is None:
        return DEFAULT
    if not isinstance(profile, Profile):
        raise _fail(
            call,
            "profile must be an exitcodes Profile such as profiles.docker('28.2.2'),"
            f" got {describe(profile)}",
        )
    return profile


def _is_empty(values: object) -> bool:
    """*values* is an empty collection (``()``, ``[]``...): asked of its items, not len()."""
    if isinstance(values, (str, bytes, bytearray, memoryview)) or not isinstance(
        values, Collection
    ):
        return False
    try:
        return next(iter(values), _NOTHING) is _NOTHING
    except Exception:  # a hostile collection: _check_choices says what is wrong with it
        return False


_NOTHING = object()

#: More names than any collection of choices holds: a longer (or endless) one is refused.
_MAX_CHOICES = 1_000


def _check_choices(values: object, name: str, choices: Sequence[str], call: str) -> tuple[str, ...]:
    """A non-empty subset of *choices*, in the order of *choices*."""
    if isinstance(values, (str, bytes, bytearray, memoryview)) or not isinstance(values, Iterable):
        raise _fail(call, f"{name} must be a collection of names, got {describe(values)}")
    chosen: list[object] = []
    try:  # a for loop, not list(): a lying __len__ is never asked
        for value in values:
            # The text a str subclass holds, its own __eq__ and __hash__ unread.
            chosen.append(str.__str__(value) if isinstance(value, str) else value)
            if len(chosen) > _MAX_CHOICES:
                raise _fail(call, f"{name} names more than {_MAX_CHOICES} values")
    except InvalidArgument:
        raise
    except Exception as exc:  # a hostile collection: its own error is no argument error
        raise _fail(
            call, f"{name} cannot be read: {type(exc).__name__}: {describe(values)}"
        ) from None
    unknown = [value for value in chosen if type(value) is not str or value not in choices]
    if unknown:
        shown = ", ".join(repr(choice) for choice in choices)
        raise _fail(call, f"{name} must name some of {shown}; unknown: {describe(unknown)}")
    if not chosen:
        raise _fail(call, f"{name} must not be empty")
    return tuple(choice for choice in choices if choice in chosen)


def _check_version(value: object, name: str, call: str) -> Version:
    if not isinstance(value, (str, Version)):
        raise _fail(call, f"{name} must be a version such as '28.2.2', got {describe(value)}")
    try:
        return parse_version(value)
    except ExitCodesError as exc:
        raise _fail(call, f"{name}: {exc}") from None


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


# --------------------------------------------------------------------------------------
# Versions and profiles
# --------------------------------------------------------------------------------------

_COMMON_RELEASES = {
    Engine.DOCKER: ("20.10.24", "23.0.6", "24.0.9", "25.0.5", "26.1.4", "27.5.1", "28.2.2"),
    Engine.PODMAN: ("3.4.4", "4.3.1", "4.9.3", "5.0.0"),
    Engine.NERDCTL: ("1.7.7", "2.0.0"),
}


def _modelled(engine: Engine, call: str) -> tuple[Version, Version]:
    """The oldest and newest release of *engine* that the library models."""
    oldest = getattr(_profiles_module, f"OLDEST_{engine.name}_VERSION", None)
    newest = getattr(_profiles_module, f"NEWEST_{engine.name}_VERSION", None)
    if not isinstance(oldest, Version) or not isinstance(newest, Version):  # pragma: no cover
        raise _fail(call, f"no modelled versions for engine {engine.value!r}")
    return oldest, newest


@functools.cache
def _boundaries(engine: Engine) -> tuple[Version, ...]:
    """Every release at which a rule of *engine* changes, the one before, common ones."""
    ranges: list[VersionRange] = []
    for table in (MESSAGE_RULES, PHASE_RULES, OUTCOME_RULES, BEHAVIOURS):
        ranges += [row.versions for row in table if row.engine is engine]
    oldest, newest = _modelled(engine, "versions()")
    found = {oldest, newest}
    found.update(parse_version(text) for text in _COMMON_RELEASES.get(engine, ()))
    for versions in ranges:
        for bound in (versions.since, versions.until):
            if bound is None:
                continue
            found.add(bound)
            if bound.patch:
                found.add(Version(bound.major, bound.minor, bound.patch - 1))
            found.add(Version(bound.major, bound.minor, bound.patch, "rc.1"))
    return tuple(sorted(found, reverse=True))


_MAX_MINOR = 12
_MAX_PATCH = 30
_PRERELEASES = ("rc.1", "rc.2", "beta.1")


@functools.lru_cache(maxsize=256)
def _boundaries_between(engine: Engine, low: Version, high: Version) -> tuple[Version, ...]:
    return tuple(version for version in _boundaries(engine) if low <= version <= high)


@st.composite
def _versions_between(draw: st.DrawFn, engine: Engine, low: Version, high: Version) -> Version:
    pool = _boundaries_between(engine, low, high)
    if pool and not draw(_BOOLEANS):
        return _pick(draw, pool)
    major = _integer(draw, low.major, high.major)
    minor_low = low.minor if major == low.major else 0
    minor_high = high.minor if major == high.major else max(_MAX_MINOR, minor_low)
    minor = _integer(draw, minor_low, minor_high)
    patch_low = low.patch if (major, minor) == (low.major, low.minor) else 0
    at_top = (major, minor) == (high.major, high.minor)
    patch_high = high.patch if at_top else max(_MAX_PATCH, patch_low)
    patch = _integer(draw, patch_low, patch_high)
    version = Version(major, minor, patch)
    if version > Version(low.major, low.minor, low.patch) and _integer(draw, 0, 7) == 0:
        version = Version(major, minor, patch, _pick(draw, _PRERELEASES))
    if not low <= version <= high:  # pragma: no cover - the bounds above prevent it
        return low
    return version


def _version_range(
    engine: Engine, min_version: object, max_version: object, call: str
) -> tuple[Version, Version]:
    oldest, newest = _modelled(engine, call)
    low = oldest if min_version is None else _check_version(min_version, "min_version", call)
    high = (
        Version(newest.major + 1, 0, 0)
        if max_version is None
        else _check_version(max_version, "max_version", call)
    )
    if low < oldest:
        raise _fail(
            call, f"min_version={low} predates {oldest}, the oldest {engine.value} modelled"
        )
    if low > high:
        raise _fail(call, f"min_version={low} is newer than max_version={high}")
    return low, high


def versions(
    *,
    engine: Engine | str = "docker",
    min_version: str | Version | None = None,
    max_version: str | Version | None = None,
) -> st.SearchStrategy[Version]:
    """Release numbers of an engine, favouring the releases at which a rule changes.

    Half of the draws are boundaries taken from the rule tables (``23.0.1``, the
    release before it, ``23.0.1-rc.1``...), the rest any ``MAJOR.MINOR.PATCH`` in
    range, now and then a pre-release. Shrinks towards the newest boundary.

    Args:
        engine: whose releases (``"docker"``, ``"podman"``, ``"nerdctl"``).
        min_version: the oldest version (default: the oldest the library models).
        max_version: the newest (default: one major past the newest modelled).

    Raises:
        InvalidArgument: an unknown engine, a bound that does not parse or
            predates the oldest modelled release, ``min_version > max_version``.

    >>> strategy = versions(min_version="23.0.0", max_version="24.0.0")
    >>> strategy = versions(engine="podman")
    """
    call = "versions()"
    chosen = _check_engine(engine, call)
    low, high = _version_range(chosen, min_version, max_version, call)
    return _versions_between(chosen, low, high)


_PLATFORMS = tuple(platform.value for platform in Platform)


@st.composite
def _profiles(
    draw: st.DrawFn, engine: Engine, platforms: tuple[str, ...], low: Version, high: Version
) -> Profile:
    version = draw(_versions_between(engine, low, high))
    engine_version = version
    if engine is Engine.DOCKER and draw(_BOOLEANS):  # only docker has a separate daemon
        engine_version = draw(_versions_between(engine, low, high))
    platform = Platform(_pick(draw, platforms))
    return Profile(engine, version, engine_version, platform)


def profiles(
    *,
    engine: Engine | str = "docker",
    platforms: Collection[str] | None = None,
    min_version: str | Version | None = None,
    max_version: str | Version | None = None,
) -> st.SearchStrategy[Profile]:
    """Profiles of an engine: a CLI version, a daemon version and a platform.

    For docker the daemon usually has the CLI's version, and sometimes another
    one in the same range (an old daemon behind a new CLI); podman and nerdctl
    are one program. Shrinks towards the newest release on Linux.

    Args:
        engine: ``"docker"``, ``"podman"`` or ``"nerdctl"``.
        platforms: some of ``"linux"``, ``"darwin"``, ``"windows"`` (default: all).
        min_version: the oldest version (default: the oldest modelled).
        max_version: the newest (default: one major past the newest modelled).

    Raises:
        InvalidArgument: an unknown engine or platform, a bad or empty range.

    >>> strategy = profiles(platforms=["linux", "darwin"], max_version="23.0.0")
    >>> strategy = profiles(engine="podman")
    """
    call = "profiles()"
    chosen = _check_engine(engine, call)
    platforms_ = (
        _PLATFORMS
        if platforms is None
        else _check_choices(platforms, "platforms", _PLATFORMS, call)
    )
    low, high = _version_range(chosen, min_version, max_version, call)
    return _profiles(chosen, platforms_, low, high)


# --------------------------------------------------------------------------------------
# Message templates: the real wordings, each labelled by hand with the phrases it holds.
#
# Labels (independent of the rule tables, which the tests check them against):
#   not-found     "executable file not found" / "no such file or directory" /
#                 "system cannot find the file specified", in that exact case
#   not-found-ci  one of those in another case only (crun: "No such file or directory")
#   eacces        "permission denied";   eacces-ci: only in another case (crun)
#   eperm         "operation not permitted", in any case
#   eisdir        "is a directory";      enotdir: "not a directory"
#   runc-call     "failed to run runc create/exec call"
#   unreachable   docker's client wording of a daemon it cannot reach
#   transport     docker's client wording of a request that failed in transport
#   escape        the detach key sequence;  cancel: "context canceled"
# --------------------------------------------------------------------------------------

_MOUNT_HINT = (
    ": Are you trying to mount a directory onto a file (or vice-versa)? Check if the"
    " specified host path exists and is the expected type"
)
_ALL_ENGINES = "docker podman nerdctl"


@attrs.frozen
class _Template:
    """A message with placeholders, the phrases it holds, and where it comes from."""

    text: str
    labels: frozenset[str]
    stage: str  # runtime | daemon | create | windows | client | usage-flag | usage-args | other
    engines: frozenset[Engine]
    runtime: str = "runc"
    suffix: str = ""  # what the docker daemon appends after the runtime's message
    exec_ok: bool = False  # also what an exec'd process that fails to start reports
    since_engine: Version | None = None


def _t(
    text: str,
    labels: str,
    stage: str,
    engines: str = "docker nerdctl",
    *,
    runtime: str = "runc",
    suffix: str = "",
    exec_ok: bool = False,
    since_engine: str | None = None,
) -> _Template:
    return _Template(
        text,
        frozenset(labels.split()),
        stage,
        frozenset(Engine(name) for name in engines.split()),
        runtime,
        suffix,
        exec_ok,
        None if since_engine is None else parse_version(since_engine),
    )


_MOUNT = 'error during container init: error mounting "{host_path}" to rootfs at "{path}": '
_HCS = (
    "container {id} encountered an error during hcsshim::System::CreateProcess:"
    " failure in a Windows system call: "
)

# How the Docker CLI words a wrong number of arguments, after the quoted command.
_ARGUMENT_COUNTS = (
    "requires at least 1 argument",
    "requires exactly 1 argument",
    "requires at most 1 argument",
    "accepts no arguments",
    "accepts at most 2 arguments",
    "accepts between 1 and 2 arguments",
)

_TEMPLATES: tuple[_Template, ...] = (
    # --- runc's last log line (wrapped in the shim and daemon prefixes) ---
    _t(
        'exec: "{cmd}": executable file not found in $PATH',
        "not-found",
        "runtime",
        _ALL_ENGINES,
        exec_ok=True,
    ),
    _t(
        'exec: "{path}": stat {path}: no such file or directory',
        "not-found",
        "runtime",
        _ALL_ENGINES,
        exec_ok=True,
    ),
    _t('exec: "{path}": permission denied', "eacces", "runtime", _ALL_ENGINES, exec_ok=True),
    _t('exec: "{dir}": is a directory', "eisdir", "runtime", _ALL_ENGINES, exec_ok=True),
    _t(
        'exec: "{dir}": is a directory',
        "eisdir eacces",
        "runtime",
        "docker",
        suffix=": permission denied",  # moby 713e02e03e appends it (Engine 23.0.2)
        exec_ok=True,
        since_engine="23.0.2",
    ),
    _t(
        'chdir to cwd ("{path}") set in config.json failed: no such file or directory',
        "not-found",
        "runtime",
        _ALL_ENGINES,
        exec_ok=True,
    ),
    _t(
        'chdir to cwd ("{path}") set in config.json failed: not a directory',
        "enotdir",
        "runtime",
        "docker",
        suffix=_MOUNT_HINT,
    ),
    _t(
        _MOUNT + "mount {host_path}:{path} (via /proc/self/fd/6), flags: 0x5000: not a directory",
        "enotdir",
        "runtime",
        "docker",
        suffix=_MOUNT_HINT,
    ),
    _t(
        _MOUNT + "mount {host_path}:{path} (via /proc/self/fd/6), flags: 0x5000:"
        " no such file or directory",
        "not-found",
        "runtime",
        _ALL_ENGINES,
    ),
    _t(_MOUNT + "open {host_path}: permission denied", "eacces", "runtime", _ALL_ENGINES),
    _t(
        "error during container init: error running hook #0: error running hook: exit status 1,"
        " stdout: , stderr: nvidia-container-cli: initialization error: load library failed:"
        " libnvidia-ml.so.1: cannot open shared object file: no such file or directory",
        "not-found",
        "runtime",
        _ALL_ENGINES,
    ),
    _t(
        "error during container init: error setting cgroup config for procHooks process:"
        " unable to freeze",
        "",
        "runtime",
        _ALL_ENGINES,
    ),
    _t(
        "error during container init: error setting rlimits for ready process: error setting"
        " rlimit type 7: operation not permitted",
        "eperm",
        "runtime",
        _ALL_ENGINES,
        exec_ok=True,
    ),
    _t(
        "container {id}: failed to run runc create/exec call: exit status 1",
        "runc-call",
        "runtime",
        "docker",
    ),
    # --- crun (src/libcrun/utils.c: find_executable; errors are "<msg>: <strerror>") ---
    _t(
        "executable file `{cmd}` not found in $PATH: No such file or directory",
        "not-found-ci",
        "runtime",
        _ALL_ENGINES,
        runtime="crun",
        exec_ok=True,
    ),
    _t(
        "executable file `{path}` not found: No such file or directory",
        "not-found-ci",
        "runtime",
        _ALL_ENGINES,
        runtime="crun",
        exec_ok=True,
    ),
    _t(
        "the path `{path}` exists but it is not executable: Operation not permitted",
        "eperm",
        "runtime",
        _ALL_ENGINES,
        runtime="crun",
        exec_ok=True,
    ),
    _t(
        "the path `{dir}` is not a regular file: Operation not permitted",
        "eperm",
        "runtime",
        _ALL_ENGINES,
        runtime="crun",
        exec_ok=True,
    ),
    _t(
        "open `{path}`: Permission denied",
        "eacces-ci",
        "runtime",
        _ALL_ENGINES,
        runtime="crun",
        exec_ok=True,
    ),
    _t("open executable: Operation not permitted", "eperm", "runtime", "podman", runtime="crun"),
    _t("executable path is empty", "", "runtime", "podman", runtime="crun", exec_ok=True),
    _t(
        "setrlimit RLIMIT_NOFILE: Operation not permitted",
        "eperm",
        "runtime",
        "podman",
        runtime="crun",
    ),
    # --- whole daemon messages of a failed start ---
    _t(
        "driver failed programming external connectivity on endpoint {name} ({id}): Bind for"
        " 0.0.0.0:{port} failed: port is already allocated",
        "",
        "daemon",
        "docker",
    ),
    _t(
        "failed to create task for container: failed to create shim task: OCI runtime create"
        " failed: unable to retrieve OCI runtime error (open"
        " /run/containerd/io.containerd.runtime.v2.task/moby/{id}/log.json: no such file or"
        " directory): runc did not terminate successfully: exit status 127: unknown",
        "not-found",
        "daemon",
        "docker",
        since_engine="24.0.0",
    ),
    _t(
        'error gathering device information while adding custom device "/dev/{device}": no such'
        " file or directory",
        "not-found",
        "daemon",
        "docker",
    ),
    _t('could not select device driver "" with capabilities: [[gpu]]', "", "daemon", "docker"),
    _t(
        "error while creating mount source path '{host_path}': mkdir {host_path}:"
        " permission denied",
        "eacces",
        "daemon",
        "docker",
    ),
    _t("container {id} is marked for removal and cannot be started", "", "daemon", "docker"),
    _t('workdir "{path}" does not exist on container {id}', "", "daemon", "podman"),
    _t(
        "rootlessport listen tcp 0.0.0.0:{port}: bind: address already in use",
        "",
        "daemon",
        "podman",
    ),
    _t(
        "failed to create shim task: OCI runtime create failed: runc create failed: unable to"
        " start container process: error during container init: error setting cgroup config"
        " for procHooks process: bpf_prog_query(BPF_CGROUP_DEVICE) failed: invalid argument:"
        " unknown",
        "",
        "daemon",
        "nerdctl",
    ),
    # --- Windows (hcsshim) ---
    _t(
        _HCS + "The system cannot find the file specified. (0x2)",
        "not-found",
        "windows",
        "docker nerdctl",
        runtime="windows",
        exec_ok=True,
    ),
    _t(
        _HCS + "The system cannot find the path specified. (0x3)",
        "",
        "windows",
        "docker nerdctl",
        runtime="windows",
        exec_ok=True,
    ),
    _t(
        _HCS + "The directory name is invalid. (0x10b)",
        "",
        "windows",
        "docker nerdctl",
        runtime="windows",
    ),
    _t(
        "container {id} encountered an error during CreateProcess: failure in a Windows system"
        " call: The system cannot find the file specified. (0x2) extra info:"
        ' {"CommandLine":"{cmd}","WorkingDirectory":"C:\\\\","CreateStdInPipe":true,'
        '"CreateStdOutPipe":true,"CreateStdErrPipe":true,"ConsoleSize":[0,0]}',
        "not-found",
        "windows",
        "docker nerdctl",
        runtime="windows",
    ),
    # --- create and pull errors ---
    _t(
        "pull access denied for {repo}, repository does not exist or may require 'docker login':"
        " denied: requested access to the resource is denied",
        "",
        "create",
        "docker",
    ),
    _t(
        "manifest for {image} not found: manifest unknown: manifest unknown",
        "",
        "create",
        "docker",
    ),
    _t("No such image: {image}", "", "create", "docker"),
    _t(
        'Conflict. The container name "/{name}" is already in use by container "{id}". You have'
        " to remove (or rename) that container to be able to reuse that name.",
        "",
        "create",
        "docker",
    ),
    _t(
        'invalid mount config for type "bind": bind source path does not exist: {host_path}',
        "",
        "create",
        "docker",
    ),
    _t(
        "failed to register layer: stat /var/lib/docker/overlay2/{id}: no such file or directory",
        "not-found",
        "create",
        "docker",
    ),
    _t(
        "failed to mkdir /var/lib/docker/volumes/{name}/_data: mkdir"
        " /var/lib/docker/volumes/{name}/_data: permission denied",
        "eacces",
        "create",
        "docker",
    ),
    _t(
        'Get "https://registry.example.com/v2/": dial tcp: lookup registry.example.com on'
        " 127.0.0.53:53: no such host",
        "",
        "create",
        _ALL_ENGINES,
    ),
    _t("statfs {host_path}: no such file or directory", "not-found", "create", "podman"),
    _t(
        'creating container storage: the container name "{name}" is already in use by {id}. You'
        " have to remove that container to be able to reuse that name: that name is already in"
        " use",
        "",
        "create",
        "podman",
    ),
    _t("{image}: image not known", "", "create", "podman"),
    _t(
        'failed to resolve reference "registry.example.com/team/app:latest":'
        " registry.example.com/team/app:latest: not found",
        "",
        "create",
        "nerdctl",
    ),
    _t(
        'name "{name}" is already used by ID "{id}"',
        "",
        "create",
        "nerdctl",
    ),
    # --- the client could not reach the daemon ---
    _t(
        "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker"
        " daemon running?",
        "unreachable",
        "client",
        "docker",
    ),
    _t(
        "Cannot connect to the Docker daemon at tcp://{host}:{port}. Is the docker daemon running?",
        "unreachable",
        "client",
        "docker",
    ),
    _t(
        "permission denied while trying to connect to the Docker daemon socket at"
        ' unix:///var/run/docker.sock: Head "http://%2Fvar%2Frun%2Fdocker.sock/_ping": dial unix'
        " /var/run/docker.sock: connect: permission denied",
        "transport eacces",
        "client",
        "docker",
    ),
    _t(
        "Got permission denied while trying to connect to the Docker daemon socket at"
        ' unix:///var/run/docker.sock: Post "http://%2Fvar%2Frun%2Fdocker.sock/v1.24/containers/'
        'create": dial unix /var/run/docker.sock: connect: permission denied',
        "transport eacces",
        "client",
        "docker",
    ),
    _t(
        "failed to connect to the docker API at unix:///var/run/docker.sock; check if the path is"
        " correct and if the daemon is running: dial unix /var/run/docker.sock: connect: no such"
        " file or directory",
        "unreachable not-found",
        "client",
        "docker",
    ),
    _t(
        'error during connect: Get "http://%2F%2F.%2Fpipe%2FdockerDesktopLinuxEngine/v1.47/'
        'containers/json": open //./pipe/dockerDesktopLinuxEngine: The system cannot find the'
        " file specified.",
        "transport not-found",
        "client",
        "docker",
    ),
    _t(
        'error during connect: Post "http://{host}:{port}/v1.45/containers/create": dial tcp'
        " {host}:{port}: connect: connection refused",
        "transport",
        "client",
        "docker",
    ),
    _t(
        "Error while fetching server API version: ('Connection aborted.',"
        " FileNotFoundError(2, 'No such file or directory'))",
        "transport",
        "client",
        "docker",
    ),  # docker-py (requests) when the socket is missing
    _t(
        "HTTPConnectionPool(host='{host}', port={port}): Max retries exceeded with url:"
        " /v1.47/containers/create (Caused by NewConnectionError('<urllib3.connection."
        "HTTPConnection object at 0x7f0e2c1b3d90>: Failed to establish a new connection:"
        " [Errno 111] Connection refused'))",
        "transport",
        "client",
        "docker",
    ),
    _t(
        "Cannot connect to Podman. Please verify your connection to the Linux system using"
        " `podman system connection list`, or try `podman machine init` and `podman machine"
        " start` to manage a new Linux VM",
        "",
        "client",
        "podman",
    ),
    _t(
        'unable to connect to Podman socket: Get "http://d/v5.0.0/libpod/_ping": dial unix'
        " /run/user/1000/podman/podman.sock: connect: no such file or directory",
        "not-found",
        "client",
        "podman",
    ),
    _t(
        'cannot access containerd socket "/run/containerd/containerd.sock": no such file or'
        " directory",
        "not-found",
        "client",
        "nerdctl",
    ),
    _t(
        'failed to dial "/run/containerd/containerd.sock": connection error: desc = "transport:'
        " error while dialing: dial unix /run/containerd/containerd.sock: connect: permission"
        ' denied"',
        "eacces",
        "client",
        "nerdctl",
    ),
    # --- the CLI's own flag and argument errors ---
    _t("unknown flag: --{flag}", "", "usage-flag", _ALL_ENGINES),
    _t("unknown shorthand flag: '{letter}' in -{letter}", "", "usage-flag", _ALL_ENGINES),
    _t("flag needs an argument: --{flag}", "", "usage-flag", _ALL_ENGINES),
    _t(
        'invalid argument "{value}" for "-m, --memory" flag: invalid size: \'{value}\'',
        "",
        "usage-flag",
        _ALL_ENGINES,
    ),
    _t("bad flag syntax: ---{flag}", "", "usage-flag", "docker"),
    _t(
        "if any flags in the group [attach detach] are set none of the others can be;"
        " [attach detach] were all set",
        "",
        "usage-flag",
        "docker",
    ),
    *(
        _t(f'"docker {{command}}" {count}.', "", "usage-args", "docker")
        for count in _ARGUMENT_COUNTS
    ),
    # CLI 28+ quotes the command with single quotes, without the full stop (observed on
    # 28.2.2).
    *(
        _t(f"'docker {{command}}' {count}", "", "usage-args", "docker")
        for count in _ARGUMENT_COUNTS
    ),
    _t("the input device is not a TTY", "", "usage-args", "docker"),
    _t(
        "cannot attach stdin to a TTY-enabled container because stdin is not a terminal",
        "",
        "usage-args",
        "docker",
    ),
    _t("you cannot start and attach multiple containers at once", "", "usage-args", "docker"),
    _t(
        "conflicting options: cannot specify both --attach and --detach",
        "",
        "usage-args",
        "docker",
    ),
    _t("Conflicting options: -a and -d", "", "usage-args", "docker"),
    _t("Usage:  docker {word} COMMAND", "", "usage-args", "docker"),
    _t("unknown command: docker {word}", "", "usage-args", "docker"),
    _t("'{word}' is not a docker command.", "", "usage-args", "docker"),
    _t("requires at least 1 arg(s), only received 0", "", "usage-args", "podman nerdctl"),
    _t("requires exactly 1 arg(s), only received 0", "", "usage-args", "podman"),
    _t("accepts at most 1 arg(s), received 2", "", "usage-args", "podman"),
    _t('"podman {command}" accepts no arguments', "", "usage-args", "podman"),
    _t("unrecognized command `podman {word}`", "", "usage-args", "podman"),
    _t(
        "must provide a non-empty command to start an exec session: invalid argument",
        "",
        "usage-exec",
        "podman",
    ),
)

# Texts that are not daemon errors: attach streams, wait requests, exec requests.
_ESCAPE = _t("read escape sequence", "escape", "other", _ALL_ENGINES)
_ATTACH_ERRORS = (
    _t("unable to upgrade to tcp, received 500", "", "other", _ALL_ENGINES),
    _t("cannot attach to a stopped container, start it first", "", "other", _ALL_ENGINES),
    _t("cannot attach to a paused container, unpause it first", "", "other", _ALL_ENGINES),
    _t("the input device is not a TTY", "", "other", _ALL_ENGINES),
)
_WAIT_REQUEST_ERRORS = (
    _t("unexpected EOF", "", "other", _ALL_ENGINES),
    _t("Error response from daemon: No such container: {name}", "", "other", _ALL_ENGINES),
    _t(
        "read unix @->/var/run/docker.sock: read: connection reset by peer",
        "",
        "other",
        _ALL_ENGINES,
    ),
)
_CANCELLED = _t("context canceled", "cancel", "other", _ALL_ENGINES)
_EXEC_CREATE_ERRORS = (
    _t("Error response from daemon: container {id} is not running", "", "other", _ALL_ENGINES),
    _t("Error response from daemon: No such container: {name}", "", "other", _ALL_ENGINES),
    _t(
        "Error response from daemon: Container {id} is paused, unpause the container before exec",
        "",
        "other",
        _ALL_ENGINES,
    ),
)
_EXEC_INSPECT_ERRORS = (
    _t(
        'error during connect: Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.47/exec/{id}/json": EOF',
        "transport",
        "other",
        _ALL_ENGINES,
    ),
    _t("Error response from daemon: No such exec instance: {id}", "", "other", _ALL_ENGINES),
)
_WAIT_ERROR_MESSAGES = (
    _t(
        "unable to remove filesystem for {id}: unlinkat /var/lib/docker/containers/{id}/mounts/shm:"
        " device or resource busy",
        "",
        "other",
        _ALL_ENGINES,
    ),
    _t(
        'driver "overlay2" failed to remove root filesystem for {id}: unlinkat'
        " /var/lib/docker/overlay2/{id}/merged: device or resource busy",
        "",
        "other",
        _ALL_ENGINES,
    ),
    _t("", "", "other", _ALL_ENGINES),
)


def _of_engine(templates: Iterable[_Template], profile: Profile) -> tuple[_Template, ...]:
    """The templates *profile*'s engine and release can produce."""
    return tuple(
        template
        for template in templates
        if profile.engine in template.engines
        and (template.since_engine is None or profile.engine_version >= template.since_engine)
    )


# --- fillers: short tokens without spaces, so they can neither make nor break a phrase ---

_TOKEN = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8)
_SEGMENTS = st.lists(_TOKEN, min_size=1, max_size=3).map(lambda parts: "/" + "/".join(parts))
_HEX = "0123456789abcdef"
_HEX64 = st.text(_HEX, min_size=64, max_size=64)
_IDS = ("4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b",)


def _choices(first: Sequence[str], more: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.sampled_from(first) | more


_FILLERS: dict[str, st.SearchStrategy[str]] = {
    "cmd": _choices(
        ("foo", "sh", "bash", "python3", "node", "entrypoint.sh", "./run.sh", "uvicorn"), _TOKEN
    ),
    "path": _choices(
        ("/app/entrypoint.sh", "/docker-entrypoint.sh", "/usr/local/bin/app", "/bin/foo"),
        _SEGMENTS,
    ),
    "dir": _choices(("/etc", "/app", "/usr/local/bin", "/", "/data"), _SEGMENTS),
    "host_path": _choices(
        ("/home/user/project", "/srv/data", "/tmp/config.yml", "/mnt/cache"), _SEGMENTS
    ),
    "id": _choices(_IDS, _HEX64),
    "image": _choices(
        ("busybox:latest", "alpine:3.20", "ubuntu:24.04", "registry.example.com/team/app:1.4.2"),
        _TOKEN.map(lambda token: f"{token}:latest"),
    ),
    "repo": _choices(
        ("myorg/private-app", "registry.example.com/team/app", "localhost:5000/app"), _TOKEN
    ),
    "name": _choices(("web", "db", "app-1", "ci_job_42"), _TOKEN),
    "port": st.sampled_from(("80", "443", "8080", "5432")) | st.integers(1024, 65535).map(str),
    "device": _choices(("dri", "nvidia0", "kvm", "fuse"), _TOKEN),
    "flag": _choices(("foo", "detatch", "memroy", "gpu"), _TOKEN),
    "letter": st.sampled_from(tuple("zjkqxy")),
    "word": _choices(("frobnicate", "rnu", "lgs"), _TOKEN),
    "value": _choices(("abc", "1x", "lots"), _TOKEN),
    "host": st.sampled_from(("127.0.0.1", "10.0.0.5", "192.168.65.3")),
    "command": st.sampled_from(("run", "create", "start", "wait")),
}
_PLACEHOLDER = re.compile(r"\{(" + "|".join(_FILLERS) + r")\}")


def _fill(draw: st.DrawFn, text: str, fixed: Mapping[str, str] | None = None) -> str:
    """Fill the placeholders of *text*: the most readable values, or drawn ones.

    One choice decides which, whatever the number of placeholders, so every
    template costs the shrinker the same and failures shrink to the first
    template that fails, filled with its most readable values.
    """
    values: dict[str, str] = dict(fixed or {})
    if draw(_BOOLEANS):
        for name in _PLACEHOLDER.findall(text):
            if name not in values:
                values[name] = draw(_FILLERS[name])
    return _PLACEHOLDER.sub(lambda match: values.get(match[1], _FIRSTS[match[1]]), text)


_FIRSTS = {
    "cmd": "foo",
    "path": "/app/entrypoint.sh",
    "dir": "/etc",
    "host_path": "/home/user/project",
    "id": _IDS[0],
    "image": "busybox:latest",
    "repo": "myorg/private-app",
    "name": "web",
    "port": "80",
    "device": "dri",
    "flag": "foo",
    "letter": "z",
    "word": "frobnicate",
    "value": "abc",
    "host": "127.0.0.1",
    "command": "run",
}


def _neutral(text: str) -> str:
    """*text* with the first (most readable) filler of each placeholder."""
    return _PLACEHOLDER.sub(lambda match: _FIRSTS[match[1]], text)


# --- how a runtime's line reaches the user: shim/daemon chains, then client/CLI forms ---


@attrs.frozen
class _Chain:
    head: str
    tail: str
    runtimes: frozenset[str]
    engine: Engine = Engine.DOCKER
    since: Version | None = None  # docker engine (daemon) version
    until: Version | None = None
    quote: bool = False  # runc before 1.0.0-rc93 quoted what it wrapped

    def fits(self, runtime: str, profile: Profile) -> bool:
        version = profile.engine_version
        return (
            profile.engine is self.engine
            and runtime in self.runtimes
            and (self.since is None or version >= self.since)
            and (self.until is None or version < self.until)
        )

    def wrap(self, body: str) -> str:
        if self.quote:
            body = body.replace('"', '\\"')
        return f"{self.head}{body}{self.tail}"


def _chain(
    head: str,
    tail: str,
    runtimes: str,
    since: str | None = None,
    until: str | None = None,
    *,
    engine: Engine = Engine.DOCKER,
    quote: bool = False,
) -> _Chain:
    return _Chain(
        head,
        tail,
        frozenset(runtimes.split()),
        engine,
        None if since is None else parse_version(since),
        None if until is None else parse_version(until),
        quote,
    )


_TASK = "failed to create task for container: "
_SHIM_TASK = "failed to create shim task: OCI runtime create failed: "
_RUNC_11 = "runc create failed: unable to start container process: "
_BARE = "runc crun"  # the runtime's line alone, as logs and some tools show it
_CREATE_CHAINS = (
    _chain("", "", _BARE),
    _chain(_TASK + _SHIM_TASK + _RUNC_11, ": unknown", "runc", since="24.0.0"),
    _chain(_TASK + _SHIM_TASK + _RUNC_11, "", "runc", since="29.0.0"),
    _chain(_SHIM_TASK + _RUNC_11, ": unknown", "runc", since="20.10.0", until="24.0.0"),
    _chain(
        "failed to create shim: OCI runtime create failed: container_linux.go:380: starting"
        " container process caused: ",
        ": unknown",
        "runc",
        since="20.10.0",
        until="24.0.0",
    ),
    _chain(
        "OCI runtime create failed: container_linux.go:370: starting container process caused: ",
        ": unknown",
        "runc",
        since="20.10.0",
        until="23.0.0",
    ),
    _chain(
        'OCI runtime create failed: container_linux.go:348: starting container process caused "',
        '": unknown',
        "runc",
        until="20.10.0",
        quote=True,
    ),
    _chain(_TASK + _SHIM_TASK, ": unknown", "crun", since="24.0.0"),
    _chain(_SHIM_TASK, ": unknown", "crun", until="24.0.0"),
    # podman (libpod/oci_conmon_linux.go): "<runtime>: <its message>: <libpod's verdict>"
    _chain("", "", _BARE, engine=Engine.PODMAN),
    _chain("runc: " + _RUNC_11, "", "runc", engine=Engine.PODMAN),
    _chain("crun: ", "", "crun", engine=Engine.PODMAN),
    # nerdctl prints containerd's error
    _chain("", "", _BARE, engine=Engine.NERDCTL),
    _chain(_SHIM_TASK + _RUNC_11, ": unknown", "runc", engine=Engine.NERDCTL),
    _chain(_SHIM_TASK, ": unknown", "crun", engine=Engine.NERDCTL),
)
_EXEC_CHAINS = (
    _chain(
        "OCI runtime exec failed: exec failed: unable to start container process: ",
        ": unknown",
        "runc",
        since="20.10.0",
    ),
    _chain(
        "OCI runtime exec failed: exec failed: container_linux.go:380: starting container"
        " process caused: ",
        ": unknown",
        "runc",
        since="20.10.0",
        until="24.0.0",
    ),
    _chain(
        "OCI runtime exec failed: exec failed: container_linux.go:348: starting container"
        ' process caused "',
        '": unknown',
        "runc",
        until="20.10.0",
        quote=True,
    ),
    _chain("OCI runtime exec failed: ", ": unknown", "crun"),
    _chain("", "", _BARE, engine=Engine.PODMAN),
    _chain("crun: ", "", "crun", engine=Engine.PODMAN),
    _chain(
        "runc: exec failed: unable to start container process: ", "", "runc", engine=Engine.PODMAN
    ),
    _chain(
        "OCI runtime exec failed: exec failed: unable to start container process: ",
        ": unknown",
        "runc",
        engine=Engine.NERDCTL,
    ),
    _chain("OCI runtime exec failed: ", ": unknown", "crun", engine=Engine.NERDCTL),
)

# libpod getOCIRuntimeError: the verdict podman appends to the runtime's message.
_PODMAN_PERMISSION = ("permission denied", "operation not permitted")
_PODMAN_NOT_FOUND = ("executable file not found in", "no such file or directory")


def _podman_verdict(runtime_message: str) -> str:
    lowered = runtime_message.lower()
    if any(text in lowered for text in _PODMAN_PERMISSION):
        return ": OCI permission denied"
    if any(text in lowered for text in _PODMAN_NOT_FOUND):
        return ": OCI runtime attempted to invoke a command that was not found"
    return ": OCI runtime error"


@attrs.frozen
class _Form:
    """How a tool meets a message: ``{message}`` inside client or CLI text."""

    text: str
    since: Version | None = None  # CLI version
    until: Version | None = None
    quote: bool = False  # logrus quotes the message (nerdctl's fatal lines)

    def fits(self, profile: Profile) -> bool:
        return (self.since is None or profile.version >= self.since) and (
            self.until is None or profile.version < self.until
        )

    def show(self, message: str) -> str:
        if self.quote:
            message = message.replace('"', '\\"')
        return self.text.replace("{message}", message)


def _form(
    text: str, since: str | None = None, until: str | None = None, *, quote: bool = False
) -> _Form:
    return _Form(
        text,
        None if since is None else parse_version(since),
        None if until is None else parse_version(until),
        quote,
    )


_RUN_HELP = "\n\nRun 'docker run --help' for more information"
_BARE_FORM = _form("{message}")
_DAEMON_FORMS = (
    _BARE_FORM,  # docker-py APIError.explanation, the API body's message
    _form("Error response from daemon: {message}"),  # the Go client's error
    _form("docker: Error response from daemon: {message}" + _RUN_HELP, since="28.0.0"),
    _form("docker: Error response from daemon: {message}.", until="28.0.0"),
    _form(
        "docker: Error response from daemon: {message}.\nSee 'docker run --help'.", until="28.0.0"
    ),
    _form(
        "500 Server Error for http+docker://localhost/v1.47/containers/create: Internal Server"
        ' Error ("{message}")'
    ),  # str() of a docker-py APIError
)
_CLIENT_FORMS = (_BARE_FORM, _form("docker: {message}"))
_USAGE_FORMS = (
    _BARE_FORM,
    _form(
        "docker: {message}\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]" + _RUN_HELP,
        since="28.0.0",
    ),
    _form("docker: {message}\nSee 'docker run --help'.", until="28.0.0"),
)
_PODMAN_FORMS = (_BARE_FORM, _form("Error: {message}"))
_NERDCTL_FORMS = (
    _BARE_FORM,
    _form('time="2026-03-14T09:26:53Z" level=fatal msg="{message}"', quote=True),
)


def _forms(stage: str, profile: Profile) -> tuple[_Form, ...]:
    if stage == "other":
        return (_BARE_FORM,)
    if profile.engine is Engine.PODMAN:
        return _PODMAN_FORMS
    if profile.engine is Engine.NERDCTL:
        return (_BARE_FORM,) if stage.startswith("usage") else _NERDCTL_FORMS
    forms: tuple[_Form, ...]
    if stage.startswith("usage"):
        forms = _USAGE_FORMS
    elif stage == "client":
        forms = _CLIENT_FORMS
    else:
        forms = _DAEMON_FORMS
    return tuple(form for form in forms if form.fits(profile))


def _message(
    draw: st.DrawFn,
    template: _Template,
    profile: Profile,
    *,
    chains: Sequence[_Chain] = _CREATE_CHAINS,
    forms: bool = True,
    fixed: Mapping[str, str] | None = None,
) -> tuple[str, str]:
    """The engine's own message (what ``State.Error`` holds), and how a tool meets it.

    The second is the first bare, or inside a client or CLI wording. The shim
    chain and the wording are one choice, so that templates cost the same.
    """
    text = _fill(draw, template.text, fixed)
    wrappers: list[_Chain | None] = [None]
    if template.stage == "runtime":
        wrappers = [chain for chain in chains if chain.fits(template.runtime, profile)] or [None]
    wordings: list[_Form | None] = [None]
    if forms:
        wordings = list(_forms(template.stage, profile))
    chain, form = _pick(draw, [(c, f) for c in wrappers for f in wordings])
    raw = (text if chain is None else chain.wrap(text)) + template.suffix
    raw += _engine_tail(template, profile, text)
    return raw, raw if form is None else form.show(raw)


def _engine_tail(template: _Template, profile: Profile, text: str) -> str:
    """What the engine appends to a runtime's message (podman's verdict)."""
    if template.stage == "runtime" and profile.engine is Engine.PODMAN:
        return _podman_verdict(text)
    return ""


def _decision_text(template: _Template, profile: Profile) -> str:
    """The template, readably filled, with everything the engine appends to it."""
    text = _neutral(template.text)
    return text + template.suffix + _engine_tail(template, profile, text)


def _render(
    draw: st.DrawFn, template: _Template, profile: Profile, fixed: Mapping[str, str] | None = None
) -> str:
    return _message(draw, template, profile, fixed=fixed)[1]


# --------------------------------------------------------------------------------------
# daemon_errors: built from the rule tables
# --------------------------------------------------------------------------------------

_DECISION_LAYERS = (Layer.USAGE, Layer.CONNECTION, Layer.CLI)


def _rows(profile: Profile, layer: Layer) -> list[MessageRule]:
    return [
        rule
        for rule in MESSAGE_RULES
        if rule.layer is layer and rule.engine is profile.engine and rule.versions.contains(profile)
    ]


def _deciding_row(message: str, profile: Profile) -> MessageRule:
    """The row that decides how *message* classifies, read straight from the tables.

    Usage rows first, then connection rows, then the CLI's mapping (which ends
    with a fallback row), as :func:`exitcodes.classify` documents.
    """
    lowered = message.lower()
    stripped = strip_prefixes(message)
    for layer in _DECISION_LAYERS:
        for rule in _rows(profile, layer):
            if rule.matches(message, lowered, stripped):
                return rule
    raise AssertionError(f"no CLI fallback row for {profile}")  # pragma: no cover


def _generic(rule: MessageRule, pattern: str, engine: Engine) -> _Template:
    """A plain carrier for a pattern no realistic template holds (a future row)."""
    engines = frozenset({engine})
    if rule.layer is Layer.USAGE:
        text = pattern + "{word}" if rule.match is Match.PREFIX else "{word}" + pattern
        return _Template(text, frozenset({"generic"}), "usage-flag", engines)
    if rule.layer is Layer.CONNECTION:
        return _Template(pattern + ": {host}", frozenset({"generic"}), "client", engines)
    return _Template("open {path}: " + pattern, frozenset({"generic"}), "runtime", engines)


def _two_or_more(items: Sequence[Any]) -> tuple[Any, ...]:
    """*items*, repeated if alone: a choice among one item costs the shrinker nothing.

    Hypothesis shrinks towards shorter choice sequences first, so without this the
    row with a single template would win over the first row.
    """
    return tuple(items) * 2 if len(items) == 1 else tuple(items)


@functools.lru_cache(maxsize=128)
def _message_plan(
    profile: Profile, outcomes: tuple[ExitOutcome, ...]
) -> tuple[tuple[MessageRule, tuple[_Template, ...]], ...]:
    """For each row of a wanted outcome, the templates that classify by it."""
    deciding: dict[str, list[_Template]] = {}
    for template in _of_engine(_TEMPLATES, profile):
        row = _deciding_row(_decision_text(template, profile), profile)
        deciding.setdefault(row.id, []).append(template)
    ordered = [*_rows(profile, Layer.CLI), *_rows(profile, Layer.CONNECTION)]
    ordered += _rows(profile, Layer.USAGE)
    plan = []
    for rule in ordered:
        if rule.outcome not in outcomes:
            continue
        templates = list(deciding.get(rule.id, ()))
        for pattern in rule.patterns:
            carried = any(
                pattern.lower() in _decision_text(template, profile).lower()
                for template in templates
            )
            if not carried:
                generic = _generic(rule, pattern, profile.engine)
                if _deciding_row(_decision_text(generic, profile), profile).id == rule.id:
                    templates.append(generic)
        if templates:  # the shortest first: failures shrink to the most readable
            templates.sort(key=lambda template: len(_decision_text(template, profile)))
            plan.append((rule, _two_or_more(templates)))
    return tuple(plan)


@st.composite
def _daemon_errors(draw: st.DrawFn, profile: Profile, outcomes: tuple[ExitOutcome, ...]) -> str:
    plan = _message_plan(profile, outcomes)
    _rule, templates = _pick(draw, plan)
    template = _pick(draw, templates)
    return _render(draw, template, profile)


def daemon_errors(
    outcome: ExitOutcome | None = None,
    *,
    engine: Engine | str = "docker",
    profile: Profile | None = None,
) -> st.SearchStrategy[str]:
    """Error texts as users paste them, that classify to *outcome* under *profile*.

    Built from the rule tables of :mod:`exitcodes.rules`: a row of the wanted
    outcome is picked, then a real wording that carries one of its phrases and
    none of an earlier row's (runc's ``exec: "foo": executable file not found in
    $PATH``, crun's ``executable file `foo` not found in $PATH: No such file or
    directory``, hcsshim's ``The system cannot find the file specified.``, a pull
    or port error, a client's ``Cannot connect to the Docker daemon``...), wrapped
    in the shim and daemon prefixes of the profile's engine release
    (``failed to create task for container: failed to create shim task: OCI
    runtime create failed: runc create failed: unable to start container process:
    ...: unknown``, containerd 1.5's ``failed to create shim:``, old runc's
    ``container_linux.go:370: starting container process caused:``; podman's
    ``crun: ...: OCI runtime attempted to invoke a command that was not found``)
    and in a client or CLI wording (``Error response from daemon:``,
    ``docker:``, ``Error:``...). Rows without a real wording get a plain carrier
    of their phrase. Shrinks to the shortest wording of the first row.

    ``classify(message, profile=profile).outcome`` is always *outcome*. Note that
    a phrase can mean other things than it says: ``not a directory`` and crun's
    capitalised ``No such file or directory`` are engine errors (125) to the
    docker CLI.

    Args:
        outcome: one of :data:`MESSAGE_OUTCOMES` (``NOT_FOUND``,
            ``CANNOT_INVOKE``, ``ENGINE_ERROR``, ``USAGE_ERROR``: the CLI's own
            argument errors), or ``None`` for any of them.
        engine: the engine whose wordings and rules to use (``"docker"``,
            ``"podman"``, ``"nerdctl"``); ignored when *profile* is given.
        profile: the engine and versions (default: the engine's newest release).

    Raises:
        InvalidArgument: an outcome no text classifies to, an unknown engine,
            a profile that is not a Profile.

    >>> strategy = daemon_errors(ExitOutcome.CANNOT_INVOKE)
    >>> strategy = daemon_errors(engine="podman")
    """
    call = f"daemon_errors(outcome={describe(outcome)})"  # never a hostile repr's error
    chosen = _check_engine(engine, call)
    active = _check_profile(profile, call) if profile is not None else _default_profile(chosen)
    if outcome is None:
        outcomes = MESSAGE_OUTCOMES
    elif isinstance(outcome, ExitOutcome) and outcome in MESSAGE_OUTCOMES:
        outcomes = (outcome,)
    else:
        shown = ", ".join(repr(item) for item in MESSAGE_OUTCOMES)
        raise _fail(
            call,
            f"outcome must be one of {shown} or None (no error text classifies to"
            f" {describe(outcome)})",
        )
    if not _message_plan(active, outcomes):  # pragma: no cover - every outcome has a row
        raise _fail(call, f"no rule of {active} gives that outcome")
    return _daemon_errors(active, outcomes).filter(
        lambda message: _deciding_row(message, active).outcome in outcomes
    )


# --------------------------------------------------------------------------------------
# Documents: wait responses, exec inspects, container states, Kubernetes states
# --------------------------------------------------------------------------------------

_TIMES = ("2026-03-14T09:26:53.589793238Z", "2025-11-02T17:04:11.021837455Z")
_ZERO_TIME = "0001-01-01T00:00:00Z"


@st.composite
def _wait_responses(
    draw: st.DrawFn, status_codes: st.SearchStrategy[int], allow_error: bool
) -> dict[str, Any]:
    status = draw(status_codes)
    forms = ("omitted", "null", "error") if allow_error else ("omitted", "null")
    form = _pick(draw, forms)
    if form == "omitted":
        return {"StatusCode": status}
    if form == "null":
        return {"StatusCode": status, "Error": None}
    message = _fill(draw, _pick(draw, _WAIT_ERROR_MESSAGES).text)
    return {"StatusCode": status, "Error": {"Message": message}}


def wait_responses(
    status_codes: st.SearchStrategy[int] | None = None, *, allow_error: bool = True
) -> st.SearchStrategy[dict[str, Any]]:
    """Wait responses, ``{"StatusCode": n}`` with ``"Error"`` omitted, null or set.

    The Engine API omits ``Error`` when there is none (docker-py then returns a
    dict without it); a set ``Error`` holds ``{"Message": ...}``, such as a failed
    ``--rm`` removal (even an empty message counts). Shrinks to ``{"StatusCode": 0}``.

    Args:
        status_codes: the statuses (default: :func:`exit_codes`).
        allow_error: with ``False``, ``Error`` is never set.

    Raises:
        InvalidArgument: *status_codes* is not a strategy, *allow_error* not a bool.

    >>> strategy = wait_responses(exit_codes(min_value=1), allow_error=False)
    """
    call = "wait_responses()"
    codes = (
        exit_codes()
        if status_codes is None
        else _check_strategy(status_codes, "status_codes", call)
    )
    return _wait_responses(codes, _check_bool(allow_error, "allow_error", call))


@st.composite
def _exec_inspects(draw: st.DrawFn, status_codes: st.SearchStrategy[int]) -> dict[str, Any]:
    state = _pick(draw, ("exited", "running", "created"))
    status: int | None = draw(status_codes)  # drawn for every state: they shrink alike
    pid = _integer(draw, 1, 99999)
    return {
        "ID": draw(_HEX64),
        "Running": state == "running",
        "ExitCode": status if state == "exited" else None,
        "ProcessConfig": {
            "tty": False,
            "entrypoint": _fill(draw, "{cmd}"),
            "arguments": [],
            "privileged": False,
        },
        "OpenStdin": False,
        "OpenStderr": True,
        "OpenStdout": True,
        "CanRemove": False,
        "ContainerID": _fill(draw, "{id}"),
        "DetachKeys": "",
        "Pid": pid if state == "running" else 0,
    }


def exec_inspects(
    status_codes: st.SearchStrategy[int] | None = None,
) -> st.SearchStrategy[dict[str, Any]]:
    """Exec inspect documents (``GET /exec/{id}/json``), consistent ones only.

    An exec that finished has an ``ExitCode``; one that is running or was never
    started has ``"ExitCode": null``. Shrinks to a finished exec with status 0.

    Args:
        status_codes: the statuses of finished execs (default: :func:`exit_codes`).

    Raises:
        InvalidArgument: *status_codes* is not a strategy.

    >>> strategy = exec_inspects(exit_codes(min_value=126, max_value=127))
    """
    call = "exec_inspects()"
    codes = (
        exit_codes()
        if status_codes is None
        else _check_strategy(status_codes, "status_codes", call)
    )
    return _exec_inspects(codes)


_CODES = exit_codes()
_NONZERO = exit_codes(min_value=1)
_STATE_STATUSES = ("exited", "running", "created", "paused", "restarting", "dead", "removing")

# The independent model of the daemon (moby daemon/errors.go, daemon/start.go, daemon/exec.go).
_ENGINE_SET_EXIT_CODE = Version(24, 0, 0)
_ENGINE_EISDIR = Version(23, 0, 2)
_ENGINE_EXEC_127 = Version(28, 0, 0)
_NOT_FOUND_ANY_CASE = frozenset({"not-found", "not-found-ci", "runc-call"})
_EACCES_ANY_CASE = frozenset({"eacces", "eacces-ci"})


def _daemon_start_code(labels: frozenset[str], profile: Profile) -> int:
    """The ExitCode dockerd records for a start error (case-insensitive checks)."""
    if profile.engine_version >= _ENGINE_SET_EXIT_CODE:  # early returns, in this order
        if labels & _EACCES_ANY_CASE or "eisdir" in labels:
            return 126
        if "enotdir" in labels or labels & _NOT_FOUND_ANY_CASE:
            return 127
        return 128
    # Before Engine 24: overrides, ENOTDIR last; no runc-call check yet.
    if "enotdir" in labels:
        return 127
    if labels & _EACCES_ANY_CASE:
        return 126
    if "eisdir" in labels and profile.engine_version >= _ENGINE_EISDIR:
        return 126
    if labels & {"not-found", "not-found-ci"}:
        return 127
    return 128


_START_TEMPLATES = tuple(
    template for template in _TEMPLATES if template.stage in ("runtime", "daemon", "windows")
)


@functools.lru_cache(maxsize=256)
def _by_labels(templates: tuple[_Template, ...]) -> tuple[tuple[_Template, ...], ...]:
    groups: dict[frozenset[str], list[_Template]] = {}
    for template in templates:
        groups.setdefault(template.labels, []).append(template)
    return tuple(_two_or_more(group) for group in groups.values())


def _pick_template(draw: st.DrawFn, templates: Sequence[_Template]) -> _Template:
    """A template, each kind of message (its labels) as likely as any other.

    Drawing uniformly among templates would make the rare kinds (``is a
    directory``: two wordings among thirty) rare in scenarios too, and a check of
    a few hundred scenarios could miss the bug that mishandles them.
    """
    return _pick(draw, _pick(draw, _by_labels(tuple(templates))))


def _state(status: str, **changes: Any) -> dict[str, Any]:
    state: dict[str, Any] = {
        "Status": status,
        "Running": False,
        "Paused": False,
        "Restarting": False,
        "OOMKilled": False,
        "Dead": False,
        "Pid": 0,
        "ExitCode": 0,
        "Error": "",
        "StartedAt": _TIMES[0],
        "FinishedAt": _TIMES[1],
    }
    state.update(changes)
    return state


def _failed_start(draw: st.DrawFn, profile: Profile) -> tuple[dict[str, Any], _Template, str]:
    """A failed first start: the state it leaves, its template, the error a tool met.

    Docker keeps such a container ``created`` with ExitCode 126, 127 or 128;
    podman keeps it ``created`` with ExitCode 0.
    """
    template = _pick_template(draw, _of_engine(_START_TEMPLATES, profile))
    raw, seen = _message(draw, template, profile)
    code = _daemon_start_code(template.labels, profile) if profile.engine is Engine.DOCKER else 0
    state = _state("created", ExitCode=code, Error=raw, StartedAt=_ZERO_TIME, FinishedAt=_ZERO_TIME)
    return state, template, seen


@st.composite
def _container_states(
    draw: st.DrawFn, statuses: tuple[str, ...], profile: Profile
) -> dict[str, Any]:
    status = _pick(draw, statuses)
    pid = _integer(draw, 1, 99999)
    if status == "running":
        return _state(status, Running=True, Pid=pid, FinishedAt=_ZERO_TIME)
    if status == "paused":
        return _state(status, Running=True, Paused=True, Pid=pid, FinishedAt=_ZERO_TIME)
    if status == "restarting":
        return _state(status, Running=True, Restarting=True, ExitCode=draw(_NONZERO))
    if status == "created":
        if profile.engine is not Engine.NERDCTL and draw(_BOOLEANS):
            return _failed_start(draw, profile)[0]
        return _state(status, StartedAt=_ZERO_TIME, FinishedAt=_ZERO_TIME)
    if status == "exited" and draw(_BOOLEANS):
        return _state(status, ExitCode=137, OOMKilled=True)
    code = draw(_CODES)
    if status == "dead":
        error = _fill(draw, "unable to remove filesystem for {id}: device or resource busy")
        return _state(status, Dead=True, ExitCode=code, Error=_pick(draw, ("", error)))
    return _state(status, ExitCode=code)


def container_states(
    *, statuses: Collection[str] | None = None, profile: Profile | None = None
) -> st.SearchStrategy[dict[str, Any]]:
    """``docker inspect``'s ``State``, in consistent combinations only.

    A running container has ``ExitCode`` 0 and ``Running`` true (paused and
    restarting ones too, as moby sets them); an OOM-killed one exited 137; a
    container whose first start failed stays ``created`` with ``Error`` set to the
    daemon's message and ``ExitCode`` 126, 127 or 128 as that docker daemon
    records it (moby ``setExitCodeFromError``; podman records 0). Shrinks
    towards a running container.

    Args:
        statuses: some of ``"exited"``, ``"running"``, ``"created"``,
            ``"paused"``, ``"restarting"``, ``"dead"``, ``"removing"`` (default:
            all).
        profile: decides the failed-start codes and wordings (default: the
            newest Docker).

    Raises:
        InvalidArgument: an unknown or empty set of statuses, a bad profile.

    >>> strategy = container_states(statuses=["exited", "created"])
    """
    call = "container_states()"
    chosen = (
        _STATE_STATUSES
        if statuses is None
        else _check_choices(statuses, "statuses", _STATE_STATUSES, call)
    )
    return _container_states(chosen, _check_profile(profile, call))


_RUNC_TEMPLATES = tuple(
    template
    for template in _TEMPLATES
    if template.stage == "runtime"
    and template.runtime == "runc"
    and not template.suffix
    and Engine.NERDCTL in template.engines
)
_K8S_WAITING = (
    ("CrashLoopBackOff", "back-off 5m0s restarting failed container={name} pod={name}-7d9c5"),
    ("ErrImagePull", 'rpc error: code = NotFound desc = failed to pull and unpack image "{image}"'),
    ("ImagePullBackOff", 'Back-off pulling image "{image}"'),
    ("CreateContainerConfigError", 'secret "{name}" not found'),
    ("ContainerCreating", ""),
)


@st.composite
def _kubernetes_states(draw: st.DrawFn, kinds: tuple[str, ...]) -> dict[str, Any]:
    kind = _pick(draw, kinds)
    if kind == "waiting":
        reason, message = _pick(draw, _K8S_WAITING)
        waiting = {"reason": reason}
        if message:
            waiting["message"] = _fill(draw, message)
        return {"waiting": waiting}
    reason = _pick(draw, ("Completed", "Error", "OOMKilled", "StartError"))
    terminated: dict[str, Any] = {
        "containerID": "containerd://" + _fill(draw, "{id}"),
        "startedAt": "2026-03-14T09:26:53Z",
        "finishedAt": "2026-03-14T09:27:02Z",
    }
    if reason == "Completed":
        terminated.update(exitCode=0, reason=reason)
    elif reason == "Error":
        terminated.update(exitCode=draw(_NONZERO), reason=reason)
    elif reason == "OOMKilled":
        terminated.update(exitCode=137, reason=reason)
    else:
        template = _pick(draw, _RUNC_TEMPLATES)
        body = _fill(draw, template.text)
        message = (
            "failed to create containerd task: failed to create shim task: OCI runtime create"
            f" failed: {_RUNC_11}{body}: unknown"
        )
        terminated.update(
            exitCode=128, reason=reason, message=message, startedAt="1970-01-01T00:00:00Z"
        )
    return {"terminated": terminated}


def kubernetes_states(
    *, kinds: Collection[str] = ("terminated", "waiting")
) -> st.SearchStrategy[dict[str, Any]]:
    """Kubernetes container states as the API serves them (``V1ContainerState`` JSON).

    ``{"terminated": {"exitCode", "reason", "message"?, ...}}`` with consistent
    reasons (``Completed`` is 0, ``OOMKilled`` 137, ``StartError`` 128 with the
    runtime's message: containerd reports a missing executable as 128, not 127),
    or ``{"waiting": {"reason", "message"?}}``. The kubelet does not set
    ``signal``, so it is absent.

    Args:
        kinds: some of ``"terminated"``, ``"waiting"``.

    Raises:
        InvalidArgument: an unknown or empty set of kinds.

    >>> strategy = kubernetes_states(kinds=["terminated"])
    """
    call = "kubernetes_states()"
    return _kubernetes_states(_check_choices(kinds, "kinds", ("terminated", "waiting"), call))


def _evidence(profile: Profile) -> st.SearchStrategy[object]:
    messages = daemon_errors(profile=profile)
    states = container_states(profile=profile)
    wide = exit_codes(min_value=INT64_MIN, max_value=INT64_MAX, windows=True)
    return st.one_of(
        exit_codes(),
        messages,
        wait_responses(),
        states,
        exec_inspects(),
        # A bare int is the CLI process's status or Python's returncode: classify reads
        # -1..-64 as signals and other negative ints as signed 32-bit codes, and
        # refuses those below -2**31.
        exit_codes(min_value=_INT32_MIN, max_value=INT64_MAX, windows=True),
        # Documents carry the Engine API's int64, with Docker's arithmetic on it.
        wait_responses(wide),
        exec_inspects(wide),
        messages.map(lambda message: {"message": message}),
        messages.map(lambda message: message.encode()),
        states.map(lambda state: {"Id": _IDS[0], "Name": "/web", "State": state}),
    )


def evidence(*, profile: Profile | None = None) -> st.SearchStrategy[object]:
    """Any evidence :func:`exitcodes.classify` reads, all of it valid.

    Exit statuses (0..255 and beyond; bare negative ints down to ``-2**31``, as
    :func:`exitcodes.classify` reads them), error texts (``str``, ``bytes``, API
    bodies ``{"message": ...}``), wait responses, ``docker inspect`` states and
    whole inspect documents, and exec inspects (their statuses anywhere in int64,
    as the Engine API carries them).

    Args:
        profile: the engine and versions the texts and states belong to.

    Raises:
        InvalidArgument: *profile* is not a Profile.

    >>> strategy = evidence()
    """
    return _evidence(_check_profile(profile, "evidence()"))


def classifications(*, profile: Profile | None = None) -> st.SearchStrategy[Classification]:
    """Real :class:`~exitcodes.Classification` results: :func:`evidence` classified.

    Args:
        profile: the profile to classify under (default: the newest Docker).

    Raises:
        InvalidArgument: *profile* is not a Profile.

    >>> strategy = classifications()
    """
    active = _check_profile(profile, "classifications()")
    return _evidence(active).map(lambda item: classify(item, profile=active))


# --------------------------------------------------------------------------------------
# Scenarios
# --------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Scenario:
    """One docker command, what happened to it, and the exit code it ends with.

    The fields are the evidence a tool holds, with the names and shapes of
    :func:`exitcodes.resolve`'s arguments, so a wrapper can be checked against
    them: ``resolve(s.command, **s.resolve_kwargs())`` is ``s.expected``.

    Attributes:
        command: one of :data:`exitcodes.rules.COMMANDS` (``"run"``, ``"exec"``...).
        error: the error text that ended the command, or ``None``.
        phase: where *error* happened (see :func:`exitcodes.resolve`); ``"start"``
            when there is no error.
        wait: the wait response (``{"StatusCode": n, "Error": ...}``); for
            ``"wait"`` a list of them, or of failed wait requests' error texts.
        exec_inspect: the exec inspect document for ``"exec"``.
        state: ``docker inspect``'s ``State``, when the tool looked at it.
        detach: ``docker run -d`` / ``docker exec -d``.
        attached_streams: the streams of ``docker run -a``, or ``None``.
        profile: the CLI and daemon the exit code is for.
        situation: what happened, in words.
        expected: the resulting exit code, outcome, deciding rule and signal,
            from an independent model of the docker sources (its ``reason`` is
            the situation); :func:`exitcodes.resolve` agrees on the rest.
    """

    command: str
    error: str | None = None
    phase: str = "start"
    wait: Any = None
    exec_inspect: dict[str, Any] | None = None
    state: dict[str, Any] | None = None
    detach: bool = False
    attached_streams: tuple[str, ...] | None = None
    profile: Profile
    situation: str
    expected: Resolution

    @property
    def exit_code(self) -> int:
        """The exit code the docker CLI ends with (``expected.exit_code``)."""
        return self.expected.exit_code

    def resolve_kwargs(self) -> dict[str, Any]:
        """The keyword arguments of :func:`exitcodes.resolve` for this scenario."""
        return {
            "error": self.error,
            "phase": self.phase,
            "wait": self.wait,
            "exec_inspect": self.exec_inspect,
            "state": self.state,
            "detach": self.detach,
            "attached_streams": self.attached_streams,
            "profile": self.profile,
        }

    @property
    def command_line(self) -> str:
        """The command as typed: ``docker run -d``, ``podman start -a``..."""
        command = "<command>" if self.command == "other" else self.command
        words = [self.profile.engine.value, command]
        if self.detach:
            words.append("-d")
        for stream in self.attached_streams or ():
            words += ["-a", stream]
        return " ".join(words)

    def reproduction(self) -> str:
        """A Python call of :func:`exitcodes.resolve` that reproduces this scenario."""
        parts = [repr(self.command)]
        defaults = {"phase": "start", "detach": False}
        for name, value in self.resolve_kwargs().items():
            if name == "profile":
                continue
            if value is None or defaults.get(name, object()) == value:
                continue
            parts.append(f"{name}={value!r}")
        parts.append(f"profile={_profile_call(self.profile)}")
        return f"exitcodes.resolve({', '.join(parts)})"

    def describe(self) -> str:
        """The scenario in a few readable lines."""
        lines = [f"{self.command_line}, under {self.profile}: {self.situation}"]
        if self.error is not None:
            lines.append(f"  error ({self.phase}): {self.error!r}")
        if self.wait is not None:
            lines.append(f"  wait: {self.wait!r}")
        if self.exec_inspect is not None:
            shown = {key: self.exec_inspect.get(key) for key in ("Running", "ExitCode")}
            lines.append(f"  exec inspect: {shown!r}")
        if self.state is not None:
            keys = ("Status", "ExitCode", "OOMKilled", "Error")
            lines.append(f"  state: { ({key: self.state.get(key) for key in keys})!r}")
        return "\n".join(lines)


def _profile_call(profile: Profile) -> str:
    arguments = [repr(str(profile.version))]
    if profile.engine_version != profile.version:
        arguments.append(f"engine_version={str(profile.engine_version)!r}")
    if profile.platform is not Platform.LINUX:
        arguments.append(f"platform={profile.platform.value!r}")
    return f"exitcodes.profiles.{profile.engine.value}({', '.join(arguments)})"


# The independent model of the CLIs. Docker: docker/cli run.go toStatusError, utils.go,
# attach.go, exec.go, wait.go (see shared/reference/docker-cli.md), decided from the hand
# labels of the templates. Podman: libpod define/exec_codes.go ExitCode and
# TranslateExecErrorToExitCode, and its 125 for every other error. nerdctl: exit 1 for
# every error. Version gates of the docker CLI:
_CLI_WAIT_ERROR = Version(18, 2, 0)
_CLI_EISDIR = Version(23, 0, 1)
_CLI_TRANSPORT_IS_CONNECTION = Version(25, 0, 4)
_CLI_CANCEL_IGNORED = Version(27, 0, 0)
_CLI_STDIN_WAITS = Version(28, 0, 0)
_CLI_PING_FIRST = Version(29, 1, 3)
_PODMAN_EXEC_INVALID_ARGUMENT = Version(5, 1, 0)
_WINDOWS_MASK = 0xFFFFFFFF
_POSIX_MASK = 0xFF
_DOCKER_NOT_FOUND = (
    "executable file not found",
    "no such file or directory",
    "system cannot find the file specified",
)


def _mask(profile: Profile) -> int:
    return _WINDOWS_MASK if profile.platform is Platform.WINDOWS else _POSIX_MASK


def _signal_named(number: int) -> _signal.Signals | LinuxSignal | None:
    """Linux's signal *number*, as classify names it (see :func:`_signal_members`)."""
    return signal_of(_SIGNAL_BASE + number)


def _rule(profile: Profile, name: str) -> str:
    """The engine's own row *name*: ``docker-cli/detached``, ``podman-cli/detached``..."""
    return f"{profile.engine.value}-cli/{name}"


def _status_result(status: int, profile: Profile, rule: str, situation: str) -> Resolution:
    """A container status as the CLI passes it through ``os.Exit``."""
    code = status & _mask(profile)
    signal_ = None
    if code == 0:
        outcome = ExitOutcome.SUCCESS
    elif code == 126:
        outcome = ExitOutcome.CANNOT_INVOKE
    elif code == 127:
        outcome = ExitOutcome.NOT_FOUND
    elif _is_signal_status(code):
        outcome = ExitOutcome.SIGNALED
        signal_ = _signal_named(code - _SIGNAL_BASE)
    else:
        outcome = ExitOutcome.COMMAND_FAILED
    return Resolution(code, outcome, rule, situation, signal_)


def _cli_mapping(labels: frozenset[str], profile: Profile) -> tuple[int, ExitOutcome, str]:
    """``docker run``'s 125/126/127 for a create or start error (case-sensitive)."""
    if "not-found" in labels:
        return 127, ExitOutcome.NOT_FOUND, "docker-cli/not-found"
    if "eacces" in labels:
        return 126, ExitOutcome.CANNOT_INVOKE, "docker-cli/permission-denied"
    if "eisdir" in labels and profile.version >= _CLI_EISDIR:
        return 126, ExitOutcome.CANNOT_INVOKE, "docker-cli/is-a-directory"
    return 125, ExitOutcome.ENGINE_ERROR, "docker-cli/engine-error"


def _exec_start_result(labels: frozenset[str], profile: Profile, situation: str) -> Resolution:
    """The code dockerd records for an exec whose process failed to start."""
    if profile.engine_version < _ENGINE_EXEC_127:
        code, outcome, rule = 126, ExitOutcome.CANNOT_INVOKE, "docker-engine-exec/start-failed-126"
    elif labels & _EACCES_ANY_CASE or "eisdir" in labels:
        code, outcome, rule = 126, ExitOutcome.CANNOT_INVOKE, "docker-engine-exec/permission-denied"
    elif "enotdir" in labels or labels & _NOT_FOUND_ANY_CASE:
        code, outcome, rule = 127, ExitOutcome.NOT_FOUND, "docker-engine-exec/not-found"
    else:
        code, outcome, rule = 128, ExitOutcome.ENGINE_ERROR, "docker-engine-exec/unknown"
    return Resolution(code & _mask(profile), outcome, rule, situation)


def _podman_run_start(text: str, situation: str) -> Resolution:
    """Podman's ``define.ExitCode``: 127 for not found, 126 for everything else."""
    lowered = text.lower()
    if any(word in lowered for word in ("not found", "executable path is empty", "no such file")):
        return Resolution(127, ExitOutcome.NOT_FOUND, "podman-cli/not-found", situation)
    denied = (
        "permission denied",
        "operation not permitted",
        "is a directory",
        "is not a regular file",
        "exists but it is not executable",
    )
    if any(word in lowered for word in denied):
        return Resolution(126, ExitOutcome.CANNOT_INVOKE, "podman-cli/permission-denied", situation)
    return Resolution(126, ExitOutcome.ENGINE_ERROR, "podman-cli/start-failed", situation)


def _podman_exec_start(text: str, profile: Profile, situation: str) -> Resolution:
    """Podman's ``TranslateExecErrorToExitCode``: 126, 127, 125, else -1."""
    lowered = text.lower()
    if any(word in lowered for word in _PODMAN_PERMISSION):
        return Resolution(
            126, ExitOutcome.CANNOT_INVOKE, "podman-exec/permission-denied", situation
        )
    found = (
        *_PODMAN_NOT_FOUND,
        "open executable",
        "attempted to invoke a command that was not found",
    )
    if any(word in lowered for word in found):
        return Resolution(127, ExitOutcome.NOT_FOUND, "podman-exec/not-found", situation)
    if "invalid argument" in lowered and profile.version >= _PODMAN_EXEC_INVALID_ARGUMENT:
        return Resolution(125, ExitOutcome.USAGE_ERROR, "podman-exec/invalid-argument", situation)
    return Resolution(
        -1 & _mask(profile), ExitOutcome.ENGINE_ERROR, "podman-exec/unknown", situation
    )


def _nerdctl_error(text: str, situation: str) -> Resolution:
    """Exit 1, as nerdctl does for every error; the text still says what happened."""
    if any(phrase in text for phrase in _DOCKER_NOT_FOUND):
        return Resolution(1, ExitOutcome.NOT_FOUND, "nerdctl-cli/not-found", situation)
    if "permission denied" in text or "is a directory" in text:
        return Resolution(1, ExitOutcome.CANNOT_INVOKE, "nerdctl-cli/permission-denied", situation)
    return Resolution(1, ExitOutcome.ENGINE_ERROR, "nerdctl-cli/error", situation)


def _plain(profile: Profile, text: str, situation: str) -> Resolution:
    """What a command does with an error it does not map: docker 1, podman 125."""
    if profile.engine is Engine.PODMAN:
        return Resolution(125, ExitOutcome.ENGINE_ERROR, "podman-cli/error", situation)
    if profile.engine is Engine.NERDCTL:
        return _nerdctl_error(text, situation)
    return Resolution(1, ExitOutcome.ENGINE_ERROR, "docker-cli/plain-error", situation)


_Builder = Callable[[st.DrawFn, str, Profile], Scenario]


@attrs.frozen
class _Situation:
    commands: tuple[str, ...]
    phase: str | None  # None: the command met no error
    build: _Builder
    engines: frozenset[Engine] = frozenset(Engine)


_ANY_STATUS = exit_codes() | exit_codes(min_value=INT64_MIN, max_value=INT64_MAX, windows=True)
_ATTACHED = ("run", "start -a", "attach")
_EXEC_INSPECTS = _exec_inspects(_ANY_STATUS)
_WAIT_RESPONSES = _wait_responses(_ANY_STATUS, True)


def _wait_for(draw: st.DrawFn, status: int) -> dict[str, Any]:
    if draw(_BOOLEANS):
        return {"StatusCode": status, "Error": None}
    return {"StatusCode": status}


def _streams(draw: st.DrawFn, command: str) -> tuple[str, ...] | None:
    if command != "run":
        return None
    return _pick(draw, (None, ("stdout", "stderr"), ("stdin", "stdout", "stderr")))


def _attached_result(status: int, command: str, profile: Profile, situation: str) -> Resolution:
    if command == "attach" and profile.engine is Engine.PODMAN:
        return Resolution(0, ExitOutcome.SUCCESS, "podman-cli/attach-discards-status", situation)
    return _status_result(status, profile, _rule(profile, "container-status"), situation)


def _exits(draw: st.DrawFn, command: str, profile: Profile) -> Scenario:
    status = draw(_ANY_STATUS)
    situation = f"the container exited {status}"
    state = None
    if _integer(draw, 0, 3) == 3:
        state = _state("exited", ExitCode=status)
    return Scenario(
        command=command,
        wait=_wait_for(draw, status),
        state=state,
        attached_streams=_streams(draw, command),
        profile=profile,
        situation=situation,
        expected=_attached_result(status, command, profile, situation),
    )


def _oom_killed(draw: st.DrawFn, command: str, profile: Profile) -> Scenario:
    situation = "the kernel's OOM killer ended the container (status 137, State.OOMKilled)"
    expected = attrs.evolve(
        _attached_result(137, command, profile, situation),
        outcome=ExitOutcome.OOM_KILLED,
        signal=_signal_named(9),
    )
    return Scenario(
        command=command,
        wait=_wait_for(draw, 137),
        state=_state("exited", ExitCode=137, OOMKilled=True),
        attached_streams=_streams(draw, command),
        profile=profile,
        situation=situation,
        expected=expected,
    )


def _wait_error(draw: st.DrawFn, command: str, profile: Profile) -> Scenario:
    message = _fill(draw, _pick(draw, _WAIT_ERROR_MESSAGES).text)
    status = _pick(draw, (0, 3, 125, 137))
    wait = {"StatusCode": status, "Error": {"Message": message}}
    if profile.version < _CLI_WAIT_ERROR:
        # The CLI did not read the wait response's Error before 18.02 (API 1.34).
        situation = f"the wait response carried an Error, which this CLI ignores; status {status}"
        expected = _status_result(status, profile, "docker-cli/container-status", situation)
    elif command == "attach":
        situation = "the wait response carried an Error (the container's removal failed)"
        expected = Resolution(
            1, ExitOutcome.STATUS_UNKNOWN, "docker-cli/attach-wait-error", situation
        )
    else:
        situation = "the wait response carried an Error (the container's removal failed)"
        expected = Resolution(125, ExitOutcome.STATUS_UNKNOWN, "docker-cli/wait-error", situation)
    return Scenario(
        command=command,
        wait=wait,
        attached_streams=_streams(draw, command),
        profile=profile,
        situation=situation,
        expected=expected,
    )


def _detached(draw: st.DrawFn, command: str, profile: Profile) -> Scenario:
    situation = f"{command} -d: the command was started and the CLI returned"
    return Scenario(
        command=command,
        detach=True,
        profile=profile,
        situation=situation,
        expected=Resolution(0, ExitOutcome.SUCCESS, _rule(profile, "detached"), situation),
    )


def _stdin_only(draw: st.DrawFn, command: str, profile: Profile) -> Scenario:
    status = draw(_ANY_STATUS)
    wait = _wait_for(draw, status)
    if profile.version < _CLI_STDIN_WAITS:
        situation = f"docker run -a stdin (no output stream) counts as detached; it exited {status}"
        expected = Resolution(
            0, ExitOutcome.SUCCESS, "docker-cli/stdin-only-attach-detached", situation
        )
    else:
        situation = f"docker run -a stdin waits for the container, which exited {status}"
        expected = _status_result(status, profile, "docker-cli/container-status", situation)
    return Scenario(
        command=command,
        wait=wait,
        attached_streams=("stdin",),
        profile=profile,
        situation=situation,
        expected=expected,
    )


def _exec_finished(draw: st.DrawFn, command: str, profile: Profile) -> Scenario:
    inspect = draw(_EXEC_INSPECTS)
    status = inspect["ExitCode"]
    rule = _rule(profile, "exec-exit-code")
    if status is None:
        situation = "the exec inspect's ExitCode is null (the process has not exited)"
        expected = Resolution(0, ExitOutcome.STATUS_UNKNOWN, rule, situation)
    else:
        situation = f"the exec'd process exited {status}"
        expected = _status_result(status, profile, rule, situation)
        if profile.engine is Engine.NERDCTL and expected.exit_code != 0:
            expected = attrs.evolve(expected, exit_code=1, rule="nerdctl-cli/exec-nonzero-1")
    return Scenario(
        command=command,
        exec_inspect=inspect,
        profile=profile,
        situation=situation,
        expected=expected,
    )


_WAIT_COMMAND_FAILED = {Engine.DOCKER: 1, Engine.PODMAN: 125, Engine.NERDCTL: 1}


def _wait_command(draw: st.DrawFn, command: str, profile: Profile) -> Scenario:
    failed = _fill(draw, "Error response from daemon: No such container: {name}")
    items: list[Any] = [
        failed if draw(_BOOLEANS) else draw(_WAIT_RESPONSES) for _ in range(_integer(draw, 1, 3))
    ]
    failures = sum(isinstance(item, str) for item in items)
    rule = _rule(profile, "wait-command")
    if failures:
        situation = f"{failures} of {len(items)} wait requests failed"
        code = _WAIT_COMMAND_FAILED[profile.engine]
        expected = Resolution(code, ExitOutcome.ENGINE_ERROR, rule, situation)
    else:
        situation = f"the wait command printed the status of {len(items)} container(s)"
        expected = Resolution(0, ExitOutcome.SUCCESS, rule, situation)
    return Scenario(
        command=command, wait=items, profile=profile, situation=situation, expected=expected
    )


def _completed(draw: st.DrawFn, command: str, profile: Profile) -> Scenario:
    situation = f"{command} succeeded"
    return Scenario(
        command=command,
        profile=profile,
        situation=situation,
        expected=Resolution(0, ExitOutcome.SUCCESS, _rule(profile, "completed"), situation),
    )


def _usage_text(draw: st.DrawFn, stage: str, command: str, profile: Profile) -> str:
    templates = [t for t in _of_engine(_TEMPLATES, profile) if t.stage == stage]
    template = _pick(draw, templates)
    word = command.split(maxsplit=1)[0] if command != "other" else "ps"
    return _render(draw, template, profile, {"command": word})


_USAGE_RESULTS = {
    ("flags", Engine.DOCKER): (125, "docker-cli/flag-error"),
    ("args", Engine.DOCKER): (1, "docker-cli/argument-error"),
    ("flags", Engine.PODMAN): (125, "podman-cli/flag-error"),
    ("args", Engine.PODMAN): (125, "podman-cli/argument-error"),
    ("flags", Engine.NERDCTL): (1, "nerdctl-cli/usage-error"),
    ("args", Engine.NERDCTL): (1, "nerdctl-cli/usage-error"),
}


def _flag_error(draw: st.DrawFn, command: str, profile: Profile) -> Scenario:
    situation = "the CLI rejected a flag"
    code, rule = _USAGE_RESULTS["flags", profile.engine]
    return Scenario(
        command=command,
        error=_usage_text(draw, "usage-flag", command, profile),
        phase="flags",
        profile=profile,
        situation=situation,
        expected=Resolution(code, ExitOutcome.USAGE_ERROR, rule, situation),
    )


def _argument_error(draw: st.DrawFn, command: str, profile: Profile) -> Scenario:
    situation = "the CLI rejected the arguments or the command name"
    code, rule = _USAGE_RESULTS["args", profile.engine]
    return Scenario(
        command=command,
        error=_usage_text(draw, "usage-args", command, profile),
        phase="args",
        profile=profile,
        situation=situation,
        expected=Resolution(code, ExitOutcome.USAGE_ERROR, rule, situation),
    )


_CLIENT_TEMPLATES = tuple(template for template in _TEMPLATES if template.stage == "client")


def _unreachable(draw: st.DrawFn, command: str, profile: Profile) -> Scenario:
    template = _pick_template(draw, _of_engine(_CLIENT_TEMPLATES, profile))
    error = _render(draw, template, profile)
    detach = command == "run" and draw(_BOOLEANS)
    if command != "run" or profile.engine is not Engine.DOCKER:
        situation = "the daemon could not be reached; the error is returned as is"
        expected = _plain(profile, error, situation)
    elif profile.version >= _CLI_PING_FIRST:
        situation = "the daemon could not be reached; docker run pings first"
        expected = Resolution(1, ExitOutcome.ENGINE_ERROR, "docker-cli/run-ping-failed", situation)
    else:
        code, _outcome, rule = _cli_mapping(template.labels, profile)
        situation = f"the daemon could not be reached; docker run maps the text to {code}"
        expected = Resolution(code, ExitOutcome.ENGINE_ERROR, rule, situation)
    return Scenario(
        command=command,
        error=error,
        phase="connect",
        detach=detach,
        profile=profile,
        situation=situation,
        expected=expected,
    )


_CREATE_TEMPLATES = tuple(template for template in _TEMPLATES if template.stage == "create")


def _describe_labels(labels: frozenset[str]) -> str:
    names = {
        "not-found": "a file was not found",
        "not-found-ci": "a file was not found (in another case)",
        "eacces": "permission denied",
        "eacces-ci": "permission denied (in another case)",
        "eperm": "operation not permitted",
        "eisdir": "is a directory",
        "enotdir": "not a directory",
        "runc-call": "the runc call failed",
    }
    said = [names[label] for label in sorted(labels) if label in names]
    return ", ".join(said) if said else "something else"


def _create_failed(draw: st.DrawFn, command: str, profile: Profile) -> Scenario:
    if command == "exec":
        template = _pick(draw, _EXEC_CREATE_ERRORS)
        error = _fill(draw, template.text)
        situation = "the exec could not be created"
        return Scenario(
            command=command,
            error=error,
            phase="create",
            profile=profile,
            situation=situation,
            expected=_plain(profile, error, situation),
        )
    template = _pick_template(draw, _of_engine(_CREATE_TEMPLATES, profile))
    error = _render(draw, template, profile)
    said = _describe_labels(template.labels)
    detach = command == "run" and draw(_BOOLEANS)
    if command == "run" and profile.engine is Engine.DOCKER:
        code, outcome, rule = _cli_mapping(template.labels, profile)
        situation = f"the daemon refused to create the container; the error says {said}"
        expected = Resolution(code, outcome, rule, situation)
    else:
        situation = f"the container could not be created (the error says {said})"
        expected = _plain(profile, error, situation)
    return Scenario(
        command=command,
        error=error,
        phase="create",
        detach=detach,
        profile=profile,
        situation=situation,
        expected=expected,
    )


def _exec_start_failed(draw: st.DrawFn, command: str, profile: Profile) -> Scenario:
    detach = draw(_BOOLEANS)
    templates = _of_engine((t for t in _TEMPLATES if t.exec_ok), profile)
    template = _pick_template(draw, templates)
    error = _message(draw, template, profile, chains=_EXEC_CHAINS, forms=False)[0]
    said = _describe_labels(template.labels)
    if detach:
        situation = f"exec -d: the exec start failed ({said})"
        expected = _plain(profile, error, situation)
    else:
        situation = f"the exec'd process failed to start; the error says {said}"
        if profile.engine is Engine.PODMAN:
            expected = _podman_exec_start(error, profile, situation)
        elif profile.engine is Engine.NERDCTL:
            expected = _nerdctl_error(error, situation)
        else:
            expected = _exec_start_result(template.labels, profile, situation)
    return Scenario(
        command=command,
        error=error,
        phase="start",
        detach=detach,
        profile=profile,
        situation=situation,
        expected=expected,
    )


def _start_failed(draw: st.DrawFn, command: str, profile: Profile) -> Scenario:
    if command == "exec":
        return _exec_start_failed(draw, command, profile)
    state, template, error = _failed_start(draw, profile)
    said = _describe_labels(template.labels)
    detach = command == "run" and draw(_BOOLEANS)
    situation = f"the container failed to start; the error says {said}"
    if command != "run":
        expected = _plain(profile, error, situation)
    elif profile.engine is Engine.PODMAN:
        expected = _podman_run_start(error, situation)
    elif profile.engine is Engine.NERDCTL:
        expected = _nerdctl_error(error, situation)
    else:
        code, outcome, rule = _cli_mapping(template.labels, profile)
        expected = Resolution(code, outcome, rule, situation)
    return Scenario(
        command=command,
        error=error,
        phase="start",
        detach=detach,
        state=state if command == "run" and _integer(draw, 0, 3) == 3 else None,
        profile=profile,
        situation=situation,
        expected=expected,
    )


def _attach_failed(draw: st.DrawFn, command: str, profile: Profile) -> Scenario:
    # Only docker turns the detach keys into an error text; the others just return.
    escape = profile.engine is Engine.DOCKER and draw(_BOOLEANS)
    if escape:
        error = _ESCAPE.text
        if command in ("run", "start -a"):
            situation = "the user detached with the detach keys"
            expected = Resolution(0, ExitOutcome.SUCCESS, "docker-cli/detach-keys", situation)
        else:
            situation = "the user detached with the detach keys; docker attach and exec return it"
            expected = _plain(profile, error, situation)
        return Scenario(
            command=command,
            error=error,
            phase="attach",
            profile=profile,
            situation=situation,
            expected=expected,
        )
    error = _fill(draw, _pick(draw, _ATTACH_ERRORS).text)
    situation = "attaching to the container's streams failed"
    if command == "exec" and profile.engine is Engine.PODMAN:
        expected = Resolution(  # libpod returns -1
            -1 & _mask(profile),
            ExitOutcome.ENGINE_ERROR,
            "podman-cli/exec-attach-failed",
            situation,
        )
    else:
        expected = _plain(profile, error, situation)
    return Scenario(
        command=command,
        error=error,
        phase="attach",
        profile=profile,
        situation=situation,
        expected=expected,
    )


def _exec_inspect_failed(draw: st.DrawFn, command: str, profile: Profile) -> Scenario:
    templates = (*_of_engine(_CLIENT_TEMPLATES, profile), *_EXEC_INSPECT_ERRORS)
    template = _pick(draw, templates)
    error = _fill(draw, template.text)
    connection_failed = "unreachable" in template.labels or (
        "transport" in template.labels and profile.version >= _CLI_TRANSPORT_IS_CONNECTION
    )
    if profile.engine is not Engine.DOCKER:
        situation = "the exec inspect failed"
        expected = _plain(profile, error, situation)
    elif connection_failed and "Error response from daemon" not in error:
        situation = "the exec inspect could not reach the daemon"
        expected = Resolution(
            -1 & _mask(profile),
            ExitOutcome.STATUS_UNKNOWN,
            "docker-cli/exec-inspect-failed",
            situation,
        )
    else:
        situation = "the exec inspect failed, and this CLI does not count it a connection failure"
        expected = Resolution(
            1, ExitOutcome.ENGINE_ERROR, "docker-cli/exec-inspect-failed", situation
        )
    return Scenario(
        command=command,
        error=error,
        phase="wait",
        profile=profile,
        situation=situation,
        expected=expected,
    )


def _wait_failed(draw: st.DrawFn, command: str, profile: Profile) -> Scenario:
    if command == "exec":
        return _exec_inspect_failed(draw, command, profile)
    template = _pick(draw, (*_WAIT_REQUEST_ERRORS, _CANCELLED))
    error = _fill(draw, template.text)
    detach = command == "run" and draw(_BOOLEANS)
    if detach:
        situation = "run -d: the wait request failed, which it only logs"
        rule = _rule(profile, "run-detached-wait-ignored")
        expected = Resolution(0, ExitOutcome.SUCCESS, rule, situation)
    elif command == "attach" or profile.engine is Engine.NERDCTL:
        situation = "the wait request failed; the error is returned as is"
        expected = _plain(profile, error, situation)
    elif profile.engine is Engine.PODMAN:
        situation = "waiting for the container failed; podman returns 127 for that"
        expected = Resolution(
            127, ExitOutcome.STATUS_UNKNOWN, "podman-cli/wait-failed-127", situation
        )
    elif "cancel" in template.labels and profile.version >= _CLI_CANCEL_IGNORED:
        situation = "the wait was cancelled: the status channel closed, so the CLI read 0"
        expected = Resolution(0, ExitOutcome.STATUS_UNKNOWN, "docker-cli/wait-cancelled", situation)
    else:
        situation = "the wait request failed, so the container's status is unknown"
        expected = Resolution(125, ExitOutcome.STATUS_UNKNOWN, "docker-cli/wait-failed", situation)
    return Scenario(
        command=command,
        error=error,
        phase="wait",
        detach=detach,
        profile=profile,
        situation=situation,
        expected=expected,
    )


_DOCKER_ONLY = frozenset({Engine.DOCKER})
_SITUATIONS: tuple[_Situation, ...] = (
    _Situation(_ATTACHED, None, _exits),
    _Situation(("run", "exec"), None, _detached),
    _Situation(("run",), "start", _start_failed),
    _Situation(("exec",), None, _exec_finished),
    _Situation(_ATTACHED, None, _oom_killed),
    _Situation(_ATTACHED, None, _wait_error, _DOCKER_ONLY),
    _Situation(("run",), None, _stdin_only, _DOCKER_ONLY),
    _Situation(("run", "create", "exec"), "create", _create_failed),
    _Situation(("exec", "start", "start -a"), "start", _start_failed),
    _Situation(("create", "start", "other"), None, _completed),
    _Situation(("wait",), None, _wait_command),
    _Situation(COMMANDS, "flags", _flag_error),
    _Situation(COMMANDS, "args", _argument_error),
    _Situation(COMMANDS, "connect", _unreachable),
    _Situation(("run", "start -a", "attach", "exec"), "attach", _attach_failed),
    _Situation(("run", "start -a", "attach", "exec"), "wait", _wait_failed),
)


@st.composite
def _scenarios(
    draw: st.DrawFn, profile: Profile, situations: tuple[tuple[_Situation, tuple[str, ...]], ...]
) -> Scenario:
    situation, commands = _pick(draw, situations)
    command = _pick(draw, commands)
    return situation.build(draw, command, profile)


def scenarios(
    *,
    profile: Profile | None = None,
    commands: Collection[str] | None = None,
    phases: Collection[str] | None = None,
) -> st.SearchStrategy[Scenario]:
    """Whole command scenarios, each with the exit code the CLI ends with.

    Each scenario is built from a situation (``docker run``, the runtime said the
    command is a directory; ``docker attach``, the wait response carried an
    Error; ``podman exec``, the process exited 300...) with realistic evidence,
    and its :attr:`Scenario.expected` comes from a model of the docker, podman
    and nerdctl sources, not from :func:`exitcodes.resolve`. Shrinks towards
    simple scenarios (``docker run -d``, a container that exited 0).

    To vary the profile too: ``profiles().flatmap(lambda p: scenarios(profile=p))``.

    Args:
        profile: the engine and versions to be faithful to (default: the
            newest Docker).
        commands: some of :data:`exitcodes.rules.COMMANDS` (default: all).
        phases: the phases in which errors may happen, some of
            :data:`exitcodes.rules.PHASES` (default: all; pass ``()`` for
            scenarios without errors only).

    Raises:
        InvalidArgument: unknown commands or phases, a bad profile.

    >>> strategy = scenarios(commands=["run"], phases=["create", "start"])
    """
    call = "scenarios()"
    active = _check_profile(profile, call)
    chosen = COMMANDS if commands is None else _check_choices(commands, "commands", COMMANDS, call)
    if phases is None:
        allowed: tuple[str, ...] = PHASES
    elif _is_empty(phases):
        allowed = ()
    else:
        allowed = _check_choices(phases, "phases", PHASES, call)
    situations = []
    for situation in _SITUATIONS:
        if situation.phase is not None and situation.phase not in allowed:
            continue
        if active.engine not in situation.engines:
            continue
        fitting = tuple(command for command in chosen if command in situation.commands)
        if fitting:
            situations.append((situation, _two_or_more(fitting)))
    if not situations:  # pragma: no cover - every command has a situation without errors
        raise _fail(call, "no situation fits these commands and phases")
    return _scenarios(active, tuple(situations))


def resolutions(*, profile: Profile | None = None) -> st.SearchStrategy[Resolution]:
    """Real :class:`~exitcodes.Resolution` results: :func:`scenarios` resolved.

    Args:
        profile: the profile to resolve under (default: the newest Docker).

    Raises:
        InvalidArgument: *profile* is not a Profile.

    >>> strategy = resolutions()
    """
    return scenarios(profile=_check_profile(profile, "resolutions()")).map(
        lambda scenario: resolve(scenario.command, **scenario.resolve_kwargs())
    )


def _any_scenarios() -> st.SearchStrategy[Scenario]:
    engines = st.sampled_from(tuple(Engine))
    return engines.flatmap(lambda engine: profiles(engine=engine)).flatmap(
        lambda profile: scenarios(profile=profile)
    )


st.register_type_strategy(Scenario, st.deferred(_any_scenarios))
