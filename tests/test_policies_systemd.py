"""systemd restart decisions, ported from systemd.service(5) and systemd.exec(5) (systemd 252).

Each test quotes the sentence or table it defends. The exit-status names are checked
against the real ``systemd-analyze exit-status`` where it is installed.
"""

from __future__ import annotations

import shutil
import subprocess
from typing import Any

import pytest

from exitcodes.classify import classify
from exitcodes.errors import InvalidArgumentError, MalformedEvidenceError
from exitcodes.policies import Verdict
from exitcodes.policies.systemd import (
    EXIT_STATUS_NAMES,
    RESTART_SETTINGS,
    evaluate_systemd,
    parse_unit,
    write_systemd,
)

# "Table 2. Exit causes and the effect of the Restart= settings": the settings that restart.
TABLE_2: dict[str, tuple[str, ...]] = {
    "clean exit code or signal": ("always", "on-success"),
    "unclean exit code": ("always", "on-failure"),
    "unclean signal": ("always", "on-failure", "on-abnormal", "on-abort"),
    "timeout": ("always", "on-failure", "on-abnormal"),
    "watchdog": ("always", "on-failure", "on-abnormal", "on-watchdog"),
}
_EVIDENCE: dict[str, tuple[Any, str]] = {
    "clean exit code or signal": (0, "exit"),
    "unclean exit code": (3, "exit"),
    "unclean signal": ("SIGKILL", "exit"),
    "timeout": (None, "timeout"),
    "watchdog": (None, "watchdog"),
}
CELLS = [(cause, setting) for cause in TABLE_2 for setting in RESTART_SETTINGS]


def test_table_2_has_35_cells() -> None:
    assert len(CELLS) == 35


@pytest.mark.parametrize(("cause", "setting"), CELLS)
def test_table_2(cause: str, setting: str) -> None:
    evidence, how = _EVIDENCE[cause]
    decision = evaluate_systemd({"Restart": setting}, evidence, cause=how)
    assert (decision.verdict is Verdict.RETRY) == (setting in TABLE_2[cause])


@pytest.mark.parametrize("signal", ["SIGHUP", "SIGINT", "SIGTERM", "SIGPIPE"])
def test_clean_signals(signal: str) -> None:
    # "for types other than Type=oneshot, one of the signals SIGHUP, SIGINT, SIGTERM, or SIGPIPE"
    assert evaluate_systemd({"Restart": "on-failure"}, signal).verdict is Verdict.SUCCESS
    oneshot = evaluate_systemd({"Restart": "on-failure", "Type": "oneshot"}, signal)
    assert oneshot.verdict is Verdict.RETRY


def test_success_exit_status_example() -> None:
    # "SuccessExitStatus=TEMPFAIL 250 SIGKILL / Exit status 75 (TEMPFAIL), 250, and the
    # termination signal SIGKILL are considered clean service terminations."
    unit = "[Service]\nRestart=on-failure\nSuccessExitStatus=TEMPFAIL 250 SIGKILL\n"
    for evidence in (75, 250, "SIGKILL"):
        assert evaluate_systemd(unit, evidence).verdict is Verdict.SUCCESS
    assert evaluate_systemd(unit, 74).verdict is Verdict.RETRY


def test_restart_prevent_exit_status_example() -> None:
    # "RestartPreventExitStatus=1 6 SIGABRT / ensures that exit codes 1 and 6 and the
    # termination signal SIGABRT will not result in automatic service restarting."
    unit = "[Service]\nRestart=always\nRestartPreventExitStatus=1 6 SIGABRT\n"
    for evidence in (1, 6, "SIGABRT"):
        assert evaluate_systemd(unit, evidence).verdict is Verdict.FAIL
    assert evaluate_systemd(unit, 2).verdict is Verdict.RETRY


def test_force_and_manual_stop() -> None:
    # "the service will not be restarted if the exit code or signal is specified in
    # RestartPreventExitStatus= ... or the service is stopped with systemctl stop ... Also, the
    # services will always be restarted if the exit code or signal is specified in
    # RestartForceExitStatus="
    unit = {"Restart": "no", "RestartForceExitStatus": "0 SIGTERM"}
    assert evaluate_systemd(unit, 0).verdict is Verdict.RETRY
    assert evaluate_systemd(unit, "SIGTERM").verdict is Verdict.RETRY
    assert evaluate_systemd(unit, 0, manually_stopped=True).verdict is Verdict.SUCCESS
    assert evaluate_systemd({"Restart": "always"}, 1, manually_stopped=True).verdict is Verdict.FAIL
    both = {"RestartForceExitStatus": "3", "RestartPreventExitStatus": "3"}
    assert evaluate_systemd(both, 3).verdict is Verdict.FAIL  # the prevent list wins


def test_empty_assignment_resets() -> None:
    # "If the empty string is assigned to this option, the list is reset, all prior
    # assignments of this option will have no effect."
    unit = "[Service]\nRestart=on-failure\nSuccessExitStatus=3\nSuccessExitStatus=\nSuccessExitStatus=4\n"
    assert evaluate_systemd(unit, 3).verdict is Verdict.RETRY
    assert evaluate_systemd(unit, 4).verdict is Verdict.SUCCESS
    # "This option may appear more than once, in which case the list ... is merged."
    merged = {"Restart": "on-failure", "RestartPreventExitStatus": ["1", "6"]}
    assert evaluate_systemd(merged, 6).verdict is Verdict.FAIL


