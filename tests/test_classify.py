"""Example tests for :func:`exitcodes.classify`, each naming the row or source it defends."""

from __future__ import annotations

import importlib
import signal
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exitcodes import (
    EvidenceKind,
    ExitOutcome,
    InvalidArgumentError,
    MalformedEvidenceError,
    UnsupportedEvidenceError,
    _matcher,
    _statuses,
    classify,
    profiles,
)

classify_module = importlib.import_module("exitcodes.classify")  # the name is the function's

OCI = (
    "Error response from daemon: failed to create task for container: failed to create shim task:"
    " OCI runtime create failed: runc create failed: unable to start container process: "
)


@pytest.mark.parametrize(
    ("message", "outcome", "code", "rule"),
    [
        # docker/cli v29.7.2 cli/command/container/run.go toStatusError (case-sensitive):
        #     if strings.Contains(errMsg, "executable file not found") ||
        #         strings.Contains(errMsg, "no such file or directory") ||
        #         strings.Contains(errMsg, "system cannot find the file specified") {
        #         return cli.StatusError{ ... StatusCode: 127,
        (
            OCI + 'exec: "foo": executable file not found in $PATH: unknown',
            ExitOutcome.NOT_FOUND,
            127,
            "docker-cli/not-found",
        ),
        (
            "docker: " + OCI + 'exec: "/x": stat /x: no such file or directory: unknown',
            ExitOutcome.NOT_FOUND,
            127,
            "docker-cli/not-found",
        ),
        (
            "The system cannot find the file specified. (0x2)",
            ExitOutcome.NOT_FOUND,
            127,
            "docker-cli/not-found",
        ),
        # docker/cli v29.7.2 cli/command/container/run.go toStatusError:
        #     if strings.Contains(errMsg, syscall.EACCES.Error()) ||
        #         strings.Contains(errMsg, syscall.EISDIR.Error()) {
        #         return cli.StatusError{ ... StatusCode: 126,
        (
            OCI + 'exec: "/etc": permission denied: unknown',
            ExitOutcome.CANNOT_INVOKE,
            126,
            "docker-cli/permission-denied",
        ),
        (
            OCI + 'exec: "/etc": is a directory: unknown',
            ExitOutcome.CANNOT_INVOKE,
            126,
            "docker-cli/is-a-directory",
        ),
        # docker/cli v29.7.2 cli/command/container/run.go toStatusError, last branch:
        #     return cli.StatusError{ ... StatusCode: 125,
        # (observed on docker CLI 28.2.2 against the stub Engine API: `Executable file not found`
        # with a capital E, and a port already allocated, both exit 125)
        ("Executable file not found", ExitOutcome.ENGINE_ERROR, 125, "docker-cli/engine-error"),
        (
            "Bind for 0.0.0.0:80 failed: port is already allocated",
            ExitOutcome.ENGINE_ERROR,
            125,
            "docker-cli/engine-error",
        ),
        # crun src/libcrun/container.c:
        #     return crun_make_error (err, errno, "executable file `%s` not found in $PATH", ...);
        # crun appends strerror(ENOENT), "No such file or directory" with a capital N, and the
        # backquoted name splits "executable file not found": no substring of toStatusError
        # matches, so the CLI exits 125.
        (
            "executable file `foo` not found in $PATH: No such file or directory",
            ExitOutcome.ENGINE_ERROR,
            125,
            "docker-cli/engine-error",
        ),
        # Usage errors recognised from the CLI's own text. docker/cli v29.7.2 cli/cobra.go
        # FlagErrorFunc: `return StatusError{ ... StatusCode: 125,` (v20.10.24 words it
        # "%s\nSee '%s --help'.%s"); cli/required.go RequiresMinArgs returns a plain error (exit 1);
        # cmd/docker/docker.go: `fmt.Errorf("docker: unknown command: docker %s\n\n...", args[0])`
        # (v27.5.1 and older: `fmt.Errorf("docker: '%s' is not a docker command.\nSee ...", ...)`).
        (
            "unknown flag: --foo\nSee 'docker run --help'.",
            ExitOutcome.USAGE_ERROR,
            125,
            "docker-usage/flag-error",
        ),
        (
            "docker: unknown shorthand flag: 'z' in -z",
            ExitOutcome.USAGE_ERROR,
            125,
            "docker-usage/flag-error",
        ),
        (
            'invalid argument "x" for "-m, --memory" flag: invalid size',
            ExitOutcome.USAGE_ERROR,
            125,
            "docker-usage/flag-error",
        ),
        (
            '"docker run" requires at least 1 argument.',
            ExitOutcome.USAGE_ERROR,
            1,
            "docker-usage/argument-error",
        ),
        (
            "docker: 'frobnicate' is not a docker command.",
            ExitOutcome.USAGE_ERROR,
            1,
            "docker-usage/not-a-docker-command",
        ),
        (
            "docker: unknown command: docker frobnicate",
            ExitOutcome.USAGE_ERROR,
            1,
            "docker-usage/argument-error",
        ),
    ],
)
def test_messages(message: str, outcome: ExitOutcome, code: int, rule: str) -> None:
    result = classify(message)
    assert (result.outcome, result.exit_code, result.rule, result.kind) == (
        outcome,
        code,
        rule,
        EvidenceKind.MESSAGE,
    )
    assert result.reason.endswith(".")


