"""The recipe's paths with in-process fakes: what the stub tests cannot script.

``tests/test_sdk_stub.py`` runs the recipe with a real docker-py client against the stub
Engine API; here a fake client covers the other branches: podman-py's shapes, failing
removals and inspects, broken output streams, and programming errors that must propagate.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from exitcodes import ExitOutcome, InvalidArgumentError, profiles
from exitcodes.recipes import exit_like_docker, run_like_docker

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
