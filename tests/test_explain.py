"""explain(): the catalog, the ranking, every kind of evidence, and totality."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exitcodes import ExitCodesError, ExitOutcome, MalformedEvidenceError, profiles
from exitcodes.catalog import (
    CATALOG,
    EXIT_CODES,
    PATTERN_SEPARATOR,
    CatalogEntry,
    Condition,
    entry_by_id,
    pattern_found,
    pattern_length,
    render_troubleshooting_markdown,
)
from exitcodes.diagnosis import Retry, retry_verdict
from exitcodes.errors import InvalidArgumentError, UnknownRuleError, UnsupportedEvidenceError
from exitcodes.explanation import Cause, Explanation, explain, explain_exit

ROOT = Path(__file__).resolve().parent.parent
SOURCE = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(#[0-9]+|: [^ ].*)$")


def ids(explanation: Explanation) -> list[str]:
    return [cause.id for cause in explanation.causes]


# --- the catalog as data ---------------------------------------------------------------


def test_catalog_has_at_least_30_entries_with_unique_ids() -> None:
    assert len(CATALOG) >= 30
    assert len({entry.id for entry in CATALOG}) == len(CATALOG)


@pytest.mark.parametrize("entry", CATALOG, ids=lambda e: e.id)
def test_entry_is_complete(entry: CatalogEntry) -> None:
    assert entry.title and entry.hint.endswith((".", ")")), entry.id
    assert entry.outcomes
    assert SOURCE.match(entry.source), entry.source
    assert entry.example.strip() == entry.example and entry.example
    assert entry.messages or entry.codes or entry.reasons or entry.conditions
    assert all(pattern == pattern.lower() for pattern in (*entry.messages, *entry.unless))
    assert entry_by_id(entry.id) is entry
    json.dumps(entry.to_dict())


@pytest.mark.parametrize("entry", CATALOG, ids=lambda e: e.id)
def test_explain_of_the_cited_real_message_returns_that_entry_first(entry: CatalogEntry) -> None:
    explanation = explain(entry.example)
    assert ids(explanation)[:1] == [entry.id], (entry.example, ids(explanation)[:4])
    assert explanation.causes[0].matched


def test_most_causes_cite_a_public_issue() -> None:
    issues = [entry for entry in CATALOG if "#" in entry.source]
    assert len(issues) >= 30


def test_the_catalog_covers_the_issue_list() -> None:
    wanted = {
        "command-not-in-path",
        "path-is-a-directory",
        "no-exec-bit",
        "noexec-mount",
        "crlf-line-endings",
        "missing-interpreter",
        "exec-format-error",
        "port-already-allocated",
        "image-not-found",
        "manifest-unknown",
        "name-conflict",
        "bind-source-missing",
        "mount-type-mismatch",
        "docker-socket-permission",
        "daemon-not-running",
        "no-space-left",
        "device-missing",
        "gpu-driver-missing",
        "runtime-not-installed",
        "selinux-label",
        "apparmor-profile",
        "oom-killed",
        "stop-timeout",
        "init-exec-failed",
        "start-error-128",
        "k8s-container-status-unknown",
        "k8s-deadline-exceeded",
        "windows-access-violation",
    }
    assert wanted <= {entry.id for entry in CATALOG}


def test_exit_code_table_covers_the_documented_codes() -> None:
    codes = {meaning.code for meaning in EXIT_CODES}
    assert {0, 1, 2, 124, 125, 126, 127, 128, 130, 134, 137, 139, 143, 255} <= codes
    assert {0xC0000005, 0xC000013A, 0xC0000409} <= codes


def test_bad_entries_are_rejected() -> None:
    with pytest.raises(ValueError, match="lower-case words"):
        CatalogEntry("Bad Id", "t", "h.", (ExitOutcome.SUCCESS,), "a/b#1", "x")
    with pytest.raises(ValueError, match="lower case"):
        CatalogEntry("ok", "t", "h.", (ExitOutcome.SUCCESS,), "a/b#1", "x", messages=("Upper",))


def test_patterns_are_ordered_substrings() -> None:
    pattern = "exec /" + PATTERN_SEPARATOR + ": no such file"
    assert pattern_found(pattern, "exec /a.sh: no such file")
    assert not pattern_found(pattern, ": no such file exec /a.sh")
    assert pattern_length(pattern) == len("exec /") + len(": no such file")


def test_unless_rules_a_message_out() -> None:
    entry = entry_by_id("missing-interpreter")
    assert entry.message_match("env: can't execute 'bash': no such file or directory")
    assert entry.message_match("env: can't execute 'bash\r': no such file or directory") is None


# --- bare codes -------------------------------------------------------------------------


def test_137_names_sigkill_and_the_oom_stop_kill_possibilities() -> None:
    explanation = explain(137)
    assert explanation.classification.signal is signal.SIGKILL
    assert ids(explanation)[:3] == ["exit-137", "oom-killed", "stop-timeout"]
    hint = explanation.causes[0].hint
    for words in ("OOM killer", "docker stop", "docker kill", "kill -9"):
        assert words in hint


@pytest.mark.parametrize(
    ("code", "first", "signal_name"),
    [
        (139, "exit-139", "SIGSEGV"),
        (143, "exit-143", "SIGTERM"),
        (134, "exit-134", "SIGABRT"),
        (130, "exit-130", "SIGINT"),
        (132, "exit-132", "SIGILL"),
    ],
)
def test_signal_codes(code: int, first: str, signal_name: str) -> None:
    explanation = explain(code)
    assert ids(explanation)[0] == first
    assert explanation.classification.signal is not None
    assert explanation.classification.signal.name == signal_name


@pytest.mark.parametrize(
    ("code", "first", "also"),
    [
        (125, "exit-125", "port-already-allocated"),
        (126, "exit-126", "no-exec-bit"),
        (127, "exit-127", "command-not-in-path"),
        (255, "exit-255", "crlf-line-endings"),
        (1, "exit-1", "docker-start-failed"),
        (0, "exit-0", None),
        (124, "exit-124", None),
        (128, "start-error-128", None),
    ],
)
def test_docker_and_shell_codes(code: int, first: str, also: str | None) -> None:
    found = ids(explain(code))
    assert found[0] == first
    if also is not None:
        assert also in found


@pytest.mark.parametrize(
    ("evidence", "entry_id"),
    [
        (3221225477, "windows-access-violation"),
        ("0xC0000005", "windows-access-violation"),
        (-1073741819, "windows-access-violation"),
        (0xC000013A, "windows-ctrl-c-exit"),
        ({"State": {"Status": "exited", "ExitCode": 3221225786}}, "windows-ctrl-c-exit"),
        (0xC0000409, "windows-stack-buffer-overrun"),
        (-1073740791, "windows-stack-buffer-overrun"),
        ("Exited (3221225786) 2 minutes ago", "windows-ctrl-c-exit"),
        ({"StatusCode": 3221225477}, "windows-access-violation"),
    ],
)
def test_ntstatus_values(evidence: object, entry_id: str) -> None:
    assert ids(explain(evidence))[0] == entry_id


def test_ntstatus_keeps_32_bits_on_windows_and_the_low_byte_on_linux() -> None:
    windows = explain(0xC0000005, profile=profiles.from_spec("docker@28.2.2:windows"))
    linux = explain(0xC0000005)
    assert windows.classification.exit_code == 0xC0000005
    assert linux.classification.exit_code == 5
    assert windows.cause == linux.cause


def test_minus_one_is_255() -> None:
    assert ids(explain(-1))[0] == "exit-255"
    assert ids(explain(4294967295))[0] == "exit-255"


def test_an_unknown_code_has_no_cause() -> None:
    explanation = explain(3)
    assert explanation.causes == ()
    assert explanation.cause is None
    assert explanation.classification.outcome is ExitOutcome.COMMAND_FAILED


# --- container states -------------------------------------------------------------------


def test_oomkilled_false_with_137_is_not_an_oom_of_the_main_process() -> None:
    explanation = explain({"State": {"Status": "exited", "ExitCode": 137, "OOMKilled": False}})
    assert ids(explanation)[0] == "sigkill-not-oom"
    assert "not an OOM kill of the main process" in explanation.causes[0].title
    assert "oom-killed" not in ids(explanation)
    assert Condition.SIGKILL_NOT_OOM.description in explanation.causes[0].matched


def test_oomkilled_true_is_an_oom() -> None:
    doc = {"Id": "abc", "State": {"Status": "exited", "ExitCode": 137, "OOMKilled": True}}
    explanation = explain(doc)
    assert explanation.classification.outcome is ExitOutcome.OOM_KILLED
    assert ids(explanation)[0] == "oom-killed"
    assert "sigkill-not-oom" not in ids(explanation)


def test_state_without_oomkilled_field_keeps_both_possibilities() -> None:
    found = ids(explain({"Status": "exited", "ExitCode": 137}))
    assert found[:2] == ["exit-137", "oom-killed"]
    assert "sigkill-not-oom" not in found


def test_a_start_failure_is_explained_from_state_error() -> None:
    doc = {
        "State": {
            "Status": "created",
            "ExitCode": 127,
            "Error": "failed to create task for container: failed to create shim task: OCI"
            " runtime create failed: runc create failed: unable to start container process:"
            ' exec: "foo": executable file not found in $PATH: unknown',
        }
    }
    explanation = explain(doc)
    assert explanation.classification.exit_code == 127
    assert ids(explanation)[0] == "command-not-in-path"
    assert "exit status 127" in explanation.causes[0].matched


def test_a_podman_state_with_its_own_fields() -> None:
    doc = {
        "State": {
            "OciVersion": "1.0.2",
            "Status": "exited",
            "Running": False,
            "OOMKilled": True,
            "ExitCode": 137,
            "ConmonPid": 1234,
            "Error": "",
        },
        "Name": "web",
    }
    assert ids(explain(doc))[0] == "oom-killed"


def test_a_running_container_has_no_cause() -> None:
    explanation = explain({"State": {"Status": "running", "Running": True, "ExitCode": 0}})
    assert explanation.classification.outcome is ExitOutcome.STATUS_UNKNOWN
    assert explanation.causes == ()


def test_a_wait_error() -> None:
    explanation = explain({"StatusCode": 0, "Error": {"Message": "removal failed"}})
    assert ids(explanation)[0] == "wait-error"
    assert Condition.WAIT_ERROR.description in explanation.causes[0].matched


def test_an_exec_inspect() -> None:
    assert ids(explain({"ExitCode": 126, "Running": False}))[0] == "exit-126"


def test_an_api_error_body() -> None:
    body = {"message": "No such container: web"}
    assert ids(explain(body))[0] == "no-such-container"


# --- messages -------------------------------------------------------------------------


def test_a_message_names_its_cause_before_the_generic_code() -> None:
    explanation = explain("docker: Error response from daemon: No command specified.")
    assert ids(explanation) == ["no-command-specified", "exit-125"]
    assert explanation.causes[1].matched == ("docker run exits 125 for this error",)


def test_a_missing_interpreter_ranks_before_crlf_for_the_ambiguous_form() -> None:
    """Issue 16 item 5: "A missing interpreter is read as CRLF: `explain_exit(1, output='exec
    /bin/badinterp.sh: no such file or directory').cause.id` -> 'crlf-line-endings'; the real
    cause is a shebang naming a missing interpreter". (This test asserted CRLF first before.)"""
    found = ids(explain("exec /docker-entrypoint.sh: no such file or directory"))
    assert found[:2] == ["missing-interpreter", "crlf-line-endings"]
    assert explain("exec /docker-entrypoint.sh: no such file or directory").causes[0].score == (
        explain("exec /docker-entrypoint.sh: no such file or directory").causes[1].score
    )