def test_is_a_directory_depends_on_the_cli_version() -> None:
    """Version history: docker/cli 9b5ceb52b0 (CLI 23.0.1) added EISDIR."""
    message = 'exec: "/etc": is a directory'
    assert classify(message, profile=profiles.docker("23.0.0")).exit_code == 125
    assert classify(message, profile=profiles.docker("23.0.1")).exit_code == 126


@pytest.mark.parametrize(
    ("version", "code"),
    [("28.2.2", 125), ("29.1.2", 125), ("29.1.3", 1)],
)
def test_daemon_unreachable(version: str, code: int) -> None:
    """An unreachable daemon is 125 until the CLI pings first (29.1.3), then 1.

    docker/cli v29.1.2 run.go: ``parse(flags, copts, dockerCli.ServerInfo().OSType)``, so the
    connection error comes from ``createContainer`` through ``toStatusError`` (125);
    v29.1.3: ``serverInfo, err := dockerCli.Client().Ping(ctx, client.PingOptions{})``
    ``if err != nil { return err }`` (1).
    """
    result = classify(
        "Cannot connect to the Docker daemon at unix:///var/run/docker.sock."
        " Is the docker daemon running?",
        profile=profiles.docker(version),
    )
    assert (result.outcome, result.exit_code, result.rule) == (
        ExitOutcome.ENGINE_ERROR,
        code,
        "docker-connection/daemon-unreachable",
    )


def test_socket_permission_denied_is_126_but_an_engine_error() -> None:
    """The socket wording contains permission denied, so docker run exits 126.

    docker/cli v28.2.2 vendor/github.com/docker/docker/client/request.go:
    ``errors.Wrapf(err, "permission denied while trying to connect to the Docker daemon socket
    at %v", cli.host)``, matched by ``toStatusError``'s ``syscall.EACCES.Error()``.
    """
    result = classify(
        "permission denied while trying to connect to the Docker daemon socket at"
        " unix:///var/run/docker.sock: connect: permission denied",
        profile=profiles.docker("28.2.2"),
    )
    assert (result.outcome, result.exit_code) == (ExitOutcome.ENGINE_ERROR, 126)


class APIError(Exception):
    """Shaped like docker-py's APIError: the daemon text is in ``explanation``."""

    def __init__(self, message: str, explanation: str | None) -> None:
        super().__init__(message)
        self.explanation = explanation


def test_exceptions_prefer_explanation() -> None:
    error = APIError(
        "400 Client Error for http+docker://localhost/v1.50/containers/x/start",
        'exec: "foo": executable file not found in $PATH',
    )
    assert classify(error).exit_code == 127
    assert classify(APIError("permission denied", None)).exit_code == 126
    # issue 14 item 6: "any exception's text is pattern-matched as if a daemon had said
    # it"; an exception of no SDK's shape that matches no engine phrase is refused (it was 125).
    with pytest.raises(UnsupportedEvidenceError, match="matches no engine error"):
        classify(RuntimeError("boom"))


def test_api_error_body_and_bytes() -> None:
    assert classify({"message": "no such file or directory"}).exit_code == 127
    assert classify(b"permission denied").exit_code == 126
    assert classify(bytearray(b"\xff\xfe is a directory")).exit_code == 126


