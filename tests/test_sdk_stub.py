"""The real SDKs against the stub Engine API on 127.0.0.1 (``tests/conformance/stub.py``).

The exceptions and results below are the ones the SDKs really build from real HTTP
responses: docker-py and aiodocker talk to the stub themselves; python-on-whales runs the
real docker CLI binary (on ``PATH``), which talks to the stub. Each SDK is a test extra and
its tests skip without it (``CI=true`` installs them all). A missing docker CLI skips the
CLI tests locally and fails them in CI, as in the conformance suite.

The cookbook's example (``docs/examples/docker_py_run.py``) runs here too, case by case
next to the real docker CLI, and must exit with the same code.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from conformance.runner import (
    REPO_ROOT,
    CliBinary,
    closed_port,
    discover_clis,
    missing_cli,
    run_cli,
)
from conformance.stub import (
    CREATED_ID,
    Behaviour,
    StubDaemon,
    api_error,
    pull_stream_error,
    wait_reply,
)

from exitcodes import EvidenceKind, ExitOutcome, Resolution, classify, profiles, resolve
from exitcodes.recipes import exit_like_docker, run_like_docker

_START = (
    "failed to create task for container: failed to create shim task: OCI runtime create"
    " failed: runc create failed: unable to start container process: exec: {}: unknown"
)
NOT_FOUND = _START.format('"foo": executable file not found in $PATH')
IS_A_DIRECTORY = _START.format('"/etc": is a directory')
MANIFEST_UNKNOWN = "manifest for busybox:latest not found: manifest unknown: manifest unknown"
EXAMPLE = REPO_ROOT / "docs" / "examples" / "docker_py_run.py"

#: The stub's behaviours, by name: what goes wrong in each case.
BEHAVIOURS = {
    "success": Behaviour(),
    "exit-3": Behaviour(wait=wait_reply(3)),
    "start-not-found": Behaviour(start=api_error(400, NOT_FOUND)),
    "start-is-a-directory": Behaviour(start=api_error(400, IS_A_DIRECTORY)),
    "start-500": Behaviour(start=api_error(500, "failed to set up container networking")),
    "oom-killed": Behaviour(wait=wait_reply(137), oom_killed=True),
    "wait-error": Behaviour(wait=wait_reply(0, "failed to read the container's exit status")),
    "wait-500": Behaviour(wait=api_error(500, "wait failed")),
    "pull-fails": Behaviour(image_missing=True, pull=pull_stream_error(MANIFEST_UNKNOWN)),
    "pull-500": Behaviour(image_missing=True, pull=api_error(500, "pull access denied")),
}


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """No proxy and no docker context or TLS of this machine: the stub is on 127.0.0.1."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    for name in ("DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "*")
    monkeypatch.setenv("no_proxy", "*")


@contextlib.contextmanager
def docker_py(behaviour: Behaviour) -> Iterator[tuple[Any, StubDaemon]]:
    """A real ``docker.DockerClient`` talking to a fresh stub."""
    docker = pytest.importorskip("docker")
    with StubDaemon(behaviour) as daemon:
        client = docker.DockerClient(base_url=daemon.docker_host, timeout=10)
        try:
            yield client, daemon
        finally:
            client.close()


def request_lines(daemon: StubDaemon) -> list[str]:
    """``METHOD /path`` of each request, without the API version and the query."""
    return [f"{r.method} {r.path.replace(CREATED_ID, 'ID')}" for r in daemon.requests]


# --- docker-py: the exceptions and results it builds, read by classify and resolve ------------


def start_error(behaviour: Behaviour) -> Any:
    """The exception docker-py's ``container.start()`` raises against *behaviour*."""
    errors = pytest.importorskip("docker.errors")
    with docker_py(behaviour) as (client, _), pytest.raises(errors.APIError) as info:
        client.containers.create("busybox", ["foo"]).start()
    return info.value


