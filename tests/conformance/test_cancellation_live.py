"""Live cancellation: the real docker CLIs get SIGINT, SIGTERM, SIGHUP and three SIGINT/SIGTERM.

Issue 17, "Done when": "The table of CLI signal behaviours is generated from the rows and
every row is backed by a real-binary test on each side of its version gate." Every scenario
runs on every CLI found (the twenty of the conformance suite) against the stub Engine API,
the signal sent at a known phase: while the image pull hangs, or once the container
started. The code the binary exits with (or ``128+n`` when it died of signal *n*, as a shell
reports it) must equal ``exitcodes.resolve(..., cli_signal=...)``.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import pytest

from conformance.runner import STATS, CliBinary, RunResult, SignalPhase, discover_clis, missing_cli
from conformance.runner import run_cli as _run_cli
from conformance.scenarios import START_A, version_tuple
from conformance.stub import Behaviour, hang, wait_reply
from exitcodes import profiles, rules
from exitcodes.cancellation import resolve_cli_signal
from exitcodes.errors import ExitCodesError

pytestmark = pytest.mark.conformance

CLIS: list[CliBinary] = discover_clis()
#: Seconds a run may take: the slowest case waits for a 2 s container after three signals.
TIMEOUT = 12.0


@dataclass(frozen=True)
class SignalScenario:
    """One signal case: argv, the stub's behaviour, the signal, and the resolve call."""

    name: str
    argv: tuple[str, ...]
    behaviour: Behaviour
    signum: signal.Signals
    call: Mapping[str, Any]
    count: int = 1
    at: SignalPhase = "start"
    note: str = field(default="")

    def predict(self, version: str) -> tuple[int, str] | str:
        """``(code, rule)`` exitcodes says for this case on that CLI (or the error it raises)."""
        kwargs = dict(self.call)
        try:
            found = resolve_cli_signal(
                kwargs.pop("command"),
                kwargs.pop("phase"),
                self.signum.name,
                cli_signal_count=self.count,
                profile=profiles.docker(version),
                **kwargs,
            )
        except ExitCodesError as exc:
            return f"{type(exc).__name__}: {exc}"
        return found.exit_code, found.rule


def _running(kill_exit: int | None, run_for: float = 10.0, status: int = 0) -> Behaviour:
    return Behaviour(run_for=run_for, kill_exit=kill_exit, wait=wait_reply(status))


RUN = ("run", "busybox")
NO_PROXY = ("run", "--sig-proxy=false", "busybox")
PULL_HANGS = Behaviour(image_missing=True, pull=hang())
S = signal.Signals

SIGNAL_SCENARIOS: list[SignalScenario] = [
    # docker run, the container running: it exits 128+n when the forwarded signal reaches it.
    *(
        SignalScenario(
            f"run-{sig.name.lower()}-forwarded",
            argv,
            _running(128 + sig),
            sig,
            {"command": "run", "phase": "wait", "wait": 128 + sig},
        )
        for sig in (S.SIGINT, S.SIGTERM, S.SIGHUP)
        for argv in (RUN, ("run", "-t", "busybox"))
    ),
    # --sig-proxy=false: nothing reaches the container, which exits 7 after 2 s.
    *(
        SignalScenario(
            f"run-no-proxy-{sig.name.lower()}",
            NO_PROXY,
            _running(128 + sig, run_for=2.0, status=7),
            sig,
            {"command": "run", "phase": "wait", "wait": 7, "sig_proxy": False},
        )
        for sig in (S.SIGINT, S.SIGTERM, S.SIGHUP)
    ),
    # Three signals; the container ignores them and exits 7 after 2 s.
    *(
        SignalScenario(
            f"run{'-no-proxy' if argv == NO_PROXY else ''}-{sig.name.lower()}-x3",
            argv,
            _running(None, run_for=2.0, status=7),
            sig,
            {"command": "run", "phase": "wait", "wait": 7, "sig_proxy": argv != NO_PROXY},
            count=3,
        )
        for sig in (S.SIGINT, S.SIGTERM)
        for argv in (RUN, NO_PROXY)
    ),
    # docker run while the image pull never finishes.
    *(
        SignalScenario(
            f"pull-{sig.name.lower()}-x{count}",
            RUN,
            PULL_HANGS,
            sig,
            {"command": "run", "phase": "create"},
            count=count,
            at="pull",
        )
        for sig in (S.SIGINT, S.SIGTERM, S.SIGHUP)
        for count in ((1, 3) if sig != S.SIGHUP else (1,))
    ),
    # docker start -a of a created container that exits 128+n on the forwarded signal.
    *(
        SignalScenario(
            f"start-a-{sig.name.lower()}",
            START_A,
            Behaviour(state="created", run_for=10.0, kill_exit=128 + sig),
            sig,
            {"command": "start -a", "phase": "wait", "wait": 128 + sig},
        )
        for sig in (S.SIGINT, S.SIGTERM, S.SIGHUP)
    ),
]


