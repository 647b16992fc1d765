"""Cancellation: the docker CLI's answer to a signal sent to its own process (issue 17).

The expected codes are what the real CLI binaries did against the stub Engine API
(tests/conformance/test_cancellation_live.py runs them again on every binary). Issue 17:
"A CI runner that cancels a job, a supervisor that stops a unit, a user pressing Ctrl-C:
the signal goes to the docker CLI process, not to the container, and what the CLI then
exits with changed from release to release."
"""

from __future__ import annotations

import importlib
import pickle
import signal
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from exitcodes import profiles, resolve, rules
from exitcodes.cancellation import cli_signal_number, resolve_cli_signal, signal_phase
from exitcodes.cancellation_strategies import cli_signal_calls
from exitcodes.errors import ExitCodesError, InvalidArgumentError, NeverExitsError
from exitcodes.outcome import ExitOutcome
from exitcodes.rules import CLI_SIGNAL_RULES, SignalPhase, cli_signal_rule

#: (CLI, command, phase, signal, count, sig_proxy, the container's status, real exit code)
#: as observed on the binaries: "killed" rows are reported by a shell as 128+n.
OBSERVED = [
    # issue 17: "26.1.0 ... 27.0.1 (#4993, #5171): SIGINT/SIGTERM cancel the command's
    # context; after three signals `got 3 SIGTERM/SIGINTs, forcefully exiting` and exit 1"
    ("26.1.2", "run", "wait", "SIGTERM", 1, True, 143, 143),
    ("26.1.2", "run", "wait", "SIGINT", 3, True, 130, 130),
    ("26.1.2", "run", "wait", "SIGTERM", 1, False, None, 143),  # killed by SIGTERM
    ("26.1.2", "run", "create", "SIGINT", 1, True, None, 130),  # killed by SIGINT
    ("27.0.1", "run", "wait", "SIGTERM", 1, True, 143, 1),  # `context canceled`
    ("27.0.1", "run", "create", "SIGTERM", 1, True, None, 125),
    ("27.0.1", "start -a", "wait", "SIGINT", 1, True, 130, 1),
    ("27.5.1", "run", "wait", "SIGTERM", 1, True, 143, 143),
    ("27.5.1", "run", "wait", "SIGINT", 1, False, 7, 7),
    ("27.5.1", "run", "wait", "SIGTERM", 3, True, None, 1),  # forcefully exiting
    ("27.5.1", "run", "create", "SIGINT", 3, True, None, 125),
    # "28.0.0 (#5760, #5778, ...): a user's termination exits 128+signal (130/143)"
    ("28.0.0", "run", "create", "SIGINT", 1, True, None, 130),
    ("28.0.0", "start -a", "wait", "SIGTERM", 1, True, 143, 1),
    ("28.2.2", "start -a", "wait", "SIGTERM", 1, True, 143, 0),
    ("29.7.2", "run", "create", "SIGTERM", 3, True, None, 143),
    ("29.7.2", "run", "wait", "SIGHUP", 1, False, None, 129),  # killed by SIGHUP
    ("29.7.2", "run", "wait", "SIGHUP", 1, True, 129, 129),
    ("29.7.2", "run", "create", "SIGHUP", 1, True, None, 129),
    ("19.03.15", "start -a", "wait", "SIGHUP", 1, True, 0, 0),
    ("19.03.15", "run", "wait", "SIGINT", 1, True, 130, 130),
]


@pytest.mark.parametrize(
    ("version", "command", "phase", "sig", "count", "proxy", "status", "code"),
    OBSERVED,
    ids=[f"{row[0]}-{row[1]}-{row[2]}-{row[3]}x{row[4]}-proxy{row[5]}" for row in OBSERVED],
)
def test_observed_exit_codes(
    version: str,
    command: str,
    phase: str,
    sig: str,
    count: int,
    proxy: bool,
    status: int | None,
    code: int,
) -> None:
    result = resolve_cli_signal(
        command,
        phase,
        sig,
        cli_signal_count=count,
        sig_proxy=proxy,
        wait=status,
        profile=profiles.docker(version),
    )
    assert result.exit_code == code
    assert rules.rule_by_id(result.rule) in CLI_SIGNAL_RULES


