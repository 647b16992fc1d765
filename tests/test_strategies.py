"""exitcodes.strategies: valid evidence only, every outcome and engine, readable shrinks."""

from __future__ import annotations

import functools
import importlib.metadata
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import exitcodes
from exitcodes import (
    Classification,
    Engine,
    ExitOutcome,
    Profile,
    Resolution,
    Version,
    classify,
    profiles,
    resolve,
)
from exitcodes import strategies as S
from exitcodes._hypothesis_plugin import _hypothesis_setup_hook
from exitcodes._matcher import first_match
from exitcodes.conversions import LinuxSignal, SignalPlatform, signal_name
from exitcodes.rules import MESSAGE_RULES, Layer, rule_by_id
from exitcodes.strategies import _daemon_errors, _evidence, _templates

NEWEST = profiles.docker()
PROFILES = [
    profiles.docker("17.06.0"),
    profiles.docker("20.10.24"),
    profiles.docker("23.0.0"),
    profiles.docker("23.0.6"),
    profiles.docker("28.2.2", engine_version="27.5.1"),
    profiles.docker("29.1.2"),
    NEWEST,
    profiles.docker(platform="windows"),
]
OTHER_ENGINES = [profiles.podman("4.3.1"), profiles.podman(), profiles.nerdctl()]
QUICK = settings(max_examples=50, deadline=None)
SEARCH = settings(max_examples=3000, database=None, phases=[Phase.generate], deadline=None)


def found(strategy: st.SearchStrategy[Any], condition: Callable[[Any], bool]) -> Any:
    """An example satisfying *condition* (no shrinking: this only proves reachability)."""
    return find(strategy, condition, settings=SEARCH)


def minimal(strategy: st.SearchStrategy[Any]) -> Any:
    quick = settings(database=None, max_examples=100, phases=[Phase.generate, Phase.shrink])
    return find(strategy, lambda _: True, settings=quick)


# --- only valid evidence ----------------------------------------------------------------


@QUICK
@given(S.profiles().flatmap(lambda p: st.tuples(st.just(p), S.evidence(profile=p))))
def test_evidence_classifies_without_error(case: tuple[Profile, object]) -> None:
    profile, evidence = case
    result = classify(evidence, profile=profile)
    rule_by_id(result.rule)
    assert result.exit_code is None or 0 <= result.exit_code <= profile.platform.status_mask


WINDOWS = profiles.docker(platform="windows")
DARWIN = profiles.docker(platform="darwin")


@settings(max_examples=300, deadline=None)
@given(S.evidence())
def test_evidence_bare_ints_are_statuses_classify_reads(evidence: object) -> None:
    """Issue 14: "classify now refuses bare ints below -2**31 (documented reading: -n is a
    signal returncode for 1..64, other negative ints signed 32-bit codes, below -2**31
    MalformedEvidenceError), while `exitcodes.strategies.evidence()` still generates int64
    statuses"."""
    if type(evidence) is int:
        assert -(2**31) <= evidence <= 2**63 - 1
        for profile in (NEWEST, WINDOWS, DARWIN):
            classify(evidence, profile=profile)


def test_evidence_reaches_negative_codes_and_int64_documents() -> None:
    # The bare ints reach the signed 32-bit codes; the documents keep the Engine API's
    # int64 (Docker's arithmetic on StatusCode and ExitCode), which classify reads.
    # Derandomized: a wait response below -2**31 is rare enough to miss by chance.
    search = settings(SEARCH, derandomize=True)

    def wide_wait(evidence: object) -> bool:
        if not isinstance(evidence, dict):
            return False
        status = evidence.get("StatusCode")
        return type(status) is int and status < -(2**31)

    low: Any = find(S.evidence(), lambda e: type(e) is int and e < -(2**16), settings=search)
    assert classify(low, profile=WINDOWS).exit_code == low & 0xFFFFFFFF
    wide: Any = find(S.evidence(), wide_wait, settings=search)
    assert classify(wide).exit_code == wide["StatusCode"] & 0xFF


