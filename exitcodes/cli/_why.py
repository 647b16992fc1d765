"""``exitcodes why -- CMD ARGS``: run a command as is, then explain a non-zero exit."""

from __future__ import annotations

import argparse
import codecs
import contextlib
import os
import select
import shlex
import signal
import subprocess
import textwrap
import threading
import time
from collections.abc import Sequence
from typing import IO, Any

from exitcodes.cli import (
    EX_IOERR,
    EX_USAGE,
)
from exitcodes.cli._common import (
    _CANNOT_INVOKE,
    _CHUNK,
    _NOT_FOUND,
    _SIGNAL_BASE,
    _TAIL,
    _WIDTH,
    _clean,
    _Failure,
    _Io,
    _profile,
    _Stream,
    _Style,
    _write_json,
)
from exitcodes.errors import ExitCodesError
from exitcodes.explanation import Explanation, explain_exit

# --------------------------------------------------------------------------------- why

#: The signals ``why`` passes on to the command. Job control (SIGTSTP, SIGTTIN, SIGTTOU),
#: SIGCONT and the synchronous faults are left to the kernel and the terminal.
_FORWARDED = ("SIGHUP", "SIGINT", "SIGQUIT", "SIGTERM", "SIGUSR1", "SIGUSR2", "SIGWINCH", "SIGALRM")
#: Linux's ``si_code`` for a signal the kernel generated: a terminal's Ctrl-C, Ctrl-\,
#: window change or hang-up, sent to the whole foreground process group at once.
_SI_KERNEL = 0x80
#: How long the pumps keep draining a pipe after the command exited, when a process
#: it left behind keeps writing to it.
_DRAIN = 1.0
_POLL = 0.05


def _fileno(stream: object) -> int | None:
    try:
        fileno = stream.fileno()  # type: ignore[attr-defined]
    except Exception:
        return None
    return fileno if isinstance(fileno, int) and fileno >= 0 else None


def _readable(fd: int, timeout: float) -> bool:
    """Whether *fd* has data (or EOF) within *timeout* seconds; ``True`` where unknown."""
    if not hasattr(select, "poll"):
        return True  # no poll() (Windows): a blocking read, as before
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    try:
        return bool(poller.poll(int(timeout * 1000)))
    except InterruptedError:
        return False


class _Pump(threading.Thread):
    """Copies a child's pipe to a stream as it arrives, keeping the tail.

    It never dies before the pipe is drained: a stream that cannot be written (closed,
    a full disk, a reader gone) is dropped and the pipe still read, so the command never
    blocks on a full pipe. Once :attr:`done` is set (the command exited) it stops at the
    first moment the pipe is empty, or after :data:`_DRAIN` seconds, instead of waiting
    for an end-of-file that a background process holding the pipe would delay forever.
    """

    def __init__(self, source: IO[bytes], target: _Stream, keep: bool) -> None:
        super().__init__(daemon=True)
        self.source = source
        self.target: _Stream | None = target
        self.target_fd = _fileno(target)
        self.keep = keep
        self.tail = bytearray()
        self.done = threading.Event()

    def run(self) -> None:
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        fd = self.source.fileno()
        deadline: float | None = None
        while True:
            if self.done.is_set() and deadline is None:
                deadline = time.monotonic() + _DRAIN
            if not _readable(fd, 0 if deadline is not None else _POLL):
                if deadline is not None:
                    break
                continue
            try:
                chunk = os.read(fd, _CHUNK)
            except InterruptedError:
                continue
            except OSError:
                break
            if not chunk:
                break
            if self.keep:
                self.tail += chunk
                del self.tail[:-_TAIL]
            self._write(chunk, decoder.decode(chunk))
            if deadline is not None and time.monotonic() > deadline:
                break
        rest = decoder.decode(b"", final=True)
        if rest:
            self._write(b"", rest)

    def _write(self, chunk: bytes, text: str) -> None:
        if self.target is None:
            return
        try:
            if self.target_fd is not None and chunk:
                view = memoryview(chunk)
                while view:
                    written = os.write(self.target_fd, view)
                    view = view[written:]
            elif text:
                self.target.write(text)
                self.target.flush()
        except Exception:
            self.target = None  # the reader went away: keep draining the child, silently


def _start_failure(command: Sequence[str], exc: OSError) -> tuple[int, str]:
    name = command[0]
    if isinstance(exc, FileNotFoundError):
        return _NOT_FOUND, f"{name}: command not found"
    if isinstance(exc, (PermissionError, IsADirectoryError)):
        return _CANNOT_INVOKE, f"{name}: {exc.strerror or 'cannot execute'}"
    return _CANNOT_INVOKE, f"{name}: cannot execute: {exc.strerror or exc}"


