"""SDK objects as evidence: the real SDKs' own classes, built as the SDKs build them.

The SDKs are test extras; each test skips if its SDK is not installed (``CI=true``
installs them all through ``.[tests]``). exitcodes itself imports none of them.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from typing import Any

import pytest

from exitcodes import EvidenceKind, ExitOutcome, classify, profiles, resolve
from exitcodes.kubernetes import pod_failure_policy_rule

NOT_FOUND = (
    "failed to create task for container: failed to create shim task: OCI runtime create failed:"
    ' runc create failed: unable to start container process: exec: "foo": executable file not'
    " found in $PATH: unknown"
)


def test_docker_py_api_error_uses_explanation() -> None:
    errors = pytest.importorskip("docker.errors")
    error = errors.APIError("400 Client Error", explanation=NOT_FOUND)
    assert classify(error).exit_code == 127
    assert resolve("run", error=error).exit_code == 127
    assert resolve("start -a", error=error).exit_code == 1
    not_found = errors.ImageNotFound("404", explanation="No such image: busybox:nope")
    assert resolve("run", phase="create", error=not_found).exit_code == 125


def _docker_py_error(method: str, url: str, status: int, message: str) -> Any:
    """The exception docker-py raises for a failed request, built as docker-py builds it."""
    errors = pytest.importorskip("docker.errors")
    requests = pytest.importorskip("requests")
    response = requests.Response()
    response.status_code = status
    response._content = json.dumps({"message": message}).encode()
    response.request = requests.Request(method, url).prepare()
    response.url = url
    try:
        response.raise_for_status()
    except requests.HTTPError as exc:
        try:
            errors.create_api_error_from_http_exception(exc)
        except errors.APIError as error:
            return error
    raise AssertionError("raise_for_status did not raise")


_API = "http+docker://localhost/v1.41"
_ID = "e146b86071ba15d107e2833ec2d6161bec18af8f9e66c7f13ef36b4fe391d335"


@pytest.mark.parametrize(
    ("method", "url", "phase"),
    [
        ("POST", f"{_API}/containers/create?name=x", "create"),
        ("POST", f"{_API}/images/create?tag=latest&fromImage=127.0.0.1%3A1%2Fnosuch", "create"),
        ("GET", f"{_API}/images/127.0.0.1:1/nosuch:latest/json", "create"),
        ("POST", f"{_API}/containers/{_ID}/start", "start"),
        ("POST", f"{_API}/containers/{_ID}/attach?stream=1", "attach"),
        ("POST", f"{_API}/containers/{_ID}/wait", "wait"),
        ("POST", f"http+docker://localhost/containers/{_ID}/start", "start"),
        ("GET", f"{_API}/containers/{_ID}/json", "wait"),
        ("GET", f"{_API}/containers/{_ID}/logs?stderr=1&follow=1", "wait"),
        ("GET", f"{_API}/containers/{_ID}/top", None),
        ("DELETE", f"{_API}/containers/{_ID}", None),
        ("GET", f"{_API}/containers/create", None),
    ],
)
def test_docker_py_api_error_says_its_failed_step(method: str, url: str, phase: str | None) -> None:
    """docker-py's run() raises one APIError for any step; its request says which."""
    from exitcodes.adapters import adapt, request_phase

    error = _docker_py_error(method, url, 500, "boom")
    assert request_phase(error) == phase
    adapted = adapt(error)
    assert adapted is not None and adapted.phase == phase


