"""Every CLI version gate of the rule tables meets a real binary on each of its sides.

A gate is a ``since``/``until`` bound of a docker row whose component is the CLI
(:mod:`exitcodes.rules`: the message, phase and outcome rows and the behaviours). For each
gate this checks, with the CLI binaries found (``runner.discover_clis``):

* there is a binary older than the gate and one at or after it;
* the table exercises it: some scenario, run on the newest binary below the gate and the
  oldest at or above it, gets a different answer from ``exitcodes.resolve`` on the two sides
  (the live test then proves both answers on the binaries).

Gates no stub scenario can separate are listed in :data:`PROVEN_OTHERWISE` with the test
that proves them; gates older than every binary in :data:`MODELLED_ONLY`, with the reason.
Both lists are checked too: an entry that is no longer needed fails.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from conformance.runner import STATS, CliBinary, RunResult, discover_clis, missing_cli, run_cli
from conformance.scenarios import (
    HANG_TIMEOUT,
    RUN,
    RUNC,
    SCENARIOS,
    predict,
    version_tuple,
)
from conformance.stub import Behaviour, api_error
from exitcodes import profiles, rules
from exitcodes.errors import NeverExitsError
from exitcodes.profiles import Engine

pytestmark = pytest.mark.conformance

CLIS: list[CliBinary] = discover_clis()

#: Gate (rule or behaviour id, version) -> why no binary can stand on its older side.
MODELLED_ONLY: dict[tuple[str, str], str] = {
    ("docker-cli/wait-error", "18.2.0"): "the oldest binary is 19.03.15; 18.02 (docker/cli "
    "8471742a8a) is read from the source",
    ("docker-cli/wait-error-125", "18.2.0"): "the same gate, as a behaviour",
    ("docker-cli/attach-wait-error", "18.3.0"): "the oldest binary in CI is 19.03.15; CLIs "
    "17.06.0, 18.01.0, 18.02.0 and 18.03.1 built from their tags (scripts/build_docker_cli.sh) "
    "showed it, kept as tests/vectors/attach-before-18.03.jsonl",
    ("docker-cli/attach-inspects-exit-code", "18.3.0"): "the same gate, the older side",
    ("docker-cli/attach-waits", "18.3.0"): "the same gate, as a behaviour",
}

#: Gate -> the test of this module that proves it on the binaries of its two sides.
PROVEN_OTHERWISE: dict[tuple[str, str], str] = {
    ("docker-cli/wait-cancelled", "26.1.1"): "test_cancelled_wait_is_silent_from_26_1_1",
    # A CLI that never exits has no code to compare: the hang is timed on the binaries.
    ("docker-cli/run-rm-start-hangs", "26.1.1"): "test_run_rm_start_hangs_only_on_26_1_1",
    ("docker-cli/run-rm-start-hangs", "26.1.2"): "test_run_rm_start_hangs_only_on_26_1_1",
}


def cli_gates() -> dict[tuple[str, str], rules.VersionRange]:
    """``(row id, gate version) -> the row's range`` for every docker CLI-version bound."""
    gates: dict[tuple[str, str], rules.VersionRange] = {}
    for row in (*rules.ALL_RULES, *rules.BEHAVIOURS):
        versions = getattr(row, "versions", None)
        if getattr(row, "engine", None) is not Engine.DOCKER or versions is None:
            continue
        if versions.component is not rules.Component.CLI:
            continue
        for bound in (versions.since, versions.until):
            if bound is not None:
                gates[(row.id, str(bound))] = versions
    return gates


GATES = cli_gates()


def sides(gate: str) -> tuple[CliBinary | None, CliBinary | None]:
    """The newest binary older than ``gate`` and the oldest at or after it."""
    below = [c for c in CLIS if version_tuple(c.version) < version_tuple(gate)]
    above = [c for c in CLIS if version_tuple(c.version) >= version_tuple(gate)]
    newest_below = max(below, key=lambda c: version_tuple(c.version), default=None)
    oldest_above = min(above, key=lambda c: version_tuple(c.version), default=None)
    return newest_below, oldest_above


def separating_scenarios(old: CliBinary, new: CliBinary) -> list[str]:
    """Names of table scenarios run on both CLIs whose predicted exit codes differ."""
    names = []
    for scenario in SCENARIOS:
        if not (scenario.applies_to(old.version) and scenario.applies_to(new.version)):
            continue
        if scenario.hangs_on(old.version) or scenario.hangs_on(new.version):
            continue
        before = predict(scenario.call_for(old.version), old.version)
        after = predict(scenario.call_for(new.version), new.version)
        if before != after:
            names.append(scenario.name)
    return names


def test_gates_found() -> None:
    """The table has CLI gates to check (guards the collection itself)."""
    assert {version for _, version in GATES} >= {"23.0.1", "25.0.4", "28.0.0", "29.1.3"}