def test_oneshot_rejects_always_and_on_success() -> None:
    # "Type=oneshot services will never be restarted on a clean exit status, i.e. always and
    # on-success are rejected for them."
    # The message is the one in the real libsystemd-core-252.so.
    message = (
        "Service has Restart= set to either always or on-success, which isn't allowed for"
        " Type=oneshot services. Refusing."
    )
    for setting in ("always", "on-success"):
        with pytest.raises(InvalidArgumentError) as info:
            evaluate_systemd({"Restart": setting, "Type": "oneshot"}, 0)
        assert str(info.value) == message


def test_podman_run_exits_143_when_stopped() -> None:
    # containers/podman#16726: a quadlet unit's "podman run" exits 143 when the container is
    # stopped, an unclean exit code; SuccessExitStatus=143 makes it clean.
    decision = evaluate_systemd("[Service]\nRestart=on-failure\n", classify(143))
    assert decision.verdict is Verdict.RETRY
    assert decision.message == "Main process exited, code=exited, status=143/n/a"
    fixed = evaluate_systemd(
        "[Service]\nRestart=on-failure\nSuccessExitStatus=143\n", classify(143)
    )
    assert fixed.verdict is Verdict.SUCCESS
    # a process killed by SIGTERM itself (negative returncode) is a clean signal
    killed = evaluate_systemd({"Restart": "on-failure"}, classify(-15))
    assert (killed.verdict, killed.signal) == (Verdict.SUCCESS, "SIGTERM")
    # libsystemd-core-252.so's format: "%s: %s exited, code=%s, status=%i/%s%s", the last
    # part " (success)" for a clean exit
    assert killed.message == "Main process exited, code=killed, status=15/TERM (success)"


def test_journal_messages() -> None:
    decision = evaluate_systemd({"Restart": "no"}, 203)
    assert decision.message == "Main process exited, code=exited, status=203/EXEC"
    assert decision.verdict is Verdict.FAIL
    assert evaluate_systemd({}, None, cause="timeout").message is None


def test_unit_text_parsing() -> None:
    text = (
        "# comment\n[Unit]\nRestart=always\n[Service]\n; other comment\nRestart=on-failure\n"
        "SuccessExitStatus=1 \\\n  2\n"
    )
    assert parse_unit(text) == {"Restart": ["on-failure"], "SuccessExitStatus": ["1 2"]}
    assert parse_unit({"SuccessExitStatus": [143, "SIGKILL"]}) == {
        "SuccessExitStatus": ["143", "SIGKILL"]
    }


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not installed")
def test_exit_status_names_match_systemd_analyze() -> None:
    # "systemd-analyze exit-status may be used to list exit statuses and translate between
    # numerical status values and names."
    out = subprocess.run(
        ["systemd-analyze", "exit-status"], capture_output=True, text=True, check=True, timeout=30
    )
    real = {}
    for line in out.stdout.splitlines()[1:]:
        name, number, *_ = line.split()
        real[name] = int(number)
    assert real == EXIT_STATUS_NAMES


@pytest.mark.parametrize(
    ("unit", "evidence", "kwargs", "error"),
    [
        (1, 0, {}, InvalidArgumentError),
        ({1: "x"}, 0, {}, InvalidArgumentError),
        ({"Restart": [None]}, 0, {}, InvalidArgumentError),
        ({"Restart": "sometimes"}, 0, {}, InvalidArgumentError),
        ({"SuccessExitStatus": "256"}, 0, {}, InvalidArgumentError),
        ({"SuccessExitStatus": "NOPE"}, 0, {}, InvalidArgumentError),
        ({}, 0, {"cause": "reboot"}, InvalidArgumentError),
        ({}, "KILL", {}, MalformedEvidenceError),
        ({}, "SIGNOPE", {}, MalformedEvidenceError),
        ({}, 256, {}, MalformedEvidenceError),
        ({}, True, {}, MalformedEvidenceError),
        ({}, None, {}, MalformedEvidenceError),
    ],
)
def test_hostile_input(
    unit: Any, evidence: Any, kwargs: dict[str, Any], error: type[Exception]
) -> None:
    with pytest.raises(error):
        evaluate_systemd(unit, evidence, **kwargs)


def test_no_exit_status() -> None:
    with pytest.raises(MalformedEvidenceError):
        evaluate_systemd({}, classify({"State": {"Status": "running", "Running": True}}))


def test_writer() -> None:
    lines = write_systemd({Verdict.RETRY: [75], Verdict.SUCCESS: [0, 143]}, restart="no")
    assert lines == "Restart=no\nSuccessExitStatus=0 143\nRestartForceExitStatus=75"
    for bad, kwargs in (
        ({Verdict.FAIL: [0]}, {}),
        ({Verdict.FAIL: [256]}, {}),
        ({Verdict.IGNORE: [1]}, {}),
        ({}, {"restart": "sometimes"}),
    ):
        with pytest.raises(InvalidArgumentError):
            write_systemd(bad, **kwargs)