@pytest.mark.parametrize(
    ("status", "outcome", "code", "sig"),
    [
        (0, ExitOutcome.SUCCESS, 0, None),
        (1, ExitOutcome.COMMAND_FAILED, 1, None),
        (125, ExitOutcome.ENGINE_ERROR, 125, None),
        (126, ExitOutcome.CANNOT_INVOKE, 126, None),
        (127, ExitOutcome.NOT_FOUND, 127, None),
        (128, ExitOutcome.COMMAND_FAILED, 128, None),
        (130, ExitOutcome.SIGNALED, 130, signal.SIGINT),
        (137, ExitOutcome.SIGNALED, 137, signal.SIGKILL),
        (139, ExitOutcome.SIGNALED, 139, signal.SIGSEGV),
        (143, ExitOutcome.SIGNALED, 143, signal.SIGTERM),
        (255, ExitOutcome.COMMAND_FAILED, 255, None),
        (256, ExitOutcome.SUCCESS, 0, None),
        # issue 14 item 1: a bare -1 was "exited -1 (kept as 255) on its own"; it is
        # Python's returncode of a process killed by SIGHUP, as a shell reports it.
        (-1, ExitOutcome.SIGNALED, 129, signal.SIGHUP),
        (3221225477, ExitOutcome.COMMAND_FAILED, 5, None),
    ],
)
def test_bare_exit_status(status: int, outcome: ExitOutcome, code: int, sig: Any) -> None:
    """A bare status read by docker's convention, truncated to 8 bits as on POSIX.

    docker/cli v29.7.2 docs/reference/run.md, "Exit status": "Exit code `125` indicates that the
    error is with Docker daemon itself.", "Exit code `126` indicates that the specified
    contained command can't be invoked.", "Exit code `127` indicates that the contained command
    can't be found.", "Any exit code other than `125`, `126`, and `127` represent the exit code
    of the provided container command."
    """
    result = classify(status)
    assert (result.outcome, result.exit_code, result.signal, result.status) == (
        outcome,
        code,
        sig,
        status,
    )


def test_wait_responses() -> None:
    """A wait response's Error makes docker run exit 125.

    docker/cli v29.7.2 cli/command/container/utils.go waitExitOrRemoved:
    ``if result.Error != nil { logrus.Errorf("Error waiting for container: %v",
    result.Error.Message); statusC <- 125``. Observed on docker CLI 28.2.2 against the stub
    Engine API: 125 with StatusCode 0 or 3, even with an empty Message.
    """
    assert classify({"StatusCode": 3, "Error": None}).outcome is ExitOutcome.COMMAND_FAILED
    error = classify({"StatusCode": 0, "Error": {"Message": "unable to remove filesystem"}})
    assert (error.outcome, error.exit_code, error.rule) == (
        ExitOutcome.STATUS_UNKNOWN,
        125,
        "docker-cli/wait-error",
    )
    assert classify({"StatusCode": 143}).signal is signal.SIGTERM


def test_oom_killed_state() -> None:
    """OOM: OOMKilled true is OOM_KILLED although ExitCode is 137."""
    inspect = {"Id": "abc", "State": {"Status": "exited", "ExitCode": 137, "OOMKilled": True}}
    result = classify(inspect)
    assert (result.outcome, result.exit_code, result.signal, result.kind) == (
        ExitOutcome.OOM_KILLED,
        137,
        signal.SIGKILL,
        EvidenceKind.STATE,
    )


def test_137_without_oom_is_a_plain_sigkill() -> None:
    result = classify({"Status": "exited", "ExitCode": 137, "OOMKilled": False})
    assert (result.outcome, result.signal) == (ExitOutcome.SIGNALED, signal.SIGKILL)


@pytest.mark.parametrize(
    ("error", "recorded", "outcome", "code"),
    [
        ('exec: "foo": executable file not found in $PATH', 127, ExitOutcome.NOT_FOUND, 127),
        ('exec: "/etc": permission denied', 126, ExitOutcome.CANNOT_INVOKE, 126),
        ("error gathering device information", 128, ExitOutcome.ENGINE_ERROR, 125),
    ],
)
def test_failed_first_start(error: str, recorded: int, outcome: ExitOutcome, code: int) -> None:
    """A failed first start stays created, with the daemon's ExitCode and Error set.

    moby v28.0.0 daemon/errors.go setExitCodeFromError sets 126 (``permission denied``), 127
    (``isInvalidCommand``) or 128 (``setExitCode(exitUnknown)``); daemon/start.go's defer
    records ``container.SetError(retErr)``; container/state.go StateString:
    ``if s.StartedAt.IsZero() { return "created"``.
    """
    state = {"Status": "created", "Running": False, "ExitCode": recorded, "Error": error}
    result = classify(state)
    assert (result.outcome, result.exit_code, result.status) == (outcome, code, recorded)


@pytest.mark.parametrize("status", ["running", "paused", "restarting", "created"])
def test_states_without_an_exit_status(status: str) -> None:
    result = classify({"Status": status, "ExitCode": 0, "Running": status != "created"})
    assert (result.outcome, result.exit_code) == (ExitOutcome.STATUS_UNKNOWN, None)


def test_state_flags_without_status_string() -> None:
    result = classify({"Running": True, "Paused": True, "ExitCode": 0, "OOMKilled": False})
    assert result.reason == "The container is paused: it has no exit status yet."


def test_exec_inspect() -> None:
    assert classify({"ExitCode": 5, "Running": False, "ProcessConfig": {}}).exit_code == 5
    running = classify({"ExitCode": None, "Running": True})
    assert (running.outcome, running.exit_code) == (ExitOutcome.STATUS_UNKNOWN, None)


