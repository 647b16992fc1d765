#!/usr/bin/env python3
"""Record ``tests/engines_live/vectors/<dockerd>/cli-<cli>.jsonl`` from the real daemons.

Starts every provisioned daemon (``scripts/provision_engines.sh`` first, as root), runs every
scenario with the host CLI and the daemon's own CLI, stops the daemons, and writes one JSON
line per scenario: name, dockerd/containerd/runc/CLI versions, argv, the ``exitcodes.resolve``
keyword arguments (with the real stderr and State), the real exit code, stderr, stdout and the
inspect State (``null`` where no container was left). The library is not consulted: these are
the daemons' answers. ``test_engines_vectors.py`` replays them on every run.

Usage (from the repository root, as root):
    python tests/engines_live/record_vectors.py [VERSION...] [--force]
"""

from __future__ import annotations

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from engines_live.daemons import DAEMONS
from engines_live.live import run_all, stop_started
from engines_live.scenarios import (
    SCENARIOS,
    VECTOR_DIR,
    load_vectors,
    recorded_call,
    vector,
    vector_line,
    vector_path,
)


def main(argv: list[str] | None = None) -> int:
    """Record; print one line per scenario (code, seconds, first stderr line)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("versions", nargs="*", default=list(DAEMONS), help="dockerd versions")
    parser.add_argument(
        "--force", action="store_true", help="write even if a scenario did not run as planned"
    )
    parser.add_argument(
        "--refresh-calls",
        action="store_true",
        help="no daemons: rebuild the resolve calls of the recorded vectors from their facts"
        " (after a change of the scenario table's calls)",
    )
    args = parser.parse_args(argv)
    if args.refresh_calls:
        for path in sorted(VECTOR_DIR.glob("*/cli-*.jsonl")):
            vecs = load_vectors(path)
            by_name = {vec["name"]: vec for vec in vecs}
            for vec in vecs:
                vec["resolve"] = recorded_call(vec, by_name)
            path.write_text("".join(f"{vector_line(v)}\n" for v in vecs), encoding="utf-8")
            print(f"refreshed {len(vecs)} calls in {path}")
        return 0
    try:
        runs = run_all(tuple(args.versions))
    finally:
        stop_started()
    status = 0
    for version, run in runs.items():
        if run.daemon is None:
            print(f"dockerd {version}: could not start: {run.reason}", file=sys.stderr)
            status = 1
            continue
        for cli, captures in run.captures.items():
            lines, broken = [], []
            for scenario in SCENARIOS:
                capture = captures[scenario.name]
                if capture.problems:
                    broken.append(f"{scenario.name}: {'; '.join(capture.problems)}")
                lines.append(vector_line(vector(scenario, captures, run.daemon, cli)))
                first = (capture.stderr.strip().splitlines() or [""])[0]
                print(
                    f"{version:9} {cli:9} {scenario.name:30} {capture.exit_code!s:>4}"
                    f" {capture.seconds:5.1f}s {first[:110]}"
                )
            if broken and not args.force:
                print(f"dockerd {version} CLI {cli}: not written:", file=sys.stderr)
                for item in broken:
                    print(f"  {item}", file=sys.stderr)
                status = 1
                continue
            path = vector_path(version, cli)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
            print(f"wrote {len(lines)} vectors to {path}")
        print(f"dockerd {version}: {run.wall:.1f} s", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