@QUICK
@given(S.profiles().flatmap(lambda p: st.tuples(st.just(p), S.daemon_errors(profile=p))))
def test_daemon_errors_resolve_without_error(case: tuple[Profile, str]) -> None:
    profile, message = case
    for command in exitcodes.rules.COMMANDS:
        for phase in exitcodes.rules.PHASES:
            resolve(command, error=message, phase=phase, profile=profile)


@QUICK
@given(S.container_states(), S.wait_responses(), S.exec_inspects())
def test_documents_resolve_without_error(
    state: dict[str, Any], wait: dict[str, Any], inspect: dict[str, Any]
) -> None:
    for command in ("run", "start -a", "attach"):
        resolve(command, wait=wait, state=state)
    resolve("wait", wait=[wait])
    resolve("exec", exec_inspect=inspect)
    classify({"Id": "x", "State": state})


@QUICK
@given(
    st.sampled_from(Engine)
    .flatmap(lambda e: S.profiles(engine=e))
    .flatmap(lambda p: S.scenarios(profile=p))
)
def test_scenarios_resolve_without_error(scenario: S.Scenario) -> None:
    result = resolve(scenario.command, **scenario.resolve_kwargs())
    assert result.exit_code == scenario.exit_code


# --- every outcome, every engine, every row ---------------------------------------------


@pytest.mark.parametrize("engine", list(Engine), ids=lambda e: e.value)
@pytest.mark.parametrize("outcome", list(ExitOutcome), ids=lambda o: o.value)
def test_every_outcome_is_reached_by_scenarios(engine: Engine, outcome: ExitOutcome) -> None:
    strategy = S.profiles(engine=engine).flatmap(lambda p: S.scenarios(profile=p))
    scenario = found(strategy, lambda s: s.expected.outcome is outcome)
    assert resolve(scenario.command, **scenario.resolve_kwargs()).outcome is outcome


@pytest.mark.parametrize("outcome", list(ExitOutcome), ids=lambda o: o.value)
def test_every_outcome_is_reached_by_classifications(outcome: ExitOutcome) -> None:
    found(S.classifications(), lambda c: c.outcome is outcome)


@pytest.mark.parametrize("engine", list(Engine), ids=lambda e: e.value)
def test_every_engine_has_strategies(engine: Engine) -> None:
    profile = found(S.profiles(engine=engine), lambda p: True)
    assert profile.engine is engine
    assert found(S.versions(engine=engine), lambda v: True) >= profile.version
    for outcome in S.MESSAGE_OUTCOMES:
        message = found(S.daemon_errors(outcome, engine=engine), lambda m: True)
        assert classify(message, profile=profile).outcome is outcome
    found(S.evidence(profile=profile), lambda e: True)


@pytest.mark.parametrize("profile", PROFILES + OTHER_ENGINES, ids=str)
def test_every_message_row_has_a_real_wording(profile: Profile) -> None:
    plan = dict(_daemon_errors._message_plan(profile, S.MESSAGE_OUTCOMES))
    rows = [
        rule
        for rule in MESSAGE_RULES
        if rule.layer in (Layer.USAGE, Layer.CONNECTION, Layer.CLI)
        and rule.engine is profile.engine
        and rule.versions.contains(profile)
    ]
    for rule in rows:
        templates = plan[rule]
        assert any("generic" not in t.labels for t in templates), rule.id
        for pattern in rule.patterns:
            texts = [_templates._decision_text(t, profile).lower() for t in templates]
            assert any(pattern.lower() in text for text in texts), (rule.id, pattern)