def test_a_carriage_return_in_the_message_means_crlf() -> None:
    found = ids(explain("/usr/bin/env: 'bash\r': No such file or directory"))
    assert found[0] == "crlf-line-endings"
    assert "missing-interpreter" not in found


def test_prefixes_and_bytes_do_not_matter() -> None:
    message = b"docker: Error response from daemon: no space left on device."
    assert ids(explain(message))[0] == "no-space-left"


@pytest.mark.parametrize(
    ("line", "code", "first"),
    [
        ("Exited (137) 5 seconds ago", 137, "exit-137"),
        ("web-1 exited with code 143", 143, "exit-143"),
        ("Exit Code: 139", 139, "exit-139"),
        ("Process completed with exit code 1.", 1, "exit-1"),
    ],
)
def test_a_status_line_is_classified_as_its_status(line: str, code: int, first: str) -> None:
    explanation = explain(line)
    assert explanation.classification.exit_code == code
    assert explanation.classification.outcome is not ExitOutcome.ENGINE_ERROR
    assert ids(explanation)[0] == first


def test_a_daemon_message_with_exit_status_stays_a_daemon_message() -> None:
    message = "Error response from daemon: failed to register layer: ApplyLayer exit status 1"
    assert explain(message).classification.exit_code == 125


def test_an_unknown_message_falls_back_to_the_code_docker_run_gives_it() -> None:
    explanation = explain("something odd happened")
    assert explanation.classification.exit_code == 125
    assert ids(explanation) == ["exit-125"]


