"""The subcommands that read evidence: explain, inspect, classify, resolve."""

from __future__ import annotations

import argparse
import textwrap
from collections.abc import Mapping
from typing import Any

from exitcodes.classify import classify
from exitcodes.cli import (
    EX_DATAERR,
    EX_OK,
    EX_USAGE,
)
from exitcodes.cli._common import (
    _DEFAULT_CAUSES,
    _WIDTH,
    _answer_status,
    _clean,
    _evidence_text,
    _Failure,
    _Io,
    _load_json,
    _one_line,
    _parse_evidence,
    _parse_json_option,
    _profile,
    _read_source,
    _Stream,
    _Style,
    _text_status,
    _write_json,
    _write_pairs,
)
from exitcodes.errors import ExitCodesError
from exitcodes.explanation import Explanation, explain
from exitcodes.resolve import resolve

# ----------------------------------------------------------------------- text output


def _headline(explanation: Explanation, style: _Style) -> str:
    found = explanation.classification
    code = "no exit status" if found.exit_code is None else f"exit code {found.exit_code}"
    parts = [code, found.outcome.value]
    if found.signal is not None:
        parts.append(found.signal.name)
    return style.outcome(found.outcome, ", ".join(parts))


def _render(
    explanation: Explanation, stream: _Stream, style: _Style, *, limit: int | None, indent: str = ""
) -> None:
    found = explanation.classification
    pad = indent + "    "
    stream.write(f"{indent}{_headline(explanation, style)}\n")
    stream.write(f"{indent}{_clean(found.reason)}\n")
    stream.write(f"{indent}{style.dim('rule: ' + _clean(found.rule))}\n")
    causes = explanation.causes
    if not causes:
        stream.write(f"{indent}No catalogued cause matches this evidence.\n")
        return
    shown = causes if limit is None else causes[:limit]
    stream.write(f"{indent}Likely causes, most likely first:\n")
    for number, cause in enumerate(shown, 1):
        stream.write(f"{indent}{number}. {style.bold(_clean(cause.title))} [{_clean(cause.id)}]\n")
        if number > 1 and cause.score == shown[number - 2].score:
            stream.write(f"{pad}as likely as the one above: the evidence cannot tell them apart\n")
        hint = _clean(cause.hint)
        wrapped = textwrap.fill(hint, width=_WIDTH, initial_indent=pad, subsequent_indent=pad)
        stream.write(f"{wrapped}\n")
        matched = "; ".join(_clean(item) for item in cause.matched)
        stream.write(f"{pad}{style.dim('matched: ' + matched)}\n")
    hidden = len(causes) - len(shown)
    if hidden:
        stream.write(f"{indent}({hidden} more; --all shows them)\n")


# ------------------------------------------------------------------------ subcommands


def _cmd_explain(args: argparse.Namespace, io: _Io) -> int:
    profile = _profile(args)
    text, what = _evidence_text(args.evidence, io)
    evidence = _parse_evidence(text, what)
    explanation = explain(evidence, profile=profile)
    if args.json:
        _write_json(explanation.to_dict(), io.stdout)
        return _text_status(evidence, explanation.classification, None)
    limit = None if args.all else _DEFAULT_CAUSES
    _render(explanation, io.stdout, _Style(io.stdout), limit=limit)
    return _text_status(evidence, explanation.classification, io.stdout)


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _get(document: Mapping[Any, Any], key: str) -> object:
    try:
        return document.get(key)
    except Exception:
        return None


class _Target:
    """One container of ``inspect``'s input."""

    def __init__(
        self,
        name: str | None,
        ident: str | None,
        source: str,
        note: str | None,
        evidence: Mapping[Any, Any],
    ) -> None:
        self.name = name
        self.ident = ident
        self.source = source
        self.note = note
        self.evidence = evidence


def _pod_targets(pod: Mapping[Any, Any], index: int) -> list[_Target]:
    metadata = _get(pod, "metadata")
    name = _str_or_none(_get(metadata, "name")) if isinstance(metadata, Mapping) else None
    uid = _str_or_none(_get(metadata, "uid")) if isinstance(metadata, Mapping) else None
    status = _get(pod, "status")
    if not isinstance(status, Mapping):
        raise _Failure(f"item {index} is a pod without a status object", EX_DATAERR)
    reason = _str_or_none(_get(status, "reason"))
    message = _str_or_none(_get(status, "message"))
    note = f"pod {reason}: {message}" if reason and message else reason or message
    targets: list[_Target] = []
    for key in ("initContainerStatuses", "containerStatuses", "ephemeralContainerStatuses"):
        statuses = _get(status, key)
        if statuses is None:
            continue
        if not isinstance(statuses, list):
            raise _Failure(f"item {index}: status.{key} must be a list", EX_DATAERR)
        for number, container in enumerate(statuses):
            if not isinstance(container, Mapping):
                raise _Failure(f"item {index}: status.{key}[{number}] is not an object", EX_DATAERR)
            container_name = _str_or_none(_get(container, "name")) or f"#{number}"
            shown = f"{name}/{container_name}" if name else container_name
            targets.append(_Target(shown, uid, "kubernetes", note, container))
    return targets


