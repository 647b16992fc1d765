"""Podman and nerdctl profiles: each case names the behaviour it defends.

``podman observed`` cases: what a real podman 4.3.1 (runc 1.1.5, rootful, ``--rootfs`` with a
static busybox) exited with in that situation. The other cases were read from the podman v4.3.1
(or v5.1.0) and nerdctl v2.1.0 sources; the comment above each quotes the deciding lines.
"""

from __future__ import annotations

from typing import Any

import pytest

from exitcodes import ExitOutcome, classify, engines, profiles, resolve, rules
from exitcodes.engines import docker as docker_engine
from exitcodes.engines import podman as podman_engine
from exitcodes.engines._schema import EngineSpec
from exitcodes.errors import InvalidVersionError

PODMAN = profiles.podman("4.3.1")
NERDCTL = profiles.nerdctl("2.1.0")

RUNC_EACCES = (
    'Error: runc: runc create failed: unable to start container process: exec: "/etc":'
    " permission denied: OCI permission denied"
)
RUNC_NOT_FOUND = (
    'Error: runc: runc create failed: unable to start container process: exec: "foo":'
    " executable file not found in $PATH: OCI runtime attempted to invoke a command that was"
    " not found"
)
CRUN_NOT_FOUND = "Error: crun: executable file `foo` not found in $PATH: No such file or directory: OCI runtime attempted to invoke a command that was not found"
CRUN_DIRECTORY = "Error: crun: open executable: Operation not permitted: OCI permission denied"


def wait(code: int) -> dict[str, Any]:
    return {"StatusCode": code, "Error": None}


