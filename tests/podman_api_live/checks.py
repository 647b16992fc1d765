"""What the library is asked about a recorded podman API vector, and the known disagreements.

A CLI vector is checked through ``exitcodes.resolve`` with the ``engines_live`` scenario's
call filled from the real run (its stderr, State, the container's status), plus what the
real run itself shows: ``auto_remove=True`` for a ``run --rm``, and ``phase="create"`` for a
``run`` whose container never existed (podman refused it at create: ``--init`` without
catatonit on this machine). A docker-py vector is checked through ``resolve("run",
error=<the rebuilt exception>)``: it must give what the docker CLI gave in the same scenario.

The profile is ``exitcodes.profiles.docker(<CLI version>)``: no profile models podman's
Docker API yet, so where podman's compat API makes the CLI exit otherwise than against
dockerd, :data:`DISAGREEMENTS` says so with the evidence and the comparison is
``xfail(strict=True)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from engines_live.scenarios import BY_NAME, recorded_call

_ATTACH_REFUSED = (
    "podman's compat attach refuses the hijack of a container whose start failed: the CLI"
    " prints `unable to upgrade to tcp, received 409` (podman 4.3.1) or `... received 500`"
    " (5.x; the service logs `preparing container ... for attach: runc: runc create failed`)"
    " and exits 1, never reading the start error (127/126/125 against dockerd); podman"
    " checks a workdir that is a file at start, not at create"
)
_RM_STATUS_LOST = (
    "podman < 4.6 answers the CLI's wait(condition=removed) of a --rm container with 0:"
    " containers/podman#18889, fixed in 4.6.0 by #18912 (4.3.1: 0; 5.4.2, 5.8.6: the status)"
)
_EXEC_127 = (
    "podman records 127 for an exec whose binary is not in PATH (`OCI runtime attempted to"
    " invoke a command that was not found`) whatever the CLI; the docker profile of CLI"
    " 20.10.24 assumes dockerd 20.10.24, which records 126"
)
_BOTH = ("cli", "docker-py")
_START_FAILS_RM = tuple(
    f"run-{rm}{name}"
    for rm in ("", "rm-")
    for name in ("not-found", "path-missing", "directory", "noexec", "workdir-is-file")
)
_RM_LOST_431 = tuple(
    f"run-rm-{name}"
    for name in (
        "exit-3",
        "kill-9-child",
        "oom",
        "oom-kill-disable",
        "stop-ignores-term",
        "stop-pid1-sleep",
        "docker-kill",
        "bad-interpreter",
        "enoexec-garbage",
    )
)

_PY_RM_GONE = (
    "docker-py's containers.run(auto_remove=True) against podman 4.3.1 fails reading back the"
    " container auto-remove already removed (GET /containers/{id}/json: 404 NotFound or 500):"
    " the exception carries no status and no step of the run, so resolve reads an engine"
    " error (125); the CLI exited 0 (the status was 0, or lost to containers/podman#18889)"
)
_PY_RM_GONE_431 = (
    "run-rm-exit-0",
    "run-rm-exit-3",
    "run-rm-kill-9-pid1",
    "run-rm-bad-interpreter",
    "run-rm-enoexec-garbage",
)

DISAGREEMENTS: dict[tuple[str, str, str, str], str] = {
    **{("4.3.1", "*", name, "docker-py"): _PY_RM_GONE for name in _PY_RM_GONE_431},
    **{("*", "*", name, check): _ATTACH_REFUSED for name in _START_FAILS_RM for check in _BOTH},
    **{("4.3.1", "*", name, "cli"): _RM_STATUS_LOST for name in _RM_LOST_431},
    **{(v, "20.10.24", "exec-not-found", "cli"): _EXEC_127 for v in ("4.3.1", "5.4.2", "5.8.6")},
}
"""(podman version or "*", CLI version or "*", scenario, "cli" or "docker-py") -> why."""


def disagreement(podman: str, cli: str, name: str, check: str) -> str | None:
    """Why the library disagrees with this real answer, if it is known to."""
    for key in ((podman, cli), (podman, "*"), ("*", cli), ("*", "*")):
        found = DISAGREEMENTS.get((*key, name, check))
        if found is not None:
            return found
    return None


def cli_call(vec: Mapping[str, Any], siblings: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """``resolve``'s keyword arguments for a recorded CLI vector (see the module docstring)."""
    scenario = BY_NAME[vec["name"]]
    call = recorded_call(vec, siblings)
    if scenario.status_from is not None:
        call["auto_remove"] = True
    if scenario.plan.argv[0] == "run" and "wait" in call:
        origin = siblings.get(scenario.status_from or vec["name"], vec)
        if vec["state"] is None and origin["state"] is None:
            call.pop("wait")
            call.pop("state", None)
            call.update(phase="create", error=vec["stderr"].strip())
    return call


def profile(cli: str) -> Any:
    """The profile a vector is checked with."""
    import exitcodes

    return exitcodes.profiles.docker(cli)


def check_cli(vec: Mapping[str, Any], siblings: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """``resolve(**cli_call(vec))`` gives the CLI's real exit code."""
    import exitcodes

    call = cli_call(vec, siblings)
    try:
        got: object = exitcodes.resolve(**call, profile=profile(vec["cli"])).exit_code
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
                profile=profile(cli_vec["cli"]),
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