# --- Kubernetes ----------------------------------------------------------------------


def test_kubernetes_oomkilled() -> None:
    explanation = explain({"exitCode": 137, "reason": "OOMKilled"})
    assert explanation.classification.outcome is ExitOutcome.OOM_KILLED
    assert ids(explanation)[0] == "oom-killed"
    assert "Kubernetes reason OOMKilled" in explanation.causes[0].matched


def test_kubernetes_error_137_is_not_an_oom() -> None:
    found = ids(explain({"terminated": {"exitCode": 137, "reason": "Error"}}))
    assert found[0] == "sigkill-not-oom"
    assert "oom-killed" not in found


def test_kubernetes_start_error_names_the_inner_cause_first() -> None:
    state = {
        "exitCode": 128,
        "reason": "StartError",
        "message": "failed to create containerd task: failed to create shim task: OCI runtime"
        ' create failed: runc create failed: unable to start container process: exec: "app":'
        " executable file not found in $PATH: unknown",
    }
    found = ids(explain(state))
    assert found[:2] == ["command-not-in-path", "start-error-128"]


@pytest.mark.parametrize(
    ("state", "first"),
    [
        (
            {
                "exitCode": 137,
                "reason": "ContainerStatusUnknown",
                "message": "The container could not be located when the pod was terminated",
            },
            "k8s-container-status-unknown",
        ),
        ({"exitCode": 143, "reason": "DeadlineExceeded"}, "k8s-deadline-exceeded"),
        ({"exitCode": 128, "reason": "StartError"}, "start-error-128"),
        (
            {"waiting": {"reason": "ImagePullBackOff", "message": "Back-off pulling image"}},
            "image-not-found",
        ),
    ],
)
def test_kubernetes_reasons(state: dict[str, Any], first: str) -> None:
    assert ids(explain(state))[0] == first


