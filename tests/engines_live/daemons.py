"""Start and stop the real docker daemons provisioned by ``scripts/provision_engines.sh``.

Each daemon runs privately: its own containerd (a generated ``containerd.toml``: root, state
and every socket under a run directory in ``/tmp``, the CRI plugin disabled) and a ``dockerd``
on a unix socket in the same directory, with ``--bridge=none --iptables=false`` (no network
but loopback), ``--storage-driver overlay2``, its own data and exec roots. Both are started
with ``setsid``-like sessions, stdin from ``/dev/null``, the run directory as working
directory, and ``PATH`` beginning with the daemon's ``bin/`` of symlinks so that dockerd finds
its runc and ``docker-init`` and containerd its own ``containerd-shim-runc-v2``: each looks
them up by name in ``PATH`` (``docs/real-engines.md`` lists what each daemon's ``bin/`` holds).

Their PIDs are written to ``<run dir>/pids`` and listed in ``.cache/engines/running``, so that
:func:`stop` (and ``python tests/engines_live/daemons.py stop-all`` after a crashed session)
ends exactly the processes this module started, by PID: the container shims containerd
started are found by their ``-address <run dir>/containerd.sock`` argument.

Usage:
    python tests/engines_live/daemons.py start VERSION   (prints DOCKER_HOST, stays up)
    python tests/engines_live/daemons.py stop-all
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
CACHE = Path(os.environ.get("EXITCODES_ENGINES_CACHE", REPO_ROOT / ".cache" / "engines"))
DAEMONS = ("20.10.24", "26.1.5", "28.5.2", "29.7.2")
"""Every daemon version the provisioning script knows, oldest first."""

HOST_CLI = "/usr/local/bin/docker"
"""The machine's docker CLI (28.2.2): every daemon is driven by it and by its own CLI."""

IMAGE = "bb:latest"
"""The busybox image each daemon imports from ``.cache/engines/rootfs.tar`` (no pull)."""

PROVISION_HINT = "run `sudo scripts/provision_engines.sh` first"
START_TIMEOUT = 60.0
COMMAND_TIMEOUT = 60.0
_REGISTRY = CACHE / "running"
_REGISTRY_LOCK = threading.Lock()
_CHILDREN: dict[int, subprocess.Popen[bytes]] = {}
"""The daemons this process started, by PID, so that stopping them also reaps them."""


@dataclass(frozen=True)
class Daemon:
    """A running private docker daemon: where its socket is and which versions it runs."""

    version: str
    containerd_version: str
    runc_version: str
    own_cli: str | None
    """The daemon's own docker CLI binary (``None`` where Debian ships none with it)."""
    own_cli_version: str | None
    host: str
    """``unix://<run dir>/docker.sock``, for ``DOCKER_HOST``."""
    run_dir: Path
    pids: tuple[int, int]
    """``(containerd, dockerd)``."""

    def env(self) -> dict[str, str]:
        """The environment for a docker CLI talking to this daemon (and only to it)."""
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith("DOCKER_") and key != "BUILDKIT_HOST"
        }
        env["DOCKER_HOST"] = self.host
        env["DOCKER_CONFIG"] = str(self.run_dir / "cli-config")
        env["LC_ALL"] = "C"
        env["NO_COLOR"] = "1"
        return env


@dataclass
class Started:
    """The outcome of :func:`start`: a daemon, or why it could not start."""

    version: str
    daemon: Daemon | None
    reason: str
    seconds: float


def _read_env(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        key, sep, value = line.partition("=")
        if sep:
            out[key.strip()] = value.strip()
    return out


def _tail(path: Path, lines: int = 6) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return " | ".join(line.strip() for line in text.strip().splitlines()[-lines:])


def _containerd_toml(run: Path) -> str:
    return f"""version = 2
root = "{run}/containerd/root"
state = "{run}/containerd/state"
disabled_plugins = ["io.containerd.grpc.v1.cri", "io.containerd.cri.v1.images",
  "io.containerd.cri.v1.runtime", "io.containerd.nri.v1.nri"]

[grpc]
  address = "{run}/containerd.sock"

[ttrpc]
  address = "{run}/containerd.sock.ttrpc"

[debug]
  address = "{run}/containerd-debug.sock"

[plugins."io.containerd.internal.v1.opt"]
  path = "{run}/containerd/opt"
"""


def _register(run: Path) -> None:
    with _REGISTRY_LOCK:
        _REGISTRY.parent.mkdir(parents=True, exist_ok=True)
        with _REGISTRY.open("a", encoding="utf-8") as out:
            out.write(f"{run}\n")


def _unregister(run: Path) -> None:
    with _REGISTRY_LOCK:
        if not _REGISTRY.exists():
            return
        kept = [
            line
            for line in _REGISTRY.read_text(encoding="utf-8").splitlines()
            if line.strip() and line.strip() != str(run)
        ]
        _REGISTRY.write_text("".join(f"{line}\n" for line in kept), encoding="utf-8")


def _spawn(argv: list[str], run: Path, log: Path, path_dir: Path) -> subprocess.Popen[bytes]:
    env = {
        "PATH": f"{path_dir}:/usr/sbin:/usr/bin:/sbin:/bin",
        "HOME": str(run),
        "LC_ALL": "C",
        "TMPDIR": str(run / "tmp"),
    }
    with log.open("ab") as out:
        proc = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=run,
            env=env,
            start_new_session=True,
        )
    with _REGISTRY_LOCK:
        _CHILDREN[proc.pid] = proc
    return proc