@pytest.mark.parametrize("profile", [PROFILES[1], PROFILES[4], NEWEST, *OTHER_ENGINES], ids=str)
def test_every_message_row_is_reached(profile: Profile) -> None:
    for rule in MESSAGE_RULES:
        if rule.layer not in (Layer.USAGE, Layer.CONNECTION, Layer.CLI):
            continue
        if rule.engine is not profile.engine:
            continue
        if not rule.versions.contains(profile):
            continue
        strategy = S.daemon_errors(rule.outcome, profile=profile)

        def decided_by(message: str, rule_id: str = rule.id) -> bool:
            return classify(message, profile=profile).rule == rule_id

        message = found(strategy, decided_by)
        assert classify(message, profile=profile).outcome is rule.outcome


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_daemon_errors_classify_to_the_requested_outcome(data: st.DataObject) -> None:
    engine = data.draw(st.sampled_from(Engine))
    profile = data.draw(S.profiles(engine=engine))
    outcome = data.draw(st.sampled_from(S.MESSAGE_OUTCOMES))
    message = data.draw(S.daemon_errors(outcome, profile=profile))
    assert classify(message, profile=profile).outcome is outcome
    assert classify(message.encode(), profile=profile).outcome is outcome


# --- consistency of the documents -------------------------------------------------------


@QUICK
@given(
    st.sampled_from(Engine)
    .flatmap(lambda e: S.profiles(engine=e))
    .flatmap(lambda p: st.tuples(st.just(p), S.container_states(profile=p)))
)
def test_container_states_are_consistent(case: tuple[Profile, dict[str, Any]]) -> None:
    profile, state = case
    assert state["Status"] in _evidence._STATE_STATUSES
    result = classify(state, profile=profile)
    if state["OOMKilled"]:
        assert (state["Status"], state["ExitCode"]) == ("exited", 137)
        assert result.outcome is ExitOutcome.OOM_KILLED
    if state["Running"]:
        assert state["Status"] in ("running", "paused", "restarting")
        assert result.outcome is ExitOutcome.STATUS_UNKNOWN
    if state["Status"] == "running":
        assert state["ExitCode"] == 0 and state["Pid"] > 0
    if state["Paused"]:
        assert state["Running"]
    if state["Status"] == "created" and state["Error"] and profile.engine is not Engine.DOCKER:
        assert state["ExitCode"] == 0  # podman records a failed start as created, 0
    elif state["Status"] == "created" and state["Error"]:
        assert state["ExitCode"] in (126, 127, 128)
        assert result.outcome is classify(state["Error"], profile=profile).outcome
        engine_row = first_match(profile, Layer.ENGINE, state["Error"])
        assert engine_row is not None and engine_row.exit_code == state["ExitCode"]
    elif state["Status"] == "created":
        assert state["ExitCode"] == 0
        assert result.outcome is ExitOutcome.STATUS_UNKNOWN


@QUICK
@given(S.wait_responses(S.exit_codes(min_value=1), allow_error=False), S.wait_responses())
def test_wait_responses(plain: dict[str, Any], any_response: dict[str, Any]) -> None:
    assert plain.get("Error") is None and plain["StatusCode"] >= 1
    assert set(any_response) <= {"StatusCode", "Error"}
    error = any_response.get("Error")
    assert error is None or isinstance(error["Message"], str)


@QUICK
@given(S.exec_inspects())
def test_exec_inspects_are_consistent(inspect: dict[str, Any]) -> None:
    if inspect["Running"]:
        assert inspect["ExitCode"] is None and inspect["Pid"] > 0
    result = classify(inspect)
    assert (result.exit_code is None) is (inspect["ExitCode"] is None)


@QUICK
@given(S.kubernetes_states())
def test_kubernetes_states_are_consistent(state: dict[str, Any]) -> None:
    ((kind, body),) = state.items()
    assert kind in ("terminated", "waiting")
    if kind == "waiting":
        assert set(body) <= {"reason", "message"}
        return
    assert "signal" not in body
    expected = {"Completed": 0, "OOMKilled": 137, "StartError": 128}
    if body["reason"] in expected:
        assert body["exitCode"] == expected[body["reason"]]
    else:
        assert body["reason"] == "Error" and body["exitCode"] != 0
    if body["reason"] == "StartError":
        assert "OCI runtime create failed" in body["message"]


