"""Unit tests of exitcodes.engines.compose: the rows, the evidence readers, the resolver's edges.

The behaviour itself is proven by the real-binary vectors (``test_compose_vectors.py``); the
tests here pin what the vectors cannot reach: hostile input, missing evidence, versions
between and around the two binaries.
"""

from __future__ import annotations

import calendar
import contextlib
import json
import signal
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exitcodes.engines import compose
from exitcodes.engines.compose import (
    MESSAGES,
    RULES,
    Category,
    Command,
    ComposeEvidence,
    ComposeProfile,
    ContainerExit,
    MessageRule,
    Rule,
    classify_message,
    exits_from_events,
    exits_from_inspect,
    exits_from_ps,
    parse_invocation,
    profile,
    render_rules_table,
    resolve_compose,
    rule_by_id,
)
from exitcodes.errors import (
    ExitCodesError,
    InvalidArgumentError,
    InvalidVersionError,
    MalformedEvidenceError,
    UnsupportedEvidenceError,
)

NEW = profile("2.40.3")
OLD = profile("2.26.1")


def up(*flags: str, containers: tuple[ContainerExit, ...] = (), **kw: Any) -> ComposeEvidence:
    return ComposeEvidence(("up", *flags), containers, **kw)


# --- rows --------------------------------------------------------------------------------------


def test_every_row_cites_docker_compose_and_ids_are_unique() -> None:
    """Each rule and message row names its docker/compose source."""
    rows: list[Rule | MessageRule] = [*RULES, *MESSAGES]
    for row in rows:
        assert row.source.startswith("docker/compose "), row.id
    assert len({r.id for r in RULES}) == len(RULES)
    assert len({m.id for m in MESSAGES}) == len(MESSAGES)


def test_verified_rows_name_recorded_scenarios() -> None:
    """A row's ``verified`` scenarios exist in the live suite's scenario list."""
    from compose_live.scenarios import BY_NAME

    rows: list[Rule | MessageRule] = [*RULES, *MESSAGES]
    for row in rows:
        for name in row.verified:
            assert name in BY_NAME, (row.id, name)


def test_rule_by_id_and_profile_rule() -> None:
    assert rule_by_id("wait").command == "wait"
    with pytest.raises(InvalidArgumentError):
        rule_by_id("nope")
    with pytest.raises(InvalidArgumentError):
        rule_by_id([])  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="does not apply"):
        NEW.rule("up-exit-code-from-stopped")


def test_profile_versions() -> None:
    assert profile().version == compose.NEWEST_COMPOSE_VERSION
    assert profile("v2.26.1") == OLD
    with pytest.raises(InvalidVersionError, match="compose v1"):
        profile("1.29.2")
    with pytest.raises(InvalidVersionError):
        profile("two")


@pytest.mark.parametrize(
    ("category", "old", "new"),
    [
        (Category.GENERIC, 1, 1),
        (Category.FILE_NOT_FOUND, 14, 1),
        (Category.PARSE, 15, 1),
        (Category.SYNTAX, 16, 1),
        (Category.BUILD, 17, 1),
        (Category.PULL, 18, 1),
        (Category.CANCELED, 130, 130),
    ],
)
def test_legacy_metrics_codes_until_2_33(category: Category, old: int, new: int) -> None:
    """docker/compose 23351ece8 (2.33.0): "remove exit code per error type used by legacy
    metrics system" -- ``CommandSyntaxFailure = FailureCategory{..., ExitCode: 16}`` before."""
    assert category.exit_code(OLD.version) == old
    assert category.exit_code(profile("2.32.4").version) == old
    assert category.exit_code(profile("2.33.0").version) == new


