"""Hypothesis strategies for the differential test: realistic daemon replies, random details.

A :class:`DiffCase` is one generated situation (a command variant plus a daemon message or a
status code); :func:`to_scenario` turns it into a :class:`~scenarios.Scenario` (argv, stub
behaviour, and the ``exitcodes.resolve`` call that should predict the real CLI).

Messages are assembled from the parts real daemons produce (see ``scenarios.RUNC`` for where
each prefix comes from): the containerd/runc prefixes, ``exec: "<path>": ...``, crun's and Windows hcsshim's wording, and
the CLI's trigger phrases -- in random positions, letter cases and neighbours, with unicode,
quotes and newlines around them. Codes cover the whole int64 range.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any, Final, Literal

from hypothesis import strategies as st

from conformance.scenarios import RUN_RM_START_HANGS, Scenario
from conformance.stub import (
    Behaviour,
    api_error,
    exec_inspect,
    pull_stream_error,
    wait_reply,
)

__all__ = ["KINDS", "DiffCase", "codes", "diff_cases", "messages", "to_scenario"]

INT64_MIN: Final = -(2**63)
INT64_MAX: Final = 2**63 - 1

#: The phrases the CLI's ``toStatusError`` looks for (case-sensitive).
TRIGGERS: Final = (
    "executable file not found",
    "no such file or directory",
    "system cannot find the file specified",
    "permission denied",
    "is a directory",
)
#: Real phrases that must *not* trigger anything (or only in other letter cases).
DECOYS: Final = (
    "not a directory",
    "exec format error",
    "operation not permitted",
    "Operation not permitted",
    "device or resource busy",
    "file exists",
    "No such file or directory",
    "Permission denied",
    "Executable file not found",
    "Is a directory",
    "The system cannot find the path specified",
    "The directory name is invalid",
    "Access is denied",
    "failed to run runc create/exec call",
    "port is already allocated",
    "no such container",
    "not found",
)
PREFIXES: Final = (
    "",
    "failed to create task for container: failed to create shim task: OCI runtime create failed: "
    "runc create failed: unable to start container process: ",
    "failed to create task for container: failed to create shim task: OCI runtime create failed: "
    "runc create failed: unable to start container process: error during container init: ",
    "failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ",
    "OCI runtime create failed: container_linux.go:380: starting container process caused: ",
    "OCI runtime exec failed: exec failed: unable to start container process: ",
    "oci runtime error: ",
    "crun: ",
    "container 4f1b0c encountered an error during hcsshim::System::CreateProcess: "
    "failure in a Windows system call: ",
    "unable to retrieve OCI runtime error (open /run/containerd/io.containerd.runtime.v2.task/moby/abc/log.json: ",
)
#: Words of connection failures, put into *daemon* messages (an API error is not a connection
#: failure, whatever its text says: the CLI decides by the error's type).
CONNECTION_WORDS: Final = (
    "EOF",
    "unexpected EOF",
    "connection refused",
    "connection reset by peer",
    "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?",
    "error during connect",
    "dial unix /var/run/docker.sock: connect: no such file or directory",
)
SUFFIXES: Final = ("", ": unknown", "\n", ".", " (0x2)", ": unknown\n", "'", '"')

Kind = Literal[
    "run-start",
    "run-d-start",
    "run-rm-start",
    "run-create",
    "run-pull-stream",
    "create-create",
    "start-a-start",
    "start-start",
    "exec-create",
    "run-attach-http",
    "run-wait",
    "run-rm-wait",
    "run-d-wait",
    "start-a-wait",
    "attach-wait",
    "exec-inspect",
    "run-wait-error",
    "attach-wait-error",
    "run-wait-http",
    "attach-wait-http",
    "exec-inspect-http",
    "wait-cmd",
]
MESSAGE_KINDS: Final[tuple[Kind, ...]] = (
    "run-start",
    "run-d-start",
    "run-rm-start",
    "run-create",
    "run-pull-stream",
    "create-create",
    "start-a-start",
    "start-start",
    "exec-create",
    "run-attach-http",
    "run-wait-error",
    "attach-wait-error",
    "run-wait-http",
    "attach-wait-http",
    "exec-inspect-http",
)
CODE_KINDS: Final[tuple[Kind, ...]] = (
    "run-wait",
    "run-rm-wait",
    "run-d-wait",
    "start-a-wait",
    "attach-wait",
    "exec-inspect",
    "wait-cmd",
)
KINDS: Final = MESSAGE_KINDS + CODE_KINDS


@dataclass(frozen=True)
class DiffCase:
    """One generated case: a command variant with a daemon message and/or status codes."""

    kind: Kind
    message: str = ""
    #: HTTP status of the error reply (message kinds).
    status: int = 500
    #: Exit/status codes (code kinds: one, or several for ``wait-cmd``; ``None`` = JSON null).
    codes: tuple[int | None, ...] = ()

    def key(self) -> str:
        """A short stable hash, for scenario names."""
        payload = json.dumps([self.kind, self.message, self.status, list(self.codes)])
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:10]


# -- strategies -------------------------------------------------------------------------------

_ALNUM: Final = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
_ODD: Final = "._-~+@ é中ßü€\u200b\u00a0\"'`\\$"


_NO_SURROGATES: Final[tuple[Literal["Cs"]]] = ("Cs",)


def _text(max_size: int) -> st.SearchStrategy[str]:
    """Arbitrary printable-ish text (no surrogates, which JSON cannot carry through Go)."""
    return st.text(
        st.characters(exclude_categories=_NO_SURROGATES, max_codepoint=0x2FFFF),
        max_size=max_size,
    )


@st.composite
def paths(draw: st.DrawFn) -> str:
    """A command path: ``foo``, ``/bin/x``, ``./run me.sh``, with unicode and quotes now and then."""
    segment = st.text(st.sampled_from(_ALNUM + _ODD), min_size=1, max_size=10)
    parts = draw(st.lists(segment, min_size=1, max_size=3))
    lead = draw(st.sampled_from(["", "/", "./", "/usr/local/bin/", "C:\\app\\"]))
    return lead + "/".join(parts)


def _recase(phrase: str, mode: str, flips: list[bool]) -> str:
    if mode == "upper":
        return phrase.upper()
    if mode == "title":
        return phrase.title()
    if mode == "capitalize":
        return phrase[:1].upper() + phrase[1:]
    if mode == "flip":
        return "".join(
            c.swapcase() if flip else c
            for c, flip in zip(phrase, (flips + [False] * len(phrase))[: len(phrase)], strict=True)
        )
    return phrase


@st.composite
def phrases(draw: st.DrawFn) -> str:
    """A trigger phrase or decoy, in a random letter case, maybe mangled, with neighbours."""
    base = draw(
        st.one_of(st.sampled_from(TRIGGERS), st.sampled_from(TRIGGERS), st.sampled_from(DECOYS))
    )
    mode = draw(
        st.sampled_from(["keep", "keep", "keep", "keep", "upper", "title", "capitalize", "flip"])
    )
    flips = draw(st.lists(st.booleans(), max_size=len(base))) if mode == "flip" else []
    phrase = _recase(base, mode, flips)
    mangle = draw(
        st.sampled_from(
            ["none", "none", "none", "none", "drop", "double-space", "newline", "insert"]
        )
    )
    if mangle != "none" and len(phrase) > 2:
        i = draw(st.integers(1, len(phrase) - 2))
        if mangle == "drop":
            phrase = phrase[:i] + phrase[i + 1 :]
        elif mangle == "double-space":
            phrase = phrase.replace(" ", "  ", 1)
        elif mangle == "newline":
            phrase = phrase.replace(" ", "\n", 1)
        else:
            phrase = phrase[:i] + draw(st.sampled_from(_ODD + "xZ0")) + phrase[i:]
    before = draw(
        st.sampled_from(["", "", "", " ", ": ", '"', "'", "`", "x", "\n", "é", "中", "\t", "("])
    )
    after = draw(
        st.sampled_from(
            ["", "", "", " ", ": ", '"', "'", "`", "s", "\n", ".", "é", ")", " in $PATH"]
        )
    )
    return before + phrase + after


@st.composite
def messages(draw: st.DrawFn) -> str:
    """A daemon error message assembled from realistic parts (never empty)."""
    prefix = draw(st.sampled_from(PREFIXES))
    form = draw(
        st.sampled_from(["exec", "exec-stat", "crun", "windows", "mount", "free", "free", "bare"])
    )
    if form == "exec":
        core = f'exec: "{draw(paths())}": ' + draw(phrases())
    elif form == "exec-stat":
        path = draw(paths())
        core = f'exec: "{path}": stat {path}: ' + draw(phrases())
    elif form == "crun":
        path = draw(paths())
        core = draw(
            st.sampled_from(
                [
                    f"executable file `{path}` not found in $PATH: No such file or directory",
                    f"executable file `{path}` not found: No such file or directory",
                    f"the path `{path}` exists but it is not executable: Operation not permitted",
                    f"the path `{path}` is not a regular file: Operation not permitted",
                    f"open `{path}`: " + draw(phrases()),
                ]
            )
        )
    elif form == "windows":
        core = draw(
            st.sampled_from(
                [
                    "The system cannot find the file specified. (0x2)",
                    "The system cannot find the path specified. (0x3)",
                    "The directory name is invalid. (0x10b)",
                    "Access is denied. (0x5)",
                    "the system cannot find the file specified",
                ]
            )
        )
    elif form == "mount":
        core = f'error mounting "{draw(paths())}" to rootfs at "{draw(paths())}": ' + draw(
            phrases()
        )
    elif form == "free":
        text = draw(_text(40))
        i = draw(st.integers(0, len(text)))
        core = text[:i] + draw(phrases()) + text[i:]
    else:
        core = draw(phrases())
    message = prefix + core + draw(st.sampled_from(SUFFIXES))
    if not message.strip():
        message = "x" + message
    return message


def codes() -> st.SearchStrategy[int]:
    """Status codes over the whole int64 range, with the interesting ones often."""
    special = st.sampled_from(
        [
            0,
            1,
            2,
            3,
            125,
            126,
            127,
            128,
            130,
            137,
            143,
            255,
            256,
            257,
            511,
            512,
            -1,
            -255,
            -256,
            2**31 - 1,
            2**31,
            2**32 - 1,
            2**32,
            3221225477,
            3221225786,
            INT64_MIN,
            INT64_MAX,
        ]
    )
    return st.one_of(special, st.integers(-1024, 1024), st.integers(INT64_MIN, INT64_MAX))


@st.composite
def diff_cases(draw: st.DrawFn) -> DiffCase:
    """One generated case, message kinds about two times out of three."""
    kind: Kind = draw(
        st.one_of(
            st.sampled_from(MESSAGE_KINDS),
            st.sampled_from(MESSAGE_KINDS),
            st.sampled_from(CODE_KINDS),
        )
    )
    if kind in MESSAGE_KINDS:
        message = draw(messages())
        if kind.endswith("-http") and draw(st.booleans()):
            word = draw(st.sampled_from(CONNECTION_WORDS))
            i = draw(st.integers(0, len(message)))
            message = message[:i] + word + message[i:]
        code: int | None = (
            draw(codes()) if kind in ("run-wait-error", "attach-wait-error") else None
        )
        if kind in ("run-create", "create-create", "exec-create"):
            status = draw(st.sampled_from([400, 409, 500]))  # a create 404 would make the CLI pull
        else:
            status = draw(st.sampled_from([400, 404, 409, 500]))
        return DiffCase(
            kind=kind, message=message, status=status, codes=(code,) if code is not None else ()
        )
    if kind == "exec-inspect":
        return DiffCase(kind=kind, codes=(draw(st.one_of(codes(), st.none())),))
    if kind == "wait-cmd":
        # None stands for a container that does not exist (404 No such container).
        items = st.one_of(codes(), codes(), st.none())
        return DiffCase(kind=kind, codes=tuple(draw(st.lists(items, min_size=1, max_size=3))))
    return DiffCase(kind=kind, codes=(draw(codes()),))


# -- from a case to a scenario -------------------------------------------------------------------


def to_scenario(case: DiffCase) -> Scenario:
    """The argv, stub behaviour and ``resolve`` call for a generated case."""
    msg, kind = case.message, case.kind
    name = f"diff-{kind}-{case.key()}"
    call: dict[str, Any]
    if kind in ("run-start", "run-d-start", "run-rm-start"):
        flags = {"run-start": [], "run-d-start": ["-d"], "run-rm-start": ["--rm"]}[kind]
        call = {"command": "run", "error": msg, "phase": "start"}
        if kind == "run-d-start":
            call["detach"] = True
        behaviour = Behaviour(
            start=api_error(case.status, msg),
            wait=wait_reply(127),
            removal_delay=0.3 if kind == "run-rm-start" else 0.0,
        )
        argv = ["run", *flags, "busybox"]
    elif kind == "run-create":
        call = {"command": "run", "error": msg, "phase": "create"}
        behaviour = Behaviour(create=api_error(case.status, msg))
        argv = ["run", "busybox"]
    elif kind == "run-pull-stream":
        call = {"command": "run", "error": msg, "phase": "create"}
        behaviour = Behaviour(image_missing=True, pull=pull_stream_error(msg))
        argv = ["run", "busybox"]
    elif kind == "create-create":
        call = {"command": "create", "error": msg, "phase": "create"}
        behaviour = Behaviour(create=api_error(case.status, msg))
        argv = ["create", "busybox"]
    elif kind == "start-a-start":
        call = {"command": "start -a", "error": msg, "phase": "start"}
        behaviour = Behaviour(state="created", start=api_error(case.status, msg))
        argv = ["start", "-a", "c1"]
    elif kind == "start-start":
        call = {"command": "start", "error": msg, "phase": "start"}
        behaviour = Behaviour(state="created", start=api_error(case.status, msg))
        argv = ["start", "c1"]
    elif kind == "exec-create":
        call = {"command": "exec", "error": msg, "phase": "create"}
        behaviour = Behaviour(exec_create=api_error(case.status, msg))
        argv = ["exec", "c1", "sh"]
    elif kind == "run-attach-http":
        call = {
            "command": "run",
            "error": f"unable to upgrade to tcp, received {case.status}",
            "phase": "attach",
        }
        behaviour = Behaviour(attach=api_error(case.status, msg))
        argv = ["run", "busybox"]
    elif kind in ("run-wait-http", "attach-wait-http"):
        command = "run" if kind == "run-wait-http" else "attach"
        call = {
            "command": command,
            "error": "Error response from daemon: " + msg.strip(),
            "phase": "wait",
        }
        behaviour = Behaviour(wait=api_error(case.status, msg))
        argv = ["run", "busybox"] if command == "run" else ["attach", "c1"]
    elif kind == "exec-inspect-http":
        call = {
            "command": "exec",
            "error": "Error response from daemon: " + msg.strip(),
            "phase": "wait",
        }
        behaviour = Behaviour(exec_inspect=api_error(case.status, msg))
        argv = ["exec", "c1", "sh"]
    elif kind in ("run-wait-error", "attach-wait-error"):
        code = case.codes[0]
        call = {
            "command": "run" if kind == "run-wait-error" else "attach",
            "wait": {"StatusCode": code, "Error": {"Message": msg}},
        }
        behaviour = Behaviour(wait=wait_reply(code or 0, msg))
        argv = ["run", "busybox"] if kind == "run-wait-error" else ["attach", "c1"]
    elif kind in ("run-wait", "run-rm-wait", "run-d-wait", "start-a-wait", "attach-wait"):
        code = case.codes[0]
        call = {
            "command": {"start-a-wait": "start -a", "attach-wait": "attach"}.get(kind, "run"),
            "wait": {"StatusCode": code},
        }
        if kind == "run-d-wait":
            call["detach"] = True
        argv = {
            "run-wait": ["run", "busybox"],
            "run-rm-wait": ["run", "--rm", "busybox"],
            "run-d-wait": ["run", "-d", "busybox"],
            "start-a-wait": ["start", "-a", "c1"],
            "attach-wait": ["attach", "c1"],
        }[kind]
        behaviour = Behaviour(
            state="created" if kind == "start-a-wait" else "running", wait=wait_reply(code or 0)
        )
    elif kind == "exec-inspect":
        call = {"command": "exec", "exec_inspect": {"ExitCode": case.codes[0], "Running": False}}
        behaviour = Behaviour(exec_inspect=exec_inspect(case.codes[0]))
        argv = ["exec", "c1", "sh"]
    else:  # wait-cmd
        names = [f"c{i + 1}" if c is not None else f"gone{i + 1}" for i, c in enumerate(case.codes)]
        call = {
            "command": "wait",
            "wait": [
                {"StatusCode": c}
                if c is not None
                else f"Error response from daemon: No such container: {n}"
                for n, c in zip(names, case.codes, strict=True)
            ],
        }
        behaviour = Behaviour(
            wait_release="immediate",
            missing=frozenset(n for n, c in zip(names, case.codes, strict=True) if c is None),
            waits=tuple(
                (n, wait_reply(c)) for n, c in zip(names, case.codes, strict=True) if c is not None
            ),
        )
        argv = ["wait", *names]
    hangs = RUN_RM_START_HANGS if kind == "run-rm-start" else ()
    return Scenario(
        name=name, row="DIFF", argv=tuple(argv), call=call, behaviour=behaviour, hangs=hangs
    )