def test_killed_and_terminated_carry_the_signal() -> None:
    """'a user's termination exits 128+signal (130/143)' (28.0.0, #5760)."""
    result = resolve_cli_signal("run", "create", signal.SIGTERM, profile=profiles.docker("28.0.0"))
    assert (result.exit_code, result.outcome, result.signal) == (
        143,
        ExitOutcome.SIGNALED,
        signal.SIGTERM,
    )
    killed = resolve_cli_signal("run", "create", 15, profile=profiles.docker("26.1.2"))
    assert killed.rule == "docker-cli-signal/pull-killed"
    assert killed.signal is signal.SIGTERM


def test_a_cancelled_start_attach_exits_0_but_is_not_a_success() -> None:
    """28.2 (#6074): 'the cancellation exits 0 although the container's 143 arrives'."""
    result = resolve_cli_signal("start -a", "wait", "TERM", wait=143)
    assert result.exit_code == 0
    assert result.outcome is ExitOutcome.SIGNALED
    assert result.rule == "docker-cli-signal/start-attach-cancelled-0"


def test_forwarded_signal_takes_the_container_status_and_says_so() -> None:
    trapped = resolve_cli_signal("run", "wait", "SIGTERM", wait={"StatusCode": 0})
    assert (trapped.exit_code, trapped.outcome) == (0, ExitOutcome.SUCCESS)
    assert trapped.rule == "docker-cli-signal/run-forwarded"
    assert "forwards the signal" in trapped.reason


def test_state_alone_can_give_the_container_status() -> None:
    state = {"Status": "exited", "ExitCode": 137, "OOMKilled": True}
    result = resolve_cli_signal("run", "wait", "SIGINT", state=state)
    assert (result.exit_code, result.outcome) == (137, ExitOutcome.OOM_KILLED)


def test_container_status_rows_need_the_status() -> None:
    with pytest.raises(InvalidArgumentError, match="wait="):
        resolve_cli_signal("run", "wait", "SIGINT")


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"cli_signal": True}, "cli_signal must be"),
        ({"cli_signal": 0}, "not a Linux signal"),
        ({"cli_signal": 65}, "not a Linux signal"),
        ({"cli_signal": "SIGNOPE"}, "unknown signal name"),
        ({"cli_signal": 2.0}, "cli_signal must be"),
        ({"phase": "flags"}, "phase must be"),
        ({"phase": None}, "phase must be"),
        ({"cli_signal_count": 0}, "cli_signal_count"),
        ({"cli_signal_count": True}, "cli_signal_count"),
        ({"sig_proxy": 1}, "sig_proxy must be a bool"),
        ({"detach": "yes"}, "detach must be a bool"),
        ({"detach": True}, "detached run has exited"),
        ({"cli_signal": "SIGUSR1"}, "no rule for"),
        ({"command": "exec"}, "no rule for"),
        ({"profile": profiles.from_spec("podman@4.3.1")}, "no rule for"),
    ],
)
def test_outside_the_model_is_an_explicit_error(kwargs: dict[str, object], match: str) -> None:
    call: dict[str, object] = {
        "command": "run",
        "phase": "wait",
        "cli_signal": "SIGINT",
        "wait": 0,
    }
    call.update(kwargs)
    with pytest.raises(InvalidArgumentError, match=match):
        resolve_cli_signal(**call)  # type: ignore[arg-type]


def test_detached_run_can_be_interrupted_while_it_pulls() -> None:
    result = resolve_cli_signal(
        "run", "create", "INT", detach=True, profile=profiles.docker("27.5.1")
    )
    assert result.exit_code == 125


def test_signal_names_and_numbers() -> None:
    assert cli_signal_number(signal.SIGHUP) == 1
    assert cli_signal_number("hup") == 1
    assert signal_phase("attach") is SignalPhase.RUNNING
    assert signal_phase("create") is SignalPhase.PULL


