"""Start and stop ``podman system service`` on a private unix socket, with a busybox image.

Each service runs with its own storage (``--root``/``--runroot`` under a run directory in
``/tmp``) and a ``containers.conf`` that makes runc work on these machines (runc, cgroupfs,
``default_ulimits``, ``netns = "none"``: no network but loopback). The busybox image
``bb:latest`` is imported from a tar built here from the static busybox of
``.cache/podman-rootfs`` plus the test programs of ``scripts/provision_engines.sh`` (no pull).
The service's PID is written to ``<run dir>/pid``; :func:`stop` ends exactly that process
(and the conmon processes whose ``--exit-dir`` lies in the run directory), by PID.

Usage:
    python tests/podman_api_live/service.py start VERSION   (prints DOCKER_HOST, stays up)
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

_TESTS_DIR = Path(__file__).resolve().parents[1]
if str(_TESTS_DIR) not in sys.path:
    sys.path.insert(0, str(_TESTS_DIR))

from engines_live.daemons import IMAGE, Daemon  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[2]
CACHE = REPO_ROOT / ".cache"
VERSIONS = ("4.3.1", "5.4.2", "5.8.6")
"""podman 4.3.1 is Debian's (``/usr/bin/podman``); 5.x are ``scripts/provision_podman5.sh``'s."""
PROVISION_HINT = (
    "provision with `sudo scripts/provision_podman.sh` (podman 4.3.1, runc, busybox rootfs) and"
    " `sudo scripts/provision_podman5.sh` (podman 5.4.2, 5.8.6)"
)
_CHILDREN: dict[Path, subprocess.Popen[bytes]] = {}
"""The services this process started, by run directory, so that stopping one also reaps it."""
START_TIMEOUT = 60.0
COMMAND_TIMEOUT = 60.0

_CONTAINERS_CONF = """[containers]
default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]
netns = "none"

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "{run}/events.log"
tmp_dir = "{run}/tmp"
"""

_EXTRA_FILES = {
    # The test programs of scripts/provision_engines.sh's rootfs, with the same modes.
    "bin/noexec.sh": (
        0o644,
        '#!/bin/sh\necho "this script must not run: it has no exec bit"\nexit 42\n',
    ),
    "bin/badinterp.sh": (0o755, '#!/nonexistent/interp\necho "this script must not run"\n'),
    "bin/garbage": (0o755, "\177ELF this is not a real executable, only its magic\n"),
    "bin/ignoreterm.sh": (
        0o755,
        '#!/bin/sh\ntrap "" TERM\necho ready\nwhile :; do sleep 1; done\n',
    ),
    "bin/hog.sh": (
        0o755,
        '#!/bin/sh\necho ready\nx=0123456789abcdef\nwhile :; do x="$x$x"; done\n',
    ),
}


def binary(version: str) -> Path:
    """Where podman *version* is: Debian's for 4.3.1, the provisioned wrapper for 5.x."""
    if version == "4.3.1":
        return Path(os.environ.get("EXITCODES_PODMAN_431", "/usr/bin/podman"))
    return CACHE / "podman5" / version / "podman"


def rootfs_tar(dest: Path) -> Path:
    """Write the busybox image's tar to *dest*: podman-rootfs plus the test programs."""
    source = (CACHE / "podman-rootfs").resolve()
    with tarfile.open(dest, "w") as tar:

        def owned_by_root(info: tarfile.TarInfo) -> tarfile.TarInfo | None:
            if info.name.lstrip("./") in _EXTRA_FILES:
                return None
            info.uid = info.gid = 0
            info.uname = info.gname = "root"
            return info

        tar.add(source, arcname=".", filter=owned_by_root)
        for directory in ("adir", "tmp"):
            if (source / directory).exists():
                continue
            info = tarfile.TarInfo(directory)
            info.type, info.mode = tarfile.DIRTYPE, 0o1777 if directory == "tmp" else 0o755
            tar.addfile(info)
        for name, (mode, text) in _EXTRA_FILES.items():
            data = text.encode("latin-1")
            info = tarfile.TarInfo(name)
            info.mode, info.size = mode, len(data)
            tar.addfile(info, io.BytesIO(data))
    return dest


@dataclass
class Started:
    """A running service as an engines_live :class:`Daemon`, or why it could not start."""

    version: str
    daemon: Daemon | None
    reason: str
    seconds: float


def _podman(version: str, run: Path) -> list[str]:
    """podman *version* with the run directory's storage (last ``--root`` wins)."""
    return [str(binary(version)), "--root", str(run / "root"), "--runroot", str(run / "runroot")]


def _env(version: str, run: Path) -> dict[str, str]:
    env = {
        "PATH": "/usr/sbin:/usr/bin:/sbin:/bin",
        "HOME": str(run),
        "LC_ALL": "C",
        "TMPDIR": str(run / "tmp"),
        "PODMAN_IGNORE_CGROUPSV1_WARNING": "1",
    }
    if version == "4.3.1":  # 5.x's wrappers set their own containers.conf (the same settings)
        env["CONTAINERS_CONF"] = str(run / "containers.conf")
    return env


