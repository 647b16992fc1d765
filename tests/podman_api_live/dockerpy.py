"""docker-py's ``containers.run()`` against podman's Docker API, and its evidence as data.

Every attached ``docker run`` scenario of ``engines_live.scenarios`` without a trigger is
translated to ``client.containers.run(image, command, **kwargs)``; what it returned or raised is
recorded (the exception's class, message, status, and the request it carries), with the
container's inspect State. :func:`rebuild` turns a record back into the real docker-py
exception (``docker.errors.create_api_error_from_http_exception`` on a ``requests`` response
with the recorded request), so the evidence replays offline.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import re
from typing import Any

from engines_live.daemons import IMAGE
from engines_live.harness import NAME_PREFIX
from engines_live.scenarios import RUN_RM, RUN_SCENARIOS, Scenario

MISSING_IMAGE = "127.0.0.1:1/exitcodes-nosuch:latest"
"""docker-py pulls a missing image: from a refused loopback port, never from a registry."""

_FLAGS_WITH_VALUE = {"--memory": "mem_limit", "--memory-swap": "memswap_limit"}
_FLAGS = {"--init": "init", "--oom-kill-disable": "oom_kill_disable", "--rm": "auto_remove"}
_ID_IN_URL = re.compile(r"/containers/[0-9a-f]{64}/")


def translate(scenario: Scenario) -> tuple[str, list[str], dict[str, Any]] | None:
    """``(image, command, kwargs)`` of ``containers.run`` for *scenario*, or ``None``.

    ``None`` for a scenario docker-py cannot express the same way (a trigger, a CLI flag).
    """
    plan = scenario.plan
    if plan.ready is not None or plan.setup or plan.argv[0] != "run":
        return None
    args = list(plan.argv[1:])
    kwargs: dict[str, Any] = {"network_mode": "none"}
    image = ""
    while args:
        arg = args.pop(0)
        if arg in _FLAGS:
            kwargs[_FLAGS[arg]] = True
        elif arg in _FLAGS_WITH_VALUE:
            kwargs[_FLAGS_WITH_VALUE[arg]] = args.pop(0)
        elif arg == "--workdir":
            kwargs["working_dir"] = args.pop(0)
        elif arg in ("--name", "--network", "--pull"):
            args.pop(0)
        elif arg.startswith("-"):
            return None
        else:
            image = {"{image}": IMAGE}.get(arg, MISSING_IMAGE if "nosuch" in arg else arg)
            break
    return image, args, kwargs


SCENARIOS: tuple[tuple[Scenario, tuple[str, list[str], dict[str, Any]]], ...] = tuple(
    (scenario, call)
    for scenario in RUN_SCENARIOS + RUN_RM
    if (call := translate(scenario)) is not None
)
"""The scenarios docker-py runs, with their ``containers.run`` arguments."""


def record(error: BaseException | None, logs: Any = None) -> dict[str, Any]:
    """What ``containers.run`` did: returned (``None``) or raised *error*, as plain data."""
    if error is None:
        return {"raised": None, "returned": _text(logs)}
    out: dict[str, Any] = {
        "raised": type(error).__name__,
        "module": type(error).__module__,
        "message": str(error),
    }
    status = getattr(error, "exit_status", None)
    if status is not None:
        out["exit_status"] = status
        out["stderr"] = _text(getattr(error, "stderr", None))
        return out
    response = getattr(error, "response", None)
    if response is not None:
        out["status_code"] = response.status_code
        out["body"] = response.text
        out["method"] = response.request.method
        out["url"] = _ID_IN_URL.sub("/containers/<id>/", response.request.url)
    out["explanation"] = _text(getattr(error, "explanation", None))
    return out


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return "" if value is None else str(value)


def _docker_errors() -> Any:
    """``docker.errors`` (docker-py has no type hints: its names are ``Any`` here)."""
    return importlib.import_module("docker.errors")


def rebuild(evidence: dict[str, Any]) -> BaseException | None:
    """The docker-py exception a record says was raised (``None`` if the call returned)."""
    import requests

    errors = _docker_errors()

    if evidence["raised"] is None:
        return None
    if "exit_status" in evidence:
        container_error: BaseException = errors.ContainerError(
            f"{NAME_PREFIX}replayed",
            evidence["exit_status"],
            None,
            "bb:latest",
            evidence["stderr"].encode("utf-8"),
        )
        return container_error
    if "status_code" not in evidence:
        cls = getattr(errors, evidence["raised"])
        plain_error: BaseException = cls(evidence["message"])
        return plain_error
    request = requests.Request(evidence["method"], evidence["url"]).prepare()
    response = requests.Response()
    response.status_code = evidence["status_code"]
    response._content = evidence["body"].encode("utf-8")
    response.request = request
    response.url = evidence["url"]
    response.reason = "replayed"
    try:
        response.raise_for_status()
    except requests.HTTPError as exc:
        try:
            errors.create_api_error_from_http_exception(exc)
        except errors.APIError as error:
            found: BaseException = error
            return found
    raise AssertionError(f"not an HTTP error: {json.dumps(evidence)[:200]}")


def run_one(client: Any, name: str, call: tuple[str, list[str], dict[str, Any]]) -> dict[str, Any]:
    """Run one scenario with docker-py; the record plus the container's State."""
    errors = _docker_errors()
    image, command, kwargs = call
    try:
        logs = client.containers.run(image, command, name=name, **kwargs)
        evidence = record(None, logs)
    except errors.DockerException as exc:
        evidence = record(exc)
    state = None
    with contextlib.suppress(errors.DockerException):
        state = client.api.inspect_container(name).get("State")
    with contextlib.suppress(errors.DockerException):
        client.api.remove_container(name, force=True)
    return {"evidence": evidence, "state": state}
