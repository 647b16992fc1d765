"""Example tests for :func:`exitcodes.classify`, each naming the row or source it defends."""

from __future__ import annotations

import importlib
import signal
from typing import Any

import pytest

from exitcodes import (
    EvidenceKind,
    ExitOutcome,
    InvalidArgumentError,
    MalformedEvidenceError,
    UnsupportedEvidenceError,
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
        # summary #14: 127 phrases, case-sensitive
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
        # summary #15
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
        # summary #16 and observed: capital E, exec format error
        ("Executable file not found", ExitOutcome.ENGINE_ERROR, 125, "docker-cli/engine-error"),
        (
            "Bind for 0.0.0.0:80 failed: port is already allocated",
            ExitOutcome.ENGINE_ERROR,
            125,
            "docker-cli/engine-error",
        ),
        # docker-cli.md 2.5: crun's capitalised wording is 125 through the CLI
        (
            "executable file `foo` not found in $PATH: No such file or directory",
            ExitOutcome.ENGINE_ERROR,
            125,
            "docker-cli/engine-error",
        ),
        # summary #4/#5/#6: usage errors recognised from the CLI's own text
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
    """summary #11: unreachable daemon is 125 until the CLI pings first (29.1.3)."""
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
    """summary #11: the socket wording contains permission denied -> 126."""
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
    """docker/cli docs/reference/run.md "Exit status" read by convention; POSIX truncation."""
    result = classify(status)
    assert (result.outcome, result.exit_code, result.signal, result.status) == (
        outcome,
        code,
        sig,
        status,
    )


def test_wait_responses() -> None:
    """docker-cli.md 2.5 Wait API; observed: wait Error -> 125."""
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
    """docker-cli.md 2.5: a failed first start stays created with ExitCode and Error set."""
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


WINDOW = 1024  # exitcodes.classify._CONNECTION_WINDOW
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
    assert classify_module._CONNECTION_WINDOW == WINDOW
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
