"""Run a real docker CLI binary against a :class:`~stub.StubDaemon`, and find the binaries.

Every run gets a fresh, empty ``HOME`` and ``DOCKER_CONFIG``, stdin from ``/dev/null``, an
environment built from scratch (so no proxy variable or docker context of the machine leaks
in), ``DOCKER_HOST`` pointing at its own stub (or at a closed port / a missing socket for the
"no daemon" cases), and a timeout.

CLI discovery (:func:`discover_clis`): the ``docker`` on ``PATH`` (or ``$EXITCODES_DOCKER_CLI``),
plus every ``.cache/docker-clis/*/usr/bin/docker`` unpacked by
``scripts/provision_docker_clis.sh`` (the eighteen docker/cli release-tag builds and Debian's
docker.io 20.10.24), plus the CLIs of ``$EXITCODES_DOCKER_CLIS``: a directory of binaries
anyone built or downloaded (``<dir>/<name>/usr/bin/docker``, ``<dir>/<name>/docker`` or an
executable ``<dir>/docker*``). One binary per version: the first found wins.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, Literal

from conformance.stub import Behaviour, RequestRecord, StubDaemon

__all__ = [
    "CACHE_DIR",
    "PROVISION_HINT",
    "REPO_ROOT",
    "STATS",
    "CliBinary",
    "DaemonKind",
    "RunResult",
    "SignalPhase",
    "SuiteStats",
    "binaries_in",
    "cli_version",
    "closed_port",
    "discover_clis",
    "in_ci",
    "missing_cli",
    "run_cli",
]

#: The repository root (``tests/conformance/`` is two levels below it).
REPO_ROOT: Final = Path(__file__).resolve().parents[2]
#: Where ``scripts/provision_docker_clis.sh`` unpacks extra CLIs (``$EXITCODES_CLI_CACHE``
#: overrides it, for both).
CACHE_DIR: Final = Path(
    os.environ.get("EXITCODES_CLI_CACHE") or REPO_ROOT / ".cache" / "docker-clis"
)
#: What to tell someone who has no CLI.
PROVISION_HINT: Final = (
    "to provision: install a docker CLI (or point $EXITCODES_DOCKER_CLI at one), and run "
    "`scripts/provision_docker_clis.sh` (as root, on Debian 12) to unpack the release-tag CLIs "
    "of ../shared/docker-clis and Debian's docker.io 20.10.24 into .cache/docker-clis/ (or point "
    "$EXITCODES_DOCKER_CLIS at a directory of CLI binaries)"
)
#: Default timeout for one CLI run, in seconds.
DEFAULT_TIMEOUT: Final = 20.0

#: Where ``DOCKER_HOST`` points: the scenario's stub, a TCP port nobody listens on, or a
#: unix socket path that does not exist.
DaemonKind = Literal["stub", "closed-port", "missing-socket"]
#: When a signal is sent to the CLI: after the container started, or during the image pull.
SignalPhase = Literal["start", "pull"]


@dataclass(frozen=True)
class CliBinary:
    """A docker CLI binary and its version (e.g. ``28.2.2``, ``20.10.24``)."""

    path: str
    version: str
    #: Where it came from: ``path`` (PATH or $EXITCODES_DOCKER_CLI), ``cache`` (the
    #: provisioned cache) or ``dir`` (``$EXITCODES_DOCKER_CLIS``).
    origin: str

    @property
    def label(self) -> str:
        """A short id for test names, e.g. ``docker-28.2.2``."""
        return f"docker-{self.version}"


@dataclass(frozen=True)
class RunResult:
    """What one CLI run did."""

    #: The exit code, or ``None`` if the CLI was killed on timeout (or by a signal).
    exit_code: int | None
    stdout: str
    stderr: str
    requests: tuple[RequestRecord, ...]
    duration: float
    timed_out: bool = False
    #: The daemon "died" during the run (a ``die`` action fired).
    daemon_died: bool = False
    notes: tuple[str, ...] = field(default=())

    def request_lines(self) -> list[str]:
        """The request log as ``METHOD /path?query`` strings."""
        return [r.line() for r in self.requests]


_VERSION_RE: Final = re.compile(r"(\d+\.\d+\.\d+)")


def cli_version(path: str) -> str:
    """The CLI's version without Debian suffixes, e.g. ``20.10.24`` or ``28.2.2``.

    ``docker version --format '{{.Client.Version}}'`` prints the client version even without
    a daemon (but exits 1 then), so ``docker --version`` is parsed instead:
    ``Docker version 20.10.24+dfsg1, build 297e128`` gives ``20.10.24``.
    """
    out = subprocess.run(
        [path, "--version"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=20,
        env=_base_env(tempfile.gettempdir()),
        check=False,
    ).stdout
    match = _VERSION_RE.search(out)
    if not match:
        raise RuntimeError(f"cannot read the version of {path}: {out!r}")
    return match.group(1)


def binaries_in(directory: Path) -> list[Path]:
    """The docker CLI binaries of a directory of CLIs, in name order.

    Accepted layouts: ``<name>/usr/bin/docker`` (an unpacked package or the cache),
    ``<name>/docker`` and an executable file ``docker*`` (``docker-27.5.1``) directly in it.
    """
    if not directory.is_dir():
        return []
    found = [
        *directory.glob("*/usr/bin/docker"),
        *directory.glob("*/docker"),
        *(p for p in directory.glob("docker*") if p.is_file()),
    ]
    return sorted(p for p in found if os.access(p, os.X_OK))


def discover_clis() -> list[CliBinary]:
    """The docker CLI binaries available here, newest first, without duplicates."""
    candidates: list[tuple[str, str]] = []
    explicit = os.environ.get("EXITCODES_DOCKER_CLI")
    if explicit:
        candidates.append((explicit, "path"))
    else:
        on_path = shutil.which("docker")
        if on_path:
            candidates.append((on_path, "path"))
    candidates.extend((str(binary), "cache") for binary in binaries_in(CACHE_DIR))
    extra = os.environ.get("EXITCODES_DOCKER_CLIS")
    if extra:
        candidates.extend((str(binary), "dir") for binary in binaries_in(Path(extra)))
    found: dict[str, CliBinary] = {}
    for path, origin in candidates:
        if not os.access(path, os.X_OK):
            continue
        try:
            version = cli_version(path)
        except (OSError, RuntimeError, subprocess.SubprocessError):
            continue
        found.setdefault(version, CliBinary(path=path, version=version, origin=origin))
    return sorted(
        found.values(), key=lambda c: tuple(int(p) for p in c.version.split(".")), reverse=True
    )


def in_ci() -> bool:
    """True when ``CI`` says so (there a missing CLI fails instead of skipping)."""
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def missing_cli(what: str) -> None:
    """Skip (locally) or fail (``CI=true``) a test because a CLI binary is missing."""
    import pytest

    message = f"{what} is missing; {PROVISION_HINT}"
    if in_ci():
        pytest.fail(message + " (CI=true: a missing CLI is a failure)")
    pytest.skip(message)


def closed_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _base_env(home: str) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"),
        "HOME": home,
        "DOCKER_CONFIG": os.path.join(home, ".docker"),
        "LANG": "C.UTF-8",
        "DOCKER_CLI_HINTS": "false",
        "NO_PROXY": "*",
    }


def run_cli(
    cli: CliBinary,
    argv: tuple[str, ...] | list[str],
    behaviour: Behaviour | None = None,
    *,
    daemon: DaemonKind = "stub",
    timeout: float = DEFAULT_TIMEOUT,
    signal_after_start: int | None = None,
    signal_count: int = 1,
    signal_at: SignalPhase = "start",
    wrapper: tuple[str, ...] = (),
) -> RunResult:
    """Run ``cli`` with ``argv`` (without the leading ``docker``) against a fresh stub.

    ``behaviour`` scripts the stub (``daemon="stub"`` only). With ``signal_after_start``, that
    signal is sent to the CLI ``signal_count`` times (0.1 s apart), shortly after the stub saw
    a successful container start (``signal_at="start"``) or the image pull request
    (``signal_at="pull"``). ``wrapper`` is a command line the CLI runs under (e.g.
    ``("timeout", "2")``): the exit code is then the wrapper's.
    """
    with tempfile.TemporaryDirectory(prefix="exitcodes-cli-") as home:
        os.mkdir(os.path.join(home, ".docker"))
        env = _base_env(home)
        stub: StubDaemon | None = None
        if daemon == "stub":
            stub = StubDaemon(behaviour or Behaviour())
            env["DOCKER_HOST"] = stub.docker_host
            stub.serve()
        elif daemon == "closed-port":
            env["DOCKER_HOST"] = f"tcp://127.0.0.1:{closed_port()}"
        else:
            env["DOCKER_HOST"] = "unix://" + os.path.join(home, "missing", "docker.sock")
        begin = time.monotonic()
        notes: list[str] = []
        try:
            proc = subprocess.Popen(
                [*wrapper, cli.path, *argv],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=env,
                cwd=home,
                start_new_session=True,
            )
            if signal_after_start is not None and stub is not None:
                # A pidfd names this process only: once it is reaped, its pid may be reused by
                # another CLI (or its GNU timeout) running in parallel, which a kill by pid
                # would then hit.
                pidfd = os.pidfd_open(proc.pid)
                threading.Thread(
                    target=_signal_when_started,
                    args=(pidfd, stub, signal_after_start, notes, signal_count, signal_at),
                    daemon=True,
                ).start()
            timed_out = False
            try:
                out, err = proc.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                timed_out = True
                proc.kill()
                out, err = proc.communicate()
            duration = time.monotonic() - begin
        finally:
            if stub is not None:
                stub.stop()
        code = proc.returncode
        return RunResult(
            exit_code=None if timed_out or code < 0 else code,
            stdout=out.decode("utf-8", "replace"),
            stderr=err.decode("utf-8", "replace"),
            requests=stub.requests if stub else (),
            duration=duration,
            timed_out=timed_out,
            daemon_died=bool(stub and stub.died),
            notes=tuple(notes)
            + ((f"killed by signal {-code}",) if code < 0 and not timed_out else ()),
        )


def _pull_seen(stub: StubDaemon, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(r.path.endswith("/images/create") for r in stub.requests):
            return True
        time.sleep(0.01)
    return False


def _signal_when_started(
    pidfd: int,
    stub: StubDaemon,
    signum: int,
    notes: list[str],
    count: int = 1,
    at: SignalPhase = "start",
) -> None:
    """Send *signum* through *pidfd* (this thread's to close) once the stub saw *at*."""
    try:
        seen = stub.started.wait(10) if at == "start" else _pull_seen(stub, 10)
        if not seen:
            notes.append(f"the stub never saw the {at}; no signal sent")
            return
        # Give the CLI a moment to be in its select loop with the signal proxy installed.
        time.sleep(0.3)
        for _ in range(count):
            try:
                signal.pidfd_send_signal(pidfd, signum)
            except ProcessLookupError:  # it has exited
                return
            notes.append(f"sent {signal.Signals(signum).name} after the {at}")
            time.sleep(0.1)
    finally:
        os.close(pidfd)


class SuiteStats:
    """Counts gathered by the conformance tests, printed by ``conftest.pytest_terminal_summary``."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        #: ``(suite, cli label) -> [cases, disagreements, wall seconds]``
        self.counts: dict[tuple[str, str], list[float]] = {}
        self.headlines: list[str] = []
        self.clis: dict[str, str] = {}

    def add(self, suite: str, cli: str, cases: int, disagreements: int, seconds: float) -> None:
        """Add ``cases`` checked by ``suite`` ("live", "differential", "vectors") for ``cli``.

        ``seconds`` is the summed duration of the CLI runs (they run in parallel, so this is
        more than the wall time).
        """
        with self._lock:
            entry = self.counts.setdefault((suite, cli), [0, 0, 0.0])
            entry[0] += cases
            entry[1] += disagreements
            entry[2] += seconds

    def headline(self, text: str) -> None:
        """A line printed first (e.g. how many table rows the scenarios cover)."""
        with self._lock:
            if text not in self.headlines:
                self.headlines.append(text)

    def lines(self) -> list[str]:
        """The summary, one string per line (empty if nothing ran)."""
        with self._lock:
            if not self.counts and not self.headlines:
                return []
            out = list(self.headlines)
            for label, path in sorted(self.clis.items()):
                out.append(f"CLI {label}: {path}")
            totals: dict[str, list[float]] = {}
            for (suite, cli), (cases, bad, seconds) in sorted(self.counts.items()):
                runs = f"  {seconds:6.1f} s of CLI runs (summed)" if seconds else ""
                out.append(
                    f"{suite:>12} {cli:<18} {int(cases):5d} cases  {int(bad):3d} disagreements{runs}"
                )
                total = totals.setdefault(suite, [0, 0])
                total[0] += cases
                total[1] += bad
            for suite, (cases, bad) in sorted(totals.items()):
                out.append(
                    f"{suite:>12} {'(all CLIs)':<18} {int(cases):5d} cases  {int(bad):3d} disagreements"
                )
            return out


#: The process-wide statistics of this pytest run.
STATS: Final = SuiteStats()