PODMAN_CASES: list[tuple[str, dict[str, Any], int]] = [
    (
        "podman observed: run --foo",
        {"command": "run", "phase": "flags", "error": "Error: unknown flag: --foo"},
        125,
    ),
    (
        "podman observed: run /etc (runc permission denied)",
        {"command": "run", "error": RUNC_EACCES},
        126,
    ),
    (
        "podman observed: run /bin/noexec.sh",
        {"command": "run", "error": RUNC_EACCES.replace('"/etc"', '"/bin/noexec.sh"')},
        126,
    ),
    ("podman observed: run foo", {"command": "run", "error": RUNC_NOT_FOUND}, 127),
    (
        "podman observed: run /foo (stat)",
        {
            "command": "run",
            "error": 'Error: runc: runc create failed: unable to start container process: exec: "/foo": stat /foo: no such file or directory: OCI runtime attempted to invoke a command that was not found',
        },
        127,
    ),
    ("podman observed: exit 3", {"command": "run", "wait": wait(3)}, 3),
    ("podman observed: exit 255", {"command": "run", "wait": wait(255)}, 255),
    ("podman observed: killed by podman kill", {"command": "run", "wait": wait(137)}, 137),
    ("podman observed: run --rm exit 3", {"command": "run", "wait": wait(3)}, 3),
    ("podman observed: run --rm foo", {"command": "run", "error": RUNC_NOT_FOUND}, 127),
    ("podman observed: run -d exit 3", {"command": "run", "detach": True, "wait": wait(3)}, 0),
    (
        "podman observed: run -d foo",
        {"command": "run", "detach": True, "error": RUNC_NOT_FOUND},
        127,
    ),
    ("podman observed: run -d /etc", {"command": "run", "detach": True, "error": RUNC_EACCES}, 126),
    (
        "podman observed: -v /nonexistent:/data (create)",
        {
            "command": "run",
            "phase": "create",
            "error": "Error: statfs /nonexistent: no such file or directory",
        },
        125,
    ),
    (
        "podman observed: -w /nonexistent",
        {
            "command": "run",
            "error": 'Error: workdir "/nonexistent" does not exist on container abc',
        },
        126,
    ),
    (
        "podman observed: name in use",
        {
            "command": "run",
            "phase": "create",
            "error": 'Error: creating container storage: the container name "x" is already in use',
        },
        125,
    ),
    (
        "podman observed: run -it without a TTY (warning only)",
        {"command": "run", "wait": wait(0)},
        0,
    ),
    (
        "podman observed: unknown command",
        {
            "command": "other",
            "phase": "args",
            "error": "Error: unrecognized command `podman frobnicate`",
        },
        125,
    ),
    (
        "podman observed: run with no args",
        {
            "command": "run",
            "phase": "args",
            "error": "Error: requires at least 1 arg(s), only received 0",
        },
        125,
    ),
    (
        "podman observed: wait with no args",
        {
            "command": "wait",
            "phase": "args",
            "error": "Error: requires at least 1 arg(s), only received 0",
        },
        125,
    ),
    ("podman observed: start -a exit 3", {"command": "start -a", "wait": wait(3)}, 3),
    ("podman observed: start -a foo", {"command": "start -a", "error": RUNC_NOT_FOUND}, 125),
    ("podman observed: start foo", {"command": "start", "error": RUNC_NOT_FOUND}, 125),
    (
        "podman observed: start on a missing container",
        {
            "command": "start",
            "phase": "create",
            "error": 'Error: no container with name or ID "nosuch" found: no such container',
        },
        125,
    ),
    ("podman observed: exec exit 0", {"command": "exec", "exec_inspect": {"ExitCode": 0}}, 0),
    ("podman observed: exec exit 5", {"command": "exec", "exec_inspect": {"ExitCode": 5}}, 5),
    ("podman observed: exec /etc", {"command": "exec", "error": RUNC_EACCES}, 126),
    ("podman observed: exec foo", {"command": "exec", "error": RUNC_NOT_FOUND}, 127),
    (
        "podman observed: exec /etc/passwd",
        {"command": "exec", "error": RUNC_EACCES.replace('"/etc"', '"/etc/passwd"')},
        126,
    ),
    (
        "podman observed: exec on a missing container",
        {
            "command": "exec",
            "phase": "create",
            "error": 'Error: no container with name or ID "nosuch" found: no such container',
        },
        125,
    ),
    ("podman observed: exec -d exit 5", {"command": "exec", "detach": True}, 0),
    (
        "podman observed: exec -d foo",
        {"command": "exec", "detach": True, "error": RUNC_NOT_FOUND},
        125,
    ),
    (
        "podman observed: exec without a command (4.3.1)",
        {
            "command": "exec",
            "phase": "args",
            "error": "Error: must provide a non-empty command to start an exec session: invalid argument",
        },
        255,
    ),
    (
        "podman observed: attach to a container exiting 13",
        {"command": "attach", "wait": wait(13)},
        0,
    ),
    (
        "podman observed: attach to a stopped container",
        {
            "command": "attach",
            "phase": "attach",
            "error": "Error: you can only attach to running containers",
        },
        125,
    ),
    (
        "podman observed: wait w0 w3 w137",
        {"command": "wait", "wait": [wait(0), wait(3), wait(137)]},
        0,
    ),
    (
        "podman observed: wait w0 nosuch w3",
        {"command": "wait", "wait": [wait(0), "no such container", wait(3)]},
        125,
    ),
    # podman v4.3.1 pkg/domain/infra/abi/containers.go GetContainerExitCode:
    #     exitCode, err := ctr.Wait(ctx)
    #     if err != nil {
    #         logrus.Errorf("Waiting for container %s: %v", ctr.ID(), err)
    #         return define.ExecErrorCodeNotFound
    (
        "podman: a failed wait gives 127",
        {"command": "run", "phase": "wait", "error": "timed out"},
        127,
    ),
    # podman v4.3.1 libpod/define/exec_codes.go ExitCode, used by ContainerRun for start errors
    # (`report.ExitCode = define.ExitCode(err)`):
    #     e := strings.ToLower(err.Error())
    #     ...
    #     if strings.Contains(e, "not found") ||
    #         strings.Contains(e, "no such file") {
    #         return ExecErrorCodeNotFound
    #     }
    #     return ExecErrorCodeCannotInvoke
    (
        "podman: port already in use is 126 (ExitCode's catch-all)",
        {
            "command": "run",
            "error": "Error: rootlessport listen tcp 0.0.0.0:8080: bind: address already in use",
        },
        126,
    ),
    (
        "podman: crun's open executable wording is 126",
        {"command": "run", "error": CRUN_DIRECTORY},
        126,
    ),
    (
        "podman: crun's not-found wording is 127",
        {"command": "run", "error": CRUN_NOT_FOUND},
        127,
    ),
    # podman v4.3.1 libpod/container_exec.go returns -1 on exec create/start errors, e.g.
    #     return "", fmt.Errorf("can only create exec sessions on running containers: %w", ...)
    # pkg/domain/infra/abi/containers.go ContainerExec:
    #     return define.TranslateExecErrorToExitCode(ec, err), err
    # keeps -1 unless the error wraps ErrOCIRuntimePermissionDenied/NotFound (libpod/oci_util.go
    # getOCIRuntimeError: `(?i).*permission denied.*|.*operation not permitted.*` and
    # `(?i).*executable file not found in.*|.*no such file or directory.*`; runc's
    # "is a directory" matches neither), and cmd/podman/root.go Execute ends with
    # `os.Exit(registry.GetExitCode())`: -1 exits 255.
    (
        "podman: runc exec is a directory leaks -1 as 255",
        {
            "command": "exec",
            "error": 'Error: runc: exec failed: unable to start container process: exec: "/etc": is a directory: OCI runtime error',
        },
        255,
    ),
    (
        "podman: exec into a stopped container leaks -1 as 255",
        {
            "command": "exec",
            "phase": "attach",
            "error": "Error: can only create exec sessions on running containers: container state improper",
        },
        255,
    ),
    # podman v4.3.1 cmd/podman/root.go Execute:
    #     if registry.GetExitCode() == 0 {
    #         registry.SetExitCode(define.ExecErrorCodeGeneric)
    #     }
    #     if registry.IsRemote() {
    #         if strings.Contains(err.Error(), "unable to connect to Podman") {
    #             fmt.Fprintln(os.Stderr, "Cannot connect to Podman. Please verify your connection ...
    (
        "podman-remote: cannot connect is 125",
        {
            "command": "run",
            "phase": "connect",
            "error": "Cannot connect to Podman. Please verify your connection to the Linux system",
        },
        125,
    ),
]


