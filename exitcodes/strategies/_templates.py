"""How a corpus wording reaches a user: filled, in shim chains and client forms."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence

import attrs
from hypothesis import strategies as st

from exitcodes.profiles import Engine, EngineName, Profile, Version, parse_version
from exitcodes.strategies._checks import (
    _BOOLEANS,
    _pick,
)
from exitcodes.strategies._messages import (
    _Template,
)


def _of_engine(templates: Iterable[_Template], profile: Profile) -> tuple[_Template, ...]:
    """The templates *profile*'s engine and release can produce.

    An engine registered from outside the package has no wordings of its own here: it is
    given every wording the kit knows, and its own rows decide what each one means.
    """
    if isinstance(profile.engine, EngineName):
        return tuple(templates)
    return tuple(
        template
        for template in templates
        if profile.engine in template.engines
        and (template.since_engine is None or profile.engine_version >= template.since_engine)
    )


# --- fillers: short tokens without spaces, so they can neither make nor break a phrase ---

_TOKEN = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8)
_SEGMENTS = st.lists(_TOKEN, min_size=1, max_size=3).map(lambda parts: "/" + "/".join(parts))
_HEX = "0123456789abcdef"
_HEX64 = st.text(_HEX, min_size=64, max_size=64)
_IDS = ("4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b",)


def _choices(first: Sequence[str], more: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.sampled_from(first) | more


_FILLERS: dict[str, st.SearchStrategy[str]] = {
    "cmd": _choices(
        ("foo", "sh", "bash", "python3", "node", "entrypoint.sh", "./run.sh", "uvicorn"), _TOKEN
    ),
    "path": _choices(
        ("/app/entrypoint.sh", "/docker-entrypoint.sh", "/usr/local/bin/app", "/bin/foo"),
        _SEGMENTS,
    ),
    "dir": _choices(("/etc", "/app", "/usr/local/bin", "/", "/data"), _SEGMENTS),
    "host_path": _choices(
        ("/home/user/project", "/srv/data", "/tmp/config.yml", "/mnt/cache"), _SEGMENTS
    ),
    "id": _choices(_IDS, _HEX64),
    "image": _choices(
        ("busybox:latest", "alpine:3.20", "ubuntu:24.04", "registry.example.com/team/app:1.4.2"),
        _TOKEN.map(lambda token: f"{token}:latest"),
    ),
    "repo": _choices(
        ("myorg/private-app", "registry.example.com/team/app", "localhost:5000/app"), _TOKEN
    ),
    "name": _choices(("web", "db", "app-1", "ci_job_42"), _TOKEN),
    "port": st.sampled_from(("80", "443", "8080", "5432")) | st.integers(1024, 65535).map(str),
    "device": _choices(("dri", "nvidia0", "kvm", "fuse"), _TOKEN),
    "flag": _choices(("foo", "detatch", "memroy", "gpu"), _TOKEN),
    "letter": st.sampled_from(tuple("zjkqxy")),
    "word": _choices(("frobnicate", "rnu", "lgs"), _TOKEN),
    "value": _choices(("abc", "1x", "lots"), _TOKEN),
    "host": st.sampled_from(("127.0.0.1", "10.0.0.5", "192.168.65.3")),
    "command": st.sampled_from(("run", "create", "start", "wait")),
}
_PLACEHOLDER = re.compile(r"\{(" + "|".join(_FILLERS) + r")\}")


def _fill(draw: st.DrawFn, text: str, fixed: Mapping[str, str] | None = None) -> str:
    """Fill the placeholders of *text*: the most readable values, or drawn ones.

    One choice decides which, whatever the number of placeholders, so every
    template costs the shrinker the same and failures shrink to the first
    template that fails, filled with its most readable values.
    """
    values: dict[str, str] = dict(fixed or {})
    if draw(_BOOLEANS):
        for name in _PLACEHOLDER.findall(text):
            if name not in values:
                values[name] = draw(_FILLERS[name])
    return _PLACEHOLDER.sub(lambda match: values.get(match[1], _FIRSTS[match[1]]), text)


_FIRSTS = {
    "cmd": "foo",
    "path": "/app/entrypoint.sh",
    "dir": "/etc",
    "host_path": "/home/user/project",
    "id": _IDS[0],
    "image": "busybox:latest",
    "repo": "myorg/private-app",
    "name": "web",
    "port": "80",
    "device": "dri",
    "flag": "foo",
    "letter": "z",
    "word": "frobnicate",
    "value": "abc",
    "host": "127.0.0.1",
    "command": "run",
}


def _neutral(text: str) -> str:
    """*text* with the first (most readable) filler of each placeholder."""
    return _PLACEHOLDER.sub(lambda match: _FIRSTS[match[1]], text)


# --- how a runtime's line reaches the user: shim/daemon chains, then client/CLI forms ---


@attrs.frozen
class _Chain:
    head: str
    tail: str
    runtimes: frozenset[str]
    engine: Engine = Engine.DOCKER
    since: Version | None = None  # docker engine (daemon) version
    until: Version | None = None
    quote: bool = False  # runc before 1.0.0-rc93 quoted what it wrapped

    def fits(self, runtime: str, profile: Profile) -> bool:
        version = profile.engine_version
        return (
            profile.engine is self.engine
            and runtime in self.runtimes
            and (self.since is None or version >= self.since)
            and (self.until is None or version < self.until)
        )

    def wrap(self, body: str) -> str:
        if self.quote:
            body = body.replace('"', '\\"')
        return f"{self.head}{body}{self.tail}"


def _chain(
    head: str,
    tail: str,
    runtimes: str,
    since: str | None = None,
    until: str | None = None,
    *,
    engine: Engine = Engine.DOCKER,
    quote: bool = False,
) -> _Chain:
    return _Chain(
        head,
        tail,
        frozenset(runtimes.split()),
        engine,
        None if since is None else parse_version(since),
        None if until is None else parse_version(until),
        quote,
    )


_TASK = "failed to create task for container: "
_SHIM_TASK = "failed to create shim task: OCI runtime create failed: "
_RUNC_11 = "runc create failed: unable to start container process: "
_BARE = "runc crun"  # the runtime's line alone, as logs and some tools show it
_CREATE_CHAINS = (
    _chain("", "", _BARE),
    _chain(_TASK + _SHIM_TASK + _RUNC_11, ": unknown", "runc", since="24.0.0"),
    _chain(_TASK + _SHIM_TASK + _RUNC_11, "", "runc", since="29.0.0"),
    _chain(_SHIM_TASK + _RUNC_11, ": unknown", "runc", since="20.10.0", until="24.0.0"),
    _chain(
        "failed to create shim: OCI runtime create failed: container_linux.go:380: starting"
        " container process caused: ",
        ": unknown",
        "runc",
        since="20.10.0",
        until="24.0.0",
    ),
    _chain(
        "OCI runtime create failed: container_linux.go:370: starting container process caused: ",
        ": unknown",
        "runc",
        since="20.10.0",
        until="23.0.0",
    ),
    _chain(
        'OCI runtime create failed: container_linux.go:348: starting container process caused "',
        '": unknown',
        "runc",
        until="20.10.0",
        quote=True,
    ),
    _chain(_TASK + _SHIM_TASK, ": unknown", "crun", since="24.0.0"),
    _chain(_SHIM_TASK, ": unknown", "crun", until="24.0.0"),
    # podman (libpod/oci_conmon_linux.go): "<runtime>: <its message>: <libpod's verdict>"
    _chain("", "", _BARE, engine=Engine.PODMAN),
    _chain("runc: " + _RUNC_11, "", "runc", engine=Engine.PODMAN),
    _chain("crun: ", "", "crun", engine=Engine.PODMAN),
    # nerdctl prints containerd's error
    _chain("", "", _BARE, engine=Engine.NERDCTL),
    _chain(_SHIM_TASK + _RUNC_11, ": unknown", "runc", engine=Engine.NERDCTL),
    _chain(_SHIM_TASK, ": unknown", "crun", engine=Engine.NERDCTL),
)
_EXEC_CHAINS = (
    _chain(
        "OCI runtime exec failed: exec failed: unable to start container process: ",
        ": unknown",
        "runc",
        since="20.10.0",
    ),
    _chain(
        "OCI runtime exec failed: exec failed: container_linux.go:380: starting container"
        " process caused: ",
        ": unknown",
        "runc",
        since="20.10.0",
        until="24.0.0",
    ),
    _chain(
        "OCI runtime exec failed: exec failed: container_linux.go:348: starting container"
        ' process caused "',
        '": unknown',
        "runc",
        until="20.10.0",
        quote=True,
    ),
    _chain("OCI runtime exec failed: ", ": unknown", "crun"),
    _chain("", "", _BARE, engine=Engine.PODMAN),
    _chain("crun: ", "", "crun", engine=Engine.PODMAN),
    _chain(
        "runc: exec failed: unable to start container process: ", "", "runc", engine=Engine.PODMAN
    ),
    _chain(
        "OCI runtime exec failed: exec failed: unable to start container process: ",
        ": unknown",
        "runc",
        engine=Engine.NERDCTL,
    ),
    _chain("OCI runtime exec failed: ", ": unknown", "crun", engine=Engine.NERDCTL),
)

# libpod getOCIRuntimeError: the verdict podman appends to the runtime's message.
_PODMAN_PERMISSION = ("permission denied", "operation not permitted")
_PODMAN_NOT_FOUND = ("executable file not found in", "no such file or directory")


def _podman_verdict(runtime_message: str) -> str:
    lowered = runtime_message.lower()
    if any(text in lowered for text in _PODMAN_PERMISSION):
        return ": OCI permission denied"
    if any(text in lowered for text in _PODMAN_NOT_FOUND):
        return ": OCI runtime attempted to invoke a command that was not found"
    return ": OCI runtime error"


@attrs.frozen
class _Form:
    """How a tool meets a message: ``{message}`` inside client or CLI text."""

    text: str
    since: Version | None = None  # CLI version
    until: Version | None = None
    quote: bool = False  # logrus quotes the message (nerdctl's fatal lines)

    def fits(self, profile: Profile) -> bool:
        return (self.since is None or profile.version >= self.since) and (
            self.until is None or profile.version < self.until
        )

    def show(self, message: str) -> str:
        if self.quote:
            message = message.replace('"', '\\"')
        return self.text.replace("{message}", message)


def _form(
    text: str, since: str | None = None, until: str | None = None, *, quote: bool = False
) -> _Form:
    return _Form(
        text,
        None if since is None else parse_version(since),
        None if until is None else parse_version(until),
        quote,
    )


_RUN_HELP = "\n\nRun 'docker run --help' for more information"
_BARE_FORM = _form("{message}")
_DAEMON_FORMS = (
    _BARE_FORM,  # docker-py APIError.explanation, the API body's message
    _form("Error response from daemon: {message}"),  # the Go client's error
    _form("docker: Error response from daemon: {message}" + _RUN_HELP, since="28.0.0"),
    _form("docker: Error response from daemon: {message}.", until="28.0.0"),
    _form(
        "docker: Error response from daemon: {message}.\nSee 'docker run --help'.", until="28.0.0"
    ),
    _form(
        "500 Server Error for http+docker://localhost/v1.47/containers/create: Internal Server"
        ' Error ("{message}")'
    ),  # str() of a docker-py APIError
)
_CLIENT_FORMS = (_BARE_FORM, _form("docker: {message}"))
_USAGE_FORMS = (
    _BARE_FORM,
    _form(
        "docker: {message}\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]" + _RUN_HELP,
        since="28.0.0",
    ),
    _form("docker: {message}\nSee 'docker run --help'.", until="28.0.0"),
)
_PODMAN_FORMS = (_BARE_FORM, _form("Error: {message}"))
_NERDCTL_FORMS = (
    _BARE_FORM,
    _form('time="2026-03-14T09:26:53Z" level=fatal msg="{message}"', quote=True),
)


_FORMS: dict[tuple[Engine | EngineName, str], tuple[_Form, ...]] = {
    (Engine.DOCKER, "usage"): _USAGE_FORMS,
    (Engine.DOCKER, "client"): _CLIENT_FORMS,
    (Engine.DOCKER, "daemon"): _DAEMON_FORMS,
    (Engine.PODMAN, "usage"): _PODMAN_FORMS,
    (Engine.PODMAN, "client"): _PODMAN_FORMS,
    (Engine.PODMAN, "daemon"): _PODMAN_FORMS,
    (Engine.NERDCTL, "usage"): (_BARE_FORM,),
    (Engine.NERDCTL, "client"): _NERDCTL_FORMS,
    (Engine.NERDCTL, "daemon"): _NERDCTL_FORMS,
}
"""How each engine shows a message of each kind of stage (usage, client, daemon); an engine
registered from outside the package shows it bare."""


def _forms(stage: str, profile: Profile) -> tuple[_Form, ...]:
    if stage == "other":
        return (_BARE_FORM,)
    kind = "usage" if stage.startswith("usage") else "client" if stage == "client" else "daemon"
    forms = _FORMS.get((profile.engine, kind), (_BARE_FORM,))
    return tuple(form for form in forms if form.fits(profile))


def _message(
    draw: st.DrawFn,
    template: _Template,
    profile: Profile,
    *,
    chains: Sequence[_Chain] = _CREATE_CHAINS,
    forms: bool = True,
    fixed: Mapping[str, str] | None = None,
) -> tuple[str, str]:
    """The engine's own message (what ``State.Error`` holds), and how a tool meets it.

    The second is the first bare, or inside a client or CLI wording. The shim
    chain and the wording are one choice, so that templates cost the same.
    """
    text = _fill(draw, template.text, fixed)
    wrappers: list[_Chain | None] = [None]
    if template.stage == "runtime":
        wrappers = [chain for chain in chains if chain.fits(template.runtime, profile)] or [None]
    wordings: list[_Form | None] = [None]
    if forms:
        wordings = list(_forms(template.stage, profile))
    chain, form = _pick(draw, [(c, f) for c in wrappers for f in wordings])
    raw = (text if chain is None else chain.wrap(text)) + template.suffix
    raw += _engine_tail(template, profile, text)
    return raw, raw if form is None else form.show(raw)


_ENGINE_VERDICTS: dict[Engine | EngineName, Callable[[str], str]] = {Engine.PODMAN: _podman_verdict}
"""Engines that append a verdict of their own to a runtime's message."""


def _engine_tail(template: _Template, profile: Profile, text: str) -> str:
    """What the engine appends to a runtime's message (podman's verdict)."""
    verdict = _ENGINE_VERDICTS.get(profile.engine)
    if template.stage == "runtime" and verdict is not None:
        return verdict(text)
    return ""


def _decision_text(template: _Template, profile: Profile) -> str:
    """The template, readably filled, with everything the engine appends to it."""
    text = _neutral(template.text)
    return text + template.suffix + _engine_tail(template, profile, text)


def _render(
    draw: st.DrawFn, template: _Template, profile: Profile, fixed: Mapping[str, str] | None = None
) -> str:
    return _message(draw, template, profile, fixed=fixed)[1]