def test_docker_py_start_not_found_is_127() -> None:
    error = start_error(BEHAVIOURS["start-not-found"])
    assert (type(error).__name__, error.status_code, error.explanation) == (
        "APIError",
        400,
        NOT_FOUND,
    )
    result = resolve("run", error=error)
    assert (result.exit_code, result.outcome, result.rule) == (
        127,
        ExitOutcome.NOT_FOUND,
        "docker-cli/not-found",
    )
    assert classify(error).exit_code == 127
    assert resolve("start -a", error=error).exit_code == 1  # docker start -a does not map it


def test_docker_py_start_is_a_directory_depends_on_the_cli() -> None:
    error = start_error(BEHAVIOURS["start-is-a-directory"])
    assert resolve("run", error=error, profile=profiles.docker("23.0.1")).exit_code == 126
    assert resolve("run", error=error, profile=profiles.docker("20.10.24")).exit_code == 125


def test_docker_py_generic_500_is_125() -> None:
    error = start_error(BEHAVIOURS["start-500"])
    assert error.status_code == 500 and error.is_server_error()
    result = resolve("run", error=error)
    assert (result.exit_code, result.outcome) == (125, ExitOutcome.ENGINE_ERROR)


def test_docker_py_oom_kill_from_wait_and_reload() -> None:
    with docker_py(BEHAVIOURS["oom-killed"]) as (client, _):
        container = client.containers.create("busybox", ["eat-memory"])
        assert classify(container).outcome is ExitOutcome.STATUS_UNKNOWN  # created: no status
        container.start()
        status = container.wait()
        container.reload()
    assert status == {"StatusCode": 137}
    plain = classify(container)
    assert (plain.exit_code, plain.outcome, plain.kind) == (
        137,
        ExitOutcome.OOM_KILLED,
        EvidenceKind.STATE,
    )
    assert classify(status).outcome is ExitOutcome.SIGNALED  # the wait alone cannot tell
    result = resolve("run", wait=status, state=container)
    assert (result.exit_code, result.outcome, result.signal) == (
        137,
        ExitOutcome.OOM_KILLED,
        signal.SIGKILL,
    )


def test_docker_py_wait_error_and_failed_wait_are_125() -> None:
    with docker_py(BEHAVIOURS["wait-error"]) as (client, _):
        container = client.containers.create("busybox", ["true"])
        container.start()
        status = container.wait()
    assert status["Error"] == {"Message": "failed to read the container's exit status"}
    assert (resolve("run", wait=status).exit_code, classify(status).exit_code) == (125, 125)
    assert resolve("run", wait=status, profile=profiles.docker("18.01.0")).exit_code == 0

    errors = pytest.importorskip("docker.errors")
    with docker_py(BEHAVIOURS["wait-500"]) as (client, _):
        container = client.containers.create("busybox", ["true"])
        container.start()
        with pytest.raises(errors.APIError) as info:
            container.wait()
    result = resolve("run", error=info.value, phase="wait")
    assert (result.exit_code, result.rule) == (125, "docker-cli/wait-failed")


def test_docker_py_run_image_not_found_after_a_failed_pull_is_125() -> None:
    """docker-py's own ``containers.run`` pulls on ImageNotFound, ignoring the pull stream."""
    errors = pytest.importorskip("docker.errors")
    with docker_py(BEHAVIOURS["pull-fails"]) as (client, daemon):
        with pytest.raises(errors.ImageNotFound) as info:
            client.containers.run("busybox", ["true"])
        assert request_lines(daemon) == [
            "GET /version",
            "POST /containers/create",
            "POST /images/create",
            "GET /images/busybox:latest/json",
        ]
    assert resolve("run", error=info.value, phase="create").exit_code == 125
    with docker_py(BEHAVIOURS["pull-500"]) as (client, _), pytest.raises(errors.APIError) as info:
        client.containers.run("busybox", ["true"])
    assert info.value.status_code == 500
    assert resolve("run", error=info.value, phase="create").exit_code == 125


