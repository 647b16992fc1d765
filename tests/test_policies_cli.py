"""``exitcodes policy check`` and ``exitcodes policy write`` (issue 20), and their contract.

Exit statuses (docs/reference/cli.md): 0 answered, 2 usage, 65 bad data, 66 no input.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from exitcodes.cli import main
from exitcodes.cli._policy import SCHEMA

PFP = {"rules": [{"action": "FailJob", "onExitCodes": {"operator": "In", "values": [42]}}]}
POD = {
    "metadata": {"namespace": "default", "name": "mypod"},
    "status": {
        "phase": "Failed",
        "containerStatuses": [{"name": "main", "state": {"terminated": {"exitCode": 42}}}],
    },
}


def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_check_kubernetes_job_with_a_pod(tmp_path: Path) -> None:
    policy = write(tmp_path, "pfp.json", json.dumps(PFP))
    pod = write(tmp_path, "pod.json", json.dumps(POD))
    code, out, err = run("policy", "check", policy, pod)
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "kubernetes-job: fail (FailJob)"
    assert (
        "message: Container main for pod default/mypod failed with exit code 42 matching FailJob rule at index 0"
        in out
    )
    code, out, _ = run("policy", "check", policy, "1", "--failed", "6")
    assert (code, out.splitlines()[0]) == (0, "kubernetes-job: fail (Count)")
    assert "message: Job has reached the specified backoff limit" in out
    document = json.loads(run("policy", "check", policy, "-", "--json", stdin=json.dumps(POD))[1])
    assert set(document) == set(SCHEMA["required"])
    assert document["verdict"] == "fail"


def test_check_guesses_every_system(tmp_path: Path) -> None:
    cases = [
        ("docker.txt", "on-failure:3\n", ["1", "--restart-count", "1"], "docker: retry (restart)"),
        (
            "unit.service",
            "[Service]\nRestart=on-failure\nSuccessExitStatus=143\n",
            ["143"],
            "systemd: success (stop)",
        ),
        (
            "unit2.service",
            "[Service]\nRestart=always\n",
            ["SIGKILL", "--manually-stopped"],
            "systemd: fail (failed)",
        ),
        (
            "batch.json",
            json.dumps(
                {"attempts": 2, "evaluateOnExit": [{"onReason": "AGENT", "action": "EXIT"}]}
            ),
            ["1", "--reason", "AGENT"],
            "aws-batch: fail (EXIT)",
        ),
        (
            "gitlab.json",
            json.dumps({"retry": {"max": 1, "exit_codes": 137}}),
            ["137"],
            "gitlab-ci: retry (retry)",
        ),
        (
            "container.json",
            json.dumps({"restartPolicy": "OnFailure"}),
            ["0"],
            "kubernetes-container: success (DoNotRestart)",
        ),
        ("hostconfig.json", json.dumps({"Name": "always"}), ["0"], "docker: retry (restart)"),
    ]
    for name, text, rest, first in cases:
        code, out, err = run("policy", "check", write(tmp_path, name, text), *rest)
        assert (code, err, out.splitlines()[0]) == (0, "", first), name
    code, out, _ = run("policy", "check", write(tmp_path, "d.txt", "always"), "1")
    assert "delay: 0.1 s" in out
    stopped = ("policy", "check", write(tmp_path, "d.txt", "always"), "137", "--manually-stopped")
    assert run(*stopped)[1].startswith("docker: fail (stop)")
    assert run(*stopped, "--daemon-start")[1].startswith("docker: retry (restart)")


def test_check_evidence_files(tmp_path: Path) -> None:
    policy = write(tmp_path, "docker.txt", "always")
    inspect = write(
        tmp_path,
        "inspect.json",
        json.dumps(
            {"State": {"ExitCode": 127, "Error": 'exec: "x": executable file not found in $PATH'}}
        ),
    )
    code, out, _ = run("policy", "check", policy, inspect)
    assert (code, out.splitlines()[0]) == (0, "docker: fail (stop)")
    number = write(tmp_path, "code.txt", "3\n")
    assert run("policy", "check", policy, number)[1].startswith("docker: retry")
    message = write(
        tmp_path, "message.txt", "Bind for 0.0.0.0:80 failed: port is already allocated\n"
    )
    assert run("policy", "check", policy, message)[0] == 0
    notes = write(
        tmp_path,
        "pfp.json",
        json.dumps(
            {"rules": [{"action": "Nope", "onExitCodes": {"operator": "In", "values": [1]}}]}
        ),
    )
    assert "note: rule 0 matched but is skipped" in run("policy", "check", notes, "1")[1]


def test_check_yaml_policy(tmp_path: Path) -> None:
    pytest.importorskip("yaml")
    policy = write(
        tmp_path,
        "pfp.yaml",
        "rules:\n- action: Ignore\n  onExitCodes: {operator: In, values: [137]}\n",
    )
    code, out, _ = run("policy", "check", policy, "137")
    assert (code, out.splitlines()[0]) == (0, "kubernetes-job: ignore (Ignore)")


def test_check_errors(tmp_path: Path) -> None:
    unknown = write(tmp_path, "x.json", json.dumps({"something": 1}))
    code, _, err = run("policy", "check", unknown, "1")
    assert code == 2 and "--for" in err
    assert run("policy", "check", unknown, "1", "--for", "gitlab-ci")[0] == 0
    bad = write(tmp_path, "bad.json", json.dumps({"attempts": 99}))
    assert run("policy", "check", bad, "1")[0] == 65  # the system would refuse this policy
    broken = write(tmp_path, "broken.json", "{not json")
    assert run("policy", "check", broken, "1", "--for", "aws-batch")[0] == 65
    assert run("policy", "check", str(tmp_path / "missing"), "1")[0] == 66
    pod = write(tmp_path, "pfp.json", json.dumps(PFP))
    assert run("policy", "check", pod, write(tmp_path, "e.json", "{oops"))[0] == 65
    assert run("policy", "check", pod, "1", "--for", "docker")[0] == 65


def test_write_every_system() -> None:
    code, out, _ = run(
        "policy", "write", "--for", "kubernetes-job", "--ignore", "137", "--fail", "2,3"
    )
    assert code == 0
    assert [rule["action"] for rule in json.loads(out)["podFailurePolicy"]["rules"]] == [
        "Ignore",
        "FailJob",
    ]
    code, out, _ = run(
        "policy",
        "write",
        "--for",
        "aws-batch",
        "--retry",
        "137",
        "--default",
        "fail",
        "--attempts",
        "4",
    )
    assert json.loads(out)["retryStrategy"]["attempts"] == 4
    code, out, _ = run("policy", "write", "--for", "gitlab-ci", "--retry", "137", "--ignore", "3")
    assert json.loads(out) == {
        "retry": {"max": 2, "exit_codes": [137]},
        "allow_failure": {"exit_codes": [3]},
    }
    assert (
        run("policy", "write", "--for", "docker", "--retry", "1", "--max-retries", "4")[1]
        == "--restart=on-failure:4\n"
    )
    assert (
        run("policy", "write", "--for", "systemd", "--success", "143")[1]
        == "[Service]\nRestart=on-failure\nSuccessExitStatus=143\n"
    )


def test_write_errors() -> None:
    assert run("policy", "write", "--for", "docker", "--retry", "1", "--fail", "2")[0] == 2
    assert run("policy", "write", "--for", "docker", "--retry", "x")[0] == 2
    assert run("policy", "write", "--retry", "1")[0] == 2
