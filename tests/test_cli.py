"""The command line, run in-process and as a real subprocess (real process, real pipes)."""

from __future__ import annotations

import argparse
import importlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from exitcodes.cli import (
    EX_DATAERR,
    EX_IOERR,
    EX_NO_ANSWER,
    EX_NOINPUT,
    EX_SOFTWARE,
    EX_USAGE,
    OUTPUT_SCHEMAS,
    _commands,
    _common,
    build_parser,
    main,
)

ROOT = Path(__file__).resolve().parent.parent

OOM_INSPECT = [
    {
        "Id": "4f1c0b6e0d2a9a1b2c3d4e5f60718293a4b5c6d7e8f90123456789abcdef0123",
        "Name": "/memhog",
        "State": {
            "Status": "exited",
            "Running": False,
            "Paused": False,
            "Restarting": False,
            "OOMKilled": True,
            "Dead": False,
            "Pid": 0,
            "ExitCode": 137,
            "Error": "",
            "StartedAt": "2026-01-01T00:00:00Z",
            "FinishedAt": "2026-01-01T00:00:09Z",
        },
    }
]
POD = {
    "apiVersion": "v1",
    "kind": "Pod",
    "metadata": {"name": "web-0", "uid": "0f3c"},
    "status": {
        "phase": "Running",
        "containerStatuses": [
            {
                "name": "app",
                "restartCount": 3,
                "state": {"waiting": {"reason": "CrashLoopBackOff", "message": "back-off 40s"}},
                "lastState": {"terminated": {"exitCode": 137, "reason": "OOMKilled"}},
            },
            {
                "name": "sidecar",
                "state": {
                    "terminated": {
                        "exitCode": 128,
                        "reason": "StartError",
                        "message": "failed to create containerd task: failed to create shim"
                        " task: OCI runtime create failed: runc create failed: unable to start"
                        ' container process: exec: "proxy": executable file not found in'
                        " $PATH: unknown",
                    }
                },
            },
        ],
    },
}


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(*argv: str, stdin: str = "", stdout: io.StringIO | None = None) -> tuple[int, str, str]:
    out = io.StringIO() if stdout is None else stdout
    err = io.StringIO()
    code = main(list(argv), stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def spawn(
    *argv: str, stdin: str | None = None, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "exitcodes", *argv],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        env=None if env is None else {**os.environ, **env},
        timeout=60,
    )


# --- a tiny JSON Schema validator (the subset OUTPUT_SCHEMAS uses) -----------------------

_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "boolean": (bool,),
    "null": (type(None),),
}


def schema_errors(
    instance: object, schema: Mapping[str, Any], root: Mapping[str, Any]
) -> list[str]:
    errors: list[str] = []

    def check(value: object, node: Mapping[str, Any], path: str) -> None:
        if "$ref" in node:
            ref = node["$ref"]
            assert ref.startswith("#/$defs/"), ref
            check(value, root["$defs"][ref.removeprefix("#/$defs/")], path)
        if "anyOf" in node:
            options = node["anyOf"]
            if all(schema_errors(value, option, root) for option in options):
                errors.append(f"{path}: matches none of anyOf")
        if "enum" in node and value not in node["enum"]:
            errors.append(f"{path}: {value!r} not in {node['enum']}")
        if "type" in node:
            names = node["type"] if isinstance(node["type"], list) else [node["type"]]
            ok = False
            for name in names:
                kinds = _TYPES[name]
                if isinstance(value, kinds) and not (name == "integer" and isinstance(value, bool)):
                    ok = True
            if not ok:
                errors.append(f"{path}: {value!r} is not {names}")
                return
        if isinstance(value, dict) and "properties" in node:
            for key in node.get("required", []):
                if key not in value:
                    errors.append(f"{path}: missing {key}")
            if node.get("additionalProperties") is False:
                errors.extend(
                    f"{path}: unexpected {key}" for key in value if key not in node["properties"]
                )
            for key, sub in node["properties"].items():
                if key in value:
                    check(value[key], sub, f"{path}.{key}")
        if isinstance(value, list) and "items" in node:
            for index, item in enumerate(value):
                check(item, node["items"], f"{path}[{index}]")

    check(instance, schema, "$")
    return errors