def test_docker_py_container_error_is_the_container_status() -> None:
    errors = pytest.importorskip("docker.errors")
    with (
        docker_py(BEHAVIOURS["exit-3"]) as (client, _),
        pytest.raises(errors.ContainerError) as info,
    ):
        client.containers.run("busybox", ["sh", "-c", "exit 3"])
    assert info.value.exit_status == 3
    assert resolve("run", error=info.value).exit_code == 3
    assert classify(info.value).outcome is ExitOutcome.COMMAND_FAILED


# --- the recipe, with a real docker-py client ---------------------------------------------------

RECIPE_CASES = [
    ("success", 0, ExitOutcome.SUCCESS),
    ("exit-3", 3, ExitOutcome.COMMAND_FAILED),
    ("start-not-found", 127, ExitOutcome.NOT_FOUND),
    ("start-is-a-directory", 126, ExitOutcome.CANNOT_INVOKE),
    ("start-500", 125, ExitOutcome.ENGINE_ERROR),
    ("oom-killed", 137, ExitOutcome.OOM_KILLED),
    ("wait-error", 125, ExitOutcome.STATUS_UNKNOWN),
    ("wait-500", 125, ExitOutcome.STATUS_UNKNOWN),
    ("pull-fails", 125, ExitOutcome.ENGINE_ERROR),
    ("pull-500", 125, ExitOutcome.ENGINE_ERROR),
]


@pytest.mark.parametrize(
    ("case", "code", "outcome"), RECIPE_CASES, ids=[c[0] for c in RECIPE_CASES]
)
@pytest.mark.parametrize("remove", [False, True], ids=["attached", "rm"])
def test_run_like_docker(case: str, code: int, outcome: ExitOutcome, remove: bool) -> None:
    errors: list[Exception] = []
    with docker_py(BEHAVIOURS[case]) as (client, daemon):
        result = run_like_docker(client, "busybox", ["foo"], remove=remove, on_error=errors.append)
        lines = request_lines(daemon)
    assert (result.exit_code, result.outcome) == (code, outcome), result.reason
    created = "POST /containers/ID/start" in lines
    assert ("DELETE /containers/ID" in lines) == (remove and created)
    # The client's exception is reported when one decided the code.
    decided_by_error = case.startswith(("start-", "pull-")) or case == "wait-500"
    assert len(errors) == (1 if decided_by_error else 0)


def test_run_like_docker_reports_oom_with_remove() -> None:
    with docker_py(BEHAVIOURS["oom-killed"]) as (client, daemon):
        result = run_like_docker(client, "busybox", ["eat-memory"], remove=True)
        assert request_lines(daemon)[-3:] == [
            "POST /containers/ID/wait",
            "GET /containers/ID/json",  # reload(): the State, before the container is gone
            "DELETE /containers/ID",
        ]
    assert (result.exit_code, result.outcome, result.rule) == (
        137,
        ExitOutcome.OOM_KILLED,
        "docker-cli/container-status",
    )
    assert "OOMKilled is true" in result.reason


def test_run_like_docker_detached() -> None:
    with docker_py(BEHAVIOURS["exit-3"]) as (client, daemon):
        result = run_like_docker(client, "busybox", ["foo"], detach=True, remove=True)
        lines = request_lines(daemon)
        create = next(r for r in daemon.requests if r.path == "/containers/create")
    assert (result.exit_code, result.outcome) == (0, ExitOutcome.SUCCESS)
    assert "POST /containers/ID/wait" not in lines and "DELETE /containers/ID" not in lines
    assert '"AutoRemove": true' in create.body  # docker run -d --rm: the daemon removes it
    with docker_py(BEHAVIOURS["start-not-found"]) as (client, _):
        assert run_like_docker(client, "busybox", ["foo"], detach=True).exit_code == 127


def test_run_like_docker_streams_the_output() -> None:
    chunks: list[bytes] = []
    with docker_py(BEHAVIOURS["exit-3"]) as (client, _):
        result = run_like_docker(client, "busybox", ["foo"], output=chunks.append)
    assert (result.exit_code, b"".join(chunks)) == (3, b"hello from the stub daemon\n")


