"""Hypothesis strategies for signals sent to the docker CLI process (issue 17).

Importing this module imports Hypothesis (the ``hypothesis`` extra); ``import exitcodes``
does not.

>>> from hypothesis import given
>>> from exitcodes import resolve
>>> from exitcodes.cancellation_strategies import cli_signal_calls
>>> @given(cli_signal_calls())
... def test_a_signal_has_an_answer(call):
...     assert 0 <= resolve(**call).exit_code <= 255
>>> test_a_signal_has_an_answer()
"""

from __future__ import annotations

import signal as _signal
from typing import Any

import hypothesis.strategies
from hypothesis import assume
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from exitcodes._matcher import check_profile
from exitcodes.cancellation import cli_signal_number, signal_phase
from exitcodes.errors import ExitCodesError, describe
from exitcodes.profiles import DEFAULT, Profile
from exitcodes.rules import SignalPolicy, cli_signal_rule

__all__ = ["cli_signal_calls"]

_PHASES = {"run": ("create", "start", "attach", "wait"), "start -a": ("start", "attach", "wait")}
# Each signal in the forms resolve accepts: a name, the short name, the number, the member.
_SIGNALS: tuple[object, ...] = (
    "SIGINT",
    "SIGTERM",
    "SIGHUP",
    "INT",
    "term",
    2,
    15,
    1,
    _signal.SIGINT,
    _signal.SIGTERM,
    _signal.SIGHUP,
)


@st.composite
def _calls(draw: st.DrawFn, profile: Profile) -> dict[str, Any]:
    command = draw(st.sampled_from(tuple(_PHASES)))
    phase = draw(st.sampled_from(_PHASES[command]))
    sent = draw(st.sampled_from(_SIGNALS))
    count = draw(st.sampled_from((1, 1, 2, 3, 4)))
    proxy = draw(st.booleans())
    row = cli_signal_rule(
        command, signal_phase(phase), cli_signal_number(sent), count, proxy, profile
    )
    assume(row is not None)
    assert row is not None
    call: dict[str, Any] = {
        "command": command,
        "phase": phase,
        "cli_signal": sent,
        "cli_signal_count": count,
        "sig_proxy": proxy,
        "profile": profile,
    }
    if row.policy is SignalPolicy.CONTAINER_STATUS:
        status = draw(st.integers(0, 255))
        call["wait"] = draw(st.sampled_from((status, {"StatusCode": status, "Error": None})))
    return call


def cli_signal_calls(
    *, profile: Profile | None = None
) -> hypothesis.strategies.SearchStrategy[dict[str, Any]]:
    """Keyword arguments of :func:`exitcodes.resolve` for a signal the CLI process got.

    Each is a situation a row of :data:`exitcodes.rules.CLI_SIGNAL_RULES` decides for
    *profile*: ``docker run`` while it pulls or once the container runs, or ``docker
    start -a``; SIGINT, SIGTERM or SIGHUP (as a name, a number or a member), once or
    several times in a row; ``--sig-proxy`` on or off; and the container's status where
    the CLI exits with it. ``resolve(**call)`` never raises for them.

    To vary the profile too:
    ``strategies.profiles().flatmap(lambda p: cli_signal_calls(profile=p))``.

    Raises:
        InvalidArgument: *profile* is not a :class:`~exitcodes.Profile`, or is not a
            docker CLI's (the only one whose signal rows are modelled).

    >>> strategy = cli_signal_calls()
    """
    try:
        active = DEFAULT if profile is None else check_profile(profile)
    except ExitCodesError:
        raise InvalidArgument(
            f"cli_signal_calls(): profile must be an exitcodes Profile, got {describe(profile)}"
        ) from None
    if active.engine.value != "docker":
        raise InvalidArgument(
            f"cli_signal_calls(): the signal rows model the docker CLI, not {active.engine.value}"
        )
    return _calls(active)