class _Forwarder:
    """Passes the signals of :data:`_FORWARDED` sent to ``exitcodes`` on to the command.

    Python handlers are installed before the command starts (a signal in the gap is
    remembered and passed on). On Linux the signals are then blocked and taken with
    ``sigtimedwait``, which says who sent each one: a signal the kernel sent to the
    terminal's foreground process group (Ctrl-C) already reached the command when it
    shares the group, so it is not sent twice. Where ``sigtimedwait`` is missing (macOS)
    the handlers pass every signal on. A signal ignored when ``exitcodes`` started
    (``nohup``, a background job) stays ignored, and the command inherits that. Off
    the main thread, or on Windows, nothing is installed and nothing passed on.
    """

    def __init__(self) -> None:
        # Windows has no such signals to pass on (a console's Ctrl-C reaches every process
        # attached to it), and only the main thread may set handlers.
        self.active = os.name == "posix" and threading.current_thread() is threading.main_thread()
        self.process: subprocess.Popen[bytes] | None = None
        self.pending: list[int] = []
        self.saved: list[tuple[int, Any]] = []
        self.signals: set[int] = set()
        self.blocked = False

    def __enter__(self) -> _Forwarder:
        if not self.active:
            return self
        for name in _FORWARDED:
            signum = getattr(signal, name, None)
            if signum is None:
                continue
            try:
                if signal.getsignal(signum) == signal.SIG_IGN:
                    continue
                self.saved.append((signum, signal.signal(signum, self._handle)))
            except (OSError, ValueError):
                continue
            self.signals.add(signum)
        return self

    def _handle(self, signum: int, frame: object) -> None:
        if self.process is None:
            self.pending.append(signum)
        else:
            self._send(signum)

    def _send(self, signum: int) -> None:
        if self.process is not None and self.process.returncode is None:
            with contextlib.suppress(OSError):
                os.kill(self.process.pid, signum)

    def _shares_group(self) -> bool:
        try:
            return self.process is not None and os.getpgid(self.process.pid) == os.getpgrp()
        except OSError:
            return False

    def started(self, process: subprocess.Popen[bytes]) -> None:
        """The command runs: block the signals (Linux) and pass on those that came early."""
        if self.active and hasattr(signal, "sigtimedwait") and hasattr(signal, "SIGCHLD"):
            signal.pthread_sigmask(signal.SIG_BLOCK, self.signals | {signal.SIGCHLD})
            self.blocked = True
        self.process = process
        for signum in self.pending:
            self._send(signum)
        self.pending.clear()

    def wait(self) -> int:
        """Wait for the command, passing signals on; return its ``returncode``."""
        process = self.process
        assert process is not None
        if not self.blocked:
            return process.wait()
        wanted = self.signals | {signal.SIGCHLD}
        while process.poll() is None:
            info = signal.sigtimedwait(wanted, 1.0)
            if info is None or info.si_signo == signal.SIGCHLD:
                continue
            if info.si_code == _SI_KERNEL and self._shares_group():
                continue  # the terminal sent it to the command's process group too
            self._send(info.si_signo)
        while signal.sigtimedwait(wanted, 0) is not None:
            pass  # a signal that came as the command ended has no one to reach
        return process.returncode

    def __exit__(self, *exc: object) -> None:
        if self.blocked:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, self.signals | {signal.SIGCHLD})
        for signum, handler in self.saved:
            with contextlib.suppress(OSError, ValueError, TypeError):
                signal.signal(signum, handler)
        # A signal that came while a command that could not start was being started had
        # no one to reach: it is for exitcodes itself, as if it had not been caught.
        pending, self.pending = self.pending, []
        for signum in pending:
            signal.raise_signal(signum)


def _child_stream(stream: object, direct: bool) -> int:
    """What the command gets for one stream: the descriptor itself, a pipe, or /dev/null.

    A closed stream is never handed on closed (a pipe ``exitcodes`` opens could take its
    number): the command gets /dev/null, or a pipe whose content is read (to explain
    it) and dropped. A stream without a descriptor (in-process use) is pumped through a
    pipe.
    """
    if stream is None or (isinstance(stream, _Stream) and stream.stream is None):
        return subprocess.DEVNULL if direct else subprocess.PIPE
    fd = _fileno(stream)
    if fd is not None and direct:
        return fd
    return subprocess.PIPE