def _shell_code(result: RunResult) -> int | None:
    """The exit code, or ``128+n`` for a CLI that died of signal *n* (as a shell says)."""
    if result.exit_code is not None:
        return result.exit_code
    for note in result.notes:
        if note.startswith("killed by signal "):
            return 128 + int(note.rsplit(" ", 1)[1])
    return None


@pytest.fixture(scope="module")
def signal_results() -> dict[tuple[str, str], RunResult]:
    """Every (CLI, scenario) pair run once, in parallel; keyed by (CLI version, name)."""
    pairs = [(cli, sc) for cli in CLIS for sc in SIGNAL_SCENARIOS]
    begin = time.monotonic()

    def run(pair: tuple[CliBinary, SignalScenario]) -> RunResult:
        cli, sc = pair
        return _run_cli(
            cli,
            sc.argv,
            sc.behaviour,
            timeout=TIMEOUT,
            signal_after_start=sc.signum,
            signal_count=sc.count,
            signal_at=sc.at,
        )

    with ThreadPoolExecutor(max_workers=12) as pool:
        results = list(pool.map(run, pairs))
    STATS.headline(
        f"signals: {len(pairs)} CLI runs of {len(SIGNAL_SCENARIOS)} scenarios in"
        f" {time.monotonic() - begin:.1f} s wall"
    )
    return {(cli.version, sc.name): res for (cli, sc), res in zip(pairs, results, strict=True)}


_PARAMS = [
    pytest.param(cli, sc, id=f"{sc.name}@{cli.label}") for cli in CLIS for sc in SIGNAL_SCENARIOS
] or [pytest.param(None, None, id="no-docker-cli")]


@pytest.mark.parametrize(("cli", "scenario"), _PARAMS)
def test_signal_scenario(
    cli: CliBinary | None,
    scenario: SignalScenario | None,
    signal_results: dict[tuple[str, str], RunResult],
) -> None:
    """The real CLI's answer to the signal equals the library's."""
    if cli is None or scenario is None:
        missing_cli("every docker CLI binary")
        return
    result = signal_results[(cli.version, scenario.name)]
    real = _shell_code(result)
    predicted = scenario.predict(cli.version)
    code = predicted[0] if isinstance(predicted, tuple) else predicted
    agree = real == code and _shows_its_rule(result, predicted)
    STATS.add("signals", cli.label, 1, 0 if agree else 1, result.duration)
    assert agree, (
        f"docker {cli.version} {' '.join(scenario.argv)} got {scenario.count}x"
        f" {scenario.signum.name} ({scenario.at}): real {real}"
        f"{' (TIMED OUT)' if result.timed_out else ''}, exitcodes {predicted};"
        f" notes {result.notes}; stderr {result.stderr[-400:]!r}"
    )


#: What the CLI prints when a row decides (its stderr must show it).
MARKERS = {
    "docker-cli-signal/run-context-canceled": "context canceled",
    "docker-cli-signal/start-attach-context-canceled": "context canceled",
    "docker-cli-signal/forced-exit": "got 3 SIGTERM/SIGINTs, forcefully exiting",
}


def _shows_its_rule(result: RunResult, predicted: tuple[int, str] | str) -> bool:
    """The binary did what the row says, not only the code: died of the signal, or exited
    (with the row's message)."""
    if not isinstance(predicted, tuple):
        return False
    row = rules.rule_by_id(predicted[1])
    assert isinstance(row, rules.CliSignalRule)
    killed = result.exit_code is None and not result.timed_out
    if killed is not (row.policy is rules.SignalPolicy.KILLED):
        return False
    return MARKERS.get(row.id, "") in result.stderr


def _gates() -> list[tuple[str, str]]:
    gates = set()
    for row in rules.CLI_SIGNAL_RULES:
        for bound in (row.versions.since, row.versions.until):
            if bound is not None:
                gates.add((row.id, str(bound)))
    return sorted(gates)


def test_signal_gates_found() -> None:
    """The gates of the signal rows (guards the collection itself)."""
    assert {gate for _, gate in _gates()} == {"27.0.1", "27.1.0", "28.0.0", "28.2.0"}


@pytest.mark.parametrize(("row_id", "gate"), _gates(), ids=str)
def test_signal_gate_is_exercised(row_id: str, gate: str) -> None:
    """A binary on each side of the gate, and a scenario of this row that they answer apart.

    The scenario runs on both binaries in :func:`test_signal_scenario`, which proves
    both answers.
    """
    below = [c for c in CLIS if version_tuple(c.version) < version_tuple(gate)]
    above = [c for c in CLIS if version_tuple(c.version) >= version_tuple(gate)]
    if not below or not above:
        missing_cli(f"docker CLIs on both sides of {gate}")
        return
    old = max(below, key=lambda c: version_tuple(c.version)).version
    new = min(above, key=lambda c: version_tuple(c.version)).version
    separating = []
    for scenario in SIGNAL_SCENARIOS:
        before, after = scenario.predict(old), scenario.predict(new)
        # The answers differ in code or in rule; the live test proves both (the rule by
        # what the binary does: dies, exits, prints the row's message).
        if before == after or not (isinstance(before, tuple) and isinstance(after, tuple)):
            continue
        if row_id in (before[1], after[1]):
            separating.append(scenario.name)
    STATS.headline(f"signal gate {row_id} at {gate}: {len(separating)} scenarios ({old} | {new})")
    assert separating, f"no signal scenario of {row_id} separates docker {old} from {new}"