def assert_valid(name: str, document: object) -> None:
    schema = OUTPUT_SCHEMAS[name]
    assert schema_errors(document, schema, schema) == []


def test_the_validator_catches_errors() -> None:
    schema = OUTPUT_SCHEMAS["classify"]
    assert schema_errors({"outcome": "nope"}, schema, schema)
    assert schema_errors([], schema, schema)
    good = {
        "outcome": "signaled",
        "exit_code": 137,
        "signal": "SIGKILL",
        "rule": "r",
        "reason": "x",
        "kind": "status",
        "status": 137,
    }
    assert schema_errors(good, schema, schema) == []
    assert schema_errors({**good, "extra": 1}, schema, schema)
    assert schema_errors({**good, "exit_code": True}, schema, schema)


def subcommands() -> set[str]:
    for action in build_parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action._name_parser_map)
    raise AssertionError("no subcommands")


def test_schemas_are_json_and_cover_every_subcommand() -> None:
    json.dumps(OUTPUT_SCHEMAS)
    assert set(OUTPUT_SCHEMAS) == subcommands()


# --- explain -------------------------------------------------------------------------


def test_explain_137_names_sigkill_and_the_possibilities() -> None:
    code, out, err = run("explain", "137")
    assert (code, err) == (0, "")
    assert "SIGKILL" in out
    for words in ("OOM", "docker stop", "docker kill", "[oom-killed]", "[stop-timeout]"):
        assert words in out
    assert "\x1b[" not in out


@pytest.mark.parametrize(
    ("evidence", "first"),
    [
        ("0xC0000005", "windows-access-violation"),
        ("3221225786", "windows-ctrl-c-exit"),
        ("-1073740791", "windows-stack-buffer-overrun"),
        ("docker: Error response from daemon: No command specified.", "no-command-specified"),
        ("Exited (139) 3 seconds ago", "exit-139"),
        ('{"State": {"Status": "exited", "ExitCode": 137, "OOMKilled": false}}', "sigkill-not-oom"),
        ('[{"State": {"Status": "exited", "ExitCode": 137, "OOMKilled": true}}]', "oom-killed"),
        ('{"terminated": {"exitCode": 137, "reason": "OOMKilled"}}', "oom-killed"),
    ],
)
def test_explain_json(evidence: str, first: str) -> None:
    code, out, _ = run("explain", evidence, "--json")
    assert code == 0
    document = json.loads(out)
    assert_valid("explain", document)
    assert document["causes"][0]["id"] == first


def test_explain_from_stdin_with_profile() -> None:
    code, out, _ = run(
        "explain", "-", "--json", "--profile", "docker@28.2.2:windows", stdin="3221225477\n"
    )
    assert code == 0
    document = json.loads(out)
    assert document["classification"]["exit_code"] == 3221225477


def test_explain_limits_the_causes_unless_all() -> None:
    _, short, _ = run("explain", "125")
    _, full, _ = run("explain", "125", "--all")
    assert "more; --all shows them" in short
    assert full.count("\n1. ") + full.count("[") > short.count("[")
    assert "more; --all" not in full


def test_explain_without_a_known_cause() -> None:
    code, out, _ = run("explain", "3")
    assert code == 0
    assert "No catalogued cause" in out


# --- inspect -------------------------------------------------------------------------


def test_inspect_explains_an_oom_killed_container_as_oom() -> None:
    code, out, err = run("inspect", "-", stdin=json.dumps(OOM_INSPECT))
    assert (code, err) == (0, "")
    assert out.startswith("memhog:")
    assert "oom_killed" in out
    assert "1. Killed by the out-of-memory (OOM) killer [oom-killed]" in out


def test_inspect_json_of_docker_and_kubernetes() -> None:
    listing = {"apiVersion": "v1", "kind": "List", "items": [POD]}
    # POD's app container waits to restart (CrashLoopBackOff): it has no exit status
    # yet, so inspect answers EX_NO_ANSWER (1) for the pod, 0 for the exited container.
    for document, status in ((OOM_INSPECT, 0), (OOM_INSPECT[0], 0), (POD, 1), (listing, 1)):
        code, out, _ = run("inspect", "--json", stdin=json.dumps(document))
        assert code == status
        result = json.loads(out)
        assert_valid("inspect", result)
    containers = json.loads(run("inspect", "--json", stdin=json.dumps(POD))[1])["containers"]
    assert [c["name"] for c in containers] == ["web-0/app", "web-0/sidecar"]
    assert containers[0]["explanation"]["causes"][0]["id"] == "oom-killed"
    assert containers[1]["explanation"]["causes"][0]["id"] == "command-not-in-path"
    assert {c["source"] for c in containers} == {"kubernetes"}