def _inspect_targets(document: object) -> list[_Target]:
    items: object = document
    if isinstance(document, Mapping) and isinstance(_get(document, "items"), list):
        items = _get(document, "items")
    if not isinstance(items, list):
        items = [items]
    targets: list[_Target] = []
    for index, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise _Failure(f"item {index} is not a JSON object", EX_DATAERR)
        if _get(item, "State") is not None:
            name = _str_or_none(_get(item, "Name"))
            ident = _str_or_none(_get(item, "Id")) or _str_or_none(_get(item, "ID"))
            targets.append(_Target(name.lstrip("/") if name else None, ident, "docker", None, item))
        elif isinstance(_get(item, "status"), Mapping) or _get(item, "kind") == "Pod":
            targets.extend(_pod_targets(item, index))
        else:
            raise _Failure(
                f"item {index} is neither docker/podman inspect output (no State) nor a"
                " Kubernetes pod (no status)",
                EX_DATAERR,
            )
    if not targets:
        raise _Failure("the input holds no container", EX_DATAERR)
    return targets


def _cmd_inspect(args: argparse.Namespace, io: _Io) -> int:
    profile = _profile(args)
    what = "stdin" if args.file == "-" else args.file
    document = _load_json(_read_source(args.file, io), what)
    results: list[tuple[_Target, Explanation | None, str | None]] = []
    status = EX_OK
    for target in _inspect_targets(document):
        try:
            found = explain(target.evidence, profile=profile)
        except ExitCodesError as exc:
            results.append((target, None, str(exc)))
            status = EX_DATAERR
            continue
        results.append((target, found, None))
        if status == EX_OK:
            status = _answer_status(found.classification.exit_code)
    if args.json:
        _write_json(
            {
                "containers": [
                    {
                        "name": target.name,
                        "id": target.ident,
                        "source": target.source,
                        "note": target.note,
                        "error": error,
                        "explanation": None if explanation is None else explanation.to_dict(),
                    }
                    for target, explanation, error in results
                ]
            },
            io.stdout,
        )
        return status
    style = _Style(io.stdout)
    limit = None if args.all else _DEFAULT_CAUSES
    for number, (target, explanation, error) in enumerate(results):
        if number:
            io.stdout.write("\n")
        ident = target.ident
        label = target.name or (ident[:12] if ident else f"container {number + 1}")
        io.stdout.write(f"{style.bold(_clean(label))}:\n")
        if target.note:
            io.stdout.write(f"  {_clean(target.note)}\n")
        if explanation is None:
            io.stdout.write(f"  cannot be read as evidence: {_one_line(error or '')}\n")
        else:
            _render(explanation, io.stdout, style, limit=limit, indent="  ")
    for target, _, error in results:
        if error is not None:
            label = target.name or target.ident or target.source
            io.stderr.write(f"exitcodes: error: container {_one_line(f'{label}: {error}')}\n")
    return status


def _cmd_classify(args: argparse.Namespace, io: _Io) -> int:
    profile = _profile(args)
    text, what = _evidence_text(args.evidence, io)
    evidence = _parse_evidence(text, what)
    classification = classify(evidence, profile=profile)
    result = classification.to_dict()
    if args.json:
        _write_json(result, io.stdout)
        return _text_status(evidence, classification, None)
    _write_pairs(result, io.stdout)
    return _text_status(evidence, classification, io.stdout)


def _cmd_resolve(args: argparse.Namespace, io: _Io) -> int:
    profile = _profile(args)
    command = args.command_option or args.command
    if args.command and args.command_option and args.command != args.command_option:
        raise _Failure(
            f"resolve got two commands, {args.command!r} and --command {args.command_option!r}",
            EX_USAGE,
        )
    if command is None:
        raise _Failure(
            "resolve needs the docker command: `resolve run ...` or `resolve --command run ...`",
            EX_USAGE,
        )
    waits: list[object] = [_parse_json_option(item, "--wait") for item in args.wait or []]
    if args.wait_json is not None:
        waits.append(_parse_json_option(args.wait_json, "--wait-json"))
    if args.status is not None:
        waits.append({"StatusCode": args.status, "Error": None})
    wait: object = None
    if waits:
        wait = waits if command == "wait" else waits[-1]
    resolution = resolve(
        command,
        error=args.error,
        phase=args.phase,
        wait=wait,
        exec_inspect=_parse_json_option(args.exec_inspect, "--exec-inspect"),
        state=_parse_json_option(args.state, "--state"),
        detach=args.detach,
        profile=profile,
    )
    if args.json:
        _write_json(resolution.to_dict(), io.stdout)
    else:
        _write_pairs(resolution.to_dict(), io.stdout)
    return resolution.exit_code if args.exit else EX_OK
