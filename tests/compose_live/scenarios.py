"""The compose scenarios run on the real compose binaries (and replayed from their vectors).

Each scenario is a compose file (services built from the imported busybox image, no network),
an optional setup command (``up -d`` before ``exec``/``wait``), the compose command under test,
and optionally a SIGINT sent to the compose process once the project's containers run (what
Ctrl-C in a terminal does). Services that must be stopped by compose run ``sleep`` as PID 1,
which ignores SIGTERM: with ``stop_grace_period: 1s`` they are killed (137) after a second.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

VECTOR_DIR = Path(__file__).resolve().parent / "vectors"
COMPOSE_VERSIONS = ("2.26.1", "2.40.3")
DAEMON_OF = {"2.26.1": "26.1.5", "2.40.3": "28.5.2"}


def svc(
    script: str | None = None,
    *,
    command: list[str] | None = None,
    depends: dict[str, str] | None = None,
    health: str | None = None,
    retries: int = 2,
) -> dict[str, Any]:
    """A service of the busybox image running ``sh -c SCRIPT`` (or *command*)."""
    out: dict[str, Any] = {
        "image": "bb:latest",
        "network_mode": "none",
        "stop_grace_period": "1s",
        "command": command if command is not None else ["sh", "-c", script or "true"],
    }
    if depends:
        out["depends_on"] = {name: {"condition": cond} for name, cond in depends.items()}
    if health is not None:
        out["healthcheck"] = {
            "test": ["CMD", "sh", "-c", health],
            "interval": "1s",
            "timeout": "1s",
            "retries": retries,
            "start_period": "0s",
        }
    return out


LONG = "sleep 30"


@dataclass(frozen=True)
class Scenario:
    """One compose invocation on a fresh project."""

    name: str
    services: dict[str, dict[str, Any]]
    argv: tuple[str, ...]
    setup: tuple[str, ...] = ()
    sigint: bool = False
    plugin: bool = False
    """Run as ``docker compose`` (the daemon's own CLI with compose as its plugin)."""
    since: str | None = None
    """The first compose version that knows the command (older ones are still run: usage error)."""
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


S = Scenario
SCENARIOS: tuple[Scenario, ...] = (
    # --- up, attached, no flag: compose returns 0 whatever the containers did -------------------
    S("up-one-0", {"a": svc("exit 0")}, ("up",)),
    S("up-one-3", {"a": svc("exit 3")}, ("up",)),
    S("up-two-3-0", {"a": svc("exit 3"), "b": svc("sleep 1; exit 0")}, ("up",)),
    S("up-one-127", {"a": svc("exit 127")}, ("up",)),
    S("up-one-137", {"a": svc("exit 137")}, ("up",)),
    S("up-missing-command", {"a": svc(command=["nosuch"])}, ("up",)),
    S("up-detached-3", {"a": svc("exit 3")}, ("up", "-d")),
    # --- up --abort-on-container-exit: the first container to exit decides ----------------------
    S("abort-first-3", {"a": svc("exit 3"), "b": svc(LONG)}, ("up", "--abort-on-container-exit")),
    S("abort-first-0", {"a": svc("exit 0"), "b": svc(LONG)}, ("up", "--abort-on-container-exit")),
    S(
        "abort-first-0-then-3",
        {"a": svc("exit 0"), "b": svc("sleep 1; exit 3")},
        ("up", "--abort-on-container-exit"),
    ),
    S(
        "abort-first-137",
        {"a": svc("exit 137"), "b": svc(LONG)},
        ("up", "--abort-on-container-exit"),
    ),
    S(
        "abort-three-127-first",
        {"a": svc("sleep 2; exit 3"), "b": svc(LONG), "c": svc("exit 127")},
        ("up", "--abort-on-container-exit"),
    ),
    S(
        "abort-three-3-first",
        {"a": svc("exit 3"), "b": svc("sleep 2; exit 0"), "c": svc("sleep 2; exit 127")},
        ("up", "--abort-on-container-exit"),
    ),
    S(
        "abort-missing-command",
        {"a": svc(command=["nosuch"]), "b": svc(LONG)},
        ("up", "--abort-on-container-exit"),
    ),
    # --- up --exit-code-from SVC (implies abort) -------------------------------------------------
    S("ecf-self-3", {"a": svc("exit 3"), "b": svc(LONG)}, ("up", "--exit-code-from", "a")),
    S("ecf-other-stopped", {"a": svc("exit 3"), "b": svc(LONG)}, ("up", "--exit-code-from", "b")),
    S("ecf-other-first-0", {"a": svc("exit 0"), "b": svc(LONG)}, ("up", "--exit-code-from", "b")),
    S(
        "ecf-self-0-other-3-later",
        {"a": svc("exit 0"), "b": svc("sleep 2; exit 3")},
        ("up", "--exit-code-from", "a"),
    ),
    S("ecf-self-127", {"a": svc("exit 127"), "b": svc(LONG)}, ("up", "--exit-code-from", "a")),
    S(
        "ecf-three-b",
        {"a": svc("exit 127"), "b": svc("sleep 2; exit 3"), "c": svc(LONG)},
        ("up", "--exit-code-from", "b"),
    ),
    S("ecf-no-such-service", {"a": svc("exit 3")}, ("up", "--exit-code-from", "nosuch")),
    S(
        "ecf-with-abort",
        {"a": svc("exit 3"), "b": svc(LONG)},
        ("up", "--abort-on-container-exit", "--exit-code-from", "a"),
    ),
    S("ecf-detached", {"a": svc("exit 3")}, ("up", "-d", "--exit-code-from", "a")),
    # --- up --abort-on-container-failure (2.27.0, docker/compose#11680) --------------------------
    S(
        "failure-0-then-3",
        {"a": svc("exit 0"), "b": svc("sleep 1; exit 3"), "c": svc(LONG)},
        ("up", "--abort-on-container-failure"),
        since="2.27.0",
    ),
    S(
        "failure-all-0",
        {"a": svc("exit 0"), "b": svc("sleep 1; exit 0")},
        ("up", "--abort-on-container-failure"),
        since="2.27.0",
    ),
    S(
        "failure-137",
        {"a": svc("exit 137"), "b": svc(LONG)},
        ("up", "--abort-on-container-failure"),
        since="2.27.0",
    ),
    S(
        "failure-and-exit-both",
        {"a": svc("exit 3")},
        ("up", "--abort-on-container-failure", "--abort-on-container-exit"),
        since="2.27.0",
    ),
    # --- up --wait ----------------------------------------------------------------------------
    S("wait-running", {"a": svc(LONG)}, ("up", "--wait")),
    S("wait-exits-3", {"a": svc("exit 3")}, ("up", "--wait")),
    S("wait-exits-0", {"a": svc("exit 0")}, ("up", "--wait")),
    S("wait-healthy", {"a": svc(LONG, health="true")}, ("up", "--wait")),
    S("wait-unhealthy", {"a": svc(LONG, health="false")}, ("up", "--wait")),
    S(
        "wait-oneshot-dep-ok",
        {"init": svc("exit 0"), "a": svc(LONG, depends={"init": "service_completed_successfully"})},
        ("up", "--wait"),
    ),
    S(
        "wait-timeout",
        {"a": svc(LONG, health="sleep 5", retries=10)},
        ("up", "--wait", "--wait-timeout", "2"),
    ),
    # --- depends_on conditions ------------------------------------------------------------------
    S(
        "dep-completed-fails",
        {
            "init": svc("exit 3"),
            "a": svc("exit 0", depends={"init": "service_completed_successfully"}),
        },
        ("up",),
    ),
    S(
        "dep-completed-fails-ecf",
        {
            "init": svc("exit 3"),
            "a": svc("exit 0", depends={"init": "service_completed_successfully"}),
        },
        ("up", "--exit-code-from", "a"),
    ),
    S(
        "dep-completed-ok-ecf",
        {
            "init": svc("exit 0"),
            "a": svc("exit 3", depends={"init": "service_completed_successfully"}),
        },
        ("up", "--exit-code-from", "a"),
    ),
    S(
        "dep-completed-ok-abort",
        {
            "init": svc("exit 0"),
            "a": svc("sleep 2; exit 3", depends={"init": "service_completed_successfully"}),
            "b": svc(LONG),
        },
        ("up", "--abort-on-container-exit"),
    ),
    S(
        "dep-healthy-fails",
        {"db": svc(LONG, health="false"), "a": svc("exit 0", depends={"db": "service_healthy"})},
        ("up",),
    ),
    S(
        "dep-healthy-exits",
        {"db": svc("exit 3", health="true"), "a": svc("exit 0", depends={"db": "service_healthy"})},
        ("up",),
    ),
    S(
        "dep-healthy-ok-abort",
        {"db": svc(LONG, health="true"), "a": svc("exit 3", depends={"db": "service_healthy"})},
        ("up", "--abort-on-container-exit"),
    ),
    # --- run -------------------------------------------------------------------------------------
    S("run-3", {"a": svc("exit 3")}, ("run", "a")),
    S("run-0", {"a": svc("exit 0")}, ("run", "a")),
    S("run-137", {"a": svc("exit 137")}, ("run", "a")),
    S("run-rm-3", {"a": svc("exit 3")}, ("run", "--rm", "a")),
    S("run-command-3", {"a": svc(LONG)}, ("run", "--rm", "a", "sh", "-c", "exit 3")),
    S("run-not-found", {"a": svc(LONG)}, ("run", "a", "nosuch")),
    S("run-rm-not-found", {"a": svc(LONG)}, ("run", "--rm", "a", "nosuch")),
    S("run-directory", {"a": svc(LONG)}, ("run", "--rm", "a", "/etc")),
    S("run-no-such-service", {"a": svc(LONG)}, ("run", "nosuch")),
    S("run-detached", {"a": svc("exit 3")}, ("run", "-d", "a")),
    S(
        "run-dep-fails",
        {
            "init": svc("exit 3"),
            "a": svc("exit 0", depends={"init": "service_completed_successfully"}),
        },
        ("run", "--rm", "a"),
    ),
    # --- exec ------------------------------------------------------------------------------------
    S("exec-3", {"a": svc(LONG)}, ("exec", "-T", "a", "sh", "-c", "exit 3"), setup=("up", "-d")),
    S("exec-0", {"a": svc(LONG)}, ("exec", "-T", "a", "true"), setup=("up", "-d")),
    S("exec-not-found", {"a": svc(LONG)}, ("exec", "-T", "a", "nosuch"), setup=("up", "-d")),
    S(
        "exec-no-such-service",
        {"a": svc(LONG)},
        ("exec", "-T", "nosuch", "true"),
        setup=("up", "-d"),
    ),
    S("exec-not-running", {"a": svc("exit 0")}, ("exec", "-T", "a", "true"), setup=("up", "-d")),
    # --- wait (2.20.0) ---------------------------------------------------------------------------
    # compose wait looks only at running containers: sleep long enough to outlive the setup.
    S("wait-one-3", {"a": svc("sleep 4; exit 3")}, ("wait", "a"), setup=("up", "-d")),
    S(
        "wait-two",
        {"a": svc("sleep 4; exit 3"), "b": svc("sleep 6; exit 0")},
        ("wait", "a", "b"),
        setup=("up", "-d"),
    ),
    S(
        "wait-two-last-fails",
        {"a": svc("sleep 4; exit 0"), "b": svc("sleep 6; exit 3")},
        ("wait", "a", "b"),
        setup=("up", "-d"),
    ),
    S("wait-already-exited", {"a": svc("exit 3")}, ("wait", "a"), setup=("up", "-d")),
    S("wait-no-such-service", {"a": svc(LONG)}, ("wait", "nosuch"), setup=("up", "-d")),
    S(
        "wait-down-project",
        {"a": svc("sleep 4; exit 3")},
        ("wait", "--down-project", "a"),
        setup=("up", "-d"),
    ),
    # --- Ctrl-C (SIGINT to the compose process) --------------------------------------------------
    S("sigint-up", {"a": svc(LONG), "b": svc(LONG)}, ("up",), sigint=True),
    S(
        "sigint-up-abort",
        {"a": svc(LONG), "b": svc(LONG)},
        ("up", "--abort-on-container-exit"),
        sigint=True,
    ),
    S(
        "sigint-up-ecf",
        {"a": svc(LONG), "b": svc(LONG)},
        ("up", "--exit-code-from", "a"),
        sigint=True,
    ),
    # compose run passes the signal on to the container (PID 1 here traps INT and exits 7).
    S(
        "sigint-run-forwarded",
        {"a": svc('trap "exit 7" INT; while :; do sleep 0.2; done')},
        ("run", "--rm", "a"),
        sigint=True,
    ),
    S("sigint-wait", {"a": svc(LONG)}, ("wait", "a"), setup=("up", "-d"), sigint=True),
    # --- compose's own errors --------------------------------------------------------------------
    S("unknown-flag", {"a": svc("exit 0")}, ("up", "--no-such-flag")),
    S("unknown-command", {"a": svc("exit 0")}, ("no-such-command",)),
    S("up-no-such-service", {"a": svc("exit 0")}, ("up", "nosuch")),
    S("file-not-found", {"a": svc("exit 0")}, ("-f", "nosuch.yaml", "up")),
    S("parse-error", {"a": {**svc("exit 0"), "no_such_key": 1}}, ("up",)),
    S("pull-refused", {"a": {**svc("exit 0"), "image": "127.0.0.1:1/nosuch:latest"}}, ("up",)),
    S("run-127", {"a": svc("exit 127")}, ("run", "--rm", "a")),
    # --- as a docker CLI plugin (`docker compose`, the daemon's own CLI) -----------------------
    S(
        "plugin-abort-first-3",
        {"a": svc("exit 3"), "b": svc(LONG)},
        ("up", "--abort-on-container-exit"),
        plugin=True,
    ),
    S(
        "plugin-ecf-other-stopped",
        {"a": svc("exit 3"), "b": svc(LONG)},
        ("up", "--exit-code-from", "b"),
        plugin=True,
    ),
    S("plugin-unknown-flag", {"a": svc("exit 0")}, ("up", "--no-such-flag"), plugin=True),
    S("plugin-run-3", {"a": svc("exit 3")}, ("run", "--rm", "a"), plugin=True),
    S("plugin-sigint-up", {"a": svc(LONG)}, ("up",), sigint=True, plugin=True),
    S("abort-with-detach", {"a": svc("exit 0")}, ("up", "-d", "--abort-on-container-exit")),
)
BY_NAME = {s.name: s for s in SCENARIOS}
