"""Reading the evidence: the compose command line, and exits from inspect, ps and events."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence

import attrs

from exitcodes.engines.compose._evidence import (
    ContainerExit,
    as_argv,
    as_exit_code,
    as_items,
    as_service_name,
)
from exitcodes.engines.compose._model import MAX_TEXT, Command
from exitcodes.errors import (
    MalformedEvidenceError,
    UnsupportedEvidenceError,
    describe,
)

# --- the command line ----------------------------------------------------------------------

_GLOBAL_VALUE = frozenset(
    {
        "-p",
        "--project-name",
        "-f",
        "--file",
        "--profile",
        "--env-file",
        "--project-directory",
        "--ansi",
        "--progress",
        "--parallel",
        "--workdir",
    }
)
_UP_VALUE = frozenset(
    {
        "--exit-code-from",
        "--wait-timeout",
        "-t",
        "--timeout",
        "--attach",
        "--no-attach",
        "--scale",
        "--pull",
        "--menu",
    }
)
_RUN_VALUE = frozenset(
    {
        "-e",
        "--env",
        "--env-from-file",
        "-l",
        "--label",
        "--name",
        "-p",
        "--publish",
        "-u",
        "--user",
        "-v",
        "--volume",
        "-w",
        "--workdir",
        "--entrypoint",
        "--cap-add",
        "--cap-drop",
        "--pull",
        "--index",
    }
)


@attrs.frozen
class Invocation:
    """A compose command line, read: the sub-command, the flags that matter, the services."""

    command: Command
    name: str
    flags: frozenset[str]
    exit_code_from: str | None
    services: tuple[str, ...]


def parse_invocation(argv: Sequence[str]) -> Invocation:
    """Read a compose command line: what follows ``docker compose`` (or ``docker-compose``).

    A leading ``docker compose`` or ``docker-compose`` is skipped.

    Raises:
        UnsupportedEvidenceError: *argv* is not a sequence of str.

    >>> parse_invocation(["-p", "x", "up", "--exit-code-from=db", "db", "app"]).services
    ('db', 'app')
    """
    args = as_argv(argv)
    if args[:2] == ("docker", "compose"):
        args = args[2:]
    elif args[:1] == ("docker-compose",):
        args = args[1:]
    index = 0
    while index < len(args) and args[index].startswith("-"):
        flag = args[index].split("=", 1)[0]
        index += 2 if flag in _GLOBAL_VALUE and "=" not in args[index] else 1
    name = args[index] if index < len(args) else ""
    command = next((c for c in Command if c.value == name), Command.OTHER)
    valued = _UP_VALUE if command is Command.UP else _RUN_VALUE
    if command is Command.WAIT:
        valued = frozenset()
    flags: set[str] = set()
    exit_code_from = None
    positional: list[str] = []
    rest = args[index + 1 :]
    i = 0
    while i < len(rest):
        arg = rest[i]
        if positional and command in (Command.RUN, Command.EXEC):
            break  # the command run in the container follows the service
        if arg == "--":
            i += 1
            continue
        if arg.startswith("-") and arg != "-":
            flag, eq, value = arg.partition("=")
            if flag in valued and not eq:
                value = rest[i + 1] if i + 1 < len(rest) else ""
                i += 1
            if flag == "--exit-code-from":
                exit_code_from = value
            flags.add(_SHORT.get(flag, flag))
        else:
            positional.append(arg)
        i += 1
    return Invocation(command, name, frozenset(flags), exit_code_from, tuple(positional))


_SHORT = {"-d": "--detach", "-T": "--no-TTY", "-t": "--timeout"}


# --- evidence readers ------------------------------------------------------------------------


def _rfc3339_ns(text: object) -> int | None:
    """``2026-12-03T18:08:16.397219031Z`` as nanoseconds since the epoch (None for zero/empty)."""
    if not isinstance(text, str) or not text or text.startswith("0001-"):
        return None
    match = re.fullmatch(
        r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)", text
    )
    if match is None:
        raise MalformedEvidenceError(f"FinishedAt is not an RFC 3339 time: {describe(text)}")
    import calendar  # noqa: PLC0415 - only for inspect evidence

    year, month, day, hour, minute, sec = (int(match[i]) for i in range(1, 7))
    seconds = calendar.timegm((year, month, day, hour, minute, sec, 0, 0, 0))
    if match[8] != "Z":
        sign = 1 if match[8][0] == "+" else -1
        seconds -= sign * (int(match[8][1:3]) * 3600 + int(match[8][4:6]) * 60)
    return seconds * 1_000_000_000 + int((match[7] or "0").ljust(9, "0"))


def exits_from_inspect(containers: Iterable[Mapping[str, object]]) -> tuple[ContainerExit, ...]:
    """Read ``docker inspect`` results of a project's containers.

    Each item is a container's inspect object (``Config.Labels`` names the service) or the
    short form ``{"service": ..., "oneoff": ..., "state": State, "health": ...}``.

    Raises:
        MalformedEvidenceError: a field holds an impossible value.
        UnsupportedEvidenceError: not a sequence of mappings.
    """
    out = []
    for item in _mappings(containers, "inspect results"):
        if "state" in item:
            service, oneoff, state = item.get("service"), item.get("oneoff", False), item["state"]
            health = item.get("health")
        else:
            config = item.get("Config")
            labels = config.get("Labels") if isinstance(config, Mapping) else None
            labels = labels if isinstance(labels, Mapping) else {}
            service = labels.get("com.docker.compose.service")
            oneoff = labels.get("com.docker.compose.oneoff") == "True"
            state = item.get("State")
            health_obj = state.get("Health") if isinstance(state, Mapping) else None
            health = health_obj.get("Status") if isinstance(health_obj, Mapping) else None
        if not isinstance(state, Mapping):
            raise MalformedEvidenceError(f"State must be a mapping, got {describe(state)}")
        status = state.get("Status")
        ended = status in ("exited", "dead")
        out.append(
            ContainerExit(
                as_service_name(service),
                as_exit_code(state.get("ExitCode"), "ExitCode") if ended else None,
                _rfc3339_ns(state.get("FinishedAt")) if ended else None,
                oneoff=bool(oneoff),
                health=health if isinstance(health, str) else None,
            )
        )
    return tuple(out)


def _mappings(items: object, what: str) -> list[Mapping[str, object]]:
    if isinstance(items, (str, bytes, Mapping)) or not isinstance(items, Iterable):
        raise UnsupportedEvidenceError(
            f"{what} must be a sequence of mappings, got {describe(items)}"
        )
    out: list[Mapping[str, object]] = []
    for item in as_items(items):
        if not isinstance(item, Mapping):
            raise UnsupportedEvidenceError(f"{what} items must be mappings, got {describe(item)}")
        out.append(item)
    return out


def exits_from_ps(text: str) -> tuple[ContainerExit, ...]:
    """Read ``docker compose ps -a --format json`` (one object a line, or one JSON array).

    ps gives no times: the exits are unordered (``finished`` is ``None``).

    Raises:
        MalformedEvidenceError: not JSON, or a row without Service/State.
        UnsupportedEvidenceError: *text* is not a str.
    """
    if not isinstance(text, str):
        raise UnsupportedEvidenceError(f"ps output must be a str, got {describe(text)}")
    rows: list[object] = []
    for raw in text[:MAX_TEXT].splitlines():
        line = raw.strip()
        if not line:
            continue
        try:
            value = json.loads(line)
        except (ValueError, RecursionError):
            raise MalformedEvidenceError(f"ps line is not JSON: {describe(line)}") from None
        rows.extend(value if isinstance(value, list) else [value])
    out = []
    for row in _mappings(rows, "ps rows"):
        state = row.get("State")
        if not isinstance(state, str):
            raise MalformedEvidenceError(f"ps row without a State: {describe(row)}")
        ended = state in ("exited", "dead")
        health = row.get("Health")
        out.append(
            ContainerExit(
                as_service_name(row.get("Service")),
                as_exit_code(row.get("ExitCode"), "ExitCode") if ended else None,
                health=health if isinstance(health, str) and health else None,
            )
        )
    return tuple(out)


def exits_from_events(
    events: Iterable[Mapping[str, object]],
) -> tuple[tuple[ContainerExit, ...], int | None]:
    """Read ``docker events --format '{{json .}}'`` of a project (decoded objects).

    Gives the containers' exits from their ``die`` events (``timeNano`` orders them) and the
    code of the last ``exec_die`` event (``None`` without one). The short form of the vectors
    (``{"action", "timeNano", "attributes"}``) is read too.

    Raises:
        MalformedEvidenceError: a die event without a service label or exit code.
        UnsupportedEvidenceError: not a sequence of mappings.
    """
    exits: list[ContainerExit] = []
    exec_code = None
    stops: dict[object, int | None] = {}
    for event in _mappings(events, "events"):
        action = event.get("action", event.get("Action"))
        container_id = event.get("id", event.get("ID"))
        container_id = container_id if isinstance(container_id, str) else None
        when = event.get("timeNano")
        when = when if isinstance(when, int) and not isinstance(when, bool) else None
        attributes = event.get("attributes")
        if attributes is None:
            actor = event.get("Actor")
            attributes = actor.get("Attributes") if isinstance(actor, Mapping) else None
        if not isinstance(attributes, Mapping):
            attributes = {}
        if action == "stop":
            stops.setdefault(container_id, when)
        if action not in ("die", "exec_die"):
            continue
        code = attributes.get("exitCode")
        if not isinstance(code, str) or not code.isdigit():
            raise MalformedEvidenceError(f"{action} event without an exitCode: {describe(event)}")
        if action == "exec_die":
            exec_code = as_exit_code(int(code), "exitCode")
            continue
        exits.append(
            ContainerExit(
                as_service_name(attributes.get("com.docker.compose.service")),
                as_exit_code(int(code), "exitCode"),
                when,
                oneoff=attributes.get("com.docker.compose.oneoff") == "True",
                stopped=container_id in stops,
                stopped_at=stops.get(container_id),
            )
        )
    return tuple(exits), exec_code


# --- messages --------------------------------------------------------------------------------