def test_inspect_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "inspect.json"
    path.write_text(json.dumps(OOM_INSPECT), encoding="utf-8")
    code, out, _ = run("inspect", str(path))
    assert code == 0
    assert "[oom-killed]" in out


def test_inspect_notes_the_pod_reason() -> None:
    pod = json.loads(json.dumps(POD))
    pod["status"]["reason"] = "DeadlineExceeded"
    pod["status"]["message"] = "Pod was active on the node longer than the specified deadline"
    code, out, _ = run("inspect", stdin=json.dumps(pod))
    assert code == EX_NO_ANSWER  # web-0/app is waiting to restart: no exit status yet
    assert "pod DeadlineExceeded: Pod was active" in out


@pytest.mark.parametrize(
    ("stdin", "fragment"),
    [
        ("not json", "not valid JSON"),
        ("[1, 2]", "item 0 is not a JSON object"),
        ('{"Id": "x"}', "neither docker/podman inspect output"),
        ("[]", "holds no container"),
        ('{"kind": "Pod", "status": []}', "pod without a status"),
    ],
)
def test_inspect_bad_input_exits_65(stdin: str, fragment: str) -> None:
    code, out, err = run("inspect", "-", stdin=stdin)
    assert (code, out) == (EX_DATAERR, "")
    assert fragment in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_inspect_shows_every_container_and_exits_65_for_an_unreadable_one() -> None:
    """One container that cannot be read no longer hides the others (exit 65 still)."""
    document = [{"Name": "/bad", "State": {"Status": "exited", "ExitCode": "x"}}, *OOM_INSPECT]
    code, out, err = run("inspect", "-", stdin=json.dumps(document))
    assert code == EX_DATAERR
    assert "bad:\n  cannot be read as evidence:" in out and "must be an int" in out
    assert "[oom-killed]" in out
    assert err.count("\n") == 1 and "container bad: " in err
    code, out, _ = run("inspect", "--json", stdin=json.dumps(document))
    assert code == EX_DATAERR
    result = json.loads(out)
    assert_valid("inspect", result)
    bad, good = result["containers"]
    assert bad["explanation"] is None and "must be an int" in bad["error"]
    assert good["error"] is None and good["explanation"]["causes"][0]["id"] == "oom-killed"


def test_inspect_missing_file_exits_66(tmp_path: Path) -> None:
    code, _, err = run("inspect", str(tmp_path / "missing.json"))
    assert code == EX_NOINPUT
    assert "cannot open" in err and err.count("\n") == 1
    code, _, _ = run("inspect", str(tmp_path))
    assert code == EX_NOINPUT


# --- classify ------------------------------------------------------------------------


def test_classify_int() -> None:
    code, out, _ = run("classify", "137")
    assert code == 0
    assert "signal: SIGKILL" in out


def test_classify_json_state_from_stdin() -> None:
    doc = {"Id": "x", "State": {"Status": "exited", "ExitCode": 137, "OOMKilled": True}}
    code, out, _ = run("classify", "-", "--json", stdin=json.dumps(doc))
    assert code == 0
    document = json.loads(out)
    assert document["outcome"] == "oom_killed"
    assert_valid("classify", document)


def test_classify_message_with_profile() -> None:
    _, out, _ = run(
        "classify", 'exec: "/etc": is a directory', "--docker-version", "20.10.24", "--json"
    )
    assert json.loads(out)["exit_code"] == 125
    _, out, _ = run(
        "classify", 'exec: "/etc": is a directory', "--profile", "docker@20.10.24", "--json"
    )
    assert json.loads(out)["exit_code"] == 125


def test_classify_hex() -> None:
    _, out, _ = run("classify", "0xC000013A", "--json", "--platform", "windows")
    assert json.loads(out)["exit_code"] == 0xC000013A


# --- resolve -------------------------------------------------------------------------