@pytest.mark.parametrize(
    ("row", "kwargs", "expected"), PODMAN_CASES, ids=[r for r, _, _ in PODMAN_CASES]
)
def test_podman(row: str, kwargs: dict[str, Any], expected: int) -> None:
    assert resolve(**kwargs, profile=PODMAN).exit_code == expected, row


def test_podman_exec_without_command_is_125_from_5_1() -> None:
    """podman 5.1.0 maps ErrInvalidArg to 125 (containers/podman#22329); 4.3.1 leaked 255.

    podman v5.1.0 libpod/define/exec_codes.go TranslateExecErrorToExitCode:
    ``if errors.Is(err, ErrInvalidArg) { return ExecErrorCodeGeneric }``.
    """
    message = "Error: must provide a non-empty command to start an exec session: invalid argument"
    assert (
        resolve("exec", phase="args", error=message, profile=profiles.podman("5.1.0")).exit_code
        == 125
    )


def test_podman_outcomes_say_what_happened() -> None:
    port = resolve("run", error="address already in use", profile=PODMAN)
    assert (port.exit_code, port.outcome) == (126, ExitOutcome.ENGINE_ERROR)
    assert classify(RUNC_EACCES, profile=PODMAN).outcome is ExitOutcome.CANNOT_INVOKE
    assert classify("Error: unknown flag: --foo", profile=PODMAN).exit_code == 125
    assert classify(125, profile=PODMAN).outcome is ExitOutcome.ENGINE_ERROR
    assert classify({"StatusCode": 0, "Error": {"Message": "x"}}, profile=PODMAN).exit_code == 127


