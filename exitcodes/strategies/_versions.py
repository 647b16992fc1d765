"""Release numbers and profiles, favouring the releases at which a rule row changes."""

from __future__ import annotations

from collections.abc import Collection

from hypothesis import strategies as st

from exitcodes._matcher import remembered
from exitcodes.engines import spec as engine_spec
from exitcodes.profiles import Engine, EngineName, Platform, Profile, Version, parse_version
from exitcodes.rules import Component
from exitcodes.strategies._checks import (
    _BOOLEANS,
    _check_choices,
    _check_engine,
    _check_version,
    _fail,
    _integer,
    _pick,
)

# --------------------------------------------------------------------------------------
# Versions and profiles
# --------------------------------------------------------------------------------------

_COMMON_RELEASES: dict[Engine | EngineName, tuple[str, ...]] = {
    Engine.DOCKER: ("20.10.24", "23.0.6", "24.0.9", "25.0.5", "26.1.4", "27.5.1", "28.2.2"),
    Engine.PODMAN: ("3.4.4", "4.3.1", "4.9.3", "5.0.0"),
    Engine.NERDCTL: ("1.7.7", "2.0.0"),
}


def _modelled(engine: Engine | EngineName) -> tuple[Version, Version]:
    """The oldest and newest release of *engine* that the library models."""
    found = engine_spec(engine)
    return found.oldest, found.newest


def _boundaries(engine: Engine | EngineName) -> tuple[Version, ...]:
    """Every release at which a row of *engine* changes, the one before, common ones.

    The rows are the engine's own (its spec's), so an engine registered from outside the
    package gets its gates drawn as the package's engines do.
    """
    found_spec = engine_spec(engine)
    ranges = [row.versions for row in (*found_spec.rows(), *found_spec.behaviours)]
    oldest, newest = found_spec.oldest, found_spec.newest
    found = {oldest, newest}
    found.update(parse_version(text) for text in _COMMON_RELEASES.get(engine, ()))
    for versions in ranges:
        if versions.component is Component.PODMAN_API:
            continue  # podman's versions, not this engine's
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


# A version pool per range, not per draw: draws cost 12 % less.
@remembered(maxsize=256)
def _boundaries_between(
    engine: Engine | EngineName, low: Version, high: Version
) -> tuple[Version, ...]:
    return tuple(version for version in _boundaries(engine) if low <= version <= high)


@st.composite
def _versions_between(
    draw: st.DrawFn, engine: Engine | EngineName, low: Version, high: Version
) -> Version:
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
    engine: Engine | EngineName, min_version: object, max_version: object, call: str
) -> tuple[Version, Version]:
    oldest, newest = _modelled(engine)
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
    engine: Engine | EngineName | str = "docker",
    min_version: str | Version | None = None,
    max_version: str | Version | None = None,
) -> st.SearchStrategy[Version]:
    """Release numbers of an engine, favouring the releases at which a rule changes.

    Half of the draws are boundaries taken from the rule tables (``23.0.1``, the
    release before it, ``23.0.1-rc.1``...), the rest any ``MAJOR.MINOR.PATCH`` in
    range, now and then a pre-release. Shrinks towards the newest boundary.

    Args:
        engine: whose releases (``"docker"``, ``"podman"``, ``"nerdctl"``, or an
            :class:`~exitcodes.profiles.EngineName` registered through
            :func:`exitcodes.engines.register`).
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
_SEPARATE_DAEMON = frozenset({Engine.DOCKER})
"""Engines whose daemon has a release of its own (podman and nerdctl are one program)."""


@st.composite
def _profiles(
    draw: st.DrawFn,
    engine: Engine | EngineName,
    platforms: tuple[str, ...],
    low: Version,
    high: Version,
) -> Profile:
    version = draw(_versions_between(engine, low, high))
    engine_version = version
    if engine in _SEPARATE_DAEMON and draw(_BOOLEANS):  # an old daemon behind a new CLI
        engine_version = draw(_versions_between(engine, low, high))
    platform = Platform(_pick(draw, platforms))
    return Profile(engine, version, engine_version, platform)


def profiles(
    *,
    engine: Engine | EngineName | str = "docker",
    platforms: Collection[str] | None = None,
    min_version: str | Version | None = None,
    max_version: str | Version | None = None,
) -> st.SearchStrategy[Profile]:
    """Profiles of an engine: a CLI version, a daemon version and a platform.

    For docker the daemon usually has the CLI's version, and sometimes another
    one in the same range (an old daemon behind a new CLI); podman and nerdctl
    are one program. Shrinks towards the newest release on Linux.

    Args:
        engine: ``"docker"``, ``"podman"``, ``"nerdctl"``, or a registered
            :class:`~exitcodes.profiles.EngineName`.
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