def test_resolve_exit_flag() -> None:
    code, out, _ = run("resolve", "run", "--wait", '{"StatusCode": 3}', "--exit")
    assert code == 3
    assert "exit code: 3" in out


def test_resolve_wait_command_with_several_results() -> None:
    code, out, _ = run("resolve", "wait", "--wait", "0", "--wait", "3", "--json", "--exit")
    assert (code, json.loads(out)["exit_code"]) == (0, 0)


@pytest.mark.parametrize(
    "argv",
    [
        ["resolve", "--command", "run", "--status", "3"],
        ["resolve", "--command", "run", "--wait-json", '{"StatusCode": 3, "Error": null}'],
        ["resolve", "run", "--status", "3"],
        ["resolve", "run", "--command", "run", "--status", "3"],
    ],
)
def test_resolve_both_forms(argv: list[str]) -> None:
    code, out, _ = run(*argv, "--json", "--exit")
    assert code == 3
    document = json.loads(out)
    assert_valid("resolve", document)
    assert document["outcome"] == "command_failed"


def test_resolve_error_with_profile() -> None:
    code, out, _ = run(
        "resolve",
        "--command",
        "run",
        "--error",
        'exec: "/etc": is a directory',
        "--profile",
        "docker@20.10.24",
        "--exit",
    )
    assert code == 125
    assert "exit code: 125" in out


def test_resolve_against_podmans_docker_api() -> None:
    """``--profile docker@20.10.24/podman@4.3.1``: the CLI attaches before it starts, and
    podman's compat attach initialises the container, so the start error fails the attach."""
    code, out, _ = run(
        "resolve",
        "--command",
        "run",
        "--error",
        'exec: "nosuch": executable file not found in $PATH',
        "--profile",
        "docker@20.10.24/podman@4.3.1",
        "--exit",
    )
    assert code == 1
    assert "docker-cli/podman-attach-initialises" in out


# --- errors --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "status", "fragment"),
    [
        (["classify", '{"StatusCode": 3'], EX_DATAERR, "not valid JSON"),
        (["classify", '[{"State": {}}, '], EX_DATAERR, "not valid JSON"),
        (["classify", '{"StatusCode": "x"}'], EX_DATAERR, "must be an int"),
        (["explain", '{"Foo": 1}'], EX_DATAERR, "not a known document"),
        (["explain", "[{}, {}]"], EX_DATAERR, "use `exitcodes inspect`"),
        (["explain", "1.5e400"], EX_NO_ANSWER, ""),  # not an engine's text: no answer
        (["classify", "1", "--docker-version", "latest"], EX_USAGE, "cannot parse version"),
        (["explain", "1", "--profile", "rocket@1.0"], EX_USAGE, "unknown engine"),
        (["explain", "1", "--profile", "docker", "--platform", "linux"], EX_USAGE, "--profile"),
        (["resolve", "exec"], EX_USAGE, "needs exec_inspect"),
        (["resolve", "--status", "3"], EX_USAGE, "needs the docker command"),
        (["resolve", "run", "--command", "exec"], EX_USAGE, "two commands"),
        (["resolve", "run", "--wait", "nope"], EX_DATAERR, "not valid JSON"),
        (["resolve", "run", "--status", "x"], EX_USAGE, "invalid int value"),
        (["explain"], EX_USAGE, "required"),
        (["nosuch"], EX_USAGE, "invalid choice"),
        (["why"], EX_USAGE, "needs a command"),
        (["explain", "1", "--bogus"], EX_USAGE, "unrecognized arguments"),
    ],
)
def test_errors_are_one_line(argv: list[str], status: int, fragment: str) -> None:
    code, _, err = run(*argv)
    assert code == status
    assert fragment in err
    if status not in (0, EX_NO_ANSWER):  # an answer, not an error: nothing on stderr
        assert err.count("\n") == 1, err
        assert "Traceback" not in err


def test_huge_input_exits_65(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_common, "_MAX_INPUT", 1000)
    code, _, err = run("explain", "-", stdin="x" * 2000)
    assert code == EX_DATAERR
    assert "more than" in err


def test_deeply_nested_json_exits_65() -> None:
    code, _, err = run("explain", "-", stdin="[" * 100_000 + "]" * 100_000)
    assert code == EX_DATAERR
    assert err.count("\n") == 1