def test_run_like_docker_profiles() -> None:
    with docker_py(BEHAVIOURS["start-is-a-directory"]) as (client, _):
        old = run_like_docker(client, "busybox", ["/etc"], profile=profiles.docker("20.10.24"))
    assert old.exit_code == 125
    with docker_py(BEHAVIOURS["wait-500"]) as (client, _):
        podman = run_like_docker(client, "busybox", ["true"], profile=profiles.podman("4.3.1"))
    assert podman.exit_code == 127  # podman's ContainerWaitForExitCode returns 127 (sic)


def test_run_like_docker_lets_programming_errors_through() -> None:
    with docker_py(Behaviour()) as (client, daemon), pytest.raises(TypeError, match="commnd"):
        run_like_docker(client, "busybox", commnd=["true"])
    assert request_lines(daemon) == ["GET /version"]


def test_exit_like_docker(capsys: pytest.CaptureFixture[str]) -> None:
    with docker_py(BEHAVIOURS["start-not-found"]) as (client, _), pytest.raises(SystemExit) as info:
        exit_like_docker(client, "busybox", ["foo"])
    assert info.value.code == 127
    assert capsys.readouterr().err == f"Error response from daemon: {NOT_FOUND}\n"


def test_connection_refused_before_any_request() -> None:
    docker = pytest.importorskip("docker")
    with pytest.raises(docker.errors.DockerException) as info:
        docker.DockerClient(base_url=f"tcp://127.0.0.1:{closed_port()}", timeout=5)
    error = info.value
    assert "Connection refused" in str(error)
    old = resolve("run", error=error, phase="connect", profile=profiles.docker("28.2.2"))
    assert (old.exit_code, old.outcome) == (125, ExitOutcome.ENGINE_ERROR)
    # Since CLI 29.1.3, docker run pings first and exits 1 when the daemon is unreachable.
    new = resolve("run", error=error, phase="connect", profile=profiles.docker("29.1.3"))
    assert new.exit_code == 1


# --- the cookbook example next to the real docker CLI -----------------------------------------

#: ``(case, docker run arguments)``: the example gets the same arguments as the CLI.
EXAMPLE_CASES = [
    ("success", ["busybox"]),
    ("exit-3", ["busybox", "sh", "-c", "exit 3"]),
    ("exit-3", ["--rm", "busybox", "sh", "-c", "exit 3"]),
    ("exit-3", ["-d", "busybox"]),
    ("start-not-found", ["busybox", "foo"]),
    ("start-not-found", ["-d", "busybox", "foo"]),
    ("start-is-a-directory", ["busybox", "/etc"]),
    ("start-500", ["busybox"]),
    ("oom-killed", ["--rm", "busybox"]),
    ("wait-error", ["busybox"]),
    ("wait-500", ["busybox"]),
    ("pull-fails", ["busybox"]),
    ("closed-port", ["busybox"]),
]


def _cli() -> CliBinary:
    clis = discover_clis()
    if not clis:
        missing_cli("a docker CLI binary")
    return clis[0]