@pytest.mark.parametrize(
    ("evidence", "error", "fragment"),
    [
        (None, UnsupportedEvidenceError, "got NoneType"),
        (1.5, UnsupportedEvidenceError, "got float"),
        (True, UnsupportedEvidenceError, "bool"),
        (2**64, MalformedEvidenceError, "int64"),
        (
            {"ExitCode": "abc", "Status": "exited"},
            MalformedEvidenceError,
            r"\['ExitCode'\] must be an int, got 'abc'",
        ),
        (
            {"StatusCode": True},
            MalformedEvidenceError,
            r"\['StatusCode'\] must be an int, got True",
        ),
        ({"StatusCode": 0, "Error": ["x"]}, MalformedEvidenceError, r"\['Error'\] must be null"),
        ({"State": "exited"}, MalformedEvidenceError, r"\['State'\] must be a mapping"),
        ({"Status": "exited"}, MalformedEvidenceError, "no ExitCode"),
        ({"foo": 1}, MalformedEvidenceError, "not a known document"),
        ({"message": 3}, MalformedEvidenceError, r"\['message'\] must be a str"),
        ({"Status": 3, "ExitCode": 0}, MalformedEvidenceError, r"\['Status'\] must be a str"),
        (
            {"Status": "exited", "ExitCode": 0, "OOMKilled": "yes"},
            MalformedEvidenceError,
            r"\['OOMKilled'\] must be a bool",
        ),
    ],
)
def test_bad_evidence_names_field_and_value(evidence: object, error: type, fragment: str) -> None:
    with pytest.raises(error, match=fragment):
        classify(evidence)


def test_bad_profile() -> None:
    with pytest.raises(InvalidArgumentError, match="profile must be"):
        classify(0, profile="28.2.2")  # type: ignore[arg-type]


class Hostile(Exception):
    def __str__(self) -> str:
        raise RuntimeError("no")

    @property
    def explanation(self) -> str:
        raise RuntimeError("no")


def test_hostile_exception() -> None:
    with pytest.raises(MalformedEvidenceError, match="RuntimeError"):
        classify(Hostile())


def test_huge_message_is_linear_and_fine() -> None:
    message = "x" * 5_000_000 + " permission denied"
    assert classify(message).exit_code == 126


# --- what the daemon answered is the daemon's: neither usage nor connection -------------

UNREACHABLE = (
    "Cannot connect to the Docker daemon at unix:///var/run/docker.sock."
    " Is the docker daemon running?"
)


@pytest.mark.parametrize(
    "prefix", ["docker: Error response from daemon: ", "Error response from daemon: "]
)
@pytest.mark.parametrize("version", ["20.10.24", "28.2.2", "29.1.3"])
def test_a_daemon_answer_quoting_a_connection_failure_is_an_engine_error(
    prefix: str, version: str
) -> None:
    """The CLI prints an APIError as 'Error response from daemon: ...' (docker/cli
    cli/command/container/run.go, moby client/errors.go): the daemon was reached, so
    even a CLI that pings first (29.1.3) maps the text by toStatusError, to 125."""
    result = classify(prefix + UNREACHABLE, profile=profiles.docker(version))
    assert (result.outcome, result.exit_code, result.rule) == (
        ExitOutcome.ENGINE_ERROR,
        125,
        "docker-cli/engine-error",
    )
    assert classify(UNREACHABLE, profile=profiles.docker(version)).rule == (
        "docker-connection/daemon-unreachable"
    )


@pytest.mark.parametrize(
    "usage",
    [
        "unknown flag: --bogus",
        '"docker run" requires at least 1 argument.',
        "the input device is not a TTY",
    ],
)
def test_a_daemon_answer_is_never_a_usage_error(usage: str) -> None:
    """Usage errors are the client's own (cobra, pflag, the CLI's checks): they are
    printed before any request, never after 'Error response from daemon: '."""
    assert classify("docker: " + usage).outcome is ExitOutcome.USAGE_ERROR
    answered = classify("docker: Error response from daemon: " + usage)
    assert (answered.outcome, answered.exit_code, answered.rule) == (
        ExitOutcome.ENGINE_ERROR,
        125,
        "docker-cli/engine-error",
    )


WINDOW = 1024  # exitcodes._matcher._CONNECTION_WINDOW
WORDING = "Cannot connect to the Docker daemon"  # docker-connection/daemon-unreachable
FILLER = "x"
SIZE = 10 * WINDOW