def test_an_internal_error_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("unexpected\nstate")

    monkeypatch.setattr(_commands, "explain", boom)
    code, _, err = run("explain", "1")
    assert code == EX_SOFTWARE
    assert err == "exitcodes: internal error: RuntimeError: unexpected state\n"


def test_a_closed_output_exits_74() -> None:
    class Closed(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError

    code, _, _ = run("explain", "1", stdout=Closed())
    assert code == EX_IOERR


# --- help, version, colour -------------------------------------------------------------


def test_help_documents_the_exit_statuses() -> None:
    code, out, _ = run("--help")
    assert code == 0
    for line in ("65   the input cannot be read", "66   the input file", "2    usage error"):
        assert line in out
    code, out, _ = run("why", "--help")
    assert code == 0 and "127/126" in out


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0
    assert out.startswith("exitcodes ")


def test_colour_only_on_a_tty_without_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    _, out, _ = run("explain", "137", stdout=FakeTty())
    assert "\x1b[1;31m" in out
    monkeypatch.setenv("NO_COLOR", "1")
    _, out, _ = run("explain", "137", stdout=FakeTty())
    assert "\x1b[" not in out
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "dumb")
    _, out, _ = run("explain", "137", stdout=FakeTty())
    assert "\x1b[" not in out


def test_build_parser_is_exposed() -> None:
    assert build_parser().prog == "exitcodes"
    assert {"explain", "inspect", "classify", "resolve", "why"} <= subcommands()


# --- why, in process --------------------------------------------------------------------


def test_why_in_process_passes_output_through_and_keeps_the_code() -> None:
    code, out, err = run("why", "--", sys.executable, "-c", "print('hi'); raise SystemExit(3)")
    assert code == 3
    assert out == "hi\n"
    assert "exited 3 (command_failed)" in err


def test_why_in_process_json_goes_to_stdout_and_the_commands_stdout_to_stderr() -> None:
    code, out, err = run(
        "why",
        "--json",
        "--",
        sys.executable,
        "-c",
        # One write per line (os.write): the two pipes are pumped by two threads, so only
        # whole writes keep their order (print() may write "hello" and "\n" apart).
        "import os; os.write(1, b'hello\\n'); os.write(2, b'no space left on device\\n');"
        " raise SystemExit(125)",
    )
    assert code == 125
    assert sorted(err.splitlines()) == ["hello", "no space left on device"]
    document = json.loads(out)
    assert_valid("why", document)
    assert document["started"] is True
    assert document["explanation"]["causes"][0]["id"] == "no-space-left"


def test_why_success_prints_nothing_extra() -> None:
    code, out, err = run("why", sys.executable, "-c", "print('ok')")
    assert (code, out, err) == (0, "ok\n", "")
    code, out, _ = run("why", "--json", sys.executable, "-c", "pass")
    document = json.loads(out)
    assert_valid("why", document)
    assert document["explanation"] is None


# --- real processes, real pipes ---------------------------------------------------------


def test_subprocess_why_sh_exit_3() -> None:
    proc = spawn("why", "--", "sh", "-c", "echo out; echo err >&2; exit 3")
    assert proc.returncode == 3
    assert proc.stdout == "out\n"
    assert proc.stderr.startswith("err\n")
    assert "exited 3" in proc.stderr


def test_subprocess_why_a_missing_command_exits_127() -> None:
    proc = spawn("why", "--", "no-such-command-exitcodes-test")
    assert proc.returncode == 127
    assert "could not be started" in proc.stderr
    assert "[command-not-in-path]" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_subprocess_why_a_directory_exits_126() -> None:
    proc = spawn("why", "--json", "--", tempfile.gettempdir())
    assert proc.returncode == 126
    document = json.loads(proc.stdout)
    assert_valid("why", document)
    assert document["started"] is False
    assert document["error"]


def test_subprocess_why_a_signal_is_128_plus_n() -> None:
    proc = spawn("why", "--json", "--", "sh", "-c", "kill -TERM $$")
    assert proc.returncode == 143
    document = json.loads(proc.stdout)
    assert document["signal"] == "SIGTERM"
    assert document["explanation"]["causes"][0]["id"] == "exit-143"


def test_subprocess_why_passes_stdin_through() -> None:
    proc = spawn("why", "--", "sh", "-c", "read line; echo got $line", stdin="hello\n")
    assert (proc.returncode, proc.stdout) == (0, "got hello\n")