def _run_command(
    command: Sequence[str], io: _Io, *, capture: bool, stdout: _Stream
) -> tuple[int, int | None, str, str | None]:
    """Run *command*; return (status, signal number, captured stderr tail, start error).

    *stdout* is where the command's stdout goes (``io.stdout``, or ``io.stderr`` when the
    JSON report takes stdout).
    """
    for stream in (io.stdout, io.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    stdin_fd = _fileno(io.stdin)
    with _Forwarder() as forwarder:
        try:
            process = subprocess.Popen(
                list(command),
                stdin=subprocess.DEVNULL if stdin_fd is None else stdin_fd,
                stdout=_child_stream(stdout, direct=True),
                stderr=_child_stream(io.stderr, direct=not capture),
            )
        except OSError as exc:
            status, message = _start_failure(command, exc)
            return status, None, "", message
        pumps = []
        if process.stdout is not None:
            pumps.append(_Pump(process.stdout, stdout, keep=False))
        if process.stderr is not None:
            pumps.append(_Pump(process.stderr, io.stderr, keep=True))
        try:
            forwarder.started(process)
            for pump in pumps:
                pump.start()
            returncode = forwarder.wait()
            for pump in pumps:
                pump.done.set()
            for pump in pumps:
                pump.join()
        finally:
            for pipe in (process.stdout, process.stderr):
                if pipe is not None:
                    pipe.close()
    tail = b"".join(bytes(pump.tail) for pump in pumps if pump.keep)
    text = tail.decode("utf-8", errors="replace")
    if returncode < 0:
        return _SIGNAL_BASE - returncode, -returncode, text, None
    return returncode, None, text, None


def _signal_name(number: int | None) -> str | None:
    if number is None:
        return None
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def _open_report(path: str) -> IO[str]:
    try:
        return open(path, "w", encoding="utf-8")
    except OSError as exc:
        raise _Failure(f"cannot write {path}: {exc.strerror or exc}", EX_IOERR) from None


def _cmd_why(args: argparse.Namespace, io: _Io) -> int:
    command = list(args.argv)
    if command[:1] == ["--"]:
        command = command[1:]
    if not command:
        raise _Failure("why needs a command to run: exitcodes why -- CMD ARGS...", EX_USAGE)
    profile = _profile(args)
    report: _Stream | None = None
    handle: IO[str] | None = None
    if args.json_file is not None:
        handle = _open_report(args.json_file)
        report = _Stream(handle, args.json_file)
    elif args.json:
        report = io.stdout
    try:
        child_stdout = io.stderr if report is io.stdout else io.stdout
        status, signum, output, error = _run_command(
            command, io, capture=not args.no_capture, stdout=child_stdout
        )
        explanation: Explanation | None = None
        if status != 0:
            # The command's status is the answer: a library that cannot explain it (the
            # output holds something it rejects) leaves the explanation out, no more.
            with contextlib.suppress(ExitCodesError):
                explanation = explain_exit(status, output=error or output, profile=profile)
        if report is not None:
            _write_json(
                {
                    "command": command,
                    "exit_code": status,
                    "started": error is None,
                    "signal": _signal_name(signum),
                    "error": error,
                    "explanation": None if explanation is None else explanation.to_dict(),
                },
                report,
            )
            report.flush()
        elif explanation is not None:
            # The explanation is a courtesy: a stderr that cannot take it never hides
            # the command's own status.
            with contextlib.suppress(_Failure):
                _explain_run(
                    command=command,
                    status=status,
                    signum=signum,
                    error=error,
                    explanation=explanation,
                    stream=io.stderr,
                )
    finally:
        if handle is not None:
            with contextlib.suppress(OSError):
                handle.close()
    return status


def _explain_run(
    *,
    command: Sequence[str],
    status: int,
    signum: int | None,
    error: str | None,
    explanation: Explanation,
    stream: _Stream,
) -> None:
    style = _Style(stream)
    found = explanation.classification
    shown = _clean(shlex.join(command))
    prefix = style.bold("exitcodes:")
    outcome = style.outcome(found.outcome, found.outcome.value)
    if error is not None:
        stream.write(
            f"{prefix} `{shown}` could not be started: {_clean(error)}; exit {status}"
            f" ({outcome}), as a shell does\n"
        )
    else:
        how = f"was killed by {_signal_name(signum)}, exit" if signum is not None else "exited"
        stream.write(f"{prefix} `{shown}` {how} {status} ({outcome}): {_clean(found.reason)}\n")
    cause = explanation.cause
    if cause is not None:
        stream.write(
            f"{prefix} likely cause: {style.bold(_clean(cause.title))} [{_clean(cause.id)}]\n"
        )
        hint = _clean(cause.hint)
        stream.write(
            textwrap.fill(hint, width=_WIDTH, initial_indent="    ", subsequent_indent="    ")
            + "\n"
        )
        if len(explanation.causes) > 1:
            stream.write(
                f"{prefix} {len(explanation.causes) - 1} more possible cause(s):"
                f" exitcodes explain {status}\n"
            )
    stream.flush()