#: (timeout's options, docker's argv, the container's behaviour, what it shows)
TIMEOUT_CASES = [
    (("2",), RUN, _running(143), "the CLI forwards timeout's SIGTERM"),
    (("--preserve-status", "2"), RUN, _running(143), "timeout passes the CLI's status on"),
    (
        ("--preserve-status", "2"),
        NO_PROXY,
        _running(143, run_for=4.0, status=7),
        "--sig-proxy=false: killed (< 27), context canceled (27.0), waits for the 7 (27.1+)",
    ),
    (
        ("-k", "1", "2"),
        NO_PROXY,
        _running(None, run_for=30.0),
        "the CLI outlives SIGTERM from 27.1 on: timeout -k sends SIGKILL",
    ),
]


def _timeout_prediction(options: tuple[str, ...], argv: tuple[str, ...], version: str) -> int:
    """GNU timeout's code around the CLI, from exitcodes.wrappers and the signal rows."""
    from exitcodes.wrappers import WrapperSituation, wrapper_exit_code

    proxy = "--sig-proxy=false" not in argv
    status = 7 if not proxy else 143
    answer = resolve_cli_signal(
        "run", "wait", "SIGTERM", sig_proxy=proxy, wait=status, profile=profiles.docker(version)
    )
    row = rules.rule_by_id(answer.rule)
    assert isinstance(row, rules.CliSignalRule)
    outlives = row.policy is rules.SignalPolicy.CONTAINER_STATUS and "-k" in options
    if outlives:  # the container runs on: only the KILL ends the CLI
        return wrapper_exit_code("timeout", WrapperSituation.KILLED_AFTER_TIMEOUT)
    return wrapper_exit_code(
        "timeout",
        WrapperSituation.TIMED_OUT,
        preserve_status="--preserve-status" in options,
        command_status=answer.exit_code,
    )


_TIMEOUT_PARAMS = [
    pytest.param(cli, case, id=f"timeout-{'-'.join(case[0])}-{case[1][1]}@{cli.label}")
    for cli in CLIS
    for case in TIMEOUT_CASES
] or [pytest.param(None, None, id="no-docker-cli")]


@pytest.fixture(scope="module")
def timeout_results() -> dict[tuple[str, str], RunResult]:
    """Every CLI under GNU timeout, once per case; keyed by (CLI version, case id)."""
    import shutil

    if shutil.which("timeout") is None:
        pytest.skip("GNU timeout is not installed")
    pairs = [(cli, case) for cli in CLIS for case in TIMEOUT_CASES]

    def run(pair: tuple[CliBinary, Any]) -> RunResult:
        cli, (options, argv, behaviour, _) = pair
        return _run_cli(cli, argv, behaviour, timeout=TIMEOUT, wrapper=("timeout", *options))

    with ThreadPoolExecutor(max_workers=12) as pool:
        results = list(pool.map(run, pairs))
    return {
        (cli.version, " ".join((*case[0], *case[1]))): res
        for (cli, case), res in zip(pairs, results, strict=True)
    }


@pytest.mark.parametrize(("cli", "case"), _TIMEOUT_PARAMS)
def test_timeout_around_the_cli(
    cli: CliBinary | None, case: Any, timeout_results: dict[tuple[str, str], RunResult]
) -> None:
    """GNU timeout's SIGTERM reaches the CLI: 124, the CLI's own status, or 137 after -k.

    Issue 17: "users ask for a timed-out answer: GNU `timeout` (124, `--kill-after` 137,
    `--preserve-status`)".
    """
    if cli is None:
        missing_cli("every docker CLI binary")
        return
    options, argv, behaviour, what = case
    result = timeout_results[(cli.version, " ".join((*options, *argv)))]
    expected = _timeout_prediction(options, argv, cli.version)
    # timeout -k sends SIGKILL to its process group, itself included: a shell says 137.
    real = _shell_code(result)
    if real != expected:  # once more on its own: twelve at a time can starve timeout's alarm
        result = _run_cli(cli, argv, behaviour, timeout=TIMEOUT, wrapper=("timeout", *options))
        real = _shell_code(result)
    STATS.add("timeout", cli.label, 1, 0 if real == expected else 1, result.duration)
    assert real == expected, (
        f"timeout {' '.join(options)} docker {cli.version} {' '.join(argv)} ({what}): real"
        f" {real}, exitcodes {expected}; notes {result.notes}; stderr {result.stderr[-300:]!r}"
    )