@pytest.mark.parametrize(("gate_id", "gate"), sorted(GATES), ids=str)
def test_gate_has_binaries_on_both_sides(gate_id: str, gate: str) -> None:
    """A binary older than the gate and one at or after it are present."""
    if not CLIS:
        missing_cli("every docker CLI binary")
    old, new = sides(gate)
    if (gate_id, gate) in MODELLED_ONLY:
        assert old is None, (
            f"{gate_id} at {gate} is listed as modelled only, but docker {old.version} is older:"
            " remove it from MODELLED_ONLY"
        )
        pytest.skip(f"modelled from source only: {MODELLED_ONLY[(gate_id, gate)]}")
    if old is None or new is None:
        missing_cli(
            f"a docker CLI {'older than' if old is None else 'at or after'} {gate} (gate of "
            f"{gate_id})"
        )
    assert old is not None and new is not None


@pytest.mark.parametrize(("gate_id", "gate"), sorted(GATES), ids=str)
def test_gate_is_exercised(gate_id: str, gate: str) -> None:
    """Some table scenario's answer changes between the binaries on the gate's two sides."""
    old, new = sides(gate)
    if old is None or new is None:
        pytest.skip("no binaries on both sides (see test_gate_has_binaries_on_both_sides)")
    found = separating_scenarios(old, new)
    if (gate_id, gate) in PROVEN_OTHERWISE:
        assert not found, f"{found} now separate the gate: remove it from PROVEN_OTHERWISE"
        pytest.skip(f"proven by {PROVEN_OTHERWISE[(gate_id, gate)]}")
    STATS.headline(
        f"gate {gate_id} at {gate}: {len(found)} separating scenarios "
        f"({old.version} | {new.version})"
    )
    assert found, (
        f"no table scenario separates docker {old.version} from {new.version} at the gate"
        f" {gate} of {gate_id}: add one that the binaries decide"
    )


def test_exemptions_name_real_gates() -> None:
    """Every exemption names a gate of the tables (stale entries fail)."""
    for key in (*MODELLED_ONLY, *PROVEN_OTHERWISE):
        assert key in GATES, f"{key} is not a gate of the rule tables any more"


#: Runs per side: whether 26.1.0 logs the cancelled wait depends on timing
#: (``scenarios._STDERR_NOISE``), so one of several runs must show it.
TRIES = 6


def _failed_starts(cli: CliBinary) -> list[RunResult]:
    message = RUNC + 'exec: "foo": executable file not found in $PATH: unknown'
    behaviour = Behaviour(start=api_error(400, message))
    with ThreadPoolExecutor(max_workers=TRIES) as pool:
        return list(pool.map(lambda _: run_cli(cli, RUN, behaviour), range(TRIES)))


def test_cancelled_wait_is_silent_from_26_1_1() -> None:
    """The ``docker-cli/wait-cancelled`` gate, on the binaries: docker/cli #5043 is in 26.1.1.

    docker/cli v26.1.1 cli/command/container/utils.go waitExitOrRemoved:
    ``if errors.Is(err, context.Canceled) { return }`` before
    ``logrus.Errorf("error waiting for container: %v", err)``; v26.1.0 has no such check, so
    it logs ``error waiting for container: context canceled``. After a failed start the CLI
    cancels its wait: 26.1.0 logs the cancelled wait as an error, 26.1.1 does not.
    """
    old, new = sides("26.1.1")
    if old is None or new is None:
        missing_cli("docker CLIs on both sides of 26.1.1")
        return
    logged = "error waiting for container: context canceled"
    before, after = _failed_starts(old), _failed_starts(new)
    assert {r.exit_code for r in before + after} == {127}
    assert any(logged in r.stderr for r in before), f"docker {old.version}: {before[0].stderr!r}"
    assert not any(logged in r.stderr for r in after), f"docker {new.version}: {after[0].stderr!r}"


def test_run_rm_start_hangs_only_on_26_1_1() -> None:
    """The ``docker-cli/run-rm-start-hangs`` gates, on the binaries of both sides of each.

    Issue 17: "CLI 26.1.1 never exits when an attached `docker run --rm` fails to start
    (docker/cli PR #5062 fixed it in 26.1.2)". The stub answers the removed wait after the
    removal delay, by when the CLI has cancelled its wait: 26.1.1 then blocks forever.
    """
    chosen = {side for gate in ("26.1.1", "26.1.2") for side in sides(gate)}
    if None in chosen:
        missing_cli("docker CLIs on both sides of 26.1.1 and 26.1.2")
        return
    scenario = next(s for s in SCENARIOS if s.name == "o39-run-rm-start-500")
    clis = sorted(
        (cli for cli in chosen if cli is not None), key=lambda c: version_tuple(c.version)
    )
    with ThreadPoolExecutor(max_workers=len(clis)) as pool:
        results = list(
            pool.map(
                lambda cli: run_cli(cli, scenario.argv, scenario.behaviour, timeout=HANG_TIMEOUT),
                clis,
            )
        )
    row = rules.rule_by_id("docker-cli/run-rm-start-hangs")
    assert isinstance(row, rules.OutcomeRule)
    for cli, result in zip(clis, results, strict=True):
        try:
            code: int | None = predict(scenario.call, cli.version)
        except NeverExitsError as exc:  # resolve(..., auto_remove=True) on 26.1.1
            assert exc.rule == row.id
            code = None
        assert (code is None) is row.versions.contains(profiles.docker(cli.version))
        assert result.timed_out is (code is None), (cli.version, result.exit_code, result.stderr)
        assert result.exit_code == code