def test_kubernetes_waiting_has_no_status() -> None:
    explanation = explain({"waiting": {"reason": "CrashLoopBackOff"}})
    assert explanation.classification.exit_code is None
    assert "CrashLoopBackOff" in explanation.classification.reason
    assert ids(explanation)[0] == "k8s-crash-loop"


def test_a_container_status_waiting_to_restart_explains_its_last_termination() -> None:
    status = {
        "name": "app",
        "restartCount": 4,
        "state": {"waiting": {"reason": "CrashLoopBackOff", "message": "back-off 40s"}},
        "lastState": {"terminated": {"exitCode": 137, "reason": "OOMKilled"}},
    }
    explanation = explain(status)
    assert explanation.classification.outcome is ExitOutcome.STATUS_UNKNOWN
    assert ids(explanation)[0] == "oom-killed"
    assert "k8s-crash-loop" in ids(explanation)


def test_a_running_kubernetes_container() -> None:
    explanation = explain({"name": "app", "state": {"running": {"startedAt": "x"}}})
    assert explanation.classification.outcome is ExitOutcome.STATUS_UNKNOWN


@pytest.mark.parametrize(
    "bad",
    [
        {"exitCode": "137"},
        {"exitCode": 137, "reason": 5},
        {"state": []},
        {"state": {}},
        {"terminated": ["x"]},
        {"exitCode": True},
        {"reason": "Error", "signal": "9"},
    ],
)
def test_malformed_kubernetes_states_raise_our_errors(bad: dict[str, Any]) -> None:
    with pytest.raises(ExitCodesError):
        explain(bad)


# --- exceptions ------------------------------------------------------------------------


class APIError(Exception):
    """Shaped like docker-py's APIError."""

    def __init__(self, explanation: str) -> None:
        super().__init__("500 Server Error")
        self.explanation = explanation


class ContainerError(Exception):
    """Shaped like docker-py's ContainerError."""

    def __init__(self, exit_status: int, stderr: bytes) -> None:
        super().__init__(f"Command returned non-zero exit status {exit_status}")
        self.exit_status = exit_status
        self.stderr = stderr


def test_an_api_error_is_read_through_its_explanation() -> None:
    error = APIError("driver failed programming external connectivity: port is already allocated")
    assert ids(explain(error))[0] == "port-already-allocated"


def test_a_container_error_is_read_as_a_container_status_and_its_stderr() -> None:
    error = ContainerError(255, b"exec /app: exec format error\n")
    explanation = explain(error)
    assert explanation.classification.kind.value == "wait"
    assert explanation.classification.exit_code == 255
    assert ids(explanation)[0] == "exec-format-error"


def test_a_called_process_error_killed_by_a_signal() -> None:
    error = subprocess.CalledProcessError(-9, ["docker", "run", "x"], stderr=b"")
    explanation = explain(error)
    assert explanation.classification.exit_code == 137
    assert ids(explanation)[0] == "exit-137"


def test_a_called_process_error_of_docker_run() -> None:
    error = subprocess.CalledProcessError(
        125,
        ["docker", "run", "x"],
        stderr=b"docker: Error response from daemon: pull access denied for x, repository does"
        b" not exist or may require 'docker login'.\n",
    )
    explanation = explain(error)
    assert explanation.classification.exit_code == 125
    assert ids(explanation)[0] == "image-not-found"


