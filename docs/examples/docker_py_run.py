"""Run a container through docker-py, and exit exactly as ``docker run`` would.

Usage: ``python docker_py_run.py [--rm] [-d] IMAGE [COMMAND [ARG...]]``

The daemon is the one of ``DOCKER_HOST`` (as for the docker CLI). The container's output
goes to stdout. When the engine fails (connect, create, pull, start, wait), the error goes
to stderr and the exit code is docker run's 125, 126 or 127; otherwise it is the
container's own. ``EXITCODES_PROFILE`` names the docker CLI to be bug-compatible with,
e.g. ``docker@20.10.24`` (default: the newest).
"""

from __future__ import annotations

import os
import sys

import docker

from exitcodes import profiles, resolve
from exitcodes.recipes import exit_like_docker


def main(argv: list[str]) -> None:
    """Run ``[--rm] [-d] IMAGE [COMMAND [ARG...]]`` and exit with docker run's code."""
    profile = profiles.from_spec(os.environ.get("EXITCODES_PROFILE", "docker"))
    remove = detach = False
    while argv and argv[0] in ("--rm", "-d"):
        flag = argv.pop(0)
        remove, detach = remove or flag == "--rm", detach or flag == "-d"
    if not argv:
        sys.exit("usage: docker_py_run.py [--rm] [-d] IMAGE [COMMAND [ARG...]]")
    image, command = argv[0], argv[1:] or None

    try:  # docker-py asks the daemon for its API version here
        client = docker.from_env()
    except docker.errors.DockerException as error:
        print(error, file=sys.stderr)
        sys.exit(resolve("run", error=error, phase="connect", profile=profile).exit_code)
    try:
        exit_like_docker(client, image, command, detach=detach, remove=remove, profile=profile)
    finally:
        client.close()


if __name__ == "__main__":
    main(sys.argv[1:])
