"""Hypothesis properties: the laws every resolution obeys, for any input.

The inputs come from :mod:`exitcodes.strategies`, the library's own testing kit, mixed
with arbitrary text where a law must hold for anything.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exitcodes import (
    Engine,
    ExitCodesError,
    ExitOutcome,
    Profile,
    classify,
    engines,
    profiles,
    resolve,
)
from exitcodes.rules import COMMANDS, PHASES
from exitcodes.strategies import (
    INT64_MAX,
    INT64_MIN,
    MESSAGE_OUTCOMES,
    daemon_errors,
    exec_inspects,
    exit_codes,
    wait_responses,
)
from exitcodes.strategies import profiles as profile_strategy

INT64 = exit_codes(min_value=INT64_MIN, max_value=INT64_MAX, windows=True)
PHRASES = [
    "executable file not found",
    "no such file or directory",
    "system cannot find the file specified",
    "permission denied",
    "is a directory",
    "not a directory",
    "Cannot connect to the Docker daemon",
    "read escape sequence",
    "context canceled",
    "EOF",
]
posix_profiles = profile_strategy(platforms=["linux", "darwin"])
INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1
# A new profile builds the library's per-profile tables on first use: no deadline.
NO_DEADLINE = settings(deadline=None)
any_profiles = st.sampled_from(Engine).flatmap(lambda engine: profile_strategy(engine=engine))
junk_messages = st.lists(st.sampled_from(PHRASES) | st.text(max_size=20), max_size=5).map(" ".join)


def messages(profile: Profile) -> st.SearchStrategy[str]:
    """Real wordings of every outcome, and arbitrary text around the phrases that matter."""
    return daemon_errors(profile=profile) | junk_messages


@st.composite
def resolve_calls(draw: st.DrawFn, profile: Profile) -> dict[str, Any]:
    command = draw(st.sampled_from(COMMANDS))
    kwargs: dict[str, Any] = {"command": command, "detach": draw(st.booleans())}
    # docker attach before CLI 18.03 makes no wait request and reads the inspected State.
    row = engines.spec(profile.engine).attach_inspects  # the engine's own, if it has one
    inspects = command == "attach" and row is not None and row.versions.contains(profile)
    if draw(st.booleans()):
        kwargs["error"] = draw(messages(profile))
        phases = [phase for phase in PHASES if not (inspects and phase == "wait")]
        kwargs["phase"] = draw(st.sampled_from(phases))
    elif command == "wait":
        item = wait_responses(INT64) | messages(profile)
        kwargs["wait"] = draw(st.lists(item, min_size=1, max_size=3))
    elif command == "exec":
        kwargs["exec_inspect"] = draw(exec_inspects(INT64))
    else:
        kwargs["wait"] = draw(wait_responses(INT64))
        if inspects:
            code = draw(st.integers(INT32_MIN, INT32_MAX))
            kwargs["state"] = {"Status": "exited", "Running": False, "ExitCode": code}
    return kwargs


@NO_DEADLINE
@given(posix_profiles.flatmap(lambda p: st.tuples(st.just(p), resolve_calls(p))))
def test_every_resolution_is_a_posix_exit_code(case: tuple[Profile, dict[str, Any]]) -> None:
    profile, kwargs = case
    result = resolve(**kwargs, profile=profile)
    assert 0 <= result.exit_code <= 255
    assert result.rule and result.reason


@NO_DEADLINE
@given(
    posix_profiles.flatmap(
        lambda p: st.tuples(
            st.just(p),
            messages(p),
            st.sampled_from(["connect", "create", "start"]),
            st.booleans(),
        )
    )
)
def test_run_errors_resolve_to_125_126_127(case: tuple[Profile, str, str, bool]) -> None:
    profile, message, phase, detach = case
    result = resolve("run", error=message, phase=phase, detach=detach, profile=profile)
    if phase == "connect" and profile.version >= profiles.parse_version("29.1.3"):
        assert result.exit_code == 1
    else:
        assert result.exit_code in (125, 126, 127)


@NO_DEADLINE
@given(
    posix_profiles.flatmap(
        lambda p: st.tuples(
            st.just(p),
            daemon_errors(ExitOutcome.NOT_FOUND, profile=p),
            daemon_errors(ExitOutcome.CANNOT_INVOKE, profile=p)
            | st.sampled_from(["permission denied", "is a directory"]),
            st.booleans(),
        )
    )
)
def test_127_wins_over_126(case: tuple[Profile, str, str, bool]) -> None:
    profile, found, denied, swap = case
    message = f"{denied} {found}" if swap else f"{found} {denied}"
    assert resolve("run", error=message, profile=profile).exit_code == 127
    assert classify(message, profile=profile).exit_code == 127


@NO_DEADLINE
@given(INT64, st.sampled_from(["run", "start -a", "attach"]), posix_profiles)
def test_container_status_is_truncated_to_8_bits(status: int, command: str, profile: Any) -> None:
    wait = {"StatusCode": status, "Error": None}
    state = {"Status": "exited", "Running": False, "ExitCode": status}  # attach < 18.03 reads it
    result = resolve(command, wait=wait, state=state, profile=profile)
    assert result.exit_code == status & 0xFF


@given(INT64)
def test_exec_status_is_truncated_to_8_bits(status: int) -> None:
    assert resolve("exec", exec_inspect={"ExitCode": status}).exit_code == status & 0xFF


@given(INT64)
def test_windows_keeps_32_bits(status: int) -> None:
    windows = profiles.docker(platform="windows")
    assert resolve("run", wait=status, profile=windows).exit_code == status & 0xFFFFFFFF


@NO_DEADLINE
@given(
    st.text(max_size=40).filter(lambda s: "permission denied" not in s),
    st.text(max_size=40).filter(lambda s: "permission denied" not in s),
    profile_strategy(max_version="23.0.0") | st.just(profiles.docker("23.0.1-rc.1")),
)
def test_before_23_0_1_is_a_directory_alone_is_never_126(
    left: str, right: str, profile: Profile
) -> None:
    message = f"{left}is a directory{right}"
    result = resolve("run", error=message, profile=profile)
    assert result.exit_code != 126


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_daemon_errors_classify_as_asked(data: st.DataObject) -> None:
    profile = data.draw(any_profiles)
    outcome = data.draw(st.sampled_from(MESSAGE_OUTCOMES))
    message = data.draw(daemon_errors(outcome, profile=profile))
    assert classify(message, profile=profile).outcome is outcome


junk = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text() | st.binary(),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "StatusCode",
                    "Error",
                    "ExitCode",
                    "State",
                    "Status",
                    "OOMKilled",
                    "Running",
                    "message",
                    "Message",
                ]
            )
            | st.text(max_size=5),
            inner,
            max_size=4,
        )
    ),
    max_leaves=8,
)


@given(junk)
def test_classify_is_total(evidence: object) -> None:
    try:
        result = classify(evidence)
    except ExitCodesError as exc:
        assert str(exc)
    else:
        assert result.exit_code is None or 0 <= result.exit_code <= 255


@pytest.mark.parametrize(
    ("command", "phase"), [("exec", "start"), ("exec", "attach")], ids=["unknown", "attach"]
)
def test_podman_minus_one_on_windows(command: str, phase: str) -> None:
    """Podman exits -1 there: a Windows process keeps all 32 bits of it."""
    windows = profiles.podman(platform="windows")
    result = resolve(command, error="boom", phase=phase, profile=windows)
    assert result.exit_code == 0xFFFFFFFF