class Hostile(Exception):
    @property
    def exit_status(self) -> int:
        raise RuntimeError("boom")

    def __str__(self) -> str:
        return "no space left on device"


def test_a_hostile_exception_is_total() -> None:
    try:
        explanation = explain(Hostile())
    except ExitCodesError:
        return
    assert ids(explanation)[0] == "no-space-left"


# --- explain_exit ---------------------------------------------------------------------


def test_explain_exit_reads_the_output() -> None:
    output = (
        "Unable to find image 'x:latest' locally\n"
        "docker: Error response from daemon: manifest for x:latest not found: manifest unknown:"
        " manifest unknown.\nSee 'docker run --help'.\n"
    )
    explanation = explain_exit(125, output=output)
    assert explanation.classification.outcome is ExitOutcome.ENGINE_ERROR
    assert ids(explanation)[:2] == ["manifest-unknown", "exit-125"]


def test_explain_exit_without_output() -> None:
    assert ids(explain_exit(137))[0] == "exit-137"
    assert ids(explain_exit(137, output=b""))[0] == "exit-137"


def test_explain_exit_checks_its_arguments() -> None:
    with pytest.raises(InvalidArgumentError):
        explain_exit(1, output=3)  # type: ignore[arg-type]
    with pytest.raises(UnsupportedEvidenceError):
        explain_exit(True)


# --- results ---------------------------------------------------------------------------


def test_to_dict_is_json_ready() -> None:
    explanation = explain({"State": {"Status": "exited", "ExitCode": 137, "OOMKilled": True}})
    document = json.loads(json.dumps(explanation.to_dict()))
    assert document["classification"]["outcome"] == "oom_killed"
    first = document["causes"][0]
    assert first["id"] == "oom-killed"
    assert set(first) == {"id", "title", "hint", "source", "outcomes", "matched", "score"}


def test_causes_are_sorted_by_score() -> None:
    for evidence in (137, "exec /x: no such file or directory", {"exitCode": 137}):
        scores = [cause.score for cause in explain(evidence).causes]
        assert scores == sorted(scores, reverse=True)


def test_explanations_pickle_copy_and_hash() -> None:
    import copy
    import pickle

    explanation = explain({"State": {"Status": "exited", "ExitCode": 137, "OOMKilled": False}})
    assert pickle.loads(pickle.dumps(explanation)) == explanation
    assert copy.deepcopy(explanation) == explanation
    assert hash(explanation) == hash(pickle.loads(pickle.dumps(explanation)))


def test_cause_properties() -> None:
    cause = explain(139).causes[0]
    assert isinstance(cause, Cause)
    assert (cause.id, cause.title, cause.hint) == (
        cause.entry.id,
        cause.entry.title,
        cause.entry.hint,
    )


# --- totality and cost -----------------------------------------------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=40),
    st.binary(max_size=40),
)
keys = st.sampled_from(
    [
        "State",
        "Status",
        "ExitCode",
        "OOMKilled",
        "Error",
        "StatusCode",
        "message",
        "Message",
        "exitCode",
        "reason",
        "signal",
        "state",
        "lastState",
        "terminated",
        "waiting",
        "running",
        "Running",
        "other",
    ]
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(keys | st.text(max_size=5), children, max_size=5),
    ),
    max_leaves=20,
)


@settings(max_examples=400)
@given(documents)
def test_explain_is_total(evidence: object) -> None:
    try:
        explanation = explain(evidence)
    except ExitCodesError:
        return
    assert isinstance(explanation, Explanation)
    json.dumps(explanation.to_dict())


@settings(max_examples=300)
@given(st.text(max_size=300))
def test_explain_of_any_text_never_raises(text: str) -> None:
    if not text.strip():  # issue 14 item 6: an empty text was answered 125; it names nothing
        with pytest.raises(MalformedEvidenceError, match=r"empty|blank"):
            explain(text)
        return
    explanation = explain(text)
    assert explanation.classification is not None


@settings(max_examples=200)
@given(st.integers(min_value=-(2**63), max_value=2**63 - 1))
def test_explain_of_any_int64(status: int) -> None:
    if status < -(2**31):  # issue 14 item 1: neither a returncode nor a 32-bit code
        with pytest.raises(MalformedEvidenceError, match="below -2"):
            explain(status)
        return
    explain(status)


def test_huge_text_is_cheap() -> None:
    text = "no such file or directory " + "x" * (8 * 1024 * 1024) + " port is already allocated"
    began = time.monotonic()
    explanation = explain(text)
    assert time.monotonic() - began < 10
    assert {"port-already-allocated", "file-not-found-elsewhere"} <= set(ids(explanation))