NERDCTL_CASES: list[tuple[str, dict[str, Any], int]] = [
    # nerdctl v2.1.0 cmd/nerdctl/main.go: only an errutil.ExitCoder chooses the code, any other
    # error exits 1 through logrus's Fatal:
    #     if err := xmain(); err != nil {
    #         errutil.HandleExitCoder(err)
    #         log.L.Fatal(err)
    (
        "nerdctl: bad flag exits 1",
        {"command": "run", "phase": "flags", "error": "unknown flag: --foo"},
        1,
    ),
    (
        "nerdctl: pull failure exits 1",
        {"command": "run", "phase": "create", "error": "failed to resolve reference"},
        1,
    ),
    (
        "nerdctl: command not found exits 1",
        {"command": "run", "error": 'exec: "foo": executable file not found in $PATH'},
        1,
    ),
    (
        "nerdctl: not invocable exits 1",
        {"command": "run", "error": 'exec: "/etc": permission denied'},
        1,
    ),
    # nerdctl v2.1.0 cmd/nerdctl/container/container_run.go (attach.go and
    # pkg/containerutil/containerutil.go Start, for attach and start -a, likewise):
    #     if code != 0 {
    #         return errutil.NewExitCoderErr(int(code))
    ("nerdctl: command exits N", {"command": "run", "wait": wait(42)}, 42),
    ("nerdctl: killed by a signal", {"command": "run", "wait": wait(137)}, 137),
    # nerdctl v2.1.0 pkg/cmd/container/exec.go, a plain error whatever the code:
    #     if code != 0 {
    #         return fmt.Errorf("exec failed with exit code %d", code)
    ("nerdctl: exec not found exits 1", {"command": "exec", "exec_inspect": {"ExitCode": 127}}, 1),
    ("nerdctl: exec exits N, gives 1", {"command": "exec", "exec_inspect": {"ExitCode": 5}}, 1),
    ("nerdctl: exec exits 0", {"command": "exec", "exec_inspect": {"ExitCode": 0}}, 0),
    ("nerdctl: attach passes N", {"command": "attach", "wait": wait(42)}, 42),
    ("nerdctl: start -a exits N", {"command": "start -a", "wait": wait(3)}, 3),
    ("nerdctl: start -a start failure exits 1", {"command": "start -a", "error": "boom"}, 1),
    # nerdctl v2.1.0 pkg/cmd/container/wait.go: `fmt.Fprintln(w, code)` then `return nil`.
    ("nerdctl: wait prints the code", {"command": "wait", "wait": [wait(3)]}, 0),
    # nerdctl v2.1.0 cmd/nerdctl/container/container_run.go:
    #     if createOpt.Detach {
    #         fmt.Fprintln(createOpt.Stdout, id)
    #         return nil
    #     ...
    #     if createOpt.Rm && createOpt.Detach {
    #         return errors.New("flags -d and --rm cannot be specified together")
    ("nerdctl: run -d exits 0", {"command": "run", "detach": True}, 0),
    (
        "nerdctl: -d with --rm rejected",
        {
            "command": "run",
            "phase": "args",
            "error": "flag -d and --rm cannot be specified together",
        },
        1,
    ),
]


@pytest.mark.parametrize(
    ("row", "kwargs", "expected"), NERDCTL_CASES, ids=[r for r, _, _ in NERDCTL_CASES]
)
def test_nerdctl(row: str, kwargs: dict[str, Any], expected: int) -> None:
    assert resolve(**kwargs, profile=NERDCTL).exit_code == expected, row


def test_nerdctl_outcome_keeps_the_diagnosis() -> None:
    result = resolve(
        "run", error='exec: "foo": executable file not found in $PATH', profile=NERDCTL
    )
    assert (result.exit_code, result.outcome, result.rule) == (
        1,
        ExitOutcome.NOT_FOUND,
        "nerdctl-cli/not-found",
    )
    assert classify(1, profile=NERDCTL).outcome is ExitOutcome.COMMAND_FAILED
    assert classify(125, profile=NERDCTL).outcome is ExitOutcome.COMMAND_FAILED


def test_podman_matching_ignores_case() -> None:
    """podman lower-cases the message before matching.

    podman v4.3.1 libpod/define/exec_codes.go ExitCode: ``e := strings.ToLower(err.Error())``;
    libpod/oci_util.go getOCIRuntimeError's patterns start with ``(?i)``.
    """
    for message in ("Error: image Not Found", "NO SUCH FILE"):
        assert classify(message, profile=PODMAN).exit_code == 127
        assert resolve("run", error=message, profile=PODMAN).exit_code == 127
    assert resolve("exec", error="OPERATION NOT PERMITTED", profile=PODMAN).exit_code == 126


@pytest.mark.parametrize("profile", [PODMAN, NERDCTL], ids=["podman", "nerdctl"])
@pytest.mark.parametrize("command", ["run", "start -a", "attach"])
def test_detach_keys_exit_0(profile: profiles.Profile, command: str) -> None:
    """Detaching exits 0 in podman and nerdctl, attach included (docker's attach exits 1).

    podman v4.3.1 pkg/domain/infra/abi/containers.go: ContainerRun ``if errors.Is(err,
    define.ErrDetach) { report.ExitCode = 0``; ContainerAttach ``if err != nil &&
    !errors.Is(err, define.ErrDetach) {`` ... ``return nil``. nerdctl v2.1.0
    pkg/cmd/container/attach.go and container_run.go: ``case <-detachC:`` ... ``return nil``.
    """
    result = resolve(command, phase="attach", error="read escape sequence", profile=profile)
    assert (result.exit_code, result.outcome) == (0, ExitOutcome.SUCCESS)