@QUICK
@given(
    S.exit_codes(),
    S.exit_codes(min_value=-5, max_value=500, allow_signals=False),
    S.exit_codes(windows=True),
)
def test_exit_code_options(default: int, no_signals: int, windows: int) -> None:
    assert 0 <= default <= 255
    assert -5 <= no_signals <= 500 and not 128 < no_signals <= 192
    assert 0 <= windows <= 0xFFFFFFFF


def test_exit_codes_reach_windows_statuses_and_signals() -> None:
    found(S.exit_codes(windows=True), lambda code: code == 0xC000013A)
    found(S.exit_codes(), lambda code: code == 137)
    assert found(S.exit_codes(min_value=129, max_value=130, allow_signals=True), bool) in (129, 130)


@QUICK
@given(S.signals())
def test_signals_name_a_128_plus_n_status(sig: signal.Signals) -> None:
    result = classify(128 + sig)
    assert result.outcome is ExitOutcome.SIGNALED
    assert result.signal is sig


@given(S.signals())
def test_signals_are_numbered_as_on_linux(sig: signal.Signals | LinuxSignal) -> None:
    """Issue 14: strategies named signals from the host's signal module: "on macOS the
    number 10 would be SIGBUS"; a container's signal 10 is Linux's SIGUSR1."""
    assert signal_name(int(sig), SignalPlatform.LINUX) == sig.name
    assert LinuxSignal[sig.name] == int(sig)


def _numbered(number: int, sig: signal.Signals | LinuxSignal) -> bool:
    return int(sig) == number


def test_signals_cover_every_linux_signal() -> None:
    for number in (10, 34, 64):
        assert int(found(S.signals(), functools.partial(_numbered, number))) == number
    assert found(S.signals(), lambda sig: int(sig) == 10).name == "SIGUSR1"


@QUICK
@given(
    S.versions(min_version="23.0.0", max_version="24.0.0"),
    S.profiles(platforms=["windows"], min_version="28.0.0", max_version="28.5.2"),
)
def test_versions_and_profiles_stay_in_range(version: Version, profile: Profile) -> None:
    assert profiles.parse_version("23.0.0") <= version <= profiles.parse_version("24.0.0")
    assert profile.platform.value == "windows"
    for v in (profile.version, profile.engine_version):
        assert profiles.parse_version("28.0.0") <= v <= profiles.parse_version("28.5.2")


def test_versions_reach_the_boundaries_of_the_rules() -> None:
    found(S.versions(), lambda v: v == profiles.parse_version("23.0.1"))
    found(S.versions(), lambda v: v == profiles.parse_version("23.0.0"))
    found(S.versions(), lambda v: v.prerelease is not None)
    found(S.profiles(), lambda p: p.engine_version != p.version)


# --- arguments are checked when the strategy is made -----------------------------------

