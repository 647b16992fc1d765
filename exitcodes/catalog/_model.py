"""What a catalog entry is, and how its message patterns match (no regular expressions)."""

from __future__ import annotations

import attrs

from exitcodes._enums import NamedEnum
from exitcodes.errors import InvalidArgumentError, describe
from exitcodes.outcome import ExitOutcome

PATTERN_SEPARATOR = " … "
"""Joins the parts of a message pattern that must all occur, in this order."""

_ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")


class Condition(NamedEnum):
    """A fact about a container's state that points at a cause, beyond its messages.

    >>> Condition.SIGKILL_NOT_OOM.value
    'sigkill_not_oom'
    """

    _value_: str
    description: str

    def __new__(cls, value: str, description: str) -> Condition:
        member = object.__new__(cls)
        member._value_ = value
        member.description = description
        member.__doc__ = description
        return member

    OOM_KILLED = (
        "oom_killed",
        "the engine reports an OOM kill (State.OOMKilled true, or Kubernetes reason OOMKilled)",
    )
    SIGKILL_NOT_OOM = (
        "sigkill_not_oom",
        "status 137 while the engine reports no OOM kill (State.OOMKilled false, or"
        " Kubernetes reason Error)",
    )
    WAIT_ERROR = ("wait_error", "the wait response carried an Error")


def _check_id(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not value or not set(value) <= _ID_CHARS or value[0] == "-" or value[-1] == "-":
        raise ValueError(f"catalog id must be lower-case words joined by '-', got {value!r}")


def _check_patterns(
    instance: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]
) -> None:
    for pattern in value:
        parts = pattern.split(PATTERN_SEPARATOR)
        if pattern != pattern.lower() or not all(parts):
            raise ValueError(f"{attribute.name} patterns must be non-empty lower case: {pattern!r}")


def _check_text(value: object, what: str) -> str:
    """*value* as an exact str, or InvalidArgumentError naming it."""
    if not isinstance(value, str):
        raise InvalidArgumentError(f"{what} must be a str, got {describe(value)}")
    return str.__str__(value)  # an exact str: a subclass's methods are never called


def pattern_found(pattern: str, lowered: str) -> bool:
    """Whether every part of *pattern* occurs in *lowered*, in order (linear time).

    Raises:
        InvalidArgumentError: *pattern* or *lowered* is not a str.

    >>> pattern_found("exec /" + PATTERN_SEPARATOR + ": no such file", "exec /x.sh: no such file")
    True
    >>> pattern_found("b" + PATTERN_SEPARATOR + "a", "a b")
    False
    """
    pattern = _check_text(pattern, "pattern")
    lowered = _check_text(lowered, "lowered")
    position = 0
    for part in pattern.split(PATTERN_SEPARATOR):
        index = lowered.find(part, position)
        if index < 0:
            return False
        position = index + len(part)
    return True


def pattern_length(pattern: str) -> int:
    """The number of characters a pattern requires: its specificity.

    Raises:
        InvalidArgumentError: *pattern* is not a str.

    >>> pattern_length("exec /" + PATTERN_SEPARATOR + ": denied")
    14
    """
    return sum(len(part) for part in _check_text(pattern, "pattern").split(PATTERN_SEPARATOR))


@attrs.frozen
class CatalogEntry:
    """One likely cause of an exit code, with how to recognise it and what to do.

    Attributes:
        id: stable identifier (lower-case words joined by ``-``); appears in
            results and in the documentation's anchors.
        title: a short sentence naming the cause.
        hint: one paragraph: what it means, what to check, what to do.
        outcomes: the :class:`~exitcodes.ExitOutcome` values this cause goes with.
        source: where the message form appears: a public issue
            (``owner/repo#N``) or an upstream source file (``owner/repo: path``).
        example: a real message form of this cause, as the source shows it.
        messages: lower-case message patterns; any one matching is enough. A
            pattern may join parts with :data:`PATTERN_SEPARATOR`.
        codes: exit statuses that point at this cause (8-bit codes, or full
            32-bit Windows values).
        reasons: Kubernetes container-state reasons (exact, case-sensitive).
        conditions: container-state conditions that point at this cause.
        excluded_by: conditions under which this cause is ruled out.
        unless: lower-case substrings that rule a message match out.
        generic: a code-level entry (what a code means in general) rather than a
            specific cause; it ranks below specific causes for messages, above
            them for a bare code.

    >>> from exitcodes.catalog import entry_by_id
    >>> entry = entry_by_id("oom-killed")
    >>> entry.reasons, entry.conditions
    (('OOMKilled',), (Condition.OOM_KILLED,))
    """

    id: str = attrs.field(validator=_check_id)
    title: str
    hint: str
    outcomes: tuple[ExitOutcome, ...]
    source: str
    example: str
    messages: tuple[str, ...] = attrs.field(default=(), validator=_check_patterns)
    codes: tuple[int, ...] = ()
    reasons: tuple[str, ...] = ()
    conditions: tuple[Condition, ...] = ()
    excluded_by: tuple[Condition, ...] = ()
    unless: tuple[str, ...] = attrs.field(default=(), validator=_check_patterns)
    generic: bool = False

    def message_match(self, lowered: str) -> str | None:
        """The most specific of :attr:`messages` found in *lowered*, or ``None``.

        *lowered* must already be lower-cased. An :attr:`unless` substring in it
        rules every message pattern out.

        >>> from exitcodes.catalog import entry_by_id
        >>> entry_by_id("no-space-left").message_match("write /x: no space left on device")
        'no space left on device'
        """
        if any(pattern_found(word, lowered) for word in self.unless):
            return None
        best: str | None = None
        for pattern in self.messages:
            if pattern_found(pattern, lowered) and (
                best is None or pattern_length(pattern) > pattern_length(best)
            ):
                best = pattern
        return best

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict of the entry (enums as their values).

        >>> from exitcodes.catalog import entry_by_id
        >>> entry_by_id("oom-killed").to_dict()["outcomes"]
        ['oom_killed', 'signaled']
        """
        return {
            "id": self.id,
            "title": self.title,
            "hint": self.hint,
            "outcomes": [outcome.value for outcome in self.outcomes],
            "source": self.source,
            "example": self.example,
            "messages": list(self.messages),
            "codes": list(self.codes),
            "reasons": list(self.reasons),
            "conditions": [condition.value for condition in self.conditions],
            "generic": self.generic,
        }


@attrs.frozen
class CodeMeaning:
    """What an exit code usually means, for the troubleshooting page's overview.

    Attributes:
        code: the exit status (8-bit, or a full 32-bit Windows value).
        name: a short label (``SIGKILL``, ``STATUS_ACCESS_VIOLATION``).
        meaning: one sentence.
    """

    code: int
    name: str
    meaning: str
