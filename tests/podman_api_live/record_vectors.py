#!/usr/bin/env python3
"""Record ``tests/podman_api_live/vectors/`` from real ``podman system service`` instances.

Starts each podman's service (4.3.1, and 5.4.2 / 5.8.6 where provisioned), runs every
``engines_live`` scenario with the docker CLIs 20.10.24 and the newest provisioned, and the
docker-py scenarios, then writes the vectors. The library is not consulted: these are the
real answers. ``test_podman_api_vectors.py`` replays them on every run.

Usage (from the repository root, as root):
    python tests/podman_api_live/record_vectors.py [VERSION...] [--force]
"""

from __future__ import annotations

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from engines_live.scenarios import SCENARIOS

from podman_api_live import dockerpy, live
from podman_api_live.live import run_all, stop_started
from podman_api_live.service import VERSIONS
from podman_api_live.vectors import (
    CLI_KEYS,
    PY_KEYS,
    cli_path,
    cli_vector,
    line,
    py_path,
    py_vector,
)


def main(argv: list[str] | None = None) -> int:
    """Record; print one line per scenario (code, seconds, first stderr line)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("versions", nargs="*", default=list(VERSIONS), help="podman versions")
    parser.add_argument(
        "--force", action="store_true", help="write even if a scenario did not run as planned"
    )
    parser.add_argument(
        "--docker-py-only", action="store_true", help="run and write only the docker-py vectors"
    )
    args = parser.parse_args(argv)
    if args.docker_py_only:
        live.RUN_CLIS = False
    try:
        runs = run_all(tuple(args.versions))
    finally:
        stop_started()
    status = 0
    for version, run in runs.items():
        if run.daemon is None or run.reason:
            print(f"podman {version}: {run.reason}", file=sys.stderr)
            status = 1
            if run.daemon is None:
                continue
        for cli, captures in run.captures.items():
            lines, broken = [], []
            for scenario in SCENARIOS:
                capture = captures[scenario.name]
                if capture.problems:
                    broken.append(f"{scenario.name}: {'; '.join(capture.problems)}")
                lines.append(line(cli_vector(scenario, captures, run.daemon, cli), CLI_KEYS))
                first = (capture.stderr.strip().splitlines() or [""])[0]
                print(
                    f"{version:6} {cli:9} {scenario.name:30} {capture.exit_code!s:>4}"
                    f" {capture.seconds:5.1f}s {first[:110]}"
                )
            if broken and not args.force:
                print(f"podman {version} CLI {cli}: not written:", file=sys.stderr)
                for item in broken:
                    print(f"  {item}", file=sys.stderr)
                status = 1
                continue
            path = cli_path(version, cli)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("".join(f"{text}\n" for text in lines), encoding="utf-8")
            print(f"wrote {len(lines)} vectors to {path}")
        if run.dockerpy:
            lines = [
                line(py_vector(scenario, call, run.dockerpy[scenario.name], run.daemon,
                               run.dockerpy_version), PY_KEYS)
                for scenario, call in dockerpy.SCENARIOS
            ]  # fmt: skip
            path = py_path(version)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("".join(f"{text}\n" for text in lines), encoding="utf-8")
            print(f"wrote {len(lines)} docker-py vectors to {path}")
        print(
            f"podman {version}: {run.wall:.1f} s (start {run.start_seconds:.1f} s)", file=sys.stderr
        )
    return status


if __name__ == "__main__":
    sys.exit(main())