BAD_CALLS: list[tuple[Callable[[], object], str]] = [
    (lambda: S.exit_codes(min_value=3, max_value=2), "larger than max_value"),
    (lambda: S.exit_codes(min_value=True), "min_value must be an int"),
    (lambda: S.exit_codes(max_value=2**64), "int64"),
    (lambda: S.exit_codes(allow_signals=1), "allow_signals must be a bool"),  # type: ignore[arg-type]
    (lambda: S.exit_codes(min_value=130, max_value=140, allow_signals=False), "no status"),
    (lambda: S.exit_codes(windows=True, max_value=255), "NTSTATUS"),
    (lambda: S.daemon_errors(ExitOutcome.SUCCESS), "no error text classifies"),
    (lambda: S.daemon_errors("not_found"), "outcome must be one of"),  # type: ignore[arg-type]
    (lambda: S.daemon_errors(engine="rkt"), "engine must be one of"),
    (lambda: S.profiles(engine="rkt"), "engine must be one of"),
    (lambda: S.versions(engine="podman", min_version="2.0"), "predates"),
    (lambda: S.daemon_errors(profile="docker@28.2.2"), "profile must be"),  # type: ignore[arg-type]
    (lambda: S.container_states(statuses=["gone"]), "unknown"),
    (lambda: S.container_states(statuses=[]), "must not be empty"),
    (lambda: S.container_states(statuses="exited"), "collection of names"),
    (lambda: S.wait_responses(3), "must be a Hypothesis strategy"),  # type: ignore[arg-type]
    (lambda: S.wait_responses(allow_error=None), "allow_error"),  # type: ignore[arg-type]
    (lambda: S.exec_inspects([0]), "must be a Hypothesis strategy"),  # type: ignore[arg-type]
    (lambda: S.kubernetes_states(kinds=["running"]), "unknown"),
    (lambda: S.versions(min_version="x"), "cannot parse version"),
    (lambda: S.versions(min_version="25.0", max_version="24.0"), "newer than"),
    (lambda: S.versions(max_version=28), "must be a version"),  # type: ignore[arg-type]
    (lambda: S.profiles(platforms=["beos"]), "unknown"),
    (lambda: S.profiles(min_version="1.12"), "predates"),
    (lambda: S.scenarios(commands=["rn"]), "unknown"),
    (lambda: S.scenarios(phases=["later"]), "unknown"),
    (lambda: S.scenarios(profile=3), "profile must be"),  # type: ignore[arg-type]
    (lambda: S.evidence(profile=object()), "profile must be"),  # type: ignore[arg-type]
    (lambda: S.classifications(profile="docker"), "profile must be"),  # type: ignore[arg-type]
    (lambda: S.resolutions(profile="docker"), "profile must be"),  # type: ignore[arg-type]
]


@pytest.mark.parametrize(("call", "fragment"), BAD_CALLS, ids=[f for _, f in BAD_CALLS])
def test_bad_arguments_raise_invalid_argument_at_once(
    call: Callable[[], object], fragment: str
) -> None:
    with pytest.raises(InvalidArgument, match=fragment):
        call()


@QUICK
@given(S.scenarios(phases=()), S.scenarios(commands=["exec"], phases=["wait"]))
def test_phases_choose_where_errors_happen(quiet: S.Scenario, exec_: S.Scenario) -> None:
    assert quiet.error is None
    assert exec_.command == "exec"
    assert exec_.error is None or exec_.phase == "wait"


# --- shrinking ---------------------------------------------------------------------------


def test_messages_shrink_to_the_plainest_wording() -> None:
    assert minimal(S.daemon_errors(ExitOutcome.NOT_FOUND)) == (
        'exec: "foo": executable file not found in $PATH'
    )
    assert minimal(S.daemon_errors(ExitOutcome.USAGE_ERROR)) == "unknown flag: --foo"
    for outcome in S.MESSAGE_OUTCOMES:
        assert len(minimal(S.daemon_errors(outcome))) < 60


def test_documents_shrink_to_small_ones() -> None:
    assert minimal(S.exit_codes()) == 0
    assert minimal(S.exit_codes(min_value=1)) == 1
    assert minimal(S.wait_responses()) == {"StatusCode": 0}
    assert minimal(S.signals()) is signal.SIGKILL
    assert minimal(S.profiles()) == NEWEST
    assert minimal(S.exec_inspects())["ExitCode"] == 0
    assert len(minimal(S.scenarios()).describe().splitlines()) <= 2


def test_a_failure_shrinks_to_a_readable_scenario() -> None:
    scenario = find(
        S.scenarios(commands=["run"]),
        lambda s: s.error is not None and "is a directory" in s.error,
        settings=settings(database=None, max_examples=2000, phases=[Phase.generate, Phase.shrink]),
    )
    assert scenario.error == 'exec: "/etc": is a directory'
    assert scenario.expected.exit_code == 126