def test_docker_py_run_create_error_is_read_as_create() -> None:
    """A create or pull refusal from containers.run() is read at its own step.

    Under a profile where the step decides (podman: 125 at create, 126 at start), reading
    every APIError of run() as a start failure gave 126 for an image that does not exist.
    """
    podman = profiles.podman("4.3.1")
    text = "No such image: 127.0.0.1:1/nosuch:latest"
    for method, url in (
        ("POST", f"{_API}/containers/create"),
        ("POST", f"{_API}/images/create?fromImage=127.0.0.1%3A1%2Fnosuch&tag=latest"),
        ("GET", f"{_API}/images/127.0.0.1:1/nosuch:latest/json"),
    ):
        error = _docker_py_error(method, url, 404, text)
        assert resolve("run", error=error, profile=podman).exit_code == 125, url
    started = _docker_py_error("POST", f"{_API}/containers/{_ID}/start", 500, text)
    assert (
        resolve("run", error=started, profile=podman).exit_code
        == resolve("run", phase="start", error=text, profile=podman).exit_code
        == 126
    )
    # start -a reads no request: its phase is what the caller says
    assert resolve("start -a", error=started, phase="attach").exit_code == 1


def test_docker_py_container_error_is_the_container_status() -> None:
    errors = pytest.importorskip("docker.errors")
    error = errors.ContainerError("c", 3, "sh -c 'exit 3'", "busybox", b"boom")
    result = classify(error)
    assert (result.exit_code, result.kind, result.outcome) == (
        3,
        EvidenceKind.WAIT,
        ExitOutcome.COMMAND_FAILED,
    )
    assert resolve("run", error=error).exit_code == 3
    killed = errors.ContainerError("c", 137, "sleep 9", "busybox", None)
    state = {"State": {"Status": "exited", "ExitCode": 137, "OOMKilled": True}}
    oom = resolve("run", error=killed, state=state)
    assert (oom.exit_code, oom.outcome) == (137, ExitOutcome.OOM_KILLED)


def test_docker_py_exec_result_and_wait_dict() -> None:
    containers = pytest.importorskip("docker.models.containers")
    result = containers.ExecResult(exit_code=5, output=b"")
    assert classify(result).exit_code == 5
    assert resolve("exec", exec_inspect=result).exit_code == 5
    assert resolve("exec", exec_inspect=containers.ExecResult(None, b"")).exit_code == 0
    assert resolve("run", wait={"StatusCode": 300, "Error": None}).exit_code == 44


def test_docker_py_container_object() -> None:
    containers = pytest.importorskip("docker.models.containers")
    container = containers.Container(
        attrs={"Id": "abc", "State": {"Status": "exited", "ExitCode": 137, "OOMKilled": True}}
    )
    assert classify(container).outcome is ExitOutcome.OOM_KILLED
    assert (
        resolve("run", wait={"StatusCode": 137}, state=container).outcome is ExitOutcome.OOM_KILLED
    )


def test_podman_py_objects() -> None:
    errors = pytest.importorskip("podman.errors")
    error = errors.APIError("500", explanation=NOT_FOUND)
    assert resolve("run", error=error, profile=profiles.podman("4.3.1")).exit_code == 127
    no_container: Any = None
    failed = errors.ContainerError(no_container, 2, ["false"], "busybox", [b"a", b"b"])
    assert classify(failed).exit_code == 2
    assert resolve("exec", exec_inspect=(7, b"out")).exit_code == 7
    assert classify(3).exit_code == 3  # podman-py's wait() returns a bare int


def test_python_on_whales_docker_exception_passes_the_cli_code_through() -> None:
    exceptions = pytest.importorskip("python_on_whales.exceptions")
    stderr = b"docker: Error response from daemon: " + NOT_FOUND.encode() + b"\n"
    error = exceptions.DockerException(["docker", "run", "busybox", "foo"], 127, b"", stderr)
    result = classify(error)
    assert (result.exit_code, result.outcome, result.kind) == (
        127,
        ExitOutcome.NOT_FOUND,
        EvidenceKind.PROCESS,
    )
    assert resolve("run", error=error).exit_code == 127
    own = exceptions.DockerException(
        ["docker", "run", "busybox", "sh", "-c", "exit 3"], 3, b"", b""
    )
    assert (classify(own).exit_code, classify(own).rule) == (3, "cli-result/passed-through")


