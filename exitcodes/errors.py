"""The exceptions that exitcodes raises, and nothing else.

Every public function either returns a valid result or raises a subclass of
:class:`ExitCodesError` whose message names the field and the value that was wrong.
The subclasses also derive from the matching built-in exception, so
``except ValueError`` and ``except TypeError`` keep working for callers that
do not know this library.
"""

from __future__ import annotations

__all__ = [
    "ExitCodesError",
    "InvalidArgumentError",
    "InvalidVersionError",
    "MalformedEvidenceError",
    "NeverExitsError",
    "UnknownRuleError",
    "UnsupportedEvidenceError",
]

_REPR_LIMIT = 80


def describe(value: object) -> str:
    """Return a short, never-failing ``repr`` of *value* for error messages."""
    try:
        text = repr(value)
    except Exception:  # a hostile __repr__ must not hide the real error
        return f"<{type(value).__name__} object>"
    if not isinstance(text, str):  # pragma: no cover - repr() always returns str
        return f"<{type(value).__name__} object>"
    if len(text) > _REPR_LIMIT:
        return f"{text[: _REPR_LIMIT - 15]}... ({len(text)} chars)"
    return text


class ExitCodesError(Exception):
    """Base class of every error this library raises on purpose."""


class UnsupportedEvidenceError(ExitCodesError, TypeError):
    """The evidence is of a type that exitcodes does not know how to read.

    Raised for ``None``, floats, arbitrary objects and the like. The message
    names the type and lists what is accepted.
    """


class MalformedEvidenceError(ExitCodesError, ValueError):
    """The evidence has a known shape but a field holds an impossible value.

    Examples: ``{"ExitCode": "abc"}``, ``{"StatusCode": True}``, a wait
    response whose ``Error`` is a list. The message names the field and value.
    """


class InvalidArgumentError(ExitCodesError, ValueError):
    """A call was made with an argument outside its documented domain.

    Examples: an unknown command (``resolve("rn")``), an unknown phase, or
    ``resolve("exec")`` without the exec inspect result it needs.
    """


class NeverExitsError(ExitCodesError):
    """The command never exits in this situation, so it has no exit code to give.

    Raised by :func:`exitcodes.resolve` where the modelled CLI blocks forever: docker
    CLI 26.1.1 when an attached ``docker run --rm`` fails to start (docker/cli #5043,
    fixed by #5062 in 26.1.2). Whatever code is seen then is the code of whatever
    killed the CLI (a CI timeout, 137 for SIGKILL), not the CLI's answer.

    Attributes:
        rule: the id of the rule that says so (see :func:`exitcodes.rules.rule_by_id`).
        reason: one plain sentence saying why.

    >>> error = NeverExitsError("docker-cli/run-rm-start-hangs", "It waits forever.")
    >>> str(error), error.rule
    ('It waits forever. (docker-cli/run-rm-start-hangs)', 'docker-cli/run-rm-start-hangs')
    """

    def __init__(self, rule: str, reason: str) -> None:
        """Keep *rule* and *reason* (both also in ``args``, so the error pickles)."""
        super().__init__(rule, reason)
        self.rule = rule
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.reason} ({self.rule})"


class InvalidVersionError(ExitCodesError, ValueError):
    """A version string could not be parsed, or is outside what is modelled."""


class UnknownRuleError(ExitCodesError, KeyError):
    """No rule or behaviour has that id (:func:`exitcodes.rules.rule_by_id`).

    It derives from :class:`KeyError`, what a table lookup raises, so
    ``except KeyError`` keeps working.
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown rule"