def _runc_version() -> str:
    done = subprocess.run(
        ["runc", "--version"], capture_output=True, text=True, check=False, timeout=30
    )
    first = done.stdout.splitlines()[0] if done.stdout else ""
    return first.rsplit(" ", 1)[-1] if first else "unknown"


def _tail(path: Path, lines: int = 6) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return " | ".join(line.strip() for line in text.strip().splitlines()[-lines:])


def unavailable_reason(version: str) -> str | None:
    """Why podman *version* cannot serve here, or ``None``."""
    if not sys.platform.startswith("linux"):
        return f"not Linux ({sys.platform})"
    if os.geteuid() != 0:
        return "not running as root (the suite runs rootful podman)"
    podman = binary(version)
    if not os.access(podman, os.X_OK):
        why = podman.parent / "unavailable"
        if why.is_file():
            return f"podman {version} was not provisioned: {why.read_text().strip()}"
        return f"no podman {version} at {podman}: {PROVISION_HINT}"
    if shutil.which("runc") is None:
        return "no `runc` on PATH"
    if not (CACHE / "podman-rootfs" / "bin" / "busybox").exists():
        return f"no busybox rootfs in {CACHE / 'podman-rootfs'}: {PROVISION_HINT}"
    return None


def start(version: str) -> Started:
    """Start the service of podman *version*, import ``bb:latest``, check it answers.

    Never raises for a service that cannot start: ``reason`` says why (its log's tail).
    """
    begin = time.monotonic()

    def no(why: str) -> Started:
        return Started(version, None, why, time.monotonic() - begin)

    missing = unavailable_reason(version)
    if missing:
        return no(missing)
    run = Path(tempfile.mkdtemp(prefix=f"exitcodes-podman-api-{version}-", dir="/tmp"))
    for sub in ("tmp", "cli-config"):
        (run / sub).mkdir()
    (run / "containers.conf").write_text(_CONTAINERS_CONF.format(run=run), encoding="utf-8")
    env = _env(version, run)
    sock = run / "podman.sock"
    with (run / "service.log").open("ab") as log:
        proc = subprocess.Popen(
            [*_podman(version, run), "system", "service", "--time=0", f"unix://{sock}"],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=run,
            env=env,
            start_new_session=True,
        )
    _CHILDREN[run] = proc
    (run / "pid").write_text(f"{proc.pid}\n", encoding="utf-8")
    deadline = time.monotonic() + START_TIMEOUT
    while not sock.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            why = _tail(run / "service.log")
            stop_run(run)
            return no(f"`podman {version} system service` did not start: {why}")
        time.sleep(0.1)
    daemon = Daemon(
        version=version,
        containerd_version="podman",
        runc_version=_runc_version(),
        own_cli=None,
        own_cli_version=None,
        host=f"unix://{sock}",
        run_dir=run,
        pids=(proc.pid, proc.pid),
    )
    tar = rootfs_tar(run / "rootfs.tar")
    imported = subprocess.run(
        [
            *_podman(version, run),
            "import",
            "--change",
            'CMD ["/bin/sh"]',
            "--change",
            "ENV PATH=/usr/sbin:/usr/bin:/sbin:/bin",
            str(tar),
            IMAGE,
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=COMMAND_TIMEOUT,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    if imported.returncode != 0:
        stop_run(run)
        return no(f"podman {version} could not import {IMAGE}: {imported.stderr.strip()[:400]}")
    return Started(version, daemon, "", time.monotonic() - begin)


def stop_run(run: Path) -> None:
    """End the service of *run* (TERM, then KILL after 10 s) and the conmons it left."""
    pid_file = run / "pid"
    pids = [int(pid_file.read_text().strip())] if pid_file.exists() else []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                argv = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if argv and argv[0].endswith(b"conmon") and str(run).encode() in b" ".join(argv):
                pids.append(int(entry.name))
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 10
    for pid in pids:
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        else:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    child = _CHILDREN.pop(run, None)
    if child is not None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            child.wait(timeout=10)
    _unmount_under(run)
    shutil.rmtree(run, ignore_errors=True)


def _unmount_under(run: Path) -> None:
    """Unmount what podman left mounted in *run* (overlays, shm), deepest first."""
    prefix = f"{run}/"
    with open("/proc/self/mounts", encoding="utf-8") as mounts:
        points = [line.split()[1] for line in mounts if line.split()[1].startswith(prefix)]
    for point in sorted(points, reverse=True):
        subprocess.run(["umount", point], capture_output=True, check=False)


def stop(daemon: Daemon) -> None:
    """Stop a service :func:`start` gave."""
    stop_run(daemon.run_dir)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "start":
        started = start(sys.argv[2])
        if started.daemon is None:
            sys.exit(started.reason)
        print(f"DOCKER_HOST={started.daemon.host}", flush=True)
        try:
            signal.pause()
        finally:
            stop(started.daemon)
    else:
        sys.exit(__doc__)