def test_many_markers_are_cheap() -> None:
    text = "exit code 1 " * 100_000
    began = time.monotonic()
    explain(text)
    assert time.monotonic() - began < 10


# --- the generated troubleshooting page -----------------------------------------------


def test_troubleshooting_page_is_generated_from_the_catalog() -> None:
    committed = (ROOT / "docs" / "troubleshooting.md").read_text(encoding="utf-8")
    assert committed == render_troubleshooting_markdown(), (
        "docs/troubleshooting.md is stale: regenerate it with render_troubleshooting_markdown()"
    )


def test_troubleshooting_page_covers_every_code_and_cause() -> None:
    page = render_troubleshooting_markdown()
    for meaning in EXIT_CODES:
        assert f"(code-{meaning.code})=" in page
    for entry in CATALOG:
        assert f"(cause-{entry.id})=" in page
        assert entry.source in page
    assert ">>>" not in page


@pytest.mark.parametrize(
    ("entry_id", "error"),
    [("no-such-cause", UnknownRuleError), (5, InvalidArgumentError), ([], InvalidArgumentError)],
)
def test_entry_by_id_raises_the_librarys_errors(entry_id: object, error: type) -> None:
    """Issue 14 item 11: "`catalog.entry_by_id` raises plain `KeyError`/`TypeError`"."""
    with pytest.raises(error):
        entry_by_id(entry_id)  # type: ignore[arg-type]
    with pytest.raises(ExitCodesError):
        entry_by_id(entry_id)  # type: ignore[arg-type]


@pytest.mark.parametrize(("pattern", "lowered"), [(None, "x"), ("x", None), (b"x", "x")])
def test_pattern_helpers_refuse_what_is_not_text(pattern: object, lowered: object) -> None:
    """Issue 14 item 11: public catalog helpers raise the library's errors only."""
    from exitcodes.catalog import pattern_found, pattern_length

    with pytest.raises(InvalidArgumentError, match="must be a str"):
        pattern_found(pattern, lowered)  # type: ignore[arg-type]
    if not isinstance(pattern, str):
        with pytest.raises(InvalidArgumentError, match="must be a str"):
            pattern_length(pattern)  # type: ignore[arg-type]


# --- issue 16 item 5: the first cause on real evidence ----------------------------------
# The texts below are what real dockerd 20.10.24, 26.1.5, 28.5.2 and 29.7.2 (with their own
# and the 28.2.2 CLI) and podman 4.3.1 printed; tests/engines_live and tests/podman_live
# hold the recorded runs.

_SHIM = (
    "docker: Error response from daemon: failed to create task for container: failed to"
    " create shim task: OCI runtime create failed: runc create failed: unable to start"
    " container process: "
)


@pytest.mark.parametrize(
    ("status", "version", "output", "first"),
    [
        (
            126,
            "26.1.5",
            "OCI runtime exec failed: exec failed: unable to start container process: exec:"
            ' "nosuch": executable file not found in $PATH: unknown',
            "command-not-in-path",
        ),
        (
            127,
            "29.7.2",
            "OCI runtime exec failed: exec failed: unable to start container process: exec:"
            ' "nosuch": executable file not found in $PATH: unknown',
            "command-not-in-path",
        ),
        (
            126,
            "20.10.24",
            "OCI runtime exec failed: exec failed: unable to start container process: exec:"
            ' "/bin/noexec.sh": permission denied: unknown',
            "no-exec-bit",
        ),
        (
            126,
            "29.7.2",
            "OCI runtime exec failed: exec failed: unable to start container process: exec:"
            ' "/etc": is a directory: unknown: permission denied',
            "path-is-a-directory",
        ),
    ],
)
def test_exec_refusals_rank_the_named_cause_before_oci_exec_failed(
    status: int, version: str, output: str, first: str
) -> None:
    """Issue 16 item 5.1: "exec refusals rank the generic cause first. [...] Repro:
    `explain_exit(126, output=<that text>, profile=profiles.docker("26.1.5")).cause.id` ->
    'oci-exec-failed'"."""
    found = ids(explain_exit(status, output=output, profile=profiles.docker(version)))
    assert found[0] == first
    assert "oci-exec-failed" in found[1:]


