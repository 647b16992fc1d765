"""What happened to a command: the closed set of outcomes, in order of severity."""

from __future__ import annotations

import enum
from collections.abc import Iterable

from exitcodes.errors import InvalidArgumentError, describe

__all__ = ["ExitOutcome"]


class ExitOutcome(enum.Enum):
    """What happened to a containerised command, independent of the number it produced.

    Two runs with the same exit code can have different outcomes (137 is
    ``SIGNALED`` or ``OOM_KILLED``; 127 from ``docker run`` can come from a
    missing bind-mount source), and the same outcome maps to different codes
    on different engines. The member's value is a stable lower-case string,
    suitable for JSON; ``ExitOutcome(value)`` looks a member up by it.

    **Severity.** Outcomes are totally ordered by :attr:`severity`, and compare
    with ``<``, ``<=``, ``>``, ``>=`` by it (so ``max()`` and ``sorted()`` work);
    :meth:`worst` picks the most severe of several. The members are listed here
    from the least to the most severe. The order follows a run through its
    steps, and ranks an outcome as worse the earlier the run stopped, because
    the less of the command happened, the less its result says:

    1. ``SUCCESS``: the command ran to its end and exited 0.
    2. ``COMMAND_FAILED``: it ran to its end and gave its own verdict, non-zero.
    3. ``SIGNALED``: it ran, and was stopped from outside before its verdict
       (``docker stop``, a timeout, ``kill``).
    4. ``OOM_KILLED``: it ran, and the kernel killed it: a signal with a known
       cause that needs a fix (the memory limit), where a ``SIGNALED`` stop may
       have been intended.
    5. ``CANNOT_INVOKE``: it never ran: the file was found but could not be
       executed.
    6. ``NOT_FOUND``: it never ran: there was nothing to execute (looking the
       file up comes before executing it).
    7. ``ENGINE_ERROR``: the engine failed before the command could be tried
       (create, pull, mounts, network).
    8. ``USAGE_ERROR``: the invocation itself was wrong: the CLI refused it before
       asking the engine for anything.
    9. ``STATUS_UNKNOWN``: nothing reliable is known; it can hide any of the
       others, the worst included, so "the worst of these jobs" must count it
       as the worst.

    >>> ExitOutcome("oom_killed") is ExitOutcome.OOM_KILLED
    True
    >>> ExitOutcome.SIGNALED < ExitOutcome.OOM_KILLED < ExitOutcome.ENGINE_ERROR
    True
    >>> ExitOutcome.worst([ExitOutcome.SUCCESS, ExitOutcome.NOT_FOUND, ExitOutcome.SIGNALED])
    ExitOutcome.NOT_FOUND
    """

    _value_: str

    SUCCESS = "success"
    COMMAND_FAILED = "command_failed"
    SIGNALED = "signaled"
    OOM_KILLED = "oom_killed"
    CANNOT_INVOKE = "cannot_invoke"
    NOT_FOUND = "not_found"
    ENGINE_ERROR = "engine_error"
    USAGE_ERROR = "usage_error"
    STATUS_UNKNOWN = "status_unknown"

    @property
    def description(self) -> str:
        """One sentence saying what the outcome means.

        >>> ExitOutcome.OOM_KILLED.description
        "The command was killed by the kernel's out-of-memory killer."
        """
        return _DESCRIPTIONS[self]

    @property
    def severity(self) -> int:
        """The outcome's rank in the severity order: 0 for ``SUCCESS`` up to 8.

        Only the order of the numbers is meaningful; compare outcomes directly.

        >>> ExitOutcome.SUCCESS.severity, ExitOutcome.STATUS_UNKNOWN.severity
        (0, 8)
        """
        return _SEVERITY[self]

    @classmethod
    def worst(cls, outcomes: Iterable[ExitOutcome]) -> ExitOutcome:
        """The most severe of *outcomes* (see the severity order above).

        Raises:
            InvalidArgumentError: *outcomes* is empty, is not iterable, fails
                while it is iterated, or holds something that is not an
                :class:`ExitOutcome`.

        >>> ExitOutcome.worst([])
        Traceback (most recent call last):
        exitcodes.errors.InvalidArgumentError: worst() needs at least one outcome
        """
        try:
            iterator = iter(outcomes)
        except Exception:
            raise InvalidArgumentError(
                f"outcomes must be an iterable of ExitOutcome, got {describe(outcomes)}"
            ) from None
        found: ExitOutcome | None = None
        top = _SEVERITY[ExitOutcome.STATUS_UNKNOWN]
        while True:
            try:
                outcome = next(iterator)
            except StopIteration:
                break
            except Exception as exc:
                raise InvalidArgumentError(
                    f"cannot iterate the outcomes: {type(exc).__name__}"
                ) from None
            if type(outcome) is not ExitOutcome:
                raise InvalidArgumentError(
                    f"outcomes must hold ExitOutcome members, got {describe(outcome)}"
                )
            if found is None or _SEVERITY[outcome] > _SEVERITY[found]:
                found = outcome
                if _SEVERITY[outcome] == top:  # nothing can be worse: stop reading
                    break
        if found is None:
            raise InvalidArgumentError("worst() needs at least one outcome")
        return found

    def __lt__(self, other: ExitOutcome) -> bool:
        if type(other) is not ExitOutcome:
            return NotImplemented
        return _SEVERITY[self] < _SEVERITY[other]

    def __le__(self, other: ExitOutcome) -> bool:
        if type(other) is not ExitOutcome:
            return NotImplemented
        return _SEVERITY[self] <= _SEVERITY[other]

    def __gt__(self, other: ExitOutcome) -> bool:
        if type(other) is not ExitOutcome:
            return NotImplemented
        return _SEVERITY[self] > _SEVERITY[other]

    def __ge__(self, other: ExitOutcome) -> bool:
        if type(other) is not ExitOutcome:
            return NotImplemented
        return _SEVERITY[self] >= _SEVERITY[other]

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"


# Held outside the members, so that a member's value is its plain string and
# ExitOutcome("oom_killed") type-checks.
_DESCRIPTIONS: dict[ExitOutcome, str] = {
    ExitOutcome.SUCCESS: "The command ran and exited 0.",
    ExitOutcome.COMMAND_FAILED: "The command ran and exited non-zero on its own.",
    ExitOutcome.SIGNALED: "The command was killed by a signal (status 128+n).",
    ExitOutcome.OOM_KILLED: "The command was killed by the kernel's out-of-memory killer.",
    ExitOutcome.CANNOT_INVOKE: (
        "The command was found but could not be executed (no exec bit, a directory)."
    ),
    ExitOutcome.NOT_FOUND: "The command does not exist (not in $PATH, no such file).",
    ExitOutcome.ENGINE_ERROR: (
        "The engine, daemon or runtime failed around the command (create, pull, mount, start)."
    ),
    ExitOutcome.USAGE_ERROR: "The CLI was misused: bad flag, bad argument count, unknown command.",
    ExitOutcome.STATUS_UNKNOWN: (
        "The command's exit status was lost or does not exist yet (wait failed, daemon died)."
    ),
}

# The severity order is the members' order, written in the class docstring.
_SEVERITY: dict[ExitOutcome, int] = {outcome: rank for rank, outcome in enumerate(ExitOutcome)}

for _outcome in ExitOutcome:  # each member's own docstring, for help() and the API page
    _outcome.__doc__ = _DESCRIPTIONS[_outcome]
del _outcome