def test_render_rules_table_every_version_form() -> None:
    rows = (
        Rule("a", "up", "s", "o", "docker/compose x", since="2.1.0", until="2.2.0"),
        Rule("b", "up", "s|pipe", "o", "docker/compose x", since="2.1.0", verified=("x",)),
        Rule("c", "up", "s", "o", "docker/compose x", until="2.2.0"),
        Rule("d", "up", "s", "o", "docker/compose x"),
    )
    text = render_rules_table(rows)
    assert "2.1.0 to before 2.2.0" in text
    assert "since 2.1.0" in text and "before 2.2.0" in text and "all v2" in text
    assert "s\\|pipe" in text
    assert "| 2.26.1, 2.40.3 |" in text
    full = render_rules_table()
    for rule in RULES:
        assert f"`{rule.id}`" in full


# --- evidence values ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"service": "", "exit_code": 0}, MalformedEvidenceError),
        ({"service": "a", "exit_code": True}, MalformedEvidenceError),
        ({"service": "a", "exit_code": 256}, MalformedEvidenceError),
        ({"service": "a", "exit_code": 1, "finished": "x"}, MalformedEvidenceError),
    ],
)
def test_container_exit_rejects(kwargs: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        ContainerExit(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"argv": "up"},
        {"argv": ["up", 1]},
        {"argv": 3},
        {"argv": ["up"], "containers": {"a": 1}},
        {"argv": ["up"], "containers": [1]},
        {"argv": ["up"], "stderr": 5},
    ],
)
def test_evidence_rejects_foreign_types(kwargs: dict[str, object]) -> None:
    with pytest.raises(UnsupportedEvidenceError):
        ComposeEvidence(**kwargs)


@pytest.mark.parametrize("sig", [0, 200, True, "INT"])
def test_evidence_rejects_bad_signals(sig: object) -> None:
    with pytest.raises(MalformedEvidenceError):
        ComposeEvidence(("up",), signal=sig)


def test_evidence_decodes_bytes_stderr() -> None:
    assert ComposeEvidence(["up"], stderr=b"no such service: x\xff").stderr.startswith("no such")


# --- the command line --------------------------------------------------------------------------


def test_parse_invocation_global_flags_and_values() -> None:
    inv = parse_invocation(
        [
            "-p",
            "x",
            "--file=a.yaml",
            "-f",
            "b.yaml",
            "--verbose",
            "up",
            "-d",
            "--exit-code-from",
            "db",
            "--timeout",
            "3",
            "--",
            "db",
        ]
    )
    assert inv.command is Command.UP
    assert inv.flags == {"--detach", "--exit-code-from", "--timeout"}
    assert inv.exit_code_from == "db"
    assert inv.services == ("db",)


def test_parse_invocation_run_exec_wait_other() -> None:
    run = parse_invocation(["run", "--rm", "-e", "A=1", "a", "sh", "-c", "exit 3"])
    assert (run.command, run.services, run.flags) == (
        Command.RUN,
        ("a",),
        frozenset({"--rm", "-e"}),
    )
    exec_ = parse_invocation(["exec", "-T", "a", "ls", "-l"])
    assert (exec_.command, exec_.services, exec_.flags) == (
        Command.EXEC,
        ("a",),
        frozenset({"--no-TTY"}),
    )
    wait = parse_invocation(["wait", "--down-project", "a", "b"])
    assert wait.services == ("a", "b")
    assert parse_invocation(["ps"]).command is Command.OTHER
    assert parse_invocation([]).name == ""
    assert parse_invocation(["up", "--exit-code-from"]).exit_code_from == ""


# --- evidence readers --------------------------------------------------------------------------


def test_exits_from_inspect_full_shape() -> None:
    full = {
        "Config": {
            "Labels": {"com.docker.compose.service": "db", "com.docker.compose.oneoff": "True"}
        },
        "State": {
            "Status": "exited",
            "ExitCode": 3,
            "FinishedAt": "2026-12-03T18:08:16.5+01:00",
            "Health": {"Status": "unhealthy"},
        },
    }
    running = {
        "service": "a",
        "state": {"Status": "running", "ExitCode": 0, "FinishedAt": "0001-01-01T00:00:00Z"},
    }
    (db, a) = exits_from_inspect([full, running])
    assert (db.service, db.exit_code, db.oneoff, db.health) == ("db", 3, True, "unhealthy")
    # 18:08:16.5 at +01:00 is 17:08:16.5 UTC.
    assert db.finished == calendar.timegm((2026, 12, 3, 17, 8, 16, 0, 0, 0)) * 10**9 + 500_000_000
    assert (a.exit_code, a.finished, a.oneoff) == (None, None, False)