def _load_example() -> Any:
    spec = importlib.util.spec_from_file_location("docker_py_run", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run_cli(case: str, argv: list[str], cli: CliBinary) -> tuple[int | None, str]:
    if case == "closed-port":
        done = run_cli(cli, ["run", *argv], daemon="closed-port")
    else:
        done = run_cli(cli, ["run", *argv], BEHAVIOURS[case])
    return done.exit_code, done.stdout


def test_cookbook_example_exits_like_the_real_cli(
    monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """Each case: the example (in this process, real docker-py) vs ``docker run`` (real CLI)."""
    pytest.importorskip("docker")
    cli = _cli()
    example = _load_example()
    monkeypatch.setenv("EXITCODES_PROFILE", f"docker@{cli.version}")
    with ThreadPoolExecutor(max_workers=4) as pool:
        clis = [pool.submit(_run_cli, case, argv, cli) for case, argv in EXAMPLE_CASES]
        disagreements = []
        compared = 0
        for (case, argv), real in zip(EXAMPLE_CASES, clis, strict=True):
            with contextlib.ExitStack() as stack:
                if case == "closed-port":
                    host = f"tcp://127.0.0.1:{closed_port()}"
                else:
                    host = stack.enter_context(StubDaemon(BEHAVIOURS[case])).docker_host
                monkeypatch.setenv("DOCKER_HOST", host)
                with pytest.raises(SystemExit) as info:
                    example.main(list(argv))
            out = capsysbinary.readouterr().out
            cli_code, cli_out = real.result()
            compared += 1
            if (info.value.code, b"hello" in out) != (cli_code, "hello" in cli_out):
                disagreements.append((case, argv, info.value.code, cli_code, out, cli_out))
    assert not disagreements, f"example vs docker {cli.version}: {disagreements}"
    assert compared == len(EXAMPLE_CASES)


def test_cookbook_example_runs_as_a_script(tmp_path: Path) -> None:
    pytest.importorskip("docker")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "NO_PROXY": "*",
        "PYTHONPATH": str(REPO_ROOT),
    }
    with StubDaemon(BEHAVIOURS["start-not-found"]) as daemon:
        done = subprocess.run(
            [sys.executable, str(EXAMPLE), "busybox", "foo"],
            env={**env, "DOCKER_HOST": daemon.docker_host},
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    assert (done.returncode, done.stderr) == (127, f"Error response from daemon: {NOT_FOUND}\n")


# --- python-on-whales: the real CLI's exit code and stderr --------------------------------------

WHALES_CASES = [
    ("start-not-found", 127, ExitOutcome.NOT_FOUND),
    ("start-is-a-directory", 126, ExitOutcome.CANNOT_INVOKE),
    ("start-500", 125, ExitOutcome.ENGINE_ERROR),
    ("oom-killed", 137, ExitOutcome.OOM_KILLED),
    # Only the code: the CLI's stderr line "Error waiting for container: ..." is not read as
    # a wait failure (the outcome is ENGINE_ERROR, not docker-py's STATUS_UNKNOWN).
    ("wait-error", 125, None),
]


def whales_error(case: str, tmp_path: Path, cli: CliBinary, **run: Any) -> tuple[Any, Any]:
    """The DockerException python-on-whales raises for ``docker run``, and the state.

    ``pull="never"``: python-on-whales' default (``"missing"``) runs ``docker image pull``
    itself before ``docker run`` (see :func:`test_python_on_whales_pulls_by_itself`).
    """
    whales = pytest.importorskip("python_on_whales")
    with StubDaemon(BEHAVIOURS[case]) as daemon:
        client = whales.DockerClient(
            host=daemon.docker_host, config=str(tmp_path), client_call=[cli.path]
        )

        def docker_run() -> None:
            output = client.run("busybox", ["foo"], name="job", pull="never", **run)
            if run.get("stream"):
                list(output)  # the stream raises at its end

        with pytest.raises(whales.exceptions.DockerException) as info:
            docker_run()
        state = client.container.inspect("job").state if case == "oom-killed" else None
    return info.value, state


@pytest.mark.parametrize(
    ("case", "code", "outcome"), WHALES_CASES, ids=[c[0] for c in WHALES_CASES]
)
def test_python_on_whales(
    case: str, code: int, outcome: ExitOutcome | None, tmp_path: Path
) -> None:
    cli = _cli()
    error, state = whales_error(case, tmp_path, cli, stream=True)
    assert (type(error).__name__, error.return_code) == ("DockerException", code)
    assert error.docker_command[-2:] == ["busybox", "foo"]
    if case.startswith("start-"):
        assert "docker: Error response from daemon: " in error.stderr
    result = resolve("run", error=error, state=state)
    assert classify(error).exit_code == result.exit_code == code
    # The same answer as the recipe with docker-py, for the same daemon replies.
    with docker_py(BEHAVIOURS[case]) as (client, _):
        recipe = run_like_docker(client, "busybox", ["foo"], profile=profiles.docker(cli.version))
    assert recipe.exit_code == code
    if outcome is not None:
        assert result.outcome is recipe.outcome is outcome, result.reason


def test_python_on_whales_without_stream_still_passes_the_code(tmp_path: Path) -> None:
    """``docker.run()`` does not capture stderr (it is None), so only the code is read."""
    error, _ = whales_error("start-not-found", tmp_path, _cli())
    assert (error.return_code, error.stderr) == (127, None)
    result = classify(error)
    assert (result.exit_code, result.outcome, result.rule) == (
        127,
        ExitOutcome.NOT_FOUND,
        "cli-result/passed-through",
    )


def test_python_on_whales_pulls_by_itself(tmp_path: Path) -> None:
    """With ``pull="missing"`` a failed pull is ``docker image pull``'s exit 1, passed through.

    ``docker run`` would have pulled itself and exited 125; python-on-whales never ran it.
    """
    whales = pytest.importorskip("python_on_whales")
    with StubDaemon(BEHAVIOURS["pull-fails"]) as daemon:
        client = whales.DockerClient(
            host=daemon.docker_host, config=str(tmp_path), client_call=[_cli().path]
        )
        with pytest.raises(whales.exceptions.DockerException) as info:
            client.run("busybox", ["true"])
    error = info.value
    assert (error.return_code, error.docker_command[-3:]) == (1, ["image", "pull", "busybox"])
    assert resolve("run", error=error).exit_code == 1


def test_python_on_whales_with_docker_20_10(tmp_path: Path) -> None:
    """Before CLI 23.0.1, ``is a directory`` was 125: the old binary and the profile agree."""
    old = [cli for cli in discover_clis() if cli.version.startswith("20.10.")]
    if not old:
        missing_cli("the docker 20.10 CLI")
    error, _ = whales_error("start-is-a-directory", tmp_path, old[0], stream=True)
    assert error.return_code == 125
    profile = profiles.docker(old[0].version)
    assert resolve("run", error=error, profile=profile).exit_code == 125


# --- aiodocker ------------------------------------------------------------------------------


def aiodocker_run(behaviour: Behaviour) -> Resolution:
    """Run a container with aiodocker; resolve from its DockerError or its wait and inspect."""
    aiodocker = pytest.importorskip("aiodocker")

    config = {"Image": "busybox", "Cmd": ["foo"]}

    async def run(url: str) -> Resolution:
        async with aiodocker.Docker(url=url) as client:
            try:
                try:
                    container = await client.containers.create(config)
                except aiodocker.exceptions.DockerError as error:
                    if error.status != 404:
                        raise
                    await client.images.pull("busybox")
                    container = await client.containers.create(config)
            except aiodocker.exceptions.DockerError as error:
                return resolve("run", error=error, phase="create")
            try:
                await container.start()
            except aiodocker.exceptions.DockerError as error:
                assert isinstance(error.status, int) and error.message
                return resolve("run", error=error, phase="start")
            status = await container.wait()
            return resolve("run", wait=status, state=await container.show())

    with StubDaemon(behaviour) as daemon:
        return asyncio.run(run(daemon.docker_host.replace("tcp://", "http://")))


AIODOCKER_CASES = [
    ("start-not-found", 127, ExitOutcome.NOT_FOUND),
    ("start-500", 125, ExitOutcome.ENGINE_ERROR),
    ("oom-killed", 137, ExitOutcome.OOM_KILLED),
    ("wait-error", 125, ExitOutcome.STATUS_UNKNOWN),
    ("pull-500", 125, ExitOutcome.ENGINE_ERROR),
]


@pytest.mark.parametrize(
    ("case", "code", "outcome"), AIODOCKER_CASES, ids=[c[0] for c in AIODOCKER_CASES]
)
def test_aiodocker(case: str, code: int, outcome: ExitOutcome) -> None:
    result = aiodocker_run(BEHAVIOURS[case])
    assert (result.exit_code, result.outcome) == (code, outcome)
