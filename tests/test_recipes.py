"""The recipe's paths with in-process fakes: what the stub tests cannot script.

``tests/test_sdk_stub.py`` runs the recipe with a real docker-py client against the stub
Engine API; here a fake client covers the other branches: podman-py's shapes, failing
removals and inspects, broken output streams, and programming errors that must propagate.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import subprocess
import sys
import warnings
from collections.abc import Iterator, Mapping
from typing import Any

import pytest
from conformance.runner import closed_port
from conformance.stub import (
    CREATED_ID,
    Behaviour,
    StubDaemon,
    api_error,
    pull_stream_error,
    wait_reply,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from exitcodes import (
    ExitCodesError,
    ExitOutcome,
    InvalidArgumentError,
    classify,
    profiles,
    resolve,
)
from exitcodes import strategies as exitcodes_strategies
from exitcodes.profiles import DEFAULT
from exitcodes.recipes import (
    ContainerRun,
    exit_like_docker,
    run_container,
    run_container_async,
    run_like_docker,
)
from exitcodes.rules import behaviour

NOT_FOUND = 'exec: "foo": executable file not found in $PATH'


class APIError(Exception):
    """Shaped like docker-py's and podman-py's ``APIError`` (matched by its class name)."""

    def __init__(self, explanation: str) -> None:
        super().__init__(explanation)
        self.explanation = explanation


class ImageNotFound(APIError):
    """podman-py's: an ``APIError``, not a ``NotFound``."""


class FakeContainer:
    """Records the calls; each step may raise or return what the test says."""

    def __init__(self, client: FakeClient) -> None:
        self.client = client
        self.attrs: dict[str, Any] = {"State": {"Status": "created"}}

    def _step(self, name: str) -> Any:
        self.client.calls.append(name)
        outcome = self.client.steps.get(name)
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    def start(self) -> None:
        self._step("start")

    def wait(self) -> Any:
        result = self._step("wait")
        return {"StatusCode": 0, "Error": None} if result is None else result

    def reload(self) -> None:
        state = self._step("reload")
        if state is not None:
            self.attrs = {"State": state}

    def remove(self, v: bool = False) -> None:
        assert v  # docker run --rm removes the anonymous volumes too
        self._step("remove")

    def logs(self, **kwargs: Any) -> Any:
        assert kwargs == {"stdout": True, "stderr": True, "stream": True, "follow": True}
        chunks = self._step("logs")
        return [] if chunks is None else chunks


class FakeContainers:
    def __init__(self, client: FakeClient) -> None:
        self.client = client

    def create(self, image: str, command: object = None, **kwargs: Any) -> FakeContainer:
        self.client.calls.append("create")
        self.client.create_kwargs.append(kwargs)
        failures = self.client.steps.get("create")
        if isinstance(failures, list) and failures:
            raise failures.pop(0)
        if isinstance(failures, BaseException):
            raise failures
        return FakeContainer(self.client)


class FakeImages:
    def __init__(self, client: FakeClient) -> None:
        self.client = client

    def pull(self, image: str, **kwargs: Any) -> None:
        self.client.calls.append(f"pull {image} {kwargs}")
        failure = self.client.steps.get("pull")
        if isinstance(failure, BaseException):
            raise failure


class FakeClient:
    """A stand-in for ``docker.DockerClient``: ``steps`` says what each call does."""

    def __init__(self, **steps: Any) -> None:
        self.steps = steps
        self.calls: list[str] = []
        self.create_kwargs: list[dict[str, Any]] = []
        self.containers = FakeContainers(self)
        self.images = FakeImages(self)


OOM_STATE = {"Status": "exited", "ExitCode": 137, "OOMKilled": True}
PODMAN = profiles.podman("5.4.0")


