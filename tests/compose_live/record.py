"""Run the compose scenarios on a real compose binary against a real dockerd; write vectors.

Usage (as root, after ``scripts/provision_compose.sh``)::

    python tests/compose_live/record.py VERSION [--check]

starts the daemon paired with compose VERSION (``tests/engines_live/daemons.py``), runs every
scenario of ``scenarios.py`` on a fresh project and writes
``vectors/<VERSION>/scenarios.jsonl``; with ``--check`` it writes nothing and prints the
scenarios whose exit code differs from the recorded one (the live test). The daemon is stopped
(by PID) on the way out.
"""

from __future__ import annotations

import concurrent.futures
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

_TESTS = Path(__file__).resolve().parents[1]
if str(_TESTS) not in sys.path:
    sys.path.insert(0, str(_TESTS))

from engines_live import daemons  # noqa: E402

from compose_live.scenarios import DAEMON_OF, SCENARIOS, VECTOR_DIR, Scenario  # noqa: E402

COMPOSE_CACHE = daemons.CACHE / "compose"
WORKERS = int(os.environ.get("EXITCODES_COMPOSE_WORKERS", "4"))
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def compose_binary(version: str) -> Path | str:
    """The provisioned binary, or the reason it is missing (a string)."""
    directory = COMPOSE_CACHE / version
    if (directory / "unavailable").exists():
        return (directory / "unavailable").read_text(encoding="utf-8").strip()
    binary = directory / "docker-compose"
    if not binary.exists():
        return f"no {binary}: run `sudo scripts/provision_compose.sh` first"
    return binary


def _clean(text: str) -> str:
    return _ANSI.sub("", text).replace("\r", "")


def _project_containers(daemon: daemons.Daemon, project: str) -> list[dict[str, Any]]:
    ids = daemons.cli_run(
        daemons.HOST_CLI,
        daemon,
        ["ps", "-aq", "--filter", f"label=com.docker.compose.project={project}"],
    ).stdout.split()
    if not ids:
        return []
    raw = json.loads(daemons.cli_run(daemons.HOST_CLI, daemon, ["inspect", *ids]).stdout or "[]")
    out = []
    for item in raw:
        labels = item["Config"]["Labels"] or {}
        state = item["State"]
        out.append(
            {
                "service": labels.get("com.docker.compose.service"),
                "oneoff": labels.get("com.docker.compose.oneoff") == "True",
                "name": item["Name"].lstrip("/"),
                "state": {
                    key: state.get(key)
                    for key in (
                        "Status",
                        "ExitCode",
                        "OOMKilled",
                        "Error",
                        "StartedAt",
                        "FinishedAt",
                    )
                },
                "health": (state.get("Health") or {}).get("Status"),
            }
        )
    out.sort(key=lambda c: (c["state"]["FinishedAt"] or "", c["name"]))
    return out


def _exec_inspect(daemon: daemons.Daemon, exec_id: str) -> dict[str, Any]:
    """``GET /exec/ID/json`` on the daemon's socket (the CLI has no exec inspect)."""
    sock = daemon.host.removeprefix("unix://")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.settimeout(10)
        conn.connect(sock)
        conn.sendall(f"GET /exec/{exec_id}/json HTTP/1.0\r\nHost: docker\r\n\r\n".encode())
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    body = data.partition(b"\r\n\r\n")[2]
    try:
        raw = json.loads(body or b"{}")
    except ValueError:
        return {"error": body.decode("utf-8", "replace")[:200]}
    return {key: raw.get(key) for key in ("ExitCode", "Running", "Pid")}


def _event(line: str) -> dict[str, Any]:
    raw = json.loads(line)
    attrs = raw.get("Actor", {}).get("Attributes", {})
    keep = ("exitCode", "com.docker.compose.service", "com.docker.compose.oneoff", "name", "execID")
    return {
        "action": raw.get("Action") or raw.get("status"),
        "timeNano": raw.get("timeNano"),
        "id": (raw.get("Actor", {}).get("ID") or raw.get("id") or "")[:12],
        "attributes": {k: attrs[k] for k in keep if k in attrs},
    }


