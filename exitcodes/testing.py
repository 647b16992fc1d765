"""Check that another tool's exit codes follow Docker's, for thousands of generated cases.

A wrapper, CI runner or orchestrator that runs containers has to decide what its own
process exits with. :func:`check_exit_semantics` property-tests that decision: it
feeds the tool's function generated :class:`~exitcodes.strategies.Scenario` objects
(a command, what happened to it, the evidence a tool holds) and compares the result
with the exit code the Docker CLI ends with under a profile. The first disagreement
is shrunk to a small example and raised as :class:`ExitSemanticsError`, an
``AssertionError``, so it works in pytest, unittest and plain Python alike.

>>> from exitcodes import profiles, resolve
>>> from exitcodes.testing import check_exit_semantics
>>> def exit_code(scenario):
...     return resolve(scenario.command, **scenario.resolve_kwargs()).exit_code
>>> check_exit_semantics(exit_code, profile=profiles.docker("28.2.2"), max_examples=20)

Importing this module imports Hypothesis.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Collection
from typing import Any, TypeGuard

import attrs
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import InvalidArgument

from exitcodes.errors import describe
from exitcodes.profiles import DEFAULT, Profile
from exitcodes.rules import rule_by_id
from exitcodes.strategies import Scenario, scenarios

__all__ = [
    "DEFAULT_MAX_EXAMPLES",
    "ExitCodeFunction",
    "ExitSemanticsCheck",
    "ExitSemanticsError",
    "check_exit_semantics",
]

DEFAULT_MAX_EXAMPLES = 500
"""How many scenarios :func:`check_exit_semantics` tries unless told otherwise."""

ExitCodeFunction = Callable[[Scenario], object]
"""What is checked: a function from a scenario to the exit code the tool would end with."""


class ExitSemanticsError(AssertionError):
    """A tool's exit code disagrees with Docker's for a scenario.

    The message shows the scenario, the expected code, what the function returned
    and the rule that decides, with a :func:`exitcodes.resolve` call that
    reproduces it.

    Attributes:
        scenario: the (shrunk) scenario the function got wrong.
        got: what the function returned, or the exception it raised.
        profile: the profile the code is expected under.
    """

    def __init__(self, scenario: Scenario, got: object) -> None:
        self.scenario = scenario
        self.got = got
        self.profile = scenario.profile
        super().__init__(self._message())

    @property
    def expected(self) -> int:
        """The exit code the docker CLI ends with."""
        return self.scenario.expected.exit_code

    @property
    def rule(self) -> str:
        """The id of the rule that decides (see :func:`exitcodes.rules.rule_by_id`)."""
        return self.scenario.expected.rule

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.scenario, self.got))

    def _message(self) -> str:
        scenario = self.scenario
        expected = scenario.expected
        if isinstance(self.got, BaseException):
            returned = f"the function raised {type(self.got).__name__}: {self.got}"
        else:
            returned = f"the function returned {describe(self.got)}"
        lines = [
            f"{scenario.command_line} exits {expected.exit_code} under {scenario.profile},"
            f" but {returned}.",
            f"  situation: {scenario.situation}",
        ]
        if scenario.error is not None:
            lines.append(f"  error:     {scenario.error!r} (phase {scenario.phase!r})")
        lines.extend(f"  {name + ':':<10} {shown}" for name, shown in scenario._documents())
        lines.append(f"  expected:  {expected.exit_code} ({expected.outcome.value})")
        lines.append(f"  got:       {describe(self.got)}")
        hint = _truncation_hint(self.got, expected.exit_code)
        if hint:
            lines.append(f"             {hint}")
        try:
            row = rule_by_id(expected.rule)
        except KeyError:  # pragma: no cover - the model names existing rules
            lines.append(f"  rule:      {expected.rule}")
        else:
            lines.append(f"  rule:      {row.id}: {row.summary}")
            lines.append(f"  source:    {row.source}")
        lines.append(f"  reproduce: {scenario.reproduction()}")
        return "\n".join(lines)


def _truncation_hint(got: object, expected: int) -> str:
    # The value an int subclass holds, read without its own (maybe lying) methods.
    number = int.__int__(got) if _is_exit_code(got) else None
    if number is None or number == expected or number & 0xFF != expected:
        return ""
    return (
        f"({describe(number)} & 0xFF is {expected}: a POSIX kernel would truncate it, but"
        " return the code the process ends with)"
    )


def _is_exit_code(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_one(func: ExitCodeFunction, scenario: Scenario) -> None:
    try:
        got = func(copy.deepcopy(scenario))
    except Exception as exc:
        raise ExitSemanticsError(scenario, exc) from exc
    # The value an int subclass holds, read without its (maybe lying or raising) __eq__.
    if not _is_exit_code(got) or int.__int__(got) != scenario.expected.exit_code:
        raise ExitSemanticsError(scenario, got)


def check_exit_semantics(
    func: ExitCodeFunction,
    *,
    profile: Profile | None = None,
    commands: Collection[str] | None = None,
    phases: Collection[str] | None = None,
    max_examples: int = DEFAULT_MAX_EXAMPLES,
) -> None:
    """Property-test *func*'s exit codes against Docker's under *profile*.

    *func* gets one :class:`~exitcodes.strategies.Scenario` at a time: its
    ``command``, ``error`` and ``phase``, ``wait``, ``exec_inspect``, ``state``,
    ``detach`` and ``attached_streams`` are the evidence a tool holds, shaped as
    the Engine API and the SDKs give them. It must return the exit code the
    tool's process ends with. Each call gets its own copy of the scenario.

    Hypothesis generates up to *max_examples* scenarios; the first disagreement
    (a different code, a non-int, an exception) is shrunk and raised. Hypothesis'
    settings profile applies (``CI=true`` loads its derandomized ``ci`` profile);
    nothing is stored in the example database.

    Args:
        func: the tool's decision, ``scenario -> exit code``.
        profile: the CLI and daemon to agree with (default: the newest Docker).
        commands: the docker commands the tool runs, some of
            :data:`exitcodes.rules.COMMANDS` (default: all).
        phases: the phases in which errors may happen, some of
            :data:`exitcodes.rules.PHASES` (default: all; ``()`` for no errors).
            A tool that builds its own command lines never meets ``"flags"``
            or ``"args"`` errors, for instance.
        max_examples: how many scenarios to try.

    Raises:
        ExitSemanticsError: *func* disagrees with Docker for some scenario.
        InvalidArgument: *func* is not callable, or another argument is invalid.
    """
    if not callable(func):
        raise InvalidArgument(f"check_exit_semantics: func must be callable, got {describe(func)}")
    if isinstance(max_examples, bool) or not isinstance(max_examples, int) or max_examples < 1:
        raise InvalidArgument(
            "check_exit_semantics: max_examples must be a positive int,"
            f" got {describe(max_examples)}"
        )
    strategy = scenarios(profile=profile, commands=commands, phases=phases)

    @settings(
        max_examples=max_examples,
        database=None,
        deadline=None,
        report_multiple_bugs=False,
        suppress_health_check=[HealthCheck.too_slow],
        # No explain phase: its notes would be dropped with Hypothesis' error anyway.
        phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
    )
    @given(strategy)
    def exit_semantics(scenario: Scenario) -> None:
        _check_one(func, scenario)

    try:
        exit_semantics()
    except ExitSemanticsError as error:
        # Raise a fresh error: without Hypothesis' notes, the message is the report.
        clean = ExitSemanticsError(error.scenario, error.got)
        raise clean from error.__cause__


@attrs.frozen
class ExitSemanticsCheck:
    """:func:`check_exit_semantics` bound to a profile: what the ``exit_semantics`` fixture is.

    >>> from exitcodes import profiles
    >>> check = ExitSemanticsCheck(profiles.docker("20.10.24"))
    >>> str(check.profile)
    'docker 20.10.24 on linux'

    Attributes:
        profile: the CLI and daemon to agree with.
    """

    profile: Profile = DEFAULT

    def __call__(
        self,
        func: ExitCodeFunction,
        *,
        commands: Collection[str] | None = None,
        phases: Collection[str] | None = None,
        max_examples: int = DEFAULT_MAX_EXAMPLES,
    ) -> None:
        """Run :func:`check_exit_semantics` on *func* under :attr:`profile`."""
        check_exit_semantics(
            func,
            profile=self.profile,
            commands=commands,
            phases=phases,
            max_examples=max_examples,
        )