def test_subprocess_explain_137() -> None:
    proc = spawn("explain", "137", env={"NO_COLOR": ""})
    assert proc.returncode == 0
    assert "SIGKILL" in proc.stdout
    for words in ("OOM", "docker stop", "docker kill"):
        assert words in proc.stdout
    assert "\x1b[" not in proc.stdout  # a pipe is not a terminal


def test_subprocess_inspect_explains_oom() -> None:
    proc = spawn("inspect", "-", stdin=json.dumps(OOM_INSPECT))
    assert proc.returncode == 0
    assert "[oom-killed]" in proc.stdout
    proc = spawn("inspect", "-", "--json", stdin=json.dumps(OOM_INSPECT))
    document = json.loads(proc.stdout)
    assert_valid("inspect", document)
    assert document["containers"][0]["explanation"]["classification"]["outcome"] == "oom_killed"
    assert document["containers"][0]["explanation"]["causes"][0]["id"] == "oom-killed"


def test_subprocess_json_outputs_validate() -> None:
    for name, argv in (
        ("explain", ["explain", "139", "--json"]),
        ("classify", ["classify", "139", "--json"]),
        ("resolve", ["resolve", "run", "--error", "permission denied", "--json"]),
    ):
        proc = spawn(*argv)
        assert proc.returncode == 0, proc.stderr
        assert_valid(name, json.loads(proc.stdout))


def test_subprocess_errors_never_show_a_traceback() -> None:
    for argv, stdin in ((["explain", "-"], '{"bad'), (["inspect", "/no/such/file"], None)):
        proc = spawn(*argv, stdin=stdin)
        assert proc.returncode in (EX_DATAERR, EX_NOINPUT)
        assert proc.stderr.count("\n") == 1
        assert "Traceback" not in proc.stderr


def test_real_subprocess_resolve() -> None:
    proc = spawn("resolve", "run", "--error", "permission denied", "--exit")
    assert proc.returncode == 126
    assert "cannot_invoke" in proc.stdout


def test_why_wraps_the_real_docker_cli_against_the_conformance_stub() -> None:
    docker = shutil.which("docker")
    if docker is None:
        pytest.skip("no docker CLI on PATH")
    try:
        stub = importlib.import_module("conformance.stub")
    except ImportError:
        pytest.skip("the conformance stub (tests/conformance/stub.py) is not available")
    message = (
        "driver failed programming external connectivity on endpoint web (0123):"
        " Bind for 0.0.0.0:8080 failed: port is already allocated"
    )
    behaviour = stub.Behaviour(start=stub.api_error(500, message))
    with tempfile.TemporaryDirectory() as home:
        daemon = stub.StubDaemon(behaviour)
        daemon.serve()
        try:
            proc = spawn(
                "why",
                "--json",
                "--",
                docker,
                "run",
                "busybox",
                env={
                    "DOCKER_HOST": daemon.docker_host,
                    "HOME": home,
                    "DOCKER_CONFIG": os.path.join(home, ".docker"),
                    "DOCKER_CLI_HINTS": "false",
                    "NO_PROXY": "*",
                },
            )
        finally:
            daemon.stop()
    assert proc.returncode == 125, proc.stderr
    document = json.loads(proc.stdout)
    assert_valid("why", document)
    assert document["explanation"]["causes"][0]["id"] == "port-already-allocated"


def test_causes_the_text_cannot_tell_apart_are_shown_as_a_tie() -> None:
    """runc 1.1.5 says `exec: "/etc": permission denied` for a directory, word for word what it
    says for a 0644 file (recorded on dockerd 20.10.24, 26.1.5 and 28.5.2): the two causes
    have equal scores, and the text output says so instead of implying an order."""
    message = (
        "docker: Error response from daemon: failed to create task for container: failed to"
        " create shim task: OCI runtime create failed: runc create failed: unable to start"
        ' container process: exec: "/etc": permission denied: unknown.'
    )
    code, out, _ = run("explain", message)
    assert code == 0
    first, second = out.index("[no-exec-bit]"), out.index("[path-is-a-directory]")
    assert "as likely as the one above" in out[second:]
    assert "as likely as the one above" not in out[first:second]