@pytest.mark.parametrize(
    ("status", "output"),
    [
        (1, "exec /bin/badinterp.sh: no such file or directory"),
        (255, "exec /bin/badinterp.sh: no such file or directory"),
        (127, "[FATAL tini (7)] exec /bin/badinterp.sh failed: No such file or directory"),
    ],
)
def test_a_missing_interpreter_comes_first_and_crlf_next(status: int, output: str) -> None:
    """Issue 16 item 5.2: "`explain_exit(1, output='exec /bin/badinterp.sh: no such file or
    directory').cause.id` -> 'crlf-line-endings' [...] rank the missing-interpreter cause first
    [...] and keep CRLF ranked next, and say in the hint what evidence would tell them apart
    (`head -1 file | od -c` shows `\\r`). Also tini's `[FATAL tini (7)] exec ... failed: No
    such file or directory`"."""
    causes = explain_exit(status, output=output).causes
    assert [cause.id for cause in causes[:2]] == ["missing-interpreter", "crlf-line-endings"]
    for cause in causes[:2]:
        assert "od -c" in cause.hint


def test_a_carriage_return_still_means_crlf_first() -> None:
    """The cited CRLF form (Tiryoh/docker-ros2-desktop-vnc#147) names the carriage return."""
    text = "/bin/bash: /entrypoint.sh: /bin/bash^M: bad interpreter: No such file or directory"
    found = ids(explain_exit(126, output=text))
    assert found[0] == "crlf-line-endings"
    assert "missing-interpreter" not in found


@pytest.mark.parametrize("runtime", ["dockerd 26.1.5 (runc 1.1.5)", "podman 4.3.1"])
def test_runc_1_1_words_a_directory_like_a_file_without_the_exec_bit(runtime: str) -> None:
    """Issue 16 item 5.3: "runc 1.1.5 [...] says `exec: "/etc": permission denied` for a
    directory, word for word what it says for a 0644 file. explain_exit(126, output=...) ->
    'no-exec-bit' (confident wrong answer). Where the text cannot tell two causes apart, rank
    both [...] and say what evidence would tell them apart (`ls -ld`)"."""
    if runtime.startswith("podman"):
        output = (
            'Error: runc: runc create failed: unable to start container process: exec: "/etc":'
            " permission denied: OCI permission denied"
        )
    else:
        output = _SHIM + 'exec: "/etc": permission denied: unknown.'
    causes = explain_exit(126, output=output).causes
    assert {cause.id for cause in causes[:2]} == {"no-exec-bit", "path-is-a-directory"}
    assert causes[0].score == causes[1].score  # neither is preferred by the evidence
    for cause in causes[:2]:
        assert "ls -ld" in cause.hint


def test_newer_runc_says_is_a_directory() -> None:
    """runc 1.3.6 (dockerd 29.7.2): `exec: "/etc": is a directory: unknown: permission denied`."""
    output = _SHIM + 'error during container init: exec: "/etc": is a directory: unknown:'
    causes = explain_exit(126, output=output + " permission denied").causes
    assert causes[0].id == "path-is-a-directory"
    no_exec_bit = next(cause for cause in causes if cause.id == "no-exec-bit")
    assert no_exec_bit.matched == ("exit status 126",)  # the code alone, not the text


def test_plain_docker_start_ranks_the_daemons_error_first() -> None:
    """Issue 16 item 5.4: "Plain `docker start`: output `...executable file not found in
    $PATH\\nError: failed to start containers: NAME` (exit 1) gives 'docker-start-failed', not
    `command-not-in-path`"."""
    output = (
        "Error response from daemon: failed to create task for container: failed to create"
        " shim task: OCI runtime create failed: runc create failed: unable to start container"
        ' process: exec: "nosuch": executable file not found in $PATH\n'
        "Error: failed to start containers: exitcodes-RUN-start-not-found\n"
    )
    found = ids(explain_exit(1, output=output, profile=profiles.docker("28.5.2")))
    assert found[0] == "command-not-in-path"
    assert "docker-start-failed" in found
    alone = "Error: failed to start containers: elegant_spence"
    assert ids(explain_exit(1, output=alone))[0] == "docker-start-failed"


def test_the_clis_wait_race_line_does_not_win() -> None:
    """Issue 16 item 5.5: "when the CLI prints `level=error msg="error waiting for container:
    context canceled"` before the daemon's message, explain_exit answers 'wait-error'. The line
    is harmless (the real error is the other one): it must not win"."""
    output = (
        'time="2026-12-03T18:08:54Z" level=error msg="error waiting for container: context'
        ' canceled"\nError response from daemon: failed to create shim task: OCI runtime create'
        ' failed: runc create failed: unable to start container process: exec: "nosuch":'
        " executable file not found in $PATH: unknown\n"
    )
    found = ids(explain_exit(1, output=output, profile=profiles.docker("20.10.24")))
    assert found[0] == "command-not-in-path"
    assert "wait-error" not in found
    assert "wait-canceled-after-error" in found
    alone = ids(explain("ERRO[0001] error waiting for container: context canceled"))
    assert alone[0] == "wait-canceled-after-error"
    other = ids(explain("Error waiting for container: removal of container web failed"))
    assert other[0] == "wait-error"


