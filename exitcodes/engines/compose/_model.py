"""The versions compose is modelled for, and the row types: rules and error messages."""

from __future__ import annotations

import enum
import re

import attrs

from exitcodes.profiles import Version, parse_version

OLDEST_COMPOSE_VERSION = Version(2, 0, 0)

NEWEST_COMPOSE_VERSION = Version(2, 40, 3)

VERIFIED_VERSIONS = (Version(2, 26, 1), Version(2, 40, 3))

_LEGACY_CODES_UNTIL = Version(2, 33, 0)
MAX_TEXT = 1_000_000


class Command(enum.Enum):
    """The compose sub-commands whose exit codes are modelled."""

    UP = "up"
    RUN = "run"
    EXEC = "exec"
    WAIT = "wait"
    OTHER = "other"
    """Any other sub-command: only compose's own errors and interrupts are modelled."""


class Category(enum.Enum):
    """The exit-code family of a compose error message.

    Until 2.33.0 compose mapped some errors to codes of its legacy metrics (``14`` file not
    found, ``15`` compose file invalid, ``16`` command syntax, ``17`` build, ``18`` pull;
    removed by docker/compose commit 23351ece8, "remove exit code per error type used by
    legacy metrics system"); since then they all exit 1.
    """

    GENERIC = 1
    FILE_NOT_FOUND = 14
    PARSE = 15
    SYNTAX = 16
    BUILD = 17
    PULL = 18
    CANCELED = 130

    def exit_code(self, version: Version) -> int:
        """The exit code of an error of this category from compose *version*."""
        if self in (Category.GENERIC, Category.CANCELED) or version >= _LEGACY_CODES_UNTIL:
            return 1 if self is not Category.CANCELED else 130
        return int(self.value)


class MessageKind(enum.Enum):
    """What a compose error message says went wrong."""

    DEPENDENCY_FAILED = "dependency failed"
    SERVICE_NOT_FOUND = "service not found"
    SERVICE_NOT_RUNNING = "service not running"
    UNHEALTHY = "unhealthy"
    CONTAINER_EXITED = "container exited while waited for"
    WAIT_TIMEOUT = "wait timeout"
    START_FAILED = "container failed to start"
    USAGE = "usage"
    FILE_NOT_FOUND = "compose file not found"
    INVALID_FILE = "compose file invalid"
    PULL_FAILED = "pull failed"
    DAEMON_ERROR = "daemon error"
    DAEMON_UNREACHABLE = "daemon unreachable"
    CANCELED = "canceled"


def _pattern(value: str | re.Pattern[str]) -> re.Pattern[str]:
    return re.compile(value)


def _version_or_none(text: str | None) -> Version | None:
    return None if text is None else parse_version(text)


@attrs.frozen
class MessageRule:
    """One of compose's own error messages: its pattern, what it means, where it comes from."""

    id: str
    kind: MessageKind
    pattern: re.Pattern[str] = attrs.field(converter=_pattern)
    category: Category
    summary: str
    source: str
    """The docker/compose file and tag (or pull request) that prints it."""
    since: Version | None = attrs.field(default=None, converter=_version_or_none)
    verified: tuple[str, ...] = ()
    """Scenarios of ``tests/compose_live`` whose real runs printed it."""

    def exit_code(self, version: Version) -> int:
        """The code compose *version* exits with after printing this message."""
        return self.category.exit_code(version)


@attrs.frozen
class Rule:
    """How compose chooses its exit code in one situation, with its version range."""

    id: str
    command: str
    situation: str
    outcome: str
    source: str
    since: Version | None = attrs.field(default=None, converter=_version_or_none)
    until: Version | None = attrs.field(default=None, converter=_version_or_none)
    """The first version where the rule no longer holds (exclusive)."""
    verified: tuple[str, ...] = ()

    def applies_to(self, version: Version) -> bool:
        """True when compose *version* follows this rule."""
        return (self.since is None or version >= self.since) and (
            self.until is None or version < self.until
        )