@pytest.mark.parametrize(
    ("offset", "found"),
    [
        (0, True),
        (WINDOW - len(WORDING), True),  # ends exactly where the first window ends
        (WINDOW - len(WORDING) + 1, False),  # straddles its end
        (5 * WINDOW, False),  # deep inside
        (SIZE - WINDOW, True),  # starts exactly where the last window starts
        (SIZE - WINDOW - 1, False),  # straddles its start
        (SIZE - len(WORDING), True),  # at the very end
    ],
)
def test_connection_wordings_are_read_near_the_ends_of_a_long_message(
    offset: int, found: bool
) -> None:
    """Clients word a connection failure at the start of what they print, and wrappers
    append the CLI's stderr at the end: in a message longer than two windows, only
    the first and last 1,024 characters are read for it (bounded cost, see
    docs/performance.md). The CLI's own checks still read the whole text."""
    text = FILLER * offset + WORDING
    text += FILLER * (SIZE - len(text))
    assert len(text) == SIZE
    result = classify(text, profile=profiles.docker("29.1.3"))
    if found:
        assert (result.rule, result.exit_code) == ("docker-connection/daemon-unreachable", 1)
    else:
        assert (result.rule, result.exit_code) == ("docker-cli/engine-error", 125)


def test_short_messages_are_read_whole_for_connection_wordings() -> None:
    assert _matcher._CONNECTION_WINDOW == WINDOW
    text = (
        FILLER * (2 * WINDOW - len(UNREACHABLE) - WINDOW // 2)
        + UNREACHABLE
        + FILLER * (WINDOW // 2)
    )
    assert len(text) == 2 * WINDOW
    assert classify(text).rule == "docker-connection/daemon-unreachable"
    long_text = FILLER * (WINDOW + 5) + UNREACHABLE + FILLER * (WINDOW + 5)
    assert classify(long_text).rule == "docker-cli/engine-error"
    assert classify(long_text + "permission denied").exit_code == 126  # read whole


def test_repeated_prefixes_cost_no_memory_that_grows_with_them() -> None:
    """Issue 14 item 9: "100 MB of repeated "Error: " costs 4.5-6 s and 1.6 GB of extra
    memory in the prefix regular expression (16x the input)"; the prefixes are now skipped
    without any state per repetition."""
    import tracemalloc

    from exitcodes._evidence import prefix_end

    for text in ("Error: " * 300_000, "Error: docker: " * 150_000, "docker: Error: " * 150_000):
        message = text + "unknown flag: --x"
        tracemalloc.start()
        try:
            end = prefix_end(message)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert end == len(text)
        assert peak < len(text) // 10  # the greedy pattern kept 16 times the text


# --- issue 14: wrong answers --------------------------------------------------------------

KILLED_BY_SIGKILL = (ExitOutcome.SIGNALED, 137, "SIGKILL")


def _answer(result: Any) -> tuple[ExitOutcome, int | None, str | None]:
    return (result.outcome, result.exit_code, None if result.signal is None else result.signal.name)


def test_a_bare_negative_int_is_a_python_returncode() -> None:
    """Issue 14 item 1: "`classify(-9)` and `explain_exit(-9, ...)` say "exited -9 (kept as
    247) on its own", outcome COMMAND_FAILED, while `classify(CompletedProcess(..., -9))`
    correctly says SIGKILL 137."""
    import subprocess

    from exitcodes import explain_exit

    assert _answer(classify(-9)) == KILLED_BY_SIGKILL
    assert _answer(explain_exit(-9).classification) == KILLED_BY_SIGKILL
    assert _answer(classify(subprocess.CompletedProcess(["docker"], -9))) == KILLED_BY_SIGKILL
    assert classify(-9).status == -9
    assert _answer(classify(-64)) == (ExitOutcome.SIGNALED, 192, "SIGRTMAX")


def test_a_negative_returncode_is_numbered_as_on_the_profiles_platform() -> None:
    """Issue 14 item 1: "signal named from the profile's platform table" (macOS: USR1 is 30)."""
    darwin = profiles.docker(platform="darwin")
    assert _answer(classify(-30, profile=darwin)) == (ExitOutcome.SIGNALED, 158, "SIGUSR1")
    assert _answer(classify(-7, profile=darwin))[:2] == (ExitOutcome.SIGNALED, 135)
    assert "SIGEMT" in classify(-7, profile=darwin).reason
    import subprocess

    with pytest.raises(MalformedEvidenceError, match=r"darwin has signals 1\.\.31 only"):
        classify(subprocess.CompletedProcess(["docker"], -32), profile=darwin)
    # Windows has no signals: a negative code is a signed 32-bit one (an NTSTATUS here).
    windows = profiles.docker(platform="windows")
    result = classify(-1073741819, profile=windows)
    assert (result.exit_code, result.signal) == (0xC0000005, None)


def test_negative_ints_that_are_no_signal() -> None:
    """Issue 14 item 1: other negative ints are a signed 32-bit code, or refused."""
    result = classify(-213)
    assert (result.outcome, result.exit_code, result.signal) == (
        ExitOutcome.COMMAND_FAILED,
        -213 & 0xFF,
        None,
    )
    assert "signed 32-bit exit code" in result.reason
    with pytest.raises(MalformedEvidenceError, match="below -2"):
        classify(-(2**31) - 1)


def test_wait_responses_keep_dockers_arithmetic_for_negative_statuses() -> None:
    """Issue 14 item 1: "keep docker's `StatusCode` arithmetic where the evidence is a wait
    response": the CLI exits with status & 0xFF (docker/cli container/run.go)."""
    result = classify({"StatusCode": -9, "Error": None})
    assert (result.outcome, result.exit_code, result.signal) == (
        ExitOutcome.COMMAND_FAILED,
        247,
        None,
    )
    state = classify({"Status": "exited", "ExitCode": -1})
    assert state.exit_code == 255


def _fake_host(monkeypatch: pytest.MonkeyPatch, numbering: dict[str, int]) -> None:
    """Swap the host's signal.Signals for another platform's numbering."""
    import enum

    fake = enum.IntEnum("Signals", numbering)  # type: ignore[misc]
    monkeypatch.setattr(
        _statuses, "_host_signals", lambda: {member.name: member for member in fake}
    )
    _matcher.forget()


def _darwin_numbering() -> dict[str, int]:
    from exitcodes.conversions import SIGNALS

    return {row.name: row.darwin for row in SIGNALS if row.alias_of is None and row.darwin}


# Python's signal.Signals on Windows (CPython Modules/signalmodule.c).
WINDOWS_NUMBERING = {
    "CTRL_C_EVENT": 0,
    "CTRL_BREAK_EVENT": 1,
    "SIGINT": 2,
    "SIGILL": 4,
    "SIGFPE": 8,
    "SIGSEGV": 11,
    "SIGTERM": 15,
    "SIGBREAK": 21,
    "SIGABRT": 22,
}


def _answers() -> list[tuple[object, ...]]:
    darwin = profiles.docker(platform="darwin")
    found: list[tuple[object, ...]] = []
    evidence: list[object] = [*range(129, 193), *range(-64, 0)]
    evidence += [
        {"Status": "exited", "ExitCode": 137, "OOMKilled": True},
        {"exitCode": 137, "reason": "OOMKilled"},
        {"StatusCode": 138},
    ]
    for item in evidence:
        for profile in (None, darwin):
            result = classify(item, profile=profile)
            sig = result.signal
            found.append(
                (
                    result.outcome,
                    result.exit_code,
                    result.reason,
                    None if sig is None else (sig.name, int(sig)),
                )
            )
    return found


@pytest.fixture
def restore_signal_tables() -> Any:
    yield
    _matcher.forget()


@pytest.mark.parametrize("host", ["darwin", "windows"])
def test_answers_do_not_depend_on_the_hosts_signal_table(
    host: str, monkeypatch: pytest.MonkeyPatch, restore_signal_tables: Any
) -> None:
    """Issue 14 item 2: "on macOS `classify(138)` would say SIGBUS (not SIGUSR1) and 135
    SIGEMT; on Windows any OOM-killed state raises `KeyError: 9`"."""
    on_linux = _answers()
    _fake_host(monkeypatch, _darwin_numbering() if host == "darwin" else WINDOWS_NUMBERING)
    assert _answers() == on_linux
    assert classify(138).signal.name == "SIGUSR1"  # type: ignore[union-attr]
    assert classify(135).signal.name == "SIGBUS"  # type: ignore[union-attr]
    oom = classify({"Status": "exited", "ExitCode": 137, "OOMKilled": True})
    assert (oom.signal, oom.signal.name) == (9, "SIGKILL")  # type: ignore[union-attr]


def test_on_a_linux_host_the_signal_is_the_hosts_member() -> None:
    """Issue 14 item 2: API-compatible on Linux: `classify(137).signal is signal.SIGKILL`."""
    assert classify(137).signal is signal.SIGKILL
    assert classify(-10).signal is signal.SIGUSR1
    realtime = classify(128 + 35).signal
    assert (realtime, realtime.name) == (35, "SIGRTMIN+1")  # type: ignore[union-attr]


class Evil(int):
    """Issue 14 item 4's int subclass whose `__and__` returns 999."""

    def __and__(self, other: object) -> int:
        return 999

    __rand__ = __and__

    def __hash__(self) -> int:
        return 12345


def test_an_int_subclass_does_not_poison_the_status_memo() -> None:
    """Issue 14 item 4: "after `classify(Evil(7))` whose `__and__` returns 999, every later
    `classify(7)` returns 999; after `classify(signal.SIGTERM)`, `classify(15).status` is an
    enum member"."""
    assert classify(Evil(7)).exit_code == 7
    assert classify(7).exit_code == 7
    assert classify({"StatusCode": Evil(7)}).exit_code == 7
    classify(signal.SIGTERM)
    assert type(classify(15).status) is int
    assert type(classify({"StatusCode": signal.SIGTERM}).status) is int


class Sub(int):
    pass


def _intenum(value: int) -> int:
    import enum

    wrapped: Any = enum.IntEnum("wrapped", {"M": value})
    member: int = wrapped(value)
    return member


_WRAPS: dict[str, Callable[[int], int]] = {
    "int": int,
    "subclass": Sub,
    "evil": Evil,
    "intenum": _intenum,
}


@settings(max_examples=150, deadline=None)
@given(
    status=st.integers(min_value=-(2**31), max_value=2**40),
    wrap=st.sampled_from(sorted(_WRAPS)),
    as_wait=st.booleans(),
)
def test_a_status_memo_hit_answers_exactly_as_a_miss(status: int, wrap: str, as_wait: bool) -> None:
    """Issue 14: "a status-cache hit must answer exactly as if the cache did not exist"."""

    def evidence(value: int) -> object:
        return {"StatusCode": value, "Error": None} if as_wait else value

    classify(evidence(_WRAPS[wrap](status)))  # whatever it leaves in the memo
    remembered = classify(evidence(status))
    _matcher.tables(profiles.DEFAULT).statuses.clear()
    fresh = classify(evidence(status))
    assert remembered == fresh
    assert type(remembered.status) is int


def test_contradictory_kubernetes_reasons_are_refused() -> None:
    """Issue 14 item 5: "`{"exitCode": 137, "reason": "Completed"}` gives SUCCESS with exit
    code 137"."""
    with pytest.raises(MalformedEvidenceError, match=r"contradicts itself.*exitCode is 137"):
        classify({"exitCode": 137, "reason": "Completed"})
    with pytest.raises(MalformedEvidenceError, match="non-zero exit code, but exitCode is 0"):
        classify({"exitCode": 0, "reason": "Error"})
    assert classify({"exitCode": 0, "reason": "Completed"}).outcome is ExitOutcome.SUCCESS


@pytest.mark.parametrize(
    "evidence",
    [
        {"Status": "exited", "ExitCode": 0, "OOMKilled": True},
        {"exitCode": 0, "reason": "OOMKilled"},
    ],
)
def test_an_oom_flag_with_a_status_other_than_sigkill_says_so(evidence: object) -> None:
    """Issue 14 item 5: "OOMKilled with ExitCode 0 gives OOM_KILLED plus SIGKILL"."""
    result = classify(evidence)
    assert (result.outcome, result.exit_code, result.signal) == (ExitOutcome.SUCCESS, 0, None)
    assert "OOM killer struck, but the status is 0, not 137" in result.reason


def test_an_exec_inspect_without_exit_code_is_not_a_success() -> None:
    """Issue 14 item 5: "An exec inspect without `ExitCode` resolves to 0 (`{"exit_code": 3}`
    gives 0)"; a null ExitCode still is the CLI's 0."""
    from exitcodes import resolve

    with pytest.raises(MalformedEvidenceError, match="has no 'ExitCode' field"):
        resolve("exec", exec_inspect={"exit_code": 3})
    assert resolve("exec", exec_inspect={"ExitCode": None}).exit_code == 0


@pytest.mark.parametrize(
    ("returncode", "fragment"),
    [(2**70, "int64"), (10**5000, "int64"), (-213, r"signal 213, but linux has signals 1\.\.64")],
    ids=["2**70", "10**5000", "-213"],
)
def test_sdk_returncodes_are_range_checked(returncode: int, fragment: str) -> None:
    """Issue 14 items 5 and 11: "SDK `returncode` is not range-checked (2**70 gives SUCCESS,
    -213 "killed by signal 213")"; "Integers over 4,300 digits raise a plain `ValueError`"."""
    import subprocess

    with pytest.raises(MalformedEvidenceError, match=fragment):
        classify(subprocess.CompletedProcess(["docker"], returncode))
    with pytest.raises(MalformedEvidenceError, match=fragment):
        classify(subprocess.CalledProcessError(returncode, ["docker"]))


@pytest.mark.parametrize(
    ("text", "code", "outcome"),
    [
        ("137", 137, ExitOutcome.SIGNALED),
        (" 3\n", 3, ExitOutcome.COMMAND_FAILED),
        ("-9", 137, ExitOutcome.SIGNALED),
        ("exit status 137", 137, ExitOutcome.SIGNALED),
        ("Exited (127) 2 minutes ago", 127, ExitOutcome.NOT_FOUND),
    ],
)
def test_number_like_texts_are_statuses(text: str, code: int, outcome: ExitOutcome) -> None:
    """Issue 14 item 6: "`classify("137")`, `explain("137")` ... give 125 (engine error);
    `explain("exit status 137")` has a 125 headline but an exit-137 cause"."""
    from exitcodes import explain

    result = classify(text)
    assert (result.exit_code, result.outcome) == (code, outcome)
    assert explain(text).classification == result
    assert explain(text.encode()).classification == result


def test_a_daemon_answer_is_never_read_as_a_status() -> None:
    assert classify("Error response from daemon: 137").exit_code == 125


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_an_empty_text_names_nothing(text: str) -> None:
    """Issue 14 item 6: "`classify("")` gives 125"."""
    with pytest.raises(MalformedEvidenceError, match=r"empty|blank"):
        classify(text)
    with pytest.raises(MalformedEvidenceError, match=r"empty|blank"):
        classify(text.encode())


def test_explain_reads_memoryview_as_bytes() -> None:
    """Issue 14 item 6: "`explain(memoryview(b))` differs from `explain(b)`"."""
    from exitcodes import explain

    for text in (b"Exited (137) 5 seconds ago", b"exit status 3", b"port is already allocated"):
        assert explain(memoryview(text)) == explain(text)


def test_a_signal_member_is_the_status_it_kills_with() -> None:
    """Issue 14 item 6: "`classify(signal.SIGKILL)` gives exit 9"."""
    result = classify(signal.SIGKILL)
    assert _answer(result) == KILLED_BY_SIGKILL
    assert result.status == 137
    assert _answer(classify(signal.SIGTERM)) == (ExitOutcome.SIGNALED, 143, "SIGTERM")


@pytest.mark.parametrize(
    "error", [KeyboardInterrupt(), ValueError("invalid literal for int()"), RuntimeError("boom")]
)
def test_an_exception_that_is_no_engine_error_is_refused(error: BaseException) -> None:
    """Issue 14 item 6: "`classify(KeyboardInterrupt())` gives 125: any exception's text is
    pattern-matched as if a daemon had said it"."""
    from exitcodes import explain

    with pytest.raises(UnsupportedEvidenceError):
        classify(error)
    with pytest.raises(UnsupportedEvidenceError):
        explain(error)


def test_an_exception_carrying_an_engine_error_is_still_read() -> None:
    """Wrapped daemon texts stay readable: only texts no engine phrase matches are refused."""
    wrapped = RuntimeError("Error response from daemon: No such container: web")
    assert classify(wrapped).exit_code == 125
    assert classify(RuntimeError("permission denied")).exit_code == 126


def test_hand_built_and_mock_profiles_are_refused() -> None:
    """Issue 14 item 11: "a hand-built `Profile` or `Mock(spec=Profile)` raises
    IndexError/AttributeError"."""
    from unittest.mock import Mock

    from exitcodes import explain, resolve
    from exitcodes.profiles import Profile

    hand_built = Profile("docker", "28", "28")  # type: ignore[arg-type]
    for profile in (hand_built, Mock(spec=Profile)):
        for call in (
            lambda p: classify("x", profile=p),
            lambda p: classify(1, profile=p),
            lambda p: explain(1, profile=p),
            lambda p: resolve("run", profile=p),
        ):
            with pytest.raises(InvalidArgumentError, match=r"profile\.engine must be of type"):
                call(profile)


def test_an_api_error_with_an_empty_explanation_is_still_the_daemons() -> None:
    """docker-py's APIError shape (an ``explanation``, here empty) is an SDK error: its
    ``str()``, the HTTP error the daemon answered with, is read as docker run reads it."""

    class ApiError(Exception):
        explanation = ""

    error = ApiError("500 Server Error for http+docker://localhost/v1.47/containers/create")
    assert classify(error).exit_code == 125


def test_a_hand_built_profile_with_bad_version_fields_is_refused() -> None:
    """Issue 14 item 11 (a hand-built `Profile`), with a Version of the wrong types."""
    from exitcodes.profiles import Engine, Platform, Profile, Version

    bad = Version("a", None)  # type: ignore[arg-type]
    profile = Profile(Engine.DOCKER, bad, bad, Platform.LINUX)
    with pytest.raises(InvalidArgumentError, match="must be a Version of ints"):
        classify(137, profile=profile)


def test_a_released_memoryview_is_malformed() -> None:
    """Issue 14 item 11: no foreign exception escapes, a released buffer included."""
    view = memoryview(b"permission denied")
    view.release()
    with pytest.raises(MalformedEvidenceError, match="released"):
        classify(view)