# --- one module per engine: the specs and the registry ---

SPECS = [engines.spec(engine) for engine in engines.BUILTIN]


def test_every_engine_has_one_spec_in_table_order() -> None:
    assert set(engines.BUILTIN) == set(profiles.Engine)
    assert [spec.engine for spec in SPECS] == list(engines.BUILTIN)
    assert engines.spec(profiles.Engine.PODMAN) is podman_engine.ENGINE
    assert [spec.name for spec in SPECS] == ["docker", "podman", "nerdctl"]


def test_the_public_tables_are_the_engine_tables_concatenated() -> None:
    assert tuple(row for spec in SPECS for row in spec.message_rules) == rules.MESSAGE_RULES
    assert tuple(row for spec in SPECS for row in spec.phase_rules) == rules.PHASE_RULES
    assert tuple(row for spec in SPECS for row in spec.outcome_rules) == rules.OUTCOME_RULES
    assert docker_engine.ENGINE.behaviours == rules.BEHAVIOURS
    assert docker_engine.ENGINE.signal_rules == rules.CLI_SIGNAL_RULES
    assert all(spec.rows() == spec.rows() for spec in SPECS)


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.name)
def test_a_spec_holds_only_its_own_engine_rows(spec: EngineSpec) -> None:
    for row in (*spec.rows(), *spec.behaviours):
        assert row.engine is spec.engine, row.id
    outcomes = set(spec.outcome_rules)
    named = [
        spec.container_status,
        spec.exit_code,
        spec.detached,
        spec.completed,
        spec.exec_exit_code,
        spec.wait_command,
        spec.exec_nonzero,
        spec.attach_discards_status,
        spec.attach_wait_error,
        spec.stdin_only_attach,
        spec.run_rm_start_hangs,
    ]
    assert all(row in outcomes for row in named if row is not None)
    assert spec.wait_error in (*spec.outcome_rules, *spec.phase_rules)
    assert spec.wait_error.exit_code in (None, spec.wait_error_code)
    for behaviour in (spec.wait_error_behaviour, spec.stdin_only_attach_waits):
        assert behaviour is None or behaviour in spec.behaviours


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.name)
def test_a_spec_builds_the_profiles_of_its_versions(spec: EngineSpec) -> None:
    profile = spec.profile()
    assert (profile.engine, profile.version) == (spec.engine, spec.newest)
    assert spec.profile(str(spec.oldest)).version == spec.oldest
    with pytest.raises(InvalidVersionError):
        spec.profile("0.1.0")


def test_what_differs_between_engines_is_data() -> None:
    docker, podman, nerdctl = SPECS
    assert (docker.wait_error_code, podman.wait_error_code, nerdctl.wait_error_code) == (
        125,
        127,
        1,
    )
    assert [spec.engine_failure_status for spec in SPECS] == [125, 125, None]
    assert nerdctl.exec_nonzero is not None and nerdctl.exec_nonzero.exit_code == 1
    assert podman.attach_discards_status is not None
    assert podman.attach_discards_status.exit_code == 0
    assert docker.exec_nonzero is None and podman.exec_nonzero is None


def test_a_behaviour_that_a_row_brings_names_the_rows_range() -> None:
    """Each version gate is written once: the behaviour holds the row's own range."""
    same = {
        "docker-cli/is-a-directory-126": "docker-cli/is-a-directory",
        "docker-cli/wait-error-125": "docker-cli/wait-error",
        "docker-cli/run-pings-first": "docker-cli/run-ping-failed",
        "docker-engine/exec-not-found-127": "docker-engine-exec/not-found",
        "docker-engine/set-exit-code-from-error": "docker-engine/not-found",
    }
    by_id = {row.id: row for row in rules.BEHAVIOURS}
    for behaviour_id, rule_id in same.items():
        row = rules.rule_by_id(rule_id)
        assert isinstance(row, (rules.MessageRule, rules.PhaseRule, rules.OutcomeRule))
        assert by_id[behaviour_id].versions is row.versions
    waits = by_id["docker-cli/stdin-only-attach-waits"].versions
    detached = rules.rule_by_id("docker-cli/stdin-only-attach-detached")
    assert isinstance(detached, rules.OutcomeRule)
    assert waits.since is detached.versions.until