@pytest.mark.parametrize(
    ("items", "error"),
    [
        ("x", UnsupportedEvidenceError),
        ([1], UnsupportedEvidenceError),
        ([{"service": "a", "state": []}], MalformedEvidenceError),
        ([{"Config": None, "State": {"Status": "exited", "ExitCode": 1}}], MalformedEvidenceError),
        (
            [{"service": "a", "state": {"Status": "exited", "ExitCode": 1, "FinishedAt": "soon"}}],
            MalformedEvidenceError,
        ),
        ([{"service": "a", "state": {"Status": "dead", "ExitCode": "1"}}], MalformedEvidenceError),
    ],
)
def test_exits_from_inspect_rejects(items: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        exits_from_inspect(items)  # type: ignore[arg-type]


def test_exits_from_ps_lines_and_array() -> None:
    lines = '{"Service":"a","State":"exited","ExitCode":3,"Health":""}\n\n' + json.dumps(
        [{"Service": "b", "State": "running", "ExitCode": 0, "Health": "healthy"}]
    )
    a, b = exits_from_ps(lines)
    assert (a.exit_code, a.health, a.finished) == (3, None, None)
    assert (b.exit_code, b.health) == (None, "healthy")


@pytest.mark.parametrize(
    ("text", "error"),
    [
        (b"{}", UnsupportedEvidenceError),
        ("{nope", MalformedEvidenceError),
        ('{"Service":"a"}', MalformedEvidenceError),
        ("[1]", UnsupportedEvidenceError),
        ("[" * 100_000, MalformedEvidenceError),
    ],
)
def test_exits_from_ps_rejects(text: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        exits_from_ps(text)  # type: ignore[arg-type]


def test_exits_from_events_raw_docker_form() -> None:
    events: list[dict[str, Any]] = [
        {"Action": "kill", "id": "c1", "timeNano": 5, "Actor": {"Attributes": {}}},
        {"Action": "stop", "id": "c1", "timeNano": 6, "Actor": {"Attributes": None}},
        {
            "Action": "die",
            "id": "c1",
            "timeNano": 7,
            "Actor": {"Attributes": {"com.docker.compose.service": "a", "exitCode": "137"}},
        },
        {
            "Action": "die",
            "id": "c2",
            "timeNano": True,
            "Actor": {
                "Attributes": {
                    "com.docker.compose.service": "b",
                    "exitCode": "0",
                    "com.docker.compose.oneoff": "True",
                }
            },
        },
        {"Action": "exec_die", "id": "c2", "Actor": {"Attributes": {"exitCode": "126"}}},
        {"Action": "start", "Actor": "x"},
    ]
    exits, exec_code = exits_from_events(events)
    assert exec_code == 126
    a, b = exits
    assert (a.exit_code, a.finished, a.stopped, a.stopped_at) == (137, 7, True, 6)
    assert (b.oneoff, b.finished, b.stopped) == (True, None, False)


def test_exits_from_events_unhashable_id() -> None:
    """An id that is not a string (a list) is no container id, not a TypeError."""
    exits, _ = exits_from_events(
        [
            {"action": "stop", "id": ["x"]},
            {
                "action": "die",
                "id": ["x"],
                "attributes": {"com.docker.compose.service": "a", "exitCode": "1"},
            },
        ]
    )
    assert exits[0].exit_code == 1


def test_exits_from_events_rejects() -> None:
    with pytest.raises(MalformedEvidenceError, match="exitCode"):
        exits_from_events([{"action": "die", "attributes": {"com.docker.compose.service": "a"}}])
    with pytest.raises(MalformedEvidenceError):
        exits_from_events([{"action": "die", "attributes": {"exitCode": "1"}}])
    with pytest.raises(UnsupportedEvidenceError):
        exits_from_events("die")  # type: ignore[arg-type]


# --- messages ----------------------------------------------------------------------------------


def test_classify_message_reads_only_the_last_line() -> None:
    """compose prints its error last; earlier lines may be a container's own output."""
    text = 'no such service: in-my-app-log\nservice "init" didn\'t complete successfully: exit 3\n'
    rule = classify_message(text)
    assert rule is not None and rule.id == "dependency-not-completed"
    assert classify_message("no such service: x\nall good\n") is None
    assert classify_message("  \n") is None


def test_compose_progress_printed_after_the_error_is_skipped() -> None:
    """up.go@v2.26.1: ``err = s.start(...); if err != nil && !isTerminated { return err }``
    comes before ``printer.Stop()`` and ``eg.Wait()``: the abort's ``Stop`` goroutine can
    still print its progress after compose's error (seen once on compose 2.26.1 in CI)."""
    raced = (
        " Container p-a-1  Created\n"
        "Aborting on container exit...\n"
        'service "init" didn\'t complete successfully: exit 3\n'
        " Container p-a-1  Stopping\n"
        " Container p-a-1  Stopped\n"
        " Container p-init-1  Stopping\n"
        " Container p-init-1  Stopped\n"
    )
    rule = classify_message(raced, "2.26.1")
    assert rule is not None and rule.id == "dependency-not-completed"
    evidence = up(
        "--exit-code-from",
        "a",
        containers=(ContainerExit("init", 3, 1), ContainerExit("a", None)),
        stderr=raced,
    )
    got = resolve_compose(evidence, OLD)
    assert (got.exit_code, got.service) == (1, "init")
    # A container's own line that merely starts with "Container" is not compose's progress.
    assert (
        classify_message('service "init" didn\'t complete successfully: exit 3\nContainer x ok\n')
        is None
    )
    assert classify_message("Gracefully stopping... (press Ctrl+C again to force)\n") is None


def test_classify_message_respects_since() -> None:
    """``timeout waiting for dependencies`` came with docker/compose ce27dba52 (2.30.0)."""
    assert classify_message("timeout waiting for dependencies", "2.40.3").id == "dependency-timeout"  # type: ignore[union-attr]
    assert classify_message("timeout waiting for dependencies", "2.26.1") is None
    with pytest.raises(InvalidVersionError):
        classify_message("x", "nope")


@pytest.mark.parametrize(
    ("line", "rule_id"),
    [
        (
            "Cannot connect to the Docker daemon at unix:///x.sock. Is the docker daemon running?",
            "daemon-unreachable",
        ),
        ("Error response from daemon: conflict: unable to remove", "daemon-error"),
        ("Error response from daemon: pull access denied for x", "pull-failed"),
        ("unknown shorthand flag: 'z' in -z", "unknown-flag"),
        ("no configuration file provided: not found", "file-not-found"),
        ("yaml: line 3: did not find expected key", "invalid-file"),
    ],
)
def test_classify_message_rows(line: str, rule_id: str) -> None:
    rule = classify_message(line)
    assert rule is not None and rule.id == rule_id


# --- the resolver's edges ----------------------------------------------------------------------


def test_resolver_rejects_foreign_arguments() -> None:
    with pytest.raises(UnsupportedEvidenceError):
        resolve_compose(("up",))  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError):
        resolve_compose(up(), "2.40.3")  # type: ignore[arg-type]


def test_versions_without_the_flag_or_command() -> None:
    """--abort-on-container-failure is #11680 (2.27.0); ``compose wait`` is 2.20.0."""
    failure = up("--abort-on-container-failure")
    assert resolve_compose(failure, OLD).exit_code == 16
    assert resolve_compose(failure, OLD).rule.id == "up-abort-on-failure-unknown"
    wait = ComposeEvidence(("wait", "a"))
    assert resolve_compose(wait, profile("2.19.1")).exit_code == 16


def test_interrupt_gives_130_but_run_passes_it_on() -> None:
    """cmd/compose/compose.go@v2.40.3: ``err = dockercli.StatusError{StatusCode: 130}``."""
    got = resolve_compose(up("--exit-code-from", "a", signal=int(signal.SIGINT)), NEW)
    assert (got.exit_code, got.rule.id) == (130, "interrupted")
    run = ComposeEvidence(
        ("run", "a"), (ContainerExit("a", 7, 1, oneoff=True),), signal=int(signal.SIGTERM)
    )
    assert resolve_compose(run, NEW).exit_code == 7


def test_run_edges() -> None:
    assert resolve_compose(ComposeEvidence(("run", "-d", "a")), NEW).exit_code == 0
    with pytest.raises(MalformedEvidenceError, match="one-off"):
        resolve_compose(ComposeEvidence(("run", "a")), NEW)
    # The container's own last line looks like a compose error: the exit still decides.
    ran = ComposeEvidence(
        ("run", "a"), (ContainerExit("a", 4, 1, oneoff=True),), stderr="no such service: b"
    )
    assert resolve_compose(ran, NEW).exit_code == 4


def test_exec_edges() -> None:
    with pytest.raises(MalformedEvidenceError, match="exec"):
        resolve_compose(ComposeEvidence(("exec", "a", "ls")), NEW)
    got = resolve_compose(ComposeEvidence(("exec", "a", "ls"), exec_exit_code=2), NEW)
    assert (got.exit_code, got.service) == (2, "a")


def test_wait_edges() -> None:
    running = ComposeEvidence(("wait", "a"), (ContainerExit("a", None),))
    with pytest.raises(MalformedEvidenceError, match="still waiting"):
        resolve_compose(running, NEW)
    with pytest.raises(MalformedEvidenceError, match="no container"):
        resolve_compose(ComposeEvidence(("wait", "a"), (ContainerExit("b", 1, 1),)), NEW)
    unordered = ComposeEvidence(("wait", "a", "b"), (ContainerExit("a", 1), ContainerExit("b", 2)))
    with pytest.raises(MalformedEvidenceError, match="last"):
        resolve_compose(unordered, NEW)
    same = ComposeEvidence(("wait", "a", "b"), (ContainerExit("a", 2), ContainerExit("b", 2)))
    assert resolve_compose(same, NEW).exit_code == 2


def test_other_commands_need_an_error() -> None:
    with pytest.raises(InvalidArgumentError, match="not modelled"):
        resolve_compose(ComposeEvidence(("ps",)), NEW)
    down = ComposeEvidence(("down",), stderr="Cannot connect to the Docker daemon at unix:///x")
    assert resolve_compose(down, NEW).exit_code == 1


def test_up_edges() -> None:
    with pytest.raises(MalformedEvidenceError):
        resolve_compose(up("--abort-on-container-exit"), NEW)
    with pytest.raises(MalformedEvidenceError):
        resolve_compose(up("--exit-code-from", "a"), NEW)
    with pytest.raises(MalformedEvidenceError, match="never exited"):
        resolve_compose(up("--exit-code-from", "a", containers=(ContainerExit("b", 1, 1),)), NEW)
    some_run = (ContainerExit("a", 0, 1), ContainerExit("b", None))
    with pytest.raises(MalformedEvidenceError, match="still run"):
        resolve_compose(up("--abort-on-container-failure", containers=some_run), NEW)
    tie = (ContainerExit("a", 1, 5), ContainerExit("b", 2, 5))
    with pytest.raises(MalformedEvidenceError, match="first"):
        resolve_compose(up("--abort-on-container-exit", containers=tie), NEW)
    assert resolve_compose(up("--wait"), NEW).rule.id == "up-wait"


def test_exit_code_from_before_2_27_needs_the_events() -> None:
    """pkg/compose/printer.go@v2.26.1: ``if event.Type == api.ContainerEventExit`` -- a
    container compose stopped sends a Stopped event first; only inspect states cannot say."""
    unknown = (ContainerExit("a", 3, 1), ContainerExit("b", 137, 2))
    with pytest.raises(MalformedEvidenceError, match="events"):
        resolve_compose(up("--exit-code-from", "b", containers=unknown), OLD)
    with pytest.raises(MalformedEvidenceError, match="never exited"):
        resolve_compose(up("--exit-code-from", "c", containers=unknown), OLD)
    stopped_last = (
        ContainerExit("a", 3, 1, stopped=False),
        ContainerExit("b", 137, 4, stopped=True, stopped_at=3),
    )
    got = resolve_compose(up("--exit-code-from", "b", containers=stopped_last), OLD)
    assert (got.exit_code, got.rule.id) == (0, "up-exit-code-from-stopped")
    still_tracked = (*stopped_last, ContainerExit("c", 137, 6, stopped=True, stopped_at=5))
    got = resolve_compose(up("--exit-code-from", "b", containers=still_tracked), OLD)
    assert got.exit_code == 137 and "still tracked" in got.reason
    by_itself = (ContainerExit("a", 0, 1), ContainerExit("b", 3, 2, stopped=False))
    got = resolve_compose(up("--exit-code-from", "b", containers=by_itself), OLD)
    assert (got.exit_code, got.rule.id) == (3, "up-exit-code-from-exited")
    # From 2.27.0 (#11715) the stopped container's code counts.
    assert (
        resolve_compose(up("--exit-code-from", "b", containers=stopped_last), NEW).exit_code == 137
    )


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)
_EVENT_KEYS = st.sampled_from(
    [
        "action",
        "Action",
        "id",
        "timeNano",
        "attributes",
        "Actor",
        "exitCode",
        "com.docker.compose.service",
    ]
)
_EVENTISH = st.dictionaries(
    _EVENT_KEYS, _JSON | st.sampled_from(["die", "stop", "exec_die", "3"]), max_size=5
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_EVENTISH, max_size=4) | _JSON, _JSON, st.text(max_size=200))
def test_hostile_evidence_raises_only_the_librarys_errors(
    events: object, inspect: object, text: str
) -> None:
    """Readers and resolver: a result, or an ExitCodesError -- never a foreign exception."""
    readers = (
        lambda: exits_from_events(events),  # type: ignore[arg-type]
        lambda: exits_from_inspect(inspect),  # type: ignore[arg-type]
        lambda: exits_from_ps(text),
        lambda: classify_message(text),
        lambda: parse_invocation(text.split()),
        lambda: resolve_compose(ComposeEvidence(text.split() or ["up"], stderr=text), NEW),
    )
    for read in readers:
        with contextlib.suppress(ExitCodesError):
            read()


