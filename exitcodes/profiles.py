"""Profiles: which engine, which version, which platform the answer is for.

The Docker CLI changed its exit-code behaviour several times (see
:data:`exitcodes.rules.BEHAVIOURS`). A :class:`Profile` pins the CLI version, the
engine (daemon) version and the platform, so that :func:`exitcodes.resolve`
can be bug-compatible with exactly that combination.

>>> from exitcodes import profiles
>>> profiles.docker("20.10.24").version
Version('20.10.24')
"""

from __future__ import annotations

import enum
import re
from typing import TYPE_CHECKING

import attrs

from exitcodes.errors import InvalidArgumentError, InvalidVersionError, describe

if TYPE_CHECKING:
    import exitcodes.engines.compose

__all__ = [
    "NEWEST_DOCKER_VERSION",
    "NEWEST_NERDCTL_VERSION",
    "NEWEST_PODMAN_VERSION",
    "OLDEST_DOCKER_VERSION",
    "OLDEST_NERDCTL_VERSION",
    "OLDEST_PODMAN_VERSION",
    "Engine",
    "EngineName",
    "Platform",
    "Profile",
    "Version",
    "compose",
    "docker",
    "from_spec",
    "nerdctl",
    "parse_version",
    "podman",
]


_VERSION = re.compile(
    r"v?(?P<major>[0-9]{1,4})\.(?P<minor>[0-9]{1,4})(?:\.(?P<patch>[0-9]{1,6}))?"
    r"(?:-(?P<pre>[0-9A-Za-z][0-9A-Za-z.]{0,40}))?"
    r"(?:\+[0-9A-Za-z][0-9A-Za-z.~-]{0,60})?"
)


# Pre-release tags that Docker used for final releases (17.06.0-ce, 18.09.1-ee).
_RELEASE_TAGS = frozenset({"ce", "ee"})
_MAX_VERSION_TEXT = 128


