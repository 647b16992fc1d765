"""Profiles and versions: parsing, ordering and the behaviour table."""

from __future__ import annotations

import pytest

from exitcodes import InvalidArgumentError, InvalidVersionError, Platform, profiles, rules
from exitcodes.profiles import Version, parse_version


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("28.2.2", Version(28, 2, 2)),
        ("v28.2.2", Version(28, 2, 2)),
        ("20.10", Version(20, 10, 0)),
        ("20.10.24+dfsg1", Version(20, 10, 24)),
        ("17.06.0-ce", Version(17, 6, 0)),
        ("29.0.0-rc.1", Version(29, 0, 0, "rc.1")),
        (" 29.1.4 ", Version(29, 1, 4)),
    ],
)
def test_parse(text: str, expected: Version) -> None:
    assert parse_version(text) == expected


@pytest.mark.parametrize("text", ["", "28", "latest", "28.2.2.2", "x28.2", "28.2.2-", "9" * 300])
def test_unparsable_versions(text: str) -> None:
    with pytest.raises(InvalidVersionError, match="cannot parse version"):
        profiles.docker(text)
    with pytest.raises(ValueError, match="version"):
        parse_version(text)


def test_non_string_version() -> None:
    with pytest.raises(InvalidVersionError, match="must be a str"):
        profiles.docker(28)  # type: ignore[arg-type]


def test_too_old() -> None:
    with pytest.raises(InvalidVersionError, match=r"predates 17\.6\.0"):
        profiles.docker("1.13.1")


def test_ordering() -> None:
    assert parse_version("29.0.0-rc.1") < parse_version("29.0.0") < parse_version("29.0.1")
    assert parse_version("23.0.1") >= parse_version("23.0.1") > parse_version("23.0.0")
    assert parse_version("20.10.24") <= parse_version("23.0.0")


def test_profile_fields_and_platforms() -> None:
    profile = profiles.docker("28.2.2", engine_version="27.5.1", platform="macOS")
    assert profile.platform is Platform.DARWIN and profile.posix
    assert str(profile) == "docker 28.2.2 (engine 27.5.1) on darwin"
    assert not profiles.docker(platform=Platform.WINDOWS).posix
    assert profiles.docker() == profiles.DEFAULT
    assert str(profiles.docker().version) == str(profiles.NEWEST_DOCKER_VERSION)
    with pytest.raises(InvalidArgumentError, match="platform must be one of"):
        profiles.docker(platform="beos")


@pytest.mark.parametrize(
    ("behaviour", "before", "since"),
    [(row.id, row.versions.since, row.versions.since) for row in rules.BEHAVIOURS],
)
def test_each_behaviour_switches_at_its_release(
    behaviour: str, before: Version, since: Version
) -> None:
    """Generated from rules.BEHAVIOURS: off one patch release before, on at the release."""
    assert since is not None
    component = next(row.versions.component for row in rules.BEHAVIOURS if row.id == behaviour)
    older = Version(since.major, since.minor, since.patch, "rc.0")
    key = "version" if component is rules.Component.CLI else "engine_version"
    base = {"version": "29.7.2"}
    assert not rules.behaviour(behaviour, profiles.docker(**{**base, key: str(older)}))
    assert rules.behaviour(behaviour, profiles.docker(**{**base, key: str(since)}))


def test_unknown_behaviour() -> None:
    with pytest.raises(KeyError):
        rules.behaviour("nope", profiles.DEFAULT)


@pytest.mark.parametrize(
    ("spec", "text"),
    [
        ("docker", f"docker {profiles.NEWEST_DOCKER_VERSION} on linux"),
        ("docker@28.2.2", "docker 28.2.2 on linux"),
        ("DOCKER@20.10.24:windows", "docker 20.10.24 on windows"),
        ("docker@28.2.2/docker@27.5.1", "docker 28.2.2 (engine 27.5.1) on linux"),
        ("docker@20.10.24/podman@4.3.1", "docker 20.10.24 against podman 4.3.1 on linux"),
        ("docker@29/podman@5.4:linux", "docker 29.0.0 against podman 5.4.0 on linux"),
        (
            "docker/podman",
            f"docker {profiles.NEWEST_DOCKER_VERSION} against podman"
            f" {profiles.NEWEST_PODMAN_VERSION} on linux",
        ),
    ],
)
def test_from_spec(spec: str, text: str) -> None:
    assert str(profiles.from_spec(spec)) == text


@pytest.mark.parametrize(
    ("spec", "error"),
    [
        ("rkt@1.0", InvalidArgumentError),
        ("docker@latest", InvalidVersionError),
        ("docker:beos", InvalidArgumentError),
        (3, InvalidArgumentError),
        ("docker@28/nerdctl@2.1.0", InvalidArgumentError),
        ("podman@5.4.2/podman@5.4.2", InvalidArgumentError),
        ("docker@28/podman@2.0.0", InvalidVersionError),
        ("docker@28/docker@16.0.0", InvalidVersionError),
    ],
)
def test_bad_specs(spec: object, error: type) -> None:
    with pytest.raises(error):
        profiles.from_spec(spec)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("spec", "same_as"),
    [
        ("docker@28", "docker@28.0"),
        ("docker@v28:darwin", "docker@28.0.0:darwin"),
        ("podman@5", "podman@5.0"),
    ],
)
def test_a_major_alone_is_its_first_release(spec: str, same_as: str) -> None:
    """Issue 14 item 13: "`docker@28` is refused where `docker@28.2` is accepted"; as 28.2 is
    28.2.0, 28 is 28.0.0."""
    assert profiles.from_spec(spec) == profiles.from_spec(same_as)


def test_a_major_alone_is_still_checked() -> None:
    with pytest.raises(InvalidVersionError, match="predates"):
        profiles.from_spec("docker@16")
    with pytest.raises(InvalidVersionError):
        profiles.from_spec("docker@" + "9" * 300)


def test_the_daemon_defaults_to_the_engine() -> None:
    """A profile's daemon is its engine unless a docker CLI names podman's API."""
    for profile in (profiles.docker("28.2.2"), profiles.podman("4.3.1"), profiles.nerdctl()):
        assert profile.daemon is profile.engine
    against = profiles.docker("20.10.24", daemon="podman", engine_version="4.3.1")
    assert (against.engine, against.daemon) == (profiles.Engine.DOCKER, profiles.Engine.PODMAN)
    assert against.engine_version == Version(4, 3, 1)
    assert against != profiles.docker("20.10.24", engine_version="20.10.24")
    assert profiles.docker("28.2.2", daemon=" Docker ") == profiles.docker("28.2.2")
    with pytest.raises(InvalidArgumentError, match="daemon must be one of"):
        profiles.docker("28.2.2", daemon="nerdctl")
    with pytest.raises(InvalidArgumentError, match="daemon must be one of"):
        profiles.docker("28.2.2", daemon=3)  # type: ignore[arg-type]