@pytest.mark.parametrize("prof", [OLD, NEW], ids=str)
def test_up_wait_zero_with_an_unhealthy_container_says_so(prof: ComposeProfile) -> None:
    """compose 2.26.1 and 2.40.3, scenario wait-timeout: ``up --wait --wait-timeout 2`` exited
    0 with no message in some real runs (``case <-ctx.Done(): return nil`` in
    waitDependencies; the runs are in ``compose_live/vectors/*/races.jsonl``)."""
    starting = up(
        "--wait", "--wait-timeout", "2", containers=(ContainerExit("a", None, health="starting"),)
    )
    got = resolve_compose(starting, prof)
    assert got.exit_code == 0 and "had not turned healthy" in got.reason


def test_an_iterable_that_raises_is_malformed_evidence() -> None:
    def broken() -> Iterator[str]:
        yield "up"
        raise OSError("gone")

    with pytest.raises(MalformedEvidenceError, match="raised OSError"):
        ComposeEvidence(broken())
    with pytest.raises(MalformedEvidenceError):
        exits_from_events(broken())  # type: ignore[arg-type]


def test_profiles_compose_is_the_engines_profile() -> None:
    from exitcodes import profiles

    assert profiles.compose("v2.26.1") == OLD
    assert profiles.compose() == NEW
    with pytest.raises(InvalidVersionError):
        profiles.compose("1.29.2")