# --- Scenario ----------------------------------------------------------------------------


@QUICK
@given(S.scenarios())
def test_a_scenario_reproduces_itself(scenario: S.Scenario) -> None:
    namespace = {"exitcodes": exitcodes}
    again = eval(scenario.reproduction(), namespace)
    assert again == resolve(scenario.command, **scenario.resolve_kwargs())
    assert scenario.describe().startswith(scenario.command_line)


def test_scenario_words() -> None:
    scenario = found(
        S.scenarios(commands=["exec"], phases=()), lambda s: s.detach and s.command == "exec"
    )
    assert scenario.command_line == "docker exec -d"
    assert scenario.exit_code == 0
    streams = found(S.scenarios(commands=["run"]), lambda s: s.attached_streams == ("stdin",))
    assert streams.command_line == "docker run -a stdin"
    other = found(S.scenarios(commands=["other"]), lambda s: True)
    assert other.command_line == "docker <command>"


# --- type strategies through Hypothesis' entry point ------------------------------------


@pytest.fixture
def registered() -> None:
    _hypothesis_setup_hook()


PUBLIC_TYPES = [Classification, Resolution, Profile, ExitOutcome, Version, S.Scenario]


@pytest.mark.usefixtures("registered")
@pytest.mark.parametrize("cls", PUBLIC_TYPES, ids=lambda c: c.__name__)
def test_from_type_draws_real_values(cls: type) -> None:
    @settings(max_examples=20, deadline=None)
    @given(st.from_type(cls))
    def check(value: Any) -> None:
        assert isinstance(value, cls)
        if isinstance(value, (Classification, Resolution)):
            rule_by_id(value.rule)
        if isinstance(value, Profile):
            assert value.version >= profiles.OLDEST_DOCKER_VERSION

    check()


def _installed_entry_point(group: str) -> bool:
    return any(
        entry.value.startswith("exitcodes.")
        for entry in importlib.metadata.entry_points(group=group)
    )


HOOK_CHECK = """
import sys
import exitcodes.strategies  # imports Hypothesis, which runs the hook: no import cycle
from hypothesis import given, settings, strategies as st
import exitcodes
from exitcodes.rules import rule_by_id

@settings(max_examples=10, database=None)
@given(st.from_type(exitcodes.Classification), st.from_type(exitcodes.Resolution))
def check(classification, resolution):
    rule_by_id(classification.rule)
    rule_by_id(resolution.rule)

check()
print("ok")
"""


def _fake_dist(root: Path, entry_points: str) -> Path:
    info = root / "exitcodes_under_test-0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: exitcodes-under-test\nVersion: 0\n"
    )
    (info / "entry_points.txt").write_text(entry_points)
    return root


def test_the_hypothesis_entry_point_registers_the_types(tmp_path: Path) -> None:
    site = _fake_dist(
        tmp_path, "[hypothesis]\n_ = exitcodes._hypothesis_plugin:_hypothesis_setup_hook\n"
    )
    package_root = Path(exitcodes.__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(package_root)])}
    env.pop("HYPOTHESIS_NO_PLUGINS", None)
    out = subprocess.run(
        [sys.executable, "-c", HOOK_CHECK], capture_output=True, text=True, env=env, check=False
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
    lazy = "import hypothesis, sys; assert 'exitcodes.strategies' not in sys.modules"
    subprocess.run([sys.executable, "-c", lazy], env=env, check=True)


@pytest.mark.skipif(
    not _installed_entry_point("hypothesis"), reason="the hypothesis entry point is not installed"
)
def test_the_installed_entry_point_registers_the_types() -> None:
    out = subprocess.run(
        [sys.executable, "-c", HOOK_CHECK], capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_importing_exitcodes_does_not_import_hypothesis() -> None:
    code = "import exitcodes, sys; assert 'hypothesis' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
