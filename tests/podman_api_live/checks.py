"""What the library is asked about a recorded podman API vector, and the known disagreements.

A CLI vector is checked through ``exitcodes.resolve`` with the ``engines_live`` scenario's
call filled from the real run (its stderr, State, the container's status), plus what the
real run itself shows: ``auto_remove=True`` for a ``run --rm``, ``phase="create"`` for a
``run`` whose container never existed (podman refused it at create: ``--init`` without
catatonit on this machine), and ``phase="start"`` for one dockerd refuses at create but
podman created (a workdir that is a file: podman checks it when the process starts). A docker-py vector is checked through ``resolve("run",
error=<the rebuilt exception>)``: it must give what the docker CLI gave in the same scenario.

The profile is ``exitcodes.profiles.docker(<CLI version>, daemon="podman",
engine_version=<podman version>)``: the docker CLI against podman's Docker API. Where that
API makes the CLI exit otherwise than against dockerd, the profile's rows say so
(``docker-cli/podman-attach-initialises``, ``docker-cli/podman-rm-wait-answers-0``, and
podman's own exec codes), so every vector must agree: there is no list of known
disagreements.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from engines_live.scenarios import BY_NAME, recorded_call


def cli_call(vec: Mapping[str, Any], siblings: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """``resolve``'s keyword arguments for a recorded CLI vector (see the module docstring)."""
    scenario = BY_NAME[vec["name"]]
    call = recorded_call(vec, siblings)
    if scenario.status_from is not None:
        call["auto_remove"] = True
    if scenario.plan.argv[0] != "run":
        return call
    origin = siblings.get(scenario.status_from or vec["name"], vec)
    existed = vec["state"] is not None or origin["state"] is not None
    if "wait" in call and not existed:
        call.pop("wait")
        call.pop("state", None)
        call.update(phase="create", error=vec["stderr"].strip())
    if call.get("phase") == "create" and existed:
        call["phase"] = "start"  # dockerd refused it at create; podman created it
    return call


def profile(podman: str, cli: str) -> Any:
    """The profile a vector is checked with: docker CLI *cli* against podman *podman*."""
    import exitcodes

    return exitcodes.profiles.docker(cli, daemon="podman", engine_version=podman)


def check_rule(vec: Mapping[str, Any], siblings: Mapping[str, Mapping[str, Any]]) -> str | None:
    """The rule ``resolve`` decides a recorded CLI vector by (``None`` if it raises)."""
    import exitcodes

    try:
        call = cli_call(vec, siblings)
        return str(exitcodes.resolve(**call, profile=profile(vec["podman"], vec["cli"])).rule)
    except exitcodes.ExitCodesError:
        return None


def check_cli(vec: Mapping[str, Any], siblings: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """``resolve(**cli_call(vec))`` gives the CLI's real exit code."""
    import exitcodes

    call = cli_call(vec, siblings)
    try:
        got: object = exitcodes.resolve(
            **call, profile=profile(vec["podman"], vec["cli"])
        ).exit_code
    except Exception as exc:
        got = f"{type(exc).__name__}: {exc}"
    if got != vec["exit_code"]:
        return [f"the docker CLI {vec['cli']} exited {vec['exit_code']}; resolve said {got}"]
    return []


def check_docker_py(vec: Mapping[str, Any], cli_vec: Mapping[str, Any]) -> list[str]:
    """``resolve("run", error=<docker-py's exception>)`` gives what the CLI gave."""
    import exitcodes
    from podman_api_live.dockerpy import rebuild

    error = rebuild(vec["evidence"])
    auto_remove = bool(vec["call"]["kwargs"].get("auto_remove"))
    try:
        if error is None:
            got: object = 0  # containers.run() returned: the container exited 0
        else:
            got = exitcodes.resolve(
                "run",
                error=error,
                auto_remove=auto_remove,
                state=vec["state"],
                profile=profile(vec["podman"], cli_vec["cli"]),
            ).exit_code
    except Exception as exc:
        got = f"{type(exc).__name__}: {exc}"
    if got != cli_vec["exit_code"]:
        raised = vec["evidence"]["raised"]
        return [
            f"docker-py raised {raised} ({vec['evidence'].get('method')}"
            f" {vec['evidence'].get('url')}); resolve said {got}; the docker CLI"
            f" {cli_vec['cli']} exited {cli_vec['exit_code']}"
        ]
    return []