def _wait_for(check: object, proc: subprocess.Popen[bytes], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        if callable(check) and check():
            return True
        time.sleep(0.1)
    return False


def cli_run(
    cli: str, daemon: Daemon, args: list[str], timeout: float = COMMAND_TIMEOUT
) -> subprocess.CompletedProcess[str]:
    """Run ``cli args...`` against *daemon*; never raises for a non-zero exit."""
    return subprocess.run(
        [cli, *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env=daemon.env(),
    )


def unavailable_reason(version: str) -> str | None:
    """Why *version* was not provisioned, or ``None`` if it was."""
    directory = CACHE / "daemons" / version
    if (directory / "unavailable").exists():
        why = (directory / "unavailable").read_text(encoding="utf-8").strip()
        return f"dockerd {version} was not provisioned: {why}"
    if not (directory / "daemon.env").exists() or not (directory / "bin").is_dir():
        return f"dockerd {version} is not provisioned ({directory} is missing): {PROVISION_HINT}"
    if not (CACHE / "rootfs.tar").exists():
        return f"no busybox rootfs ({CACHE / 'rootfs.tar'}): {PROVISION_HINT}"
    return None


def start(version: str) -> Started:
    """Start containerd and dockerd *version*, import the busybox image, run one smoke test.

    Never raises for a daemon that cannot start: the result's ``reason`` says why (the tail of
    the daemon's log, the failing command's stderr).
    """
    begin = time.monotonic()

    def no(why: str) -> Started:
        return Started(version, None, why, time.monotonic() - begin)

    if not sys.platform.startswith("linux"):
        return no(f"not Linux ({sys.platform})")
    if os.geteuid() != 0:
        return no("not running as root (dockerd and containerd need root)")
    missing = unavailable_reason(version)
    if missing:
        return no(missing)
    directory = CACHE / "daemons" / version
    info = _read_env(directory / "daemon.env")
    bin_dir = directory / "bin"
    own = bin_dir / "docker"
    run = Path(tempfile.mkdtemp(prefix=f"exitcodes-dockerd-{version}-", dir="/tmp"))
    for sub in ("tmp", "cli-config", "data", "exec"):
        (run / sub).mkdir()
    (run / "containerd.toml").write_text(_containerd_toml(run), encoding="utf-8")
    (run / "daemon.json").write_text("{}\n", encoding="utf-8")
    _register(run)
    containerd = _spawn(
        [str(bin_dir / "containerd"), "--config", str(run / "containerd.toml")],
        run,
        run / "containerd.log",
        bin_dir,
    )
    pids = [containerd.pid]
    (run / "pids").write_text(f"{containerd.pid}\n", encoding="utf-8")
    sock = run / "containerd.sock"
    if not _wait_for(sock.exists, containerd, START_TIMEOUT):
        why = _tail(run / "containerd.log")
        _stop_run(run, pids)
        return no(f"containerd {info.get('CONTAINERD_VERSION')} did not start: {why}")
    dockerd = _spawn(
        [
            str(bin_dir / "dockerd"),
            "--config-file",
            str(run / "daemon.json"),
            "--host",
            f"unix://{run}/docker.sock",
            "--containerd",
            str(sock),
            "--data-root",
            str(run / "data"),
            "--exec-root",
            str(run / "exec"),
            "--pidfile",
            str(run / "docker.pid"),
            "--storage-driver",
            "overlay2",
            "--iptables=false",
            "--ip6tables=false",
            "--ip-masq=false",
            "--bridge=none",
            # Nothing is published; without this, dockerd >= 26 wants docker-proxy on PATH.
            "--userland-proxy=false",
        ],
        run,
        run / "dockerd.log",
        bin_dir,
    )
    pids.append(dockerd.pid)
    (run / "pids").write_text(f"{containerd.pid}\n{dockerd.pid}\n", encoding="utf-8")
    daemon = Daemon(
        version=version,
        containerd_version=info.get("CONTAINERD_VERSION", "?"),
        runc_version=info.get("RUNC_VERSION", "?"),
        own_cli=str(own) if own.exists() else None,
        own_cli_version=info.get("CLI_VERSION") or None,
        host=f"unix://{run}/docker.sock",
        run_dir=run,
        pids=(containerd.pid, dockerd.pid),
    )

    def answers() -> bool:
        try:
            return cli_run(HOST_CLI, daemon, ["version"], timeout=10).returncode == 0
        except (OSError, subprocess.SubprocessError):
            return False

    if not _wait_for(answers, dockerd, START_TIMEOUT):
        why = _tail(run / "dockerd.log")
        _stop_run(run, pids)
        return no(f"dockerd {version} did not answer on {daemon.host}: {why}")
    imported = cli_run(
        HOST_CLI,
        daemon,
        [
            "import",
            "-c",
            'CMD ["/bin/sh"]',
            "-c",
            "ENV PATH=/usr/sbin:/usr/bin:/sbin:/bin",
            str(CACHE / "rootfs.tar"),
            IMAGE,
        ],
    )
    if imported.returncode != 0:
        _stop_run(run, pids)
        return no(f"`docker import` into dockerd {version} failed: {imported.stderr.strip()}")
    smoke = cli_run(
        HOST_CLI, daemon, ["run", "--rm", "--network", "none", IMAGE, "sh", "-c", "exit 3"]
    )
    if smoke.returncode != 3:
        why = smoke.stderr.strip()[:600]
        _stop_run(run, pids)
        return no(
            f"dockerd {version}: `docker run --rm bb sh -c 'exit 3'` exited {smoke.returncode},"
            f" not 3: {why}"
        )
    return Started(version, daemon, "", time.monotonic() - begin)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _end(pid: int, grace: float) -> None:
    """TERM *pid*, wait up to *grace* seconds, then KILL it; reap it if it is our child."""
    with _REGISTRY_LOCK:
        child = _CHILDREN.pop(pid, None)
    if child is not None:
        if child.poll() is None:
            child.terminate()
            try:
                child.wait(grace)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        return
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        if not _alive(pid):
            return
        time.sleep(0.1)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def _shim_pids(run: Path) -> list[int]:
    """PIDs of the containerd shims started for *run*'s containerd (by its socket path)."""
    marker = f"{run}/containerd.sock".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if b"containerd-shim" in cmdline and marker in cmdline:
            found.append(int(entry.name))
    return found


def _stop_run(run: Path, pids: list[int]) -> None:
    """Stop dockerd, then containerd, then any shim left, by PID; remove the run directory."""
    for pid in reversed(pids):
        _end(pid, 20.0)
    for pid in _shim_pids(run):
        _end(pid, 5.0)
    _unmount_under(run)
    shutil.rmtree(run, ignore_errors=True)
    _unregister(run)


def _unmount_under(run: Path) -> None:
    """Lazily unmount whatever a killed daemon left mounted below *run* (deepest first)."""
    prefix = str(run) + "/"
    try:
        mounts = Path("/proc/self/mounts").read_text(encoding="utf-8").splitlines()
    except OSError:
        return
    points = [line.split()[1] for line in mounts if len(line.split()) > 1]
    for point in sorted((p for p in points if p.startswith(prefix)), key=len, reverse=True):
        subprocess.run(["umount", "-l", point], check=False, capture_output=True)


def stop(daemon: Daemon) -> None:
    """Remove every container of *daemon*, then stop it and its containerd by recorded PID."""
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        listed = cli_run(HOST_CLI, daemon, ["ps", "--all", "--quiet"], timeout=30)
        ids = listed.stdout.split()
        if ids:
            cli_run(HOST_CLI, daemon, ["rm", "--force", *ids], timeout=60)
    _stop_run(daemon.run_dir, list(daemon.pids))


def stop_all() -> int:
    """Stop every daemon listed in ``.cache/engines/running`` (after a crashed session)."""
    if not _REGISTRY.exists():
        return 0
    stopped = 0
    for line in _REGISTRY.read_text(encoding="utf-8").splitlines():
        run = Path(line.strip())
        if not line.strip():
            continue
        pids_file = run / "pids"
        pids = []
        if pids_file.exists():
            pids = [int(p) for p in pids_file.read_text(encoding="utf-8").split() if p.isdigit()]
        _stop_run(run, [pid for pid in pids if _alive(pid)])
        stopped += 1
    return stopped


def main(argv: list[str]) -> int:
    """``start VERSION`` (stays in the foreground until interrupted) or ``stop-all``."""
    if argv[:1] == ["stop-all"]:
        print(f"stopped {stop_all()} daemon run(s)")
        return 0
    if len(argv) == 2 and argv[0] == "start":
        started = start(argv[1])
        if started.daemon is None:
            print(started.reason, file=sys.stderr)
            return 1
        print(
            f"DOCKER_HOST={started.daemon.host}  (started in {started.seconds:.1f} s)", flush=True
        )

        def interrupted(signum: int, frame: object) -> None:
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, interrupted)
        signal.signal(signal.SIGINT, interrupted)
        try:
            signal.pause()
        except KeyboardInterrupt:
            pass
        finally:
            stop(started.daemon)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