def test_podman_py_shapes() -> None:
    """podman-py: ImageNotFound is no NotFound, wait() is an int, the profile is podman's."""
    client = FakeClient(create=[ImageNotFound("no such image")], wait=137, reload=OOM_STATE)
    result = run_like_docker(
        client, "busybox", platform="linux/arm64", profile=profiles.podman("5.4.0")
    )
    assert (result.exit_code, result.outcome) == (137, ExitOutcome.OOM_KILLED)
    assert client.calls == [
        "create",
        "pull busybox {'platform': 'linux/arm64'}",
        "create",
        "start",
        "wait",
        "reload",
    ]
    assert client.create_kwargs[-1] == {"detach": False, "platform": "linux/arm64"}


def test_a_zero_exit_is_not_inspected() -> None:
    client = FakeClient(reload=OOM_STATE)
    assert run_like_docker(client, "busybox").exit_code == 0
    assert "reload" not in client.calls


def test_failing_inspect_and_remove_do_not_change_the_code() -> None:
    client = FakeClient(
        wait={"StatusCode": 137}, reload=APIError("gone"), remove=ConnectionResetError()
    )
    result = run_like_docker(client, "busybox", remove=True)
    assert (result.exit_code, result.outcome) == (137, ExitOutcome.SIGNALED)
    assert client.calls[-2:] == ["reload", "remove"]


def test_start_failure_with_remove_removes_the_container() -> None:
    errors: list[Exception] = []
    client = FakeClient(start=APIError(NOT_FOUND), remove=APIError("conflict"))
    result = run_like_docker(client, "busybox", ["foo"], remove=True, on_error=errors.append)
    assert (result.exit_code, client.calls) == (127, ["create", "start", "remove"])
    assert [str(error) for error in errors] == [NOT_FOUND]


def test_failed_wait_is_125_and_podman_127() -> None:
    client = FakeClient(wait=TimeoutError("read timed out"))
    assert run_like_docker(client, "busybox").exit_code == 125
    client = FakeClient(wait=TimeoutError("read timed out"))
    assert run_like_docker(client, "busybox", profile=profiles.podman("4.3.1")).exit_code == 127


def test_connection_refused_at_create_is_125() -> None:
    client = FakeClient(create=ConnectionRefusedError("Connection refused"))
    result = run_like_docker(client, "busybox", profile=profiles.docker("28.2.2"))
    assert (result.exit_code, result.outcome) == (125, ExitOutcome.ENGINE_ERROR)


def test_requests_errors_are_client_errors_by_their_base_class_name() -> None:
    class RequestException(Exception):
        pass

    class ChunkedEncodingError(RequestException):
        pass

    client = FakeClient(wait=ChunkedEncodingError("Connection broken"))
    assert run_like_docker(client, "busybox").exit_code == 125


@pytest.mark.parametrize("step", ["create", "start", "wait", "logs"])
def test_programming_errors_propagate(step: str) -> None:
    client = FakeClient(**{step: KeyError("a bug")})
    with pytest.raises(KeyError, match="a bug"):
        run_like_docker(client, "busybox", remove=True, output=lambda chunk: None)
    assert "remove" not in client.calls


def test_output_stream_shapes() -> None:
    chunks: list[bytes] = []
    run_like_docker(FakeClient(logs=b"all at once"), "busybox", output=chunks.append)
    assert chunks == [b"all at once"]

    def broken() -> Iterator[bytes]:
        yield b"first"
        raise ConnectionResetError("the daemon went away")

    chunks.clear()
    client = FakeClient(logs=broken(), wait={"StatusCode": 3})
    assert run_like_docker(client, "busybox", output=chunks.append).exit_code == 3
    assert chunks == [b"first"]
    client = FakeClient(logs=APIError("logging driver does not support reading"))
    assert run_like_docker(client, "busybox", output=chunks.append).exit_code == 0


def test_detach() -> None:
    client = FakeClient(wait={"StatusCode": 3})
    assert run_like_docker(client, "busybox", detach=True, remove=True).exit_code == 0
    assert client.calls == ["create", "start"]
    assert client.create_kwargs == [{"detach": True, "auto_remove": True}]