def test_python_on_whales_container_state() -> None:
    models = pytest.importorskip("python_on_whales.components.container.models")
    state = models.ContainerState(status="exited", exit_code=137, oom_killed=True, running=False)
    assert classify(state).outcome is ExitOutcome.OOM_KILLED
    plain = models.ContainerState(status="exited", exit_code=0, oom_killed=False)
    assert classify(plain).outcome is ExitOutcome.SUCCESS


def test_aiodocker_error() -> None:
    exceptions = pytest.importorskip("aiodocker.exceptions")
    error = exceptions.DockerError(400, {"message": NOT_FOUND})
    assert classify(error).exit_code == 127


def test_kubernetes_objects() -> None:
    client = pytest.importorskip("kubernetes.client")
    start_error = client.V1ContainerStateTerminated(
        exit_code=128,
        reason="StartError",
        message='failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "foo": executable file not found in $PATH: unknown',
    )
    result = classify(start_error)
    assert (result.outcome, result.exit_code, result.signal) == (ExitOutcome.NOT_FOUND, 128, None)
    status = client.V1ContainerStatus(
        name="app",
        image="busybox",
        image_id="",
        ready=False,
        restart_count=3,
        state=client.V1ContainerState(
            waiting=client.V1ContainerStateWaiting(reason="CrashLoopBackOff", message="back-off")
        ),
        last_state=client.V1ContainerState(
            terminated=client.V1ContainerStateTerminated(exit_code=137, reason="OOMKilled")
        ),
    )
    assert classify(status).rule == "kubernetes/crash-loop-back-off"
    assert classify(status.last_state).outcome is ExitOutcome.OOM_KILLED
    exceptions = pytest.importorskip("kubernetes.client.exceptions")
    api = exceptions.ApiException(status=404, reason="Not Found")
    api.body = '{"kind":"Status","message":"pods \\"x\\" not found","reason":"NotFound","code":404}'
    assert "not found" in classify(api).reason or classify(api).exit_code == 125


@pytest.mark.parametrize(
    ("document", "outcome", "code", "rule"),
    [
        ({"exitCode": 0, "reason": "Completed"}, ExitOutcome.SUCCESS, 0, "kubernetes/completed"),
        ({"exitCode": 137, "reason": "Error"}, ExitOutcome.SIGNALED, 137, "kubernetes/error"),
        (
            {"exitCode": 137, "reason": "OOMKilled"},
            ExitOutcome.OOM_KILLED,
            137,
            "kubernetes/oom-killed",
        ),
        (
            {"exitCode": 137, "reason": "ContainerStatusUnknown"},
            ExitOutcome.STATUS_UNKNOWN,
            137,
            "kubernetes/container-status-unknown",
        ),
        (
            {"exitCode": 255, "reason": "Unknown"},
            ExitOutcome.STATUS_UNKNOWN,
            255,
            "kubernetes/unknown",
        ),
        (
            {"exitCode": 128, "reason": "StartError", "message": 'exec: "/etc": permission denied'},
            ExitOutcome.CANNOT_INVOKE,
            128,
            "kubernetes/start-error",
        ),
        (
            {
                "exitCode": 128,
                "reason": "StartError",
                "message": "error mounting: invalid argument",
            },
            ExitOutcome.ENGINE_ERROR,
            128,
            "kubernetes/start-error",
        ),
        (
            {"exitCode": 143, "reason": "DeadlineExceeded"},
            ExitOutcome.SIGNALED,
            143,
            "kubernetes/deadline-exceeded",
        ),
        (
            {"exitCode": 3, "reason": "SomethingNew"},
            ExitOutcome.COMMAND_FAILED,
            3,
            "kubernetes/exit-code",
        ),
        (
            {"terminated": {"exitCode": 139, "reason": "Error"}},
            ExitOutcome.SIGNALED,
            139,
            "kubernetes/error",
        ),
        (
            {"waiting": {"reason": "ImagePullBackOff", "message": "Back-off pulling image"}},
            ExitOutcome.ENGINE_ERROR,
            None,
            "kubernetes/image-pull-back-off",
        ),
        (
            {"running": {"startedAt": "2026-01-01T00:00:00Z"}},
            ExitOutcome.STATUS_UNKNOWN,
            None,
            "kubernetes/running",
        ),
        (
            {
                "name": "app",
                "state": {"terminated": {"exitCode": 1, "reason": "Error"}},
                "lastState": {},
            },
            ExitOutcome.COMMAND_FAILED,
            1,
            "kubernetes/error",
        ),
    ],
)
def test_kubectl_json(
    document: dict[str, Any], outcome: ExitOutcome, code: int | None, rule: str
) -> None:
    """Who sets which reason and code, as ``kubectl get pod -o json`` shows it.

    containerd CRI (internal/cri/server helpers): ``errorStartReason = "StartError"``,
    ``errorStartExitCode = 128`` ("128 is the same with Docker's behavior"),
    ``completeExitReason = "Completed"``, ``errorExitReason = "Error"``,
    ``oomExitReason = "OOMKilled"``, ``unknownExitCode = 255``, ``unknownExitReason =
    "Unknown"``. kubelet kubelet_pods.go:
    ``Reason: "ContainerStatusUnknown"``, ``ExitCode: 137, // this code indicates an error``.
    """
    result = classify(document)
    assert (result.outcome, result.exit_code, result.rule) == (outcome, code, rule)


