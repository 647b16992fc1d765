"""Hypothesis properties: the laws every resolution obeys, for any input."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from exitcodes import ExitCodesError, classify, profiles, resolve
from exitcodes.rules import COMMANDS, PHASES

INT64 = st.integers(min_value=-(2**63), max_value=2**63 - 1)
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
versions = st.builds(
    "{}.{}.{}".format,
    st.sampled_from([18, 19, 20, 23, 24, 25, 26, 27, 28, 29, 30]),
    st.integers(0, 12),
    st.integers(0, 30),
)
posix_profiles = st.builds(
    profiles.docker,
    versions,
    engine_version=st.none() | versions,
    platform=st.sampled_from(["linux", "darwin"]),
)
messages = st.lists(st.sampled_from(PHRASES) | st.text(max_size=20), max_size=5).map(" ".join)
wait_responses = st.fixed_dictionaries(
    {"StatusCode": INT64},
    optional={"Error": st.none() | st.fixed_dictionaries({"Message": st.text(max_size=10)})},
)


@st.composite
def resolve_calls(draw: st.DrawFn) -> dict[str, Any]:
    command = draw(st.sampled_from(COMMANDS))
    kwargs: dict[str, Any] = {"command": command, "detach": draw(st.booleans())}
    if draw(st.booleans()):
        kwargs["error"] = draw(messages)
        kwargs["phase"] = draw(st.sampled_from(PHASES))
    elif command == "wait":
        kwargs["wait"] = draw(st.lists(wait_responses | messages, min_size=1, max_size=3))
    elif command == "exec":
        kwargs["exec_inspect"] = {"ExitCode": draw(st.none() | INT64)}
    else:
        kwargs["wait"] = draw(wait_responses)
    return kwargs


@given(resolve_calls(), posix_profiles)
def test_every_resolution_is_a_posix_exit_code(kwargs: dict[str, Any], profile: Any) -> None:
    result = resolve(**kwargs, profile=profile)
    assert 0 <= result.exit_code <= 255
    assert result.rule and result.reason


@given(messages, st.sampled_from(["connect", "create", "start"]), st.booleans(), posix_profiles)
def test_run_errors_resolve_to_125_126_127(
    message: str, phase: str, detach: bool, profile: Any
) -> None:
    result = resolve("run", error=message, phase=phase, detach=detach, profile=profile)
    if phase == "connect" and profile.version >= profiles.parse_version("29.1.3"):
        assert result.exit_code == 1
    else:
        assert result.exit_code in (125, 126, 127)


@given(
    st.sampled_from(["executable file not found", "no such file or directory"]),
    st.sampled_from(["permission denied", "is a directory"]),
    st.text(max_size=30),
    st.text(max_size=30),
    st.booleans(),
    posix_profiles,
)
def test_127_wins_over_126(
    found: str, denied: str, left: str, right: str, swap: bool, profile: Any
) -> None:
    parts = [found, denied] if not swap else [denied, found]
    message = f"{left}{parts[0]} {right}{parts[1]}"
    assert resolve("run", error=message, profile=profile).exit_code == 127
    assert classify(message, profile=profile).exit_code == 127


@given(INT64, st.sampled_from(["run", "start -a", "attach"]), posix_profiles)
def test_container_status_is_truncated_to_8_bits(status: int, command: str, profile: Any) -> None:
    result = resolve(command, wait={"StatusCode": status, "Error": None}, profile=profile)
    assert result.exit_code == status & 0xFF


@given(INT64)
def test_exec_status_is_truncated_to_8_bits(status: int) -> None:
    assert resolve("exec", exec_inspect={"ExitCode": status}).exit_code == status & 0xFF


@given(INT64)
def test_windows_keeps_32_bits(status: int) -> None:
    windows = profiles.docker(platform="windows")
    assert resolve("run", wait=status, profile=windows).exit_code == status & 0xFFFFFFFF


@given(
    st.text(max_size=40).filter(lambda s: "permission denied" not in s),
    st.text(max_size=40).filter(lambda s: "permission denied" not in s),
    st.builds(
        "{}.{}.{}".format, st.sampled_from([18, 19, 20, 22]), st.integers(0, 12), st.integers(0, 30)
    )
    | st.sampled_from(["23.0.0", "23.0.0-rc.1"]),
)
def test_before_23_0_1_is_a_directory_alone_is_never_126(
    left: str, right: str, version: str
) -> None:
    message = f"{left}is a directory{right}"
    result = resolve("run", error=message, profile=profiles.docker(version))
    assert result.exit_code != 126


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