def test_podmans_events_file_race_is_named() -> None:
    """podman v4.3.1 pkg/api/handlers/utils/containers.go, waitNextExit: "if evt.err != nil
    { return -1, evt.err }" -- a half-written line of the events file ends a docker-compat wait
    for next-exit with json.Unmarshal's error; containers/podman#24406 (5.3.0) skips such
    lines. The docker CLI 20.10.24 printed it against podman 4.3.1 in CI and exited 125."""
    stderr = "docker: Error waiting for container: unexpected end of JSON input"
    explanation = explain_exit(125, output=stderr, profile=profiles.docker("20.10.24"))
    assert ids(explanation)[:2] == ["podman-events-file-race", "wait-error"]
    assert retry_verdict("podman-events-file-race").retry is Retry.UNKNOWN
    # Any other wait error stays a plain wait error.
    assert "podman-events-file-race" not in ids(explain("Error waiting for container: EOF"))


@pytest.mark.parametrize(
    ("status", "text", "first", "not_first"),
    [
        (
            125,
            "Error while fetching server API version: ('Connection aborted.',"
            " FileNotFoundError(2, 'No such file or directory'))",
            "daemon-not-running",
            "file-not-found-elsewhere",
        ),
        (
            125,
            "docker: Error response from daemon: Cannot mkdir: /bin/busybox is not a directory.",
            "workdir-not-a-directory",
            "mount-type-mismatch",
        ),
        (
            1,
            "Error response from daemon: Cannot kill container: exitcodes-RUN-kill-stopped-"
            "container: Container b94c6d996b96c6cc5afdbe017e7e84f61494cb2068531cc0c79ee7c27ef7c701"
            " is not running",
            "kill-container-not-running",
            "exec-container-not-running",
        ),
        (
            125,
            'Error: creating container storage: the container name "exitcodes-RUN-run-name-'
            'conflict" is already in use by d8f66f73eed0ef0f19513cbff452bc71954997e22777900d2a3262'
            "afa06620bc. You have to remove that container to be able to reuse that name: that"
            " name is already in use",
            "name-conflict",
            None,
        ),
        (
            255,
            "Error: can only create exec sessions on running containers: container state improper",
            "exec-container-not-running",
            None,
        ),
        (
            125,
            "Error: container create: stat /dev/nosuch: no such file or directory",
            "device-missing",
            "file-not-found-elsewhere",
        ),
    ],
)
def test_the_users_texts_name_their_cause(
    status: int, text: str, first: str, not_first: str | None
) -> None:
    """Issue 16 item 5 (the user's list): "docker-py without a socket (`('Connection aborted.',
    FileNotFoundError(2, 'No such file or directory'))`) -> explain says
    `file-not-found-elsewhere` [...] a workdir that is a file (`Cannot mkdir: /bin/busybox is
    not a directory`) -> `mount-type-mismatch` [...] `docker kill` of a stopped container ->
    `exec-container-not-running` [...] the catalog misses podman's name-conflict wording
    (`...is already in use by <id>. You have to remove that container...`), `can only create
    exec sessions on running containers: container state improper` and `container create: stat
    /dev/nosuch: ...`"."""
    assert ids(explain(text))[0] == first
    assert ids(explain_exit(status, output=text))[0] == first
    if not_first is not None:
        assert ids(explain(text))[0] != not_first


def test_docker_py_without_a_socket_as_the_exception_itself() -> None:
    """docker-py raises DockerException with this text (docker/docker-py#3219)."""
    error = ConnectionError(
        "('Connection aborted.', FileNotFoundError(2, 'No such file or directory'))"
    )
    assert ids(explain(error))[0] == "daemon-not-running"


def test_explain_reads_an_sdk_object_once() -> None:
    """Issue 15: "SDK objects are read at five call sites; `explain` re-reads evidence after
    classifying it". explain reads it once (exitcodes._read.read) and classifies and ranks
    that reading: the object's attributes are each fetched once."""
    reads: list[str] = []

    class ContainerError(Exception):  # docker-py's shape: exit_status and stderr
        @property
        def exit_status(self) -> int:
            reads.append("exit_status")
            return 137

        @property
        def stderr(self) -> bytes:
            reads.append("stderr")
            return b"Killed\n"

    found = explain(ContainerError("Command 'x' returned non-zero exit status 137"))
    assert found.classification.exit_code == 137
    assert reads == ["exit_status", "stderr"]