def test_pod_failure_policy() -> None:
    """Job podFailurePolicy: In/NotIn, 0 never matches, containerName restricts, order wins.

    Kubernetes batch/v1 types.go: "Containers completed with success (exit code 0) are excluded
    from the requirement check."; "In: the requirement is satisfied if at least one container
    exit code ... is in the set of specified values. NotIn: ... is not in the set of specified
    values."; containerName "Restricts the check for exit codes to the container with the
    specified name."; "The rules are evaluated in order. Once a rule matches a Pod failure, the
    remaining of the rules are ignored."
    """
    rules: list[dict[str, Any]] = [
        {"action": "Ignore", "onPodConditions": [{"type": "DisruptionTarget"}]},
        {
            "action": "FailJob",
            "onExitCodes": {"containerName": "main", "operator": "In", "values": [42]},
        },
        {"action": "Count", "onExitCodes": {"operator": "NotIn", "values": [1, 2]}},
    ]
    assert pod_failure_policy_rule(42, rules, container_name="main") == 1
    assert pod_failure_policy_rule(42, rules, container_name="sidecar") == 2
    assert pod_failure_policy_rule(1, rules) is None
    assert pod_failure_policy_rule(0, rules) is None


def test_real_subprocess_results() -> None:
    """CPython docs: returncode -N is a signal death; a shell would say 128+N."""
    killed = subprocess.run(["sh", "-c", "kill -KILL $$"], check=False)
    result = classify(killed)
    assert (killed.returncode, result.exit_code, result.signal, result.outcome) == (
        -9,
        137,
        signal.SIGKILL,
        ExitOutcome.SIGNALED,
    )
    error = subprocess.CalledProcessError(3, ["false"], stderr=b"")
    assert resolve("run", error=error).exit_code == 3
    ran = subprocess.run(
        [sys.executable, "-c", "raise SystemExit(300)"], check=False, capture_output=True
    )
    assert classify(ran).exit_code == 44


def test_adapted_is_hashable_like_any_frozen_value() -> None:
    """Issue 14 item 11: "`adapters.Adapted` is frozen but unhashable"."""
    from exitcodes.adapters import Adapted, AdaptedKind

    one = Adapted(AdaptedKind.WAIT, {"StatusCode": 3, "Error": None}, "boom", "ContainerError")
    same = Adapted(AdaptedKind.WAIT, {"StatusCode": 3, "Error": None}, "boom", "ContainerError")
    other = Adapted(AdaptedKind.WAIT, {"StatusCode": 4, "Error": None}, "boom", "ContainerError")
    assert one == same and hash(one) == hash(same)
    assert len({one, same, other}) == 2