def run_scenario(
    binary: Path, version: str, daemon: daemons.Daemon, scenario: Scenario
) -> dict[str, Any]:
    """Run one scenario on a fresh project; return its vector."""
    project = "xc-" + scenario.name
    env = daemon.env()
    with tempfile.TemporaryDirectory(prefix="exitcodes-compose-") as work:
        (Path(work) / "compose.yaml").write_text(
            json.dumps({"services": scenario.services}, indent=1), encoding="utf-8"
        )
        base = [str(binary), "-p", project]
        if scenario.plugin:
            # As a docker CLI plugin: the daemon's own CLI runs `docker compose`.
            plugins = Path(work) / "cli-config" / "cli-plugins"
            plugins.mkdir(parents=True)
            (plugins / "docker-compose").symlink_to(binary)
            env = {**env, "DOCKER_CONFIG": str(plugins.parent)}
            base = [str(daemon.own_cli), "compose", "-p", project]

        def compose(args: tuple[str, ...], timeout: float = 90) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [*base, *args],
                cwd=work,
                env=env,
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
                stdin=subprocess.DEVNULL,
            )

        setup_code = None
        if scenario.setup:
            setup_code = compose(scenario.setup).returncode
        events = subprocess.Popen(
            [
                daemons.HOST_CLI,
                "events",
                "--format",
                "{{json .}}",
                "--filter",
                "type=container",
                "--filter",
                f"label=com.docker.compose.project={project}",
            ],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        time.sleep(0.3)
        began = time.monotonic()
        proc = subprocess.Popen(
            [*base, *scenario.argv],
            cwd=work,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=scenario.plugin,
        )
        if scenario.sigint:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                running = daemons.cli_run(
                    daemons.HOST_CLI,
                    daemon,
                    ["ps", "-q", "--filter", f"label=com.docker.compose.project={project}"],
                ).stdout.split()
                if running:
                    break
                time.sleep(0.2)
            time.sleep(1.0)
            if scenario.plugin:  # Ctrl-C in a terminal: the whole foreground process group
                os.killpg(proc.pid, signal.SIGINT)
            else:
                proc.send_signal(signal.SIGINT)
        try:
            stdout, stderr = proc.communicate(timeout=90)
        except subprocess.TimeoutExpired:
            proc.kill()
            stdout, stderr = proc.communicate()
        seconds = time.monotonic() - began
        time.sleep(0.5)
        events.terminate()
        event_lines, _ = events.communicate()
        containers = _project_containers(daemon, project)
        event_list = [_event(line) for line in event_lines.splitlines() if line.strip()]
        exec_ids = []
        for event in event_list:
            exec_id = event["attributes"].get("execID")
            if exec_id and exec_id not in exec_ids:
                exec_ids.append(exec_id)
        execs = [_exec_inspect(daemon, exec_id) for exec_id in exec_ids]
        ps = compose(("ps", "-a", "--format", "json")).stdout
        compose(("down", "-t", "0", "-v", "--remove-orphans"))
    ps_rows: list[Any] = []
    for raw in ps.splitlines():
        line = raw.strip()
        if line.startswith("["):
            ps_rows.extend(json.loads(line))
        elif line.startswith("{"):
            ps_rows.append(json.loads(line))
    keep = ("Service", "State", "ExitCode", "Health", "Name")
    return {
        "name": scenario.name,
        "compose": version,
        "dockerd": daemon.version,
        "argv": [
            *(["docker", "compose"] if scenario.plugin else ["docker-compose"]),
            "-p",
            project,
            *scenario.argv,
        ],
        "plugin": scenario.plugin,
        "setup": list(scenario.setup),
        "setup_exit_code": setup_code,
        "sigint": scenario.sigint,
        "exit_code": proc.returncode,
        "stderr": _clean(stderr)[-3000:],
        "stdout": _clean(stdout)[-1000:],
        "containers": containers,
        "ps": [{k: row.get(k) for k in keep} for row in ps_rows],
        "events": event_list,
        "execs": execs,
        "seconds": round(seconds, 1),
    }


def record(
    version: str, check: bool = False, only: list[str] | None = None
) -> tuple[list[dict[str, Any]], str]:
    """Run every scenario on compose *version*; returns (vectors, reason-if-skipped)."""
    binary = compose_binary(version)
    if isinstance(binary, str):
        return [], binary
    started = daemons.start(DAEMON_OF[version])
    daemon = started.daemon
    if daemon is None:
        return [], started.reason
    try:
        wanted = [s for s in SCENARIOS if not only or s.name in only]
        with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
            vectors = list(pool.map(lambda s: run_scenario(binary, version, daemon, s), wanted))
    finally:
        daemons.stop(daemon)
    if not check:
        out = VECTOR_DIR / version / "scenarios.jsonl"
        out.parent.mkdir(parents=True, exist_ok=True)
        if only and out.exists():  # re-record some scenarios, keep the others
            fresh = {v["name"]: v for v in vectors}
            old = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
            vectors = [fresh.pop(v["name"], v) for v in old] + list(fresh.values())
        out.write_text(
            "".join(json.dumps(v, sort_keys=True) + "\n" for v in vectors), encoding="utf-8"
        )
    return vectors, ""


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    vecs, why = record(args[0], check="--check" in sys.argv, only=args[1:] or None)
    if why:
        print(f"compose {args[0]}: skipped: {why}")
        sys.exit(1)
    for v in vecs:
        print(
            f"{v['name']:28} {v['exit_code']:4}  {v['seconds']:5}s  {v['stderr'].strip().splitlines()[-1:]}"
        )
