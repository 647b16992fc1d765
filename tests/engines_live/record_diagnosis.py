#!/usr/bin/env python3
"""Record ``tests/engines_live/vectors/<dockerd>/diagnosis.jsonl``: evidence for ``diagnose``.

For the scenarios where one number hides several causes (OOM kills with and without
``--oom-kill-disable``, ``docker stop`` timeouts, ``docker kill``, a program that exits 137
itself, not found, permission), runs the scenario's real plan with the host CLI against every
provisioned daemon and keeps what an operator would have at hand afterwards: the full
``docker inspect`` document (State and HostConfig), the ``docker events`` of the container
(``--format '{{json .}}'``), and the kernel log lines of its OOM kills (``dmesg``, the lines
naming the container's cgroup and the kills of their PIDs). The library is not consulted:
``tests/test_diagnosis_vectors.py`` replays these through ``exitcodes.diagnosis.diagnose``.

Usage (from the repository root, as root, after ``scripts/provision_engines.sh``):
    python tests/engines_live/record_diagnosis.py [VERSION...]
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from dataclasses import replace

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from engines_live.daemons import DAEMONS, HOST_CLI, start, stop
from engines_live.harness import Context, normalize, run_plan
from engines_live.scenarios import SCENARIOS, VECTOR_DIR

CAUSES = {
    "run-oom": "oom-killed",
    "run-oom-kill-disable": "engine-kill",
    "run-stop-ignores-term": "stop-timeout",
    "run-stop-pid1-sleep": "stop-timeout",
    "run-stop-init-sleep": "docker-stop",
    "run-docker-kill": "engine-kill",
    "run-kill-9-child": "exit-from-inside",
    "run-kill-9-init": "exit-from-inside",
    "run-exit-3": "exit-from-inside",
    "run-exit-0": "exit-0",
    "run-not-found": "command-not-in-path",
    "run-noexec": "no-exec-bit",
}
"""Scenario -> what really happened (the scenario's plan), for the replaying test."""

_OOM_LINE = re.compile(r"oom-kill:.*task_memcg=\S*?([0-9a-f]{64}).*?,pid=(\d+)")


def _kernel_lines(container_id: str) -> list[str]:
    done = subprocess.run(["dmesg"], capture_output=True, text=True, check=False)
    lines = done.stdout.splitlines()
    pids = {
        m.group(2)
        for line in lines
        if (m := _OOM_LINE.search(line)) is not None and m.group(1) == container_id
    }
    return [
        line
        for line in lines
        if (container_id in line and "oom" in line)
        or any(f"Killed process {pid} " in line for pid in pids)
    ]


def record(version: str) -> int:
    """Start *version*, run the scenarios one at a time, write the vectors, stop it."""
    started = start(version)
    if started.daemon is None:
        print(f"dockerd {version}: {started.reason}", file=sys.stderr)
        return 1
    daemon = started.daemon
    lines = []
    try:
        ctx = Context(daemon, HOST_CLI, os.urandom(3).hex())
        for scenario in SCENARIOS:
            if scenario.name not in CAUSES:
                continue
            name = ctx.name(scenario.name)
            since = time.time() - 1
            capture = run_plan(ctx, scenario.name, replace(scenario.plan, containers=()))
            until = time.time() + 1
            inspected = ctx.run([HOST_CLI, "inspect", "--type", "container", name])
            document = json.loads(inspected.stdout)[0] if inspected.returncode == 0 else None
            events = ctx.run(
                [
                    HOST_CLI,
                    "events",
                    "--since",
                    f"{since:.3f}",
                    "--until",
                    f"{until:.3f}",
                    "--filter",
                    f"container={name}",
                    "--format",
                    "{{json .}}",
                ]
            ).stdout.splitlines()
            kernel = _kernel_lines(document["Id"]) if document else []
            ctx.run([HOST_CLI, "rm", "--force", name])
            vector = {
                "name": scenario.name,
                "dockerd": daemon.version,
                "true_cause": CAUSES[scenario.name],
                "argv": capture.argv,
                "exit_code": capture.exit_code,
                "stderr": capture.stderr,
                "problems": capture.problems,
                "inspect": document,
                "events": [json.loads(line) for line in events],
                "kernel": kernel,
            }
            lines.append(normalize(json.dumps(vector, sort_keys=True), daemon))
            print(
                f"{version} {scenario.name:24} {capture.exit_code} {len(events)} events"
                f" {len(kernel)} kernel lines {capture.problems}"
            )
    finally:
        stop(daemon)
    path = VECTOR_DIR / version / "diagnosis.jsonl"
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    print(f"wrote {len(lines)} vectors to {path}")
    return 0


def main(argv: list[str]) -> int:
    """Record every version named (all provisioned daemons by default), one after another."""
    return max(record(version) for version in (argv or list(DAEMONS)))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
