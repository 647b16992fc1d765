"""``exitcodes policy check POLICY EVIDENCE`` and ``exitcodes policy write --for SYSTEM``.

``check`` reads a policy in its system's own syntax (a podFailurePolicy or Job, a
container spec, a ``--restart`` value, a systemd unit, a Batch ``retryStrategy``, a
GitLab job; JSON, or YAML when PyYAML is installed) and the evidence (an exit code, a
signal name, or a file: a pod, ``docker inspect`` JSON, an error message) and says what
the system will do. ``write`` prints the policy for exit-code verdicts. Exit statuses
follow the command line's contract (docs/reference/md): 0 answered, 2 usage, 65 bad
data (a policy or evidence the system would not accept), 66 no input, 74 output errors.

Kept in its own module so that ``exitcodes.cli`` registers it with a few lines; the
policies are imported only when the subcommand runs.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable
from typing import Any

from exitcodes.cli import EX_DATAERR, EX_OK, EX_USAGE
from exitcodes.cli._common import (
    _add_subcommand,
    _clean,
    _Failure,
    _integer,
    _load_json,
    _read_source,
    _write_json,
)

__all__ = ["SCHEMA", "SYSTEMS", "add_parser", "run"]

# The subcommand's line in `exitcodes --help`, and what its own --help opens with.
_SUMMARY = "evaluate an exit-code policy offline, or write one"
_DESCRIPTION = (
    "check: what a system (Kubernetes, Docker, systemd, AWS Batch, GitLab CI) does"
    " with this failure under this policy, and why. write: the policy, in the"
    " system's own syntax, for the verdicts you want per exit code."
)

SYSTEMS = ("kubernetes-job", "kubernetes-container", "docker", "systemd", "aws-batch", "gitlab-ci")
"""The values of ``--for``."""

_NULLABLE_STR = {"type": ["string", "null"]}
SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": [
        "system", "verdict", "action", "reason", "rule", "message", "delay", "exit_code",
        "signal", "container", "pod", "namespace", "source", "notes",
    ],
    "additionalProperties": False,
    "properties": {
        "system": {"enum": list(SYSTEMS)},
        "verdict": {"enum": ["retry", "ignore", "count", "fail", "success"]},
        "action": {"type": "string"},
        "reason": {"type": "string"},
        "rule": {"type": ["integer", "null"]},
        "message": _NULLABLE_STR,
        "delay": {"type": ["number", "null"]},
        "exit_code": {"type": ["integer", "null"]},
        "signal": _NULLABLE_STR,
        "container": _NULLABLE_STR,
        "pod": _NULLABLE_STR,
        "namespace": _NULLABLE_STR,
        "source": {"type": "string"},
        "notes": {"type": "array", "items": {"type": "string"}},
    },
}  # fmt: skip
"""The root of the JSON Schema of ``exitcodes policy check --json`` (a decision's ``to_dict()``)."""

_WRITABLE = ("kubernetes-job", "docker", "systemd", "aws-batch", "gitlab-ci")
_DOCKER_VALUE = re.compile(r"[A-Za-z-]*(:[-+0-9]*)?")
_SIGNAL = re.compile(r"SIG[A-Z0-9+-]+")


def add_parser(subcommands: Any) -> argparse.ArgumentParser:
    """Add the ``policy`` subcommand (``check``, ``write``) to *subcommands*."""
    parser = _add_subcommand(subcommands, "policy", _SUMMARY, _DESCRIPTION)
    actions = parser.add_subparsers(dest="policy_action", metavar="{check,write}", required=True)
    check = actions.add_parser("check", help="what the system does with EVIDENCE under POLICY")
    check.add_argument("policy", metavar="POLICY", help="a policy file, or - for stdin")
    check.add_argument(
        "evidence",
        metavar="EVIDENCE",
        help="an exit code, a signal name (SIGKILL), or a file (pod, inspect JSON, message), or -",
    )
    check.add_argument(
        "--for", dest="system", choices=SYSTEMS, help="the system (default: guessed)"
    )
    check.add_argument("--json", action="store_true", help="print PolicyDecision.to_dict()")
    check.add_argument("--failed", type=int, help="kubernetes-job: the Job's failed count so far")
    check.add_argument(
        "--backoff-limit", type=int, default=6, help="kubernetes-job: spec.backoffLimit"
    )
    check.add_argument("--restart-count", type=int, default=0, help="docker: restarts so far")
    check.add_argument(
        "--manually-stopped", action="store_true", help="docker, systemd: stopped by hand"
    )
    check.add_argument(
        "--daemon-start", action="store_true", help="docker: what the daemon does when it starts"
    )
    check.add_argument("--attempt", type=int, help="aws-batch: this attempt's number (from 1)")
    check.add_argument("--reason", help="aws-batch: the container's reason")
    check.add_argument("--status-reason", help="aws-batch: the job's statusReason")
    check.add_argument("--retries-count", type=int, default=0, help="gitlab-ci: retries so far")
    check.add_argument(
        "--failure-reason", default="script_failure", help="gitlab-ci: failure reason"
    )
    write = actions.add_parser("write", help="print a policy for exit-code verdicts")
    write.add_argument("--for", dest="system", choices=_WRITABLE, required=True, help="the system")
    for verdict in ("retry", "ignore", "count", "fail", "success"):
        write.add_argument(
            f"--{verdict}", action="append", default=[], metavar="CODES",
            help=f"exit codes (comma-separated) whose verdict is {verdict}",
        )  # fmt: skip
    write.add_argument("--max-retries", type=int, help="docker, gitlab-ci: the retry limit")
    write.add_argument("--attempts", type=int, default=3, help="aws-batch: attempts (2-10)")
    write.add_argument(
        "--default", choices=("retry", "fail"), default="retry", help="aws-batch: unlisted codes"
    )
    write.add_argument("--restart", default="on-failure", help="systemd: the Restart= setting")
    return parser


def _policy(text: str, system: str | None) -> tuple[str, object]:
    """The policy document and its system (guessed from its shape without ``--for``)."""
    from exitcodes.errors import ExitCodesError  # noqa: PLC0415
    from exitcodes.policies import load_document  # noqa: PLC0415

    stripped = text.strip()
    if system == "systemd" or (
        system is None and ("[Service]" in text or re.search(r"(?m)^\s*Restart=", text))
    ):
        return "systemd", text
    one_value = "\n" not in stripped and _DOCKER_VALUE.fullmatch(stripped) is not None
    if one_value and system in (None, "docker"):
        return "docker", stripped
    try:
        document = load_document(text)
    except ExitCodesError as exc:
        raise _Failure(f"POLICY: {exc}", EX_DATAERR) from None
    if system is not None:
        return system, document
    if isinstance(document, dict):
        keys = set(document)
        guesses = (
            ("kubernetes-job", {"rules", "podFailurePolicy", "spec"}),
            ("kubernetes-container", {"restartPolicy", "restartPolicyRules"}),
            ("aws-batch", {"attempts", "evaluateOnExit", "Attempts", "EvaluateOnExit"}),
            ("gitlab-ci", {"retry", "allow_failure"}),
            ("docker", {"Name", "MaximumRetryCount"}),
        )
        for name, wanted in guesses:
            if keys & wanted:
                return name, document
    raise _Failure("cannot tell which system POLICY is for: give --for SYSTEM", EX_USAGE)


def _evidence(argument: str, system: str, io: Any) -> object:
    from exitcodes.classify import classify  # noqa: PLC0415

    code = _integer(argument)
    if code is not None:
        return code
    if _SIGNAL.fullmatch(argument):
        return argument
    text = _read_source(argument, io)
    stripped = text.strip()
    document: object = text
    if stripped.startswith(("{", "[")):
        document = _load_json(stripped, "EVIDENCE")
    elif _integer(stripped) is not None:
        return _integer(stripped)
    if system in ("kubernetes-job", "aws-batch") and isinstance(document, dict):
        return document  # a pod, a describe-jobs answer: the evaluator reads them
    return classify(document)


def _decide(system: str, policy: object, evidence: object, args: argparse.Namespace) -> Any:
    from exitcodes import policies  # noqa: PLC0415 - loaded only when it runs

    # Each system's evaluator and the `policy check` options it reads (dest = its keyword).
    evaluators: dict[str, tuple[Callable[..., Any], tuple[str, ...]]] = {
        "kubernetes-job": (policies.evaluate_pod_failure_policy, ("failed", "backoff_limit")),
        "kubernetes-container": (policies.evaluate_container_restart, ()),
        "docker": (
            policies.evaluate_docker_restart,
            ("restart_count", "manually_stopped", "daemon_start"),
        ),
        "systemd": (policies.evaluate_systemd, ("manually_stopped",)),
        "aws-batch": (policies.evaluate_batch, ("attempt", "reason", "status_reason")),
        "gitlab-ci": (policies.evaluate_gitlab, ("retries_count", "failure_reason")),
    }
    evaluate, options = evaluators[system]
    return evaluate(policy, evidence, **{option: getattr(args, option) for option in options})


def _check(args: argparse.Namespace, io: Any) -> int:
    from exitcodes.errors import InvalidArgumentError  # noqa: PLC0415

    system, policy = _policy(_read_source(args.policy, io), args.system)
    evidence = _evidence(args.evidence, system, io)
    try:
        decision = _decide(system, policy, evidence, args)
    except InvalidArgumentError as exc:  # the policy file is data: the system would refuse it
        raise _Failure(str(exc), EX_DATAERR) from None
    out = io.stdout
    if args.json:
        _write_json(decision.to_dict(), out)
        return EX_OK
    clean = _clean
    out.write(f"{decision.system.value}: {decision.verdict.value} ({clean(decision.action)})\n")
    out.write(f"why: {clean(decision.reason)}\n")
    if decision.message is not None:
        out.write(f"message: {clean(decision.message)}\n")
    if decision.delay is not None:
        out.write(f"delay: {decision.delay:g} s\n")
    for note in decision.notes:
        out.write(f"note: {clean(note)}\n")
    return EX_OK


def _codes(values: list[str], flag: str) -> list[int]:

    codes = []
    for value in values:
        for part in value.split(","):
            code = _integer(part.strip())
            if code is None:
                raise _Failure(f"--{flag}: not an exit code: {part.strip()!r}", EX_USAGE)
            codes.append(code)
    return codes


def _write(args: argparse.Namespace, io: Any) -> int:
    from exitcodes import policies  # noqa: PLC0415 - loaded only when it runs

    verdicts = {
        policies.Verdict(name): _codes(getattr(args, name), name)
        for name in ("retry", "ignore", "count", "fail", "success")
        if getattr(args, name)
    }
    out = io.stdout
    system = args.system
    if system == "kubernetes-job":
        document: object = {"podFailurePolicy": policies.write_pod_failure_policy(verdicts)}
    elif system == "aws-batch":
        default = policies.Verdict(args.default)
        document = {
            "retryStrategy": policies.write_batch(verdicts, attempts=args.attempts, default=default)
        }
    elif system == "gitlab-ci":
        maximum = 2 if args.max_retries is None else args.max_retries
        document = policies.write_gitlab(verdicts, max_retries=maximum)
    elif system == "docker":
        maximum = 0 if args.max_retries is None else args.max_retries
        out.write(f"--restart={policies.write_docker_restart(verdicts, max_retries=maximum)}\n")
        return EX_OK
    else:
        out.write("[Service]\n" + policies.write_systemd(verdicts, restart=args.restart) + "\n")
        return EX_OK
    out.write(json.dumps(document, indent=2) + "\n")
    return EX_OK


def run(args: argparse.Namespace, io: Any) -> int:
    """Run ``exitcodes policy`` with parsed *args* on the command line's streams *io*."""
    if args.policy_action == "check":
        return _check(args, io)
    return _write(args, io)