#: The twenty CLIs of the conformance suite.
VERSIONS = (
    "19.03.15", "20.10.24", "20.10.27", "23.0.0", "23.0.1", "24.0.9", "25.0.3", "25.0.4",
    "26.1.0", "26.1.1", "26.1.2", "27.0.1", "27.5.1", "28.0.0", "28.2.2", "28.5.2", "29.0.0",
    "29.1.2", "29.1.3", "29.7.2",
)  # fmt: skip


def _decided_rows() -> set[str]:
    found: set[str] = set()
    for version in VERSIONS:
        profile = profiles.docker(version)
        for command in ("run", "start -a"):
            for phase in SignalPhase:
                for number in (1, 2, 15):
                    for count in (1, 3):
                        for proxy in (True, False):
                            row = cli_signal_rule(command, phase, number, count, proxy, profile)
                            if row is not None:
                                found.add(row.id)
    return found


def test_every_row_decides_for_some_binary() -> None:
    """No row is shadowed by an earlier one for all twenty CLIs."""
    assert _decided_rows() == {row.id for row in CLI_SIGNAL_RULES}


def test_rows_are_cited_and_documented() -> None:
    for row in CLI_SIGNAL_RULES:
        assert "docker/cli" in row.source
        assert row.summary.endswith(".")
        assert row.outcome is ExitOutcome.SIGNALED
        assert (row.exit_code is not None) == (row.policy is rules.SignalPolicy.EXIT_CODE)


@settings(max_examples=150, deadline=None)
@given(
    command=st.sampled_from(("run", "start -a", "exec", "attach")),
    phase=st.sampled_from(("create", "start", "attach", "wait", "flags")),
    sig=st.one_of(st.integers(-2, 70), st.sampled_from(("INT", "SIGTERM", "hup", "USR1", "x"))),
    count=st.integers(-1, 5),
    proxy=st.booleans(),
    detach=st.booleans(),
    status=st.one_of(st.none(), st.integers(0, 255)),
    version=st.sampled_from(VERSIONS),
)
def test_total_and_explicit(
    command: str,
    phase: str,
    sig: int | str,
    count: int,
    proxy: bool,
    detach: bool,
    status: int | None,
    version: str,
) -> None:
    """Every scenario is an answer in 0..255 or the library's own error."""
    try:
        result = resolve_cli_signal(
            command,
            phase,
            sig,
            cli_signal_count=count,
            sig_proxy=proxy,
            detach=detach,
            wait=status,
            profile=profiles.docker(version),
        )
    except ExitCodesError:
        return
    assert 0 <= result.exit_code <= 255
    assert result.rule.startswith("docker-cli-signal/")


_EXT = Path(__file__).resolve().parent.parent / "docs" / "_ext"
if str(_EXT) not in sys.path:
    sys.path.insert(0, str(_EXT))
# The generator is a docs extension, not part of the package: imported by path, untyped here.
tables: Any = importlib.import_module("exitcodes_tables")


def test_the_signal_table_is_the_rows() -> None:
    """Issue 17: "The table of CLI signal behaviours is generated from the rows"."""
    rendered = tables.render_cli_signals_table()
    body = rendered.splitlines()[2:]
    assert len(body) == len(CLI_SIGNAL_RULES)
    for line, row in zip(body, CLI_SIGNAL_RULES, strict=True):
        assert line.startswith(f"| `{row.id}` |")
        assert tables.md_text(row.source) in line
    changed = attrs.evolve(CLI_SIGNAL_RULES[0], exit_code=99, summary="A changed summary.")
    altered = tables.render_cli_signals_table([changed, *CLI_SIGNAL_RULES[1:]])
    assert "exits 99" in altered
    assert "A changed summary." in altered
    assert "exits 99" not in rendered
    assert tables.render_table("cli-signals") == rendered


def test_the_version_table_is_computed() -> None:
    rendered = tables.render_cli_signal_versions_table(("26.1.2", "29.7.2"))
    lines = rendered.splitlines()
    assert lines[0] == "| Situation | CLI 26.1.2 | CLI 29.7.2 |"
    assert len(lines) == 2 + len(tables.CLI_SIGNAL_SITUATIONS)
    assert "| start \\-a: SIGTERM | 143 (`start-attach-forwarded`) | 0 (" in rendered