class Engine(enum.Enum):
    """The container engine whose CLI decides the exit code."""

    DOCKER = "docker"
    """The Docker CLI (docker/cli) talking to a Docker Engine (moby)."""
    PODMAN = "podman"
    """Podman (containers/podman), local or remote; its own 125/126/127 rules."""
    NERDCTL = "nerdctl"
    """nerdctl (containerd/nerdctl): exit 1 for every engine error."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"


@attrs.frozen(eq=False)
class EngineName:
    """The key of an engine registered from outside the package (see :mod:`exitcodes.engines`).

    :class:`Engine` is closed: it names the engines the package models. An engine added
    with :func:`exitcodes.engines.register` (a toy one in a test, a fork's own CLI) is keyed
    by one of these instead; ``value`` is its name, as :class:`Engine` members spell theirs.
    Two keys are the same engine only if they are the same object, so an engine registered
    again under the same name never meets answers remembered for the first.
    """

    value: str

    def __repr__(self) -> str:
        return f"EngineName({self.value!r})"


class Platform(enum.Enum):
    """The operating system the CLI process runs on.

    It decides how a status outside 0..255 reaches the caller: POSIX kernels
    keep only the low 8 bits of ``exit()``'s argument, Windows keeps 32 bits.
    """

    LINUX = "linux"
    """Linux: statuses are truncated to ``status & 0xFF``."""
    DARWIN = "darwin"
    """macOS: statuses are truncated to ``status & 0xFF``."""
    WINDOWS = "windows"
    """Windows: statuses keep 32 bits (``status & 0xFFFFFFFF``)."""

    @property
    def posix(self) -> bool:
        """Whether exit statuses are truncated to 8 bits on this platform."""
        return self is not Platform.WINDOWS

    @property
    def status_mask(self) -> int:
        """The mask the platform's ``exit()`` applies to a status."""
        return 0xFF if self.posix else 0xFFFFFFFF

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"


def _key(version: Version) -> tuple[int, int, int, int, str]:
    pre = version.prerelease
    return (version.major, version.minor, version.patch, 0 if pre else 1, pre or "")


@attrs.frozen(cache_hash=True)
class Version:
    """A release number such as ``28.2.2``; pre-releases sort before the release.

    Build metadata (``+dfsg1`` in Debian's ``20.10.24+dfsg1``) is ignored, and
    the old ``-ce``/``-ee`` suffixes count as final releases.
    """

    major: int
    minor: int
    patch: int = 0
    prerelease: str | None = None

    def __lt__(self, other: Version) -> bool:
        return _key(self) < _key(other)

    def __le__(self, other: Version) -> bool:
        return _key(self) <= _key(other)

    def __gt__(self, other: Version) -> bool:
        return _key(self) > _key(other)

    def __ge__(self, other: Version) -> bool:
        return _key(self) >= _key(other)

    def __str__(self) -> str:
        core = f"{self.major}.{self.minor}.{self.patch}"
        return f"{core}-{self.prerelease}" if self.prerelease else core

    def __repr__(self) -> str:
        return f"Version({str(self)!r})"


def parse_version(text: str | Version) -> Version:
    """Parse a Docker-style version string.

    Accepts ``"28.2.2"``, ``"v28.2.2"``, ``"20.10"``, ``"29.0.0-rc.1"``,
    ``"20.10.24+dfsg1"`` and ``"17.06.0-ce"``.

    Raises:
        InvalidVersionError: *text* is not a string or not a version.

    >>> parse_version("20.10.24+dfsg1")
    Version('20.10.24')
    """
    if isinstance(text, Version):
        return text
    if not isinstance(text, str):
        raise InvalidVersionError(f"version must be a str such as '28.2.2', got {describe(text)}")
    stripped = text.strip()
    match = _VERSION.fullmatch(stripped) if len(stripped) <= _MAX_VERSION_TEXT else None
    if match is None:
        raise InvalidVersionError(
            f"cannot parse version {describe(text)}: expected MAJOR.MINOR[.PATCH][-PRE][+BUILD],"
            " e.g. '28.2.2'"
        )
    pre = match["pre"]
    if pre is not None and pre.lower() in _RELEASE_TAGS:
        pre = None
    return Version(int(match["major"]), int(match["minor"]), int(match["patch"] or 0), pre)


NEWEST_DOCKER_VERSION = Version(29, 7, 2)
"""The newest Docker CLI release whose behaviour the rule tables were checked against."""

OLDEST_DOCKER_VERSION = Version(17, 6, 0)
"""The oldest Docker CLI modelled: the first docker/cli release (wait by condition)."""

NEWEST_PODMAN_VERSION = Version(5, 8, 0)
"""The newest Podman release whose behaviour the rule tables were checked against."""

OLDEST_PODMAN_VERSION = Version(3, 0, 0)
"""The oldest Podman release modelled."""

NEWEST_NERDCTL_VERSION = Version(2, 1, 0)
"""The newest nerdctl release whose behaviour the rule tables were checked against."""

OLDEST_NERDCTL_VERSION = Version(1, 0, 0)
"""The oldest nerdctl release modelled."""


def _convert_platform(value: Platform | str) -> Platform:
    if isinstance(value, Platform):
        return value
    if isinstance(value, str):
        lowered = value.strip().lower()
        aliases = {"macos": "darwin", "mac": "darwin", "win32": "windows", "win": "windows"}
        try:
            return Platform(aliases.get(lowered, lowered))
        except ValueError:
            pass
    choices = ", ".join(repr(p.value) for p in Platform)
    raise InvalidArgumentError(f"platform must be one of {choices}, got {describe(value)}")


@attrs.frozen(cache_hash=True)
class Profile:
    """The engine, versions and platform that an answer is bug-compatible with.

    Build one with :func:`~exitcodes.profiles.docker` rather than directly.

    Attributes:
        engine: whose CLI decides the exit code (an :class:`EngineName` for an engine
            registered from outside the package).
        version: the CLI's version; most exit-code rules live in the CLI.
        engine_version: the daemon's version; it decides the codes the daemon
            records (``docker exec`` of a missing binary: 126 before Engine 28,
            127 since).
        platform: where the CLI runs; decides 8-bit or 32-bit statuses.
        daemon: the program that answers the CLI's API requests, whose version is
            ``engine_version``: the engine itself, or :attr:`Engine.PODMAN` for a
            docker CLI talking to podman's Docker-compatible API (``podman system
            service``). The daemon's rows decide the codes it records.
    """

    engine: Engine | EngineName
    version: Version
    engine_version: Version
    platform: Platform = Platform.LINUX
    daemon: Engine | EngineName = attrs.field(
        default=attrs.Factory(lambda self: self.engine, takes_self=True)
    )

    @property
    def posix(self) -> bool:
        """Whether the CLI's exit statuses are truncated to 8 bits."""
        return self.platform.posix

    def __str__(self) -> str:
        text = f"{self.engine.value} {self.version}"
        if self.daemon != self.engine:
            text += f" against {self.daemon.value} {self.engine_version}"
        elif self.engine_version != self.version:
            text += f" (engine {self.engine_version})"
        return f"{text} on {self.platform.value}"


def docker(
    version: str | Version = str(NEWEST_DOCKER_VERSION),
    *,
    engine_version: str | Version | None = None,
    platform: Platform | str = Platform.LINUX,
    daemon: Engine | str = Engine.DOCKER,
) -> Profile:
    """Return the profile of a Docker CLI *version* (and daemon *engine_version*).

    Args:
        version: the CLI's version, as ``docker version`` prints it.
        engine_version: the daemon's version; defaults to *version* for dockerd and
            to :data:`NEWEST_PODMAN_VERSION` for podman.
        platform: ``"linux"`` (default), ``"darwin"`` or ``"windows"``.
        daemon: ``"docker"`` (dockerd, the default) or ``"podman"``: the CLI talks to
            podman's Docker-compatible API (``podman system service``), which records
            its own codes and answers some requests otherwise (see the rows whose
            versions are of ``podman-api``).

    Raises:
        InvalidVersionError: a version cannot be parsed or predates the oldest
            modelled (:data:`OLDEST_DOCKER_VERSION`, :data:`OLDEST_PODMAN_VERSION`).
        InvalidArgumentError: *platform* or *daemon* is unknown.

    >>> str(docker("28.2.2", engine_version="27.5.1"))
    'docker 28.2.2 (engine 27.5.1) on linux'
    >>> str(docker("20.10.24", daemon="podman", engine_version="4.3.1"))
    'docker 20.10.24 against podman 4.3.1 on linux'
    """
    cli = parse_version(version)
    if cli < OLDEST_DOCKER_VERSION:
        raise InvalidVersionError(
            f"docker version {cli} predates {OLDEST_DOCKER_VERSION}, the oldest modelled"
        )
    server = _convert_daemon(daemon)
    if server is Engine.PODMAN:
        engine = parse_version(NEWEST_PODMAN_VERSION if engine_version is None else engine_version)
        oldest = OLDEST_PODMAN_VERSION
    else:
        engine = cli if engine_version is None else parse_version(engine_version)
        oldest = OLDEST_DOCKER_VERSION
    if engine < oldest:
        raise InvalidVersionError(
            f"{server.value} engine_version {engine} predates {oldest}, the oldest modelled"
        )
    return Profile(Engine.DOCKER, cli, engine, _convert_platform(platform), server)


_DAEMONS = (Engine.DOCKER, Engine.PODMAN)


def _convert_daemon(value: Engine | str) -> Engine:
    """The daemon a docker CLI can talk to: dockerd, or podman's Docker-compatible API."""
    for daemon in _DAEMONS:
        if value is daemon or (isinstance(value, str) and value.strip().lower() == daemon.value):
            return daemon
    choices = ", ".join(repr(d.value) for d in _DAEMONS)
    raise InvalidArgumentError(f"daemon must be one of {choices}, got {describe(value)}")


def _single_version(
    engine: Engine, version: str | Version, oldest: Version, platform: Platform | str
) -> Profile:
    parsed = parse_version(version)
    if parsed < oldest:
        raise InvalidVersionError(
            f"{engine.value} version {parsed} predates {oldest}, the oldest modelled"
        )
    return Profile(engine, parsed, parsed, _convert_platform(platform))


def podman(
    version: str | Version = str(NEWEST_PODMAN_VERSION), *, platform: Platform | str = "linux"
) -> Profile:
    """Return the profile of a Podman *version* (the CLI and libpod are one program).

    Raises:
        InvalidVersionError: *version* cannot be parsed or predates
            :data:`OLDEST_PODMAN_VERSION`.
        InvalidArgumentError: *platform* is unknown.

    >>> str(podman("4.3.1"))
    'podman 4.3.1 on linux'
    """
    return _single_version(Engine.PODMAN, version, OLDEST_PODMAN_VERSION, platform)


def nerdctl(
    version: str | Version = str(NEWEST_NERDCTL_VERSION), *, platform: Platform | str = "linux"
) -> Profile:
    """Return the profile of a nerdctl *version*.

    Raises:
        InvalidVersionError: *version* cannot be parsed or predates
            :data:`OLDEST_NERDCTL_VERSION`.
        InvalidArgumentError: *platform* is unknown.

    >>> str(nerdctl("2.1.0"))
    'nerdctl 2.1.0 on linux'
    """
    return _single_version(Engine.NERDCTL, version, OLDEST_NERDCTL_VERSION, platform)


def compose(version: str | Version = "2.40.3") -> exitcodes.engines.compose.ComposeProfile:
    """Return the profile of a docker compose *version* (v2).

    For :func:`exitcodes.engines.compose.resolve_compose`; an alias of
    :func:`exitcodes.engines.compose.profile`. Compose has rules of its own, so its profile
    is not a :class:`Profile`.

    Raises:
        InvalidVersionError: *version* cannot be parsed or is compose v1.

    >>> compose("2.26.1").version
    Version('2.26.1')
    """
    from exitcodes.engines.compose import profile  # noqa: PLC0415 - it imports this module

    return profile(version)


DEFAULT = docker(NEWEST_DOCKER_VERSION)
"""The profile used when none is given: the newest Docker CLI on Linux."""


_FACTORIES = {"docker": docker, "podman": podman, "nerdctl": nerdctl}


def from_spec(spec: str) -> Profile:
    """Build a profile from a short text form, as the command line takes it.

    The form is ``ENGINE[@VERSION][/DAEMON[@VERSION]][:PLATFORM]``: ``"docker"``,
    ``"docker@28.2.2"``, ``"docker@20.10.24:windows"``, ``"podman@4.3.1"``,
    ``"nerdctl"``; a docker CLI may name its daemon: ``"docker@28.2.2/docker@27.5.1"``
    (dockerd 27.5.1), ``"docker@20.10.24/podman@4.3.1"`` (podman's Docker API). A
    version missing its patch is the ``.0`` release (``docker@28.2`` is 28.2.0), and
    one missing its minor too is the major's first release (``docker@28`` is 28.0.0).

    Raises:
        InvalidArgumentError: unknown engine, daemon or platform, or not a str.
        InvalidVersionError: the version does not parse.

    >>> str(from_spec("docker@20.10.24")), str(from_spec("docker@28"))
    ('docker 20.10.24 on linux', 'docker 28.0.0 on linux')
    >>> str(from_spec("docker@29.7.2/podman@5.4"))
    'docker 29.7.2 against podman 5.4.0 on linux'
    """
    if not isinstance(spec, str):
        raise InvalidArgumentError(f"profile spec must be a str, got {describe(spec)}")
    text = spec.strip()
    platform: str = Platform.LINUX.value
    if ":" in text:
        text, platform = text.rsplit(":", 1)
    text, slash, server = text.partition("/")
    name, _, version = text.partition("@")
    factory = _FACTORIES.get(name.strip().lower())
    if factory is None:
        engines = ", ".join(sorted(_FACTORIES))
        raise InvalidArgumentError(
            f"unknown engine in profile spec {describe(spec)}: expected one of {engines},"
            " as ENGINE[@VERSION][/DAEMON[@VERSION]][:PLATFORM]"
        )
    if slash:
        if factory is not docker:
            raise InvalidArgumentError(
                f"profile spec {describe(spec)}: only a docker CLI names its daemon"
            )
        daemon, _, engine_version = server.partition("@")
        return docker(
            _whole_version(version) if version else NEWEST_DOCKER_VERSION,
            engine_version=_whole_version(engine_version) if engine_version else None,
            platform=platform,
            daemon=daemon,
        )
    if version:
        return factory(_whole_version(version), platform=platform)
    return factory(platform=platform)


def _whole_version(version: str) -> str:
    """A major alone, as "28.2" stands for 28.2.0: "28" is 28.0.0, the major's first."""
    stripped = version.strip()
    if stripped.removeprefix("v").isdecimal() and stripped.isascii():
        return f"{stripped}.0"
    return version