@pytest.mark.parametrize(
    "arguments",
    [{"detach": 1}, {"remove": "yes"}, {"profile": "docker@28.2.2"}],
    ids=["detach", "remove", "profile"],
)
def test_invalid_arguments_fail_before_any_call(arguments: dict[str, Any]) -> None:
    client = FakeClient()
    with pytest.raises(InvalidArgumentError):
        run_like_docker(client, "busybox", **arguments)
    assert client.calls == []


class _HostileClient:
    @property
    def containers(self) -> Any:
        raise RuntimeError("a hostile client")


@pytest.mark.parametrize(
    ("client", "image"),
    [(None, "busybox"), (object(), "busybox"), (_HostileClient(), "busybox"), (None, None)],
    ids=["none", "object", "hostile", "image"],
)
def test_a_client_without_containers_or_an_image_that_is_no_str(client: Any, image: Any) -> None:
    with pytest.raises(InvalidArgumentError):
        run_container(client, image)
    with pytest.raises(InvalidArgumentError):
        asyncio.run(run_container_async(client, image))
    fake = FakeClient()
    with pytest.raises(InvalidArgumentError, match="image must be a str"):
        run_container(fake, b"busybox")  # type: ignore[arg-type]
    assert fake.calls == []


def test_exit_like_docker(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    client = FakeClient(start=APIError(NOT_FOUND), logs=[b"never read"])
    with pytest.raises(SystemExit) as info:
        exit_like_docker(client, "busybox", ["foo"])
    assert info.value.code == 127
    assert capsysbinary.readouterr() == (b"", f"Error response from daemon: {NOT_FOUND}\n".encode())
    client = FakeClient(logs=[b"out\n"], wait={"StatusCode": 3})
    with pytest.raises(SystemExit) as info:
        exit_like_docker(client, "busybox")
    assert info.value.code == 3
    assert capsysbinary.readouterr() == (b"out\n", b"")


def test_no_sdk_is_imported() -> None:
    code = (
        "import sys, exitcodes; assert 'exitcodes.recipes' not in sys.modules;"
        " exitcodes.recipes = __import__('exitcodes.recipes').recipes;"
        " print(sorted(m for m in ('docker', 'podman', 'python_on_whales', 'aiodocker',"
        " 'requests', 'kubernetes') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


# --- issue 14, item 3: the daemon is down ------------------------------------------------------
#
# "recipes.run_like_docker / exit_like_docker with the daemon down return 125 under the default
# profile (29.7.2), but docker >= 29.1.3 pings first and exits 1 (classify() of the same
# docker-py error already says 1); the docstring example asserts 125."

BEFORE_GATE = profiles.docker("29.1.2")
AFTER_GATE = profiles.docker("29.1.3")


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """No proxy and no docker context of this machine: the stub is on 127.0.0.1."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    for name in ("DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "*")
    monkeypatch.setenv("no_proxy", "*")


@contextlib.contextmanager
def unreachable_docker_py(base_url: str = "unix:///nonexistent.sock") -> Iterator[Any]:
    """A real docker-py client whose daemon is not there.

    With an explicit API version docker-py asks the daemon nothing when it is made, so the
    recipe's first request (create) is the one that cannot connect. docker-py's
    ``UnixHTTPConnection.connect`` leaves its socket open when ``sock.connect`` fails; that
    socket is collected here, its ResourceWarning ignored (docker-py's leak, not ours).
    """
    docker = pytest.importorskip("docker")
    client = docker.DockerClient(base_url=base_url, version="1.45", timeout=5)
    try:
        yield client
    finally:
        client.close()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            gc.collect()


@pytest.mark.parametrize(
    ("profile", "code", "rule"),
    [
        (None, 1, "docker-cli/run-ping-failed"),
        (AFTER_GATE, 1, "docker-cli/run-ping-failed"),
        (BEFORE_GATE, 125, "docker-cli/engine-error"),
        (profiles.docker("20.10.24"), 125, "docker-cli/engine-error"),
    ],
    ids=["default", "29.1.3", "29.1.2", "20.10.24"],
)
def test_daemon_down_with_real_docker_py(profile: Any, code: int, rule: str) -> None:
    errors: list[Exception] = []
    with unreachable_docker_py() as client:
        run = run_container(client, "busybox", ["true"], profile=profile, on_error=errors.append)
    [error] = errors
    assert type(error).__name__ == "ConnectionError"  # requests', raised by docker-py
    assert "Connection aborted" in str(error)
    assert (run.exit_code, run.resolution.rule, run.phase, run.error) == (
        code,
        rule,
        "connect",
        error,
    )
    assert run.profile is (DEFAULT if profile is None else profile)
    # The recipe cannot disagree with the library: classify() and resolve() of that error.
    assert classify(error, profile=profile).exit_code == code
    assert resolve("run", error=error, phase="connect", profile=profile) == run.resolution
    assert run.explanation is not None and run.explanation.classification.exit_code == code


@pytest.mark.parametrize("profile", [BEFORE_GATE, AFTER_GATE], ids=["29.1.2", "29.1.3"])
def test_daemon_down_over_tcp_with_real_docker_py(profile: Any) -> None:
    """requests' other wording: "Failed to establish a new connection" (refused on a port)."""
    with unreachable_docker_py(f"tcp://127.0.0.1:{closed_port()}") as client:
        result = run_like_docker(client, "busybox", profile=profile)
        with pytest.raises(SystemExit) as info:
            exit_like_docker(client, "busybox", profile=profile, on_error=None)
    expected = 1 if profile is AFTER_GATE else 125
    assert result.exit_code == info.value.code == expected


def test_a_connection_failure_after_the_daemon_answered_is_the_steps_error() -> None:
    """Create said ``ImageNotFound``: the daemon was there, so the pull's failure is create's."""
    lost = ConnectionError("('Connection aborted.', RemoteDisconnected('Remote end closed'))")
    assert classify(lost, profile=AFTER_GATE).exit_code == 1  # as a first request: the ping
    client = FakeClient(create=[ImageNotFound("No such image: busybox:latest")], pull=lost)
    run = run_container(client, "busybox", profile=AFTER_GATE)
    assert (run.exit_code, run.phase) == (125, "create")
    run = run_container(FakeClient(start=lost), "busybox", profile=AFTER_GATE)
    assert (run.exit_code, run.phase) == (125, "start")


# "The cookbook and the recipe say a failed create gives 125, where the CLI gives 127 or 126
# by the text."
MOUNT_DENIED = (
    "error while creating mount source path '/srv/data': mkdir /srv/data: permission denied"
)
DEVICE_MISSING = (
    'error gathering device information while adding custom device "/dev/nope": no such file'
    " or directory"
)


@pytest.mark.parametrize(
    ("text", "code", "outcome"),
    [
        (MOUNT_DENIED, 126, ExitOutcome.CANNOT_INVOKE),
        (DEVICE_MISSING, 127, ExitOutcome.NOT_FOUND),
        ('Conflict. The container name "/web" is already in use', 125, ExitOutcome.ENGINE_ERROR),
    ],
    ids=["126", "127", "125"],
)
def test_create_errors_are_mapped_by_their_text(text: str, code: int, outcome: ExitOutcome) -> None:
    with stub_docker_py(Behaviour(create=api_error(500, text))) as (client, _):
        run = run_container(client, "busybox", ["true"], profile=AFTER_GATE)
    assert (run.exit_code, run.outcome, run.phase) == (code, outcome, "create")
    assert run.resolution == resolve("run", error=run.error, phase="create", profile=AFTER_GATE)
    podman = run_like_docker(FakeClient(create=APIError(text)), "busybox", profile=PODMAN)
    assert podman.exit_code == 125  # podman exits 125 for its own errors, whatever the text


# --- issue 14, item 14: the evidence and the explanation, with docker-py and aiodocker --------
#
# "run_like_docker returns only a Resolution; with remove=True the inspect document and the
# reason (OOM, SIGKILL) are gone. Return the evidence and the explanation with it, and add an
# async twin for aiodocker."

_START = (
    "failed to create task for container: failed to create shim task: OCI runtime create"
    " failed: runc create failed: unable to start container process: exec: {}: unknown"
)
START_NOT_FOUND = _START.format('"foo": executable file not found in $PATH')
MANIFEST_UNKNOWN = "manifest for busybox:latest not found: manifest unknown: manifest unknown"

#: ``(behaviour, code, outcome, phase, cause)``: what both SDKs' runs must give. The cause is
#: the explanation's first one (``None``: not checked).
STUB_CASES = {
    "success": (Behaviour(), 0, ExitOutcome.SUCCESS, None),
    "exit-3": (Behaviour(wait=wait_reply(3)), 3, ExitOutcome.COMMAND_FAILED, None),
    "sigkill": (Behaviour(wait=wait_reply(137)), 137, ExitOutcome.SIGNALED, None),
    "oom-killed": (
        Behaviour(wait=wait_reply(137), oom_killed=True),
        137,
        ExitOutcome.OOM_KILLED,
        None,
    ),
    "start-not-found": (
        Behaviour(start=api_error(400, START_NOT_FOUND)),
        127,
        ExitOutcome.NOT_FOUND,
        "start",
    ),
    "start-500": (
        Behaviour(start=api_error(500, "failed to set up container networking")),
        125,
        ExitOutcome.ENGINE_ERROR,
        "start",
    ),
    "wait-error": (
        Behaviour(wait=wait_reply(0, "failed to read the container's exit status")),
        125,
        ExitOutcome.STATUS_UNKNOWN,
        None,
    ),
    "wait-500": (
        Behaviour(wait=api_error(500, "wait failed")),
        125,
        ExitOutcome.STATUS_UNKNOWN,
        "wait",
    ),
    "pull-fails": (
        Behaviour(image_missing=True, pull=pull_stream_error(MANIFEST_UNKNOWN)),
        125,
        ExitOutcome.ENGINE_ERROR,
        "create",
    ),
    "pull-500": (
        Behaviour(image_missing=True, pull=api_error(500, "pull access denied")),
        125,
        ExitOutcome.ENGINE_ERROR,
        "create",
    ),
}


@contextlib.contextmanager
def stub_docker_py(behaviour: Behaviour) -> Iterator[tuple[Any, StubDaemon]]:
    """A real ``docker.DockerClient`` talking real HTTP to a fresh stub Engine API."""
    docker = pytest.importorskip("docker")
    with StubDaemon(behaviour) as daemon:
        client = docker.DockerClient(base_url=daemon.docker_host, timeout=10)
        try:
            yield client, daemon
        finally:
            client.close()


def stub_aiodocker(behaviour: Behaviour, **kwargs: Any) -> tuple[ContainerRun, list[str]]:
    """:func:`run_container_async` with a real ``aiodocker.Docker`` against a fresh stub."""
    aiodocker = pytest.importorskip("aiodocker")

    async def run(url: str) -> ContainerRun:
        async with aiodocker.Docker(url=url) as client:
            return await run_container_async(client, "busybox", ["foo"], **kwargs)

    with StubDaemon(behaviour) as daemon:
        result = asyncio.run(run(daemon.docker_host.replace("tcp://", "http://")))
        return result, request_lines(daemon)


def request_lines(daemon: StubDaemon) -> list[str]:
    """``METHOD /path`` of each request, without the API version and the query."""
    return [f"{r.method} {r.path.replace(CREATED_ID, 'ID')}" for r in daemon.requests]


def check_run(run: ContainerRun, case: str, remove: bool, lines: list[str]) -> None:
    """What both SDKs' runs must show for *case*: the code, the evidence, the explanation."""
    _, code, outcome, phase = STUB_CASES[case]
    assert (run.exit_code, run.outcome, run.phase) == (code, outcome, phase), run.resolution
    assert run.resolution is not None and run.explanation is not None
    assert (run.error is None) == (phase is None)
    if phase is None:  # the container exited: its wait response, inspected when not 0
        assert isinstance(run.wait, Mapping) and "StatusCode" in run.wait
        assert (run.inspect is None) == (code == 0)
    if run.inspect is not None:
        assert run.inspect["Id"] == CREATED_ID
        assert "GET /containers/ID/json" in lines
    started = "POST /containers/ID/start" in lines
    assert ("DELETE /containers/ID" in lines) == (remove and started)
    if remove and run.inspect is not None:  # inspected before it was removed
        assert lines.index("GET /containers/ID/json") < lines.index("DELETE /containers/ID")
    assert run.explanation is run.explanation  # computed once, on first use
    causes = [cause.id for cause in run.explanation.causes]
    if case == "oom-killed":
        assert run.inspect is not None and run.inspect["State"]["OOMKilled"] is True
        assert causes[0] == "oom-killed"
        assert "OOMKilled is true" in run.resolution.reason
    if case == "sigkill":
        assert run.inspect is not None and run.inspect["State"]["OOMKilled"] is False
        assert causes[0] == "sigkill-not-oom"
    if case == "start-not-found":
        assert causes[0] == "command-not-in-path"


@pytest.mark.parametrize("remove", [False, True], ids=["attached", "rm"])
@pytest.mark.parametrize("case", list(STUB_CASES))
def test_run_container_with_real_docker_py(case: str, remove: bool) -> None:
    with stub_docker_py(STUB_CASES[case][0]) as (client, daemon):
        run = run_container(client, "busybox", ["foo"], remove=remove)
        lines = request_lines(daemon)
    check_run(run, case, remove, lines)
    # run_like_docker is the same run, the resolution alone
    with stub_docker_py(STUB_CASES[case][0]) as (client, _):
        assert run_like_docker(client, "busybox", ["foo"], remove=remove) == run.resolution


@pytest.mark.parametrize("remove", [False, True], ids=["attached", "rm"])
@pytest.mark.parametrize("case", list(STUB_CASES))
def test_run_container_async_with_real_aiodocker(case: str, remove: bool) -> None:
    """The async twin: the same answers as docker-py's run for the same daemon replies."""
    errors: list[Exception] = []
    run, lines = stub_aiodocker(STUB_CASES[case][0], remove=remove, on_error=errors.append)
    check_run(run, case, remove, lines)
    assert errors == ([] if run.error is None else [run.error])
    if run.error is not None:
        assert type(run.error).__name__ in ("DockerError", "DockerStreamError")


def test_run_container_async_detached_and_output() -> None:
    run, lines = stub_aiodocker(Behaviour(wait=wait_reply(3)), detach=True, remove=True)
    assert (run.exit_code, run.outcome, run.explanation) == (0, ExitOutcome.SUCCESS, None)
    assert "POST /containers/ID/wait" not in lines and "DELETE /containers/ID" not in lines
    chunks: list[bytes] = []
    run, _ = stub_aiodocker(Behaviour(wait=wait_reply(3)), output=chunks.append)
    assert (run.exit_code, b"".join(chunks)) == (3, b"hello from the stub daemon\n")


def test_run_container_async_sends_the_engine_api_body() -> None:
    behaviour = Behaviour(wait=wait_reply(3))
    aiodocker = pytest.importorskip("aiodocker")

    async def run(url: str) -> ContainerRun:
        async with aiodocker.Docker(url=url) as client:
            return await run_container_async(
                client,
                "busybox",
                "sh -c 'exit 3'",
                name="job",
                config={"Env": ["A=1"], "HostConfig": {"Memory": 1 << 26}},
                detach=True,
                remove=True,
            )

    with StubDaemon(behaviour) as daemon:
        asyncio.run(run(daemon.docker_host.replace("tcp://", "http://")))
        create = next(r for r in daemon.requests if r.path == "/containers/create")
    body = json.loads(create.body)
    assert (body["Image"], body["Cmd"], body["Env"]) == ("busybox", ["sh", "-c", "exit 3"], ["A=1"])
    assert body["HostConfig"] == {"AutoRemove": True, "Memory": 1 << 26}
    assert "name=job" in create.query


@pytest.mark.parametrize(
    "profile",
    [BEFORE_GATE, AFTER_GATE],
    ids=["29.1.2", "29.1.3"],
)
def test_daemon_down_with_real_aiodocker(profile: Any) -> None:
    """aiodocker asks for the API version on its first request, here the recipe's create."""
    aiodocker = pytest.importorskip("aiodocker")

    async def run() -> ContainerRun:
        async with aiodocker.Docker(url="unix:///nonexistent.sock") as client:
            return await run_container_async(client, "busybox", profile=profile)

    result = asyncio.run(run())
    assert result.error is not None and "Cannot connect to Docker Engine" in str(result.error)
    # Whatever classify() says, the recipe says the same.
    assert classify(result.error, profile=profile).exit_code == result.exit_code
    assert result.exit_code == (1 if profile is AFTER_GATE else 125)


class AsyncFakeContainer:
    """aiodocker's DockerContainer, as the fake client's steps say."""

    def __init__(self, client: AsyncFakeClient) -> None:
        self.client = client

    async def _step(self, name: str) -> Any:
        self.client.calls.append(name)
        outcome = self.client.steps.get(name)
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    async def start(self) -> None:
        await self._step("start")

    async def wait(self) -> Any:
        result = await self._step("wait")
        return {"StatusCode": 0, "Error": None} if result is None else result

    async def show(self) -> Any:
        return await self._step("show")

    async def delete(self, v: bool = False) -> None:
        assert v
        await self._step("delete")

    async def log(self, **kwargs: Any) -> Any:
        assert kwargs == {"stdout": True, "stderr": True, "follow": True}
        for chunk in self.client.steps.get("log", []):
            if isinstance(chunk, BaseException):
                raise chunk
            yield chunk


class AsyncFakeClient:
    """A stand-in for ``aiodocker.Docker``: ``steps`` says what each call does."""

    def __init__(self, **steps: Any) -> None:
        self.steps = steps
        self.calls: list[str] = []
        self.bodies: list[dict[str, Any]] = []
        self.containers = self
        self.images = self

    async def create(self, config: dict[str, Any], name: str | None = None) -> AsyncFakeContainer:
        self.calls.append("create")
        self.bodies.append(config)
        failures = self.steps.get("create")
        if isinstance(failures, list) and failures:
            raise failures.pop(0)
        if isinstance(failures, BaseException):
            raise failures
        return AsyncFakeContainer(self)

    async def pull(self, image: str) -> None:
        self.calls.append(f"pull {image}")
        if isinstance(self.steps.get("pull"), BaseException):
            raise self.steps["pull"]


class DockerError(Exception):
    """Shaped like aiodocker's: an HTTP ``status`` and the daemon's ``message``."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(status, message)
        self.status, self.message = status, message


def run_async(client: AsyncFakeClient, **kwargs: Any) -> ContainerRun:
    return asyncio.run(run_container_async(client, "busybox", ["foo"], **kwargs))


def test_async_pulls_on_404_only() -> None:
    missing = DockerError(404, "No such image: busybox:latest")
    client = AsyncFakeClient(create=[missing], wait={"StatusCode": 3})
    assert run_async(client).exit_code == 3
    assert client.calls[:3] == ["create", "pull busybox", "create"]
    client = AsyncFakeClient(create=DockerError(409, 'Conflict. The container name "/x"'))
    assert (run_async(client).exit_code, client.calls) == (125, ["create"])


def test_async_failing_inspect_and_delete_do_not_change_the_code() -> None:
    client = AsyncFakeClient(
        wait={"StatusCode": 137}, show=DockerError(500, "gone"), delete=ConnectionResetError()
    )
    run = run_async(client, remove=True)
    assert (run.exit_code, run.outcome, run.inspect) == (137, ExitOutcome.SIGNALED, None)
    assert client.calls[-2:] == ["show", "delete"]
    assert run.explanation is not None  # of the wait response
    assert run.explanation.classification.exit_code == 137


def test_async_output_that_cannot_be_decoded_ends_the_copy_not_the_run() -> None:
    chunks: list[bytes] = []
    broken = UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")
    client = AsyncFakeClient(log=["héllo\n", broken, "never"], wait={"StatusCode": 3})
    assert run_async(client, output=chunks.append).exit_code == 3
    assert chunks == ["héllo\n".encode()]
    client = AsyncFakeClient(log=[DockerError(500, "logging driver")], wait={"StatusCode": 0})
    assert run_async(client, output=chunks.append).exit_code == 0


@pytest.mark.parametrize("step", ["create", "start", "wait", "show", "log"])
def test_async_programming_errors_propagate(step: str) -> None:
    steps: dict[str, Any] = {"wait": {"StatusCode": 1}}
    steps[step] = [KeyError("a bug")] if step == "log" else KeyError("a bug")
    client = AsyncFakeClient(**steps)
    with pytest.raises(KeyError, match="a bug"):
        run_async(client, remove=True, output=lambda chunk: None)
    assert "delete" not in client.calls


@pytest.mark.parametrize(
    "arguments",
    [
        {"detach": 1},
        {"remove": "yes"},
        {"profile": "docker@28.2.2"},
        {"config": "Image=busybox"},
        {"config": [("Env", [])]},
        {"command": "sh -c 'unclosed"},
        {"command": [b"sh"]},
        {"command": 7},
        {"image": None},
    ],
    ids=[
        "detach",
        "remove",
        "profile",
        "config-str",
        "config-list",
        "quote",
        "bytes",
        "int",
        "image",
    ],
)
def test_async_invalid_arguments_fail_before_any_call(arguments: dict[str, Any]) -> None:
    client = AsyncFakeClient()
    image = arguments.pop("image", "busybox")
    command = arguments.pop("command", ["foo"])
    with pytest.raises(InvalidArgumentError):
        asyncio.run(run_container_async(client, image, command, **arguments))
    assert client.calls == []


# --- the law: the recipe cannot disagree with classify() about an unreachable daemon ----------


@settings(max_examples=60, deadline=None)
@given(data=st.data(), profile=exitcodes_strategies.profiles(engine="docker"))
def test_first_request_errors_agree_with_classify(data: st.DataObject, profile: Any) -> None:
    """Any error of the recipe's first request, raised as a client connection error.

    When classify() reads it as a failure to reach the daemon, the recipe exits with
    classify's code (1 from docker 29.1.3, by the text before); otherwise the error is
    create's, mapped by its text as resolve() maps it.
    """
    text = data.draw(
        st.one_of(
            exitcodes_strategies.daemon_errors(profile=profile),
            st.sampled_from(CLIENT_WORDINGS),
        )
    )
    error = ConnectionError(text)
    run = run_container(FakeClient(create=error), "busybox", profile=profile)
    try:
        rule: str | None = classify(error, profile=profile).rule
    except ExitCodesError:  # classify does not read it (no engine wording): not a connection
        rule = None
    if run.phase == "connect":
        assert rule is not None and rule.startswith("docker-connection/")
        assert run.exit_code == classify(error, profile=profile).exit_code
        assert (run.exit_code == 1) == behaviour("docker-cli/run-pings-first", profile)
    else:
        assert rule is None or not rule.startswith("docker-connection/")
        assert run.resolution == resolve("run", error=error, phase="create", profile=profile)


#: What the clients say when the daemon is not there (docker-py via requests, the docker CLI).
CLIENT_WORDINGS = (
    "('Connection aborted.', FileNotFoundError(2, 'No such file or directory'))",
    "HTTPConnectionPool(host='127.0.0.1', port=9): Max retries exceeded with url:"
    " /v1.45/containers/create (Caused by NewConnectionError('<urllib3.connection."
    "HTTPConnection object at 0x7f>: Failed to establish a new connection: [Errno 111]"
    " Connection refused'))",
    "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon"
    " running?",
    'error during connect: Post "http://%2Fvar%2Frun%2Fdocker.sock/v1.47/containers/create":'
    " dial unix /var/run/docker.sock: connect: permission denied",
)