# --- through exitcodes.resolve (issue 17: "resolve(..., cli_signal=..., cli_signal_count=1)")


@settings(max_examples=120, deadline=None)
@given(call=st.one_of(*(cli_signal_calls(profile=profiles.docker(v)) for v in VERSIONS)))
def test_resolve_reads_the_signal_rows(call: dict[str, Any]) -> None:
    result = resolve(**call)
    kwargs = dict(call)
    same = resolve_cli_signal(
        kwargs.pop("command"), kwargs.pop("phase"), kwargs.pop("cli_signal"), **kwargs
    )
    assert result == same
    assert 0 <= result.exit_code <= 255
    assert rules.rule_by_id(result.rule) in CLI_SIGNAL_RULES


def test_resolve_with_a_signal() -> None:
    """tests/conformance/scenarios.py s42 (real 28.2.2: 0; 28.0.0: 1; 26.1.2: 143)."""
    call = {"cli_signal": "SIGTERM", "phase": "wait", "wait": {"StatusCode": 143}}
    answers = [
        resolve("start -a", **call, profile=profiles.docker(version)).exit_code  # type: ignore[arg-type]
        for version in ("26.1.2", "28.0.0", "28.2.2")
    ]
    assert answers == [143, 1, 0]


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"cli_signal": "INT", "error": "boom"}, "not both"),
        ({"cli_signal_count": 3}, "cli_signal_count needs cli_signal"),
        ({"cli_signal_count": "1"}, "cli_signal_count needs cli_signal"),
        ({"sig_proxy": "no"}, "sig_proxy must be a bool"),
        ({"auto_remove": None}, "auto_remove must be a bool"),
    ],
)
def test_resolve_signal_arguments(kwargs: dict[str, Any], match: str) -> None:
    with pytest.raises(InvalidArgumentError, match=match):
        resolve("run", wait=0, **kwargs)


#: tests/conformance/scenarios.py o39: "CLI 26.1.1 never exits here (docker/cli #5043, fixed
#: by #5062 in 26.1.2)"; observed: 26.1.1 hangs, 26.1.0 and 26.1.2 exit at once (127).
_START_ERROR = (
    "failed to create task for container: failed to create shim task: OCI runtime create"
    ' failed: runc create failed: unable to start container process: exec: "foo":'
    " executable file not found in $PATH: unknown"
)


def test_run_rm_start_failure_never_exits_on_26_1_1() -> None:
    """Issue 17: "CLI 26.1.1 never exits when an attached `docker run --rm` fails to start"."""
    call = {"error": _START_ERROR, "phase": "start", "auto_remove": True}
    with pytest.raises(NeverExitsError) as caught:
        resolve("run", **call, profile=profiles.docker("26.1.1"))  # type: ignore[arg-type]
    assert caught.value.rule == "docker-cli/run-rm-start-hangs"
    assert "never exits" in caught.value.reason
    assert isinstance(caught.value, ExitCodesError)
    again = pickle.loads(pickle.dumps(caught.value))
    assert (again.rule, again.reason, str(again)) == (
        caught.value.rule,
        caught.value.reason,
        str(caught.value),
    )
    for version in ("26.1.0", "26.1.2"):
        assert resolve("run", **call, profile=profiles.docker(version)).exit_code == 127  # type: ignore[arg-type]
    # Without --rm, detached, or another phase, 26.1.1 exits like the others.
    assert (
        resolve(
            "run", error=_START_ERROR, phase="start", profile=profiles.docker("26.1.1")
        ).exit_code
        == 127
    )
    assert (
        resolve(
            "run",
            error=_START_ERROR,
            phase="start",
            auto_remove=True,
            detach=True,
            profile=profiles.docker("26.1.1"),
        ).exit_code
        == 127
    )
    assert (
        resolve(
            "run", error="boom", phase="create", auto_remove=True, profile=profiles.docker("26.1.1")
        ).exit_code
        == 125
    )


def test_signal_strategy_arguments() -> None:
    with pytest.raises(InvalidArgument):
        cli_signal_calls(profile="docker")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgument):
        cli_signal_calls(profile=profiles.from_spec("podman@4.3.1"))
