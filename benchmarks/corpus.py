"""A corpus of realistic daemon and client error messages, 100 B to 2 KB, every outcome.

Each entry names its category, the message and the exit code that
:func:`exitcodes.classify` gives it under the default profile (the newest modelled
Docker CLI on Linux), so the benchmark can check that every timed call also gives
the right answer.

The texts follow what the Docker CLI prints (``docker: Error response from daemon:
...``). Long messages are long the way real ones are: overlay mounts listing every
image layer, the Windows HCS spec dumped as JSON, a failing hook's stderr, several
errors joined, the CLI's flag list after a usage error, a long request URL.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["CATEGORIES", "CORPUS", "Message", "adversarial", "log_line", "sized"]


class Message(NamedTuple):
    """One corpus entry."""

    category: str
    text: str
    exit_code: int


class _Template(NamedTuple):
    head: str
    repeat: str  # a realistic element that real messages repeat (a layer, a JSON entry...)
    tail: str

    def render(self, size: int | None = None) -> str:
        """The message with one element, or with as many as bring it closest to *size*."""
        count = 1
        if size is not None:
            fixed = len(self.head) + len(self.tail)
            count = max(1, round((size - fixed) / len(self.repeat)))
        return self.head + self.repeat * count + self.tail


_DAEMON = "docker: Error response from daemon: "
_SHIM = (
    "failed to create task for container: failed to create shim task: OCI runtime create"
    " failed: runc create failed: unable to start container process: "
)
_INIT = "error during container init: "
_ID = "4f1c0e2b9d7a6c5e3b1f0a9d8c7e6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c"
_IMAGE = "registry.internal.example.com:5000/platform/team-payments/ledger-reconciler"
_MERGED = f"/var/lib/docker/overlay2/{_ID}/merged"
_LAYER = "/var/lib/docker/overlay2/l/7QJ3ZK2XH5MVRBW4N6TCYPLD3F:"
_OVERLAY = (
    f'error mounting "overlay" to rootfs at "{_MERGED}": mount overlay:{_MERGED}, flags: 0x0,'
    " data: index=off,lowerdir="
)
_OVERLAY_END = (
    f"/var/lib/docker/overlay2/l/M2B7XKQ4D9RT,upperdir=/var/lib/docker/overlay2/{_ID}/diff,"
    f"workdir=/var/lib/docker/overlay2/{_ID}/work: "
)
_HCS = (
    "container "
    + _ID
    + " encountered an error during hcs::System::CreateProcess: failure in a Windows system"
    ' call: {"SystemType":"Container","Name":"' + _ID + '","Owner":"docker","Layers":['
)
_HCS_LAYER = (
    '{"ID":"8d0f7c3e-5b1a-5e9f-9c2d-3a4b5c6d7e8f","Path":"C:\\\\ProgramData\\\\docker'
    '\\\\windowsfilter\\\\9a8b7c6d5e4f3a2b1c0d"},'
)
_HOOK = "error running hook #0: error running hook: exit status 1, stdout: , stderr: "
_HOOK_LINE = "I1103 10:41:07.381926 1 nvc.c:376] loading kernel module nvidia_uvm\n"
_ERRORS = "2 errors occurred:\n\t* "
_JOINED = "failed to stat layer sha256:9c4d8e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b: ok\n\t* "
_RUN_USAGE = "\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nOptions:"
_FLAG = "\n  -m, --memory bytes                 Memory limit"
_RUN_HELP = "\n\nRun 'docker run --help' for more information"
_QUERY = "%22label%22%3A%7B%22com.example.ci.job%3D7f3a%22%3Atrue%7D%2C"

_TEMPLATES: dict[str, list[_Template]] = {
    "not found": [
        _Template(
            _DAEMON + _SHIM + 'exec: "ledger-reconcile": executable file not found in $PATH',
            "",
            ": unknown",
        ),
        _Template(_DAEMON + _SHIM + _OVERLAY, _LAYER, _OVERLAY_END + "no such file or directory"),
        _Template(
            _DAEMON + _SHIM + _INIT + _HOOK,
            _HOOK_LINE,
            "nvidia-container-cli: initialization error: load library failed: libnvidia-ml.so.1:"
            " cannot open shared object file: no such file or directory: unknown",
        ),
        _Template(
            _DAEMON + _HCS,
            _HCS_LAYER,
            "{}]}: The system cannot find the file specified. (0x2)",
        ),
    ],
    "permission denied": [
        _Template(
            _DAEMON + _SHIM + 'exec: "/app/entrypoint.sh": permission denied', "", ": unknown"
        ),
        _Template(_DAEMON + _SHIM + _OVERLAY, _LAYER, _OVERLAY_END + "permission denied"),
        _Template(
            _DAEMON + _SHIM + _INIT + _HOOK,
            _HOOK_LINE,
            "open /proc/sys/net/ipv4/ip_unprivileged_port_start: permission denied: unknown",
        ),
    ],
    "is a directory": [
        _Template(_DAEMON + _SHIM + 'exec: "/usr/local/bin": is a directory', "", ": unknown"),
        _Template(
            _DAEMON + _ERRORS,
            _JOINED,
            _SHIM + 'exec: "/opt/ledger/current": is a directory: unknown\n\n',
        ),
    ],
    "generic 125": [
        _Template(
            _DAEMON
            + "driver failed programming external connectivity on endpoint ledger-db-1 ("
            + _ID
            + "): Bind for 0.0.0.0:5432 failed: port is already allocated",
            "",
            ".",
        ),
        _Template(
            _DAEMON + 'Conflict. The container name "/ledger-reconciler" is already in use by'
            ' container "' + _ID + '". You have to remove (or rename) that container to be able'
            " to reuse that name",
            "",
            ".",
        ),
        _Template(
            "Unable to find image '"
            + _IMAGE
            + ":2024.11.3' locally\n"
            + _DAEMON
            + "pull access denied for "
            + _IMAGE
            + ", repository does not exist or may require 'docker login'",
            "",
            ": denied: requested access to the resource is denied.",
        ),
        _Template(_DAEMON + _SHIM + _OVERLAY, _LAYER, _OVERLAY_END + "invalid argument"),
        _Template(
            _DAEMON + _ERRORS,
            _JOINED,
            "failed to create endpoint ledger-reconciler on network ci-net-7f3a: failed to add the"
            " host (veth1a2b3c4) <=> sandbox (veth5d6e7f8) pair interfaces: operation not"
            " supported\n\n",
        ),
        _Template(
            _DAEMON + _SHIM + _INIT + _HOOK,
            _HOOK_LINE,
            "nvidia-container-cli: requirement error: unsatisfied condition: cuda>=12.4, please"
            " update your driver to a newer version: unknown",
        ),
    ],
    "usage": [
        _Template("docker: unknown flag: --memmory" + _RUN_USAGE, _FLAG, _RUN_HELP),
        _Template(
            'docker: invalid argument "12x" for "-m, --memory" flag: invalid size: \'12x\''
            + _RUN_USAGE,
            _FLAG,
            _RUN_HELP,
        ),
        _Template(
            'docker: "docker run" requires at least 1 argument.' + _RUN_USAGE, _FLAG, _RUN_HELP
        ),
        _Template(
            "docker: 'rnu' is not a docker command.\nSee 'docker --help'.\n\nUsage:  docker"
            " [OPTIONS] COMMAND\n\nCommands:",
            "\n  run         Create and run a new container from an image",
            "",
        ),
    ],
    "connection": [
        _Template(
            "docker: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the"
            " docker daemon running?",
            "",
            "\nSee 'docker run --help'.",
        ),
        _Template(
            'docker: error during connect: Post "http://%2F%2F.%2Fpipe%2FdockerDesktopLinuxEngine'
            "/v1.47/containers/create?name=ledger-reconciler&filters=%7B",
            _QUERY,
            '%7D": open //./pipe/dockerDesktopLinuxEngine: The system cannot find the file'
            " specified.",
        ),
        _Template(
            "docker: permission denied while trying to connect to the Docker daemon socket at"
            ' unix:///var/run/docker.sock: Head "http://%2Fvar%2Frun%2Fdocker.sock/v1.47/'
            "containers/json?filters=%7B",
            _QUERY,
            '%7D": dial unix /var/run/docker.sock: connect: permission denied.',
        ),
    ],
}

CATEGORIES: dict[str, int] = {
    "not found": 127,
    "permission denied": 126,
    "is a directory": 126,
    "generic 125": 125,
    "usage": 1,  # argument errors exit 1; flag errors 125 (see _expected)
    "connection": 1,  # docker run pings the daemon first since CLI 29.1.3: exit 1
}
"""The categories of the corpus and the usual exit code of each."""


def _expected(category: str, text: str) -> int:
    if category == "usage" and text.startswith(("docker: unknown flag", "docker: invalid arg")):
        return 125
    return CATEGORIES[category]


def _build() -> tuple[Message, ...]:
    entries: list[Message] = []
    for category, templates in _TEMPLATES.items():
        for template in templates:
            sizes: tuple[int | None, ...] = (None,)
            if template.repeat:
                sizes = (None, 1024, 2048)
            for size in sizes:
                text = template.render(size)
                entries.append(Message(category, text, _expected(category, text)))
    return tuple(entries)


CORPUS: tuple[Message, ...] = _build()
"""Every corpus message, about 100 B to 2 KB."""


def sized(size: int) -> str:
    """A realistic generic-125 message of exactly *size* characters (an overlay mount's
    lowerdir, its last layer cut short)."""
    head, repeat, tail = _TEMPLATES["generic 125"][3]
    count = max(1, -(-(size - len(head) - len(tail)) // len(repeat)))  # enough to cut
    text = head + repeat * count
    return text[: size - len(tail)] + tail


def adversarial(size: int) -> str:
    """*size* characters of near-misses: every rule's phrase, one character short or off."""
    unit = (
        "permission denie executable file not foun no such file or director is a director"
        " onnect Cannot connect to the Docker daemo error during connec unknown flag"
        ' " requires at leas " accepts betwee is not a docker comman system cannot find the'
        " file specifie "
    )
    return (unit * (size // len(unit) + 1))[:size]


# What the daemon itself logs: its own errors, without the CLI's prefix or usage errors.
_LOGGED = tuple(
    entry.text.replace(_DAEMON, "").replace("\n", " ")
    for entry in CORPUS
    if len(entry.text) < 1000 and entry.category not in ("usage", "connection")
)


def log_line(index: int) -> str:
    """Line *index* of a daemon log: dockerd logging a failed request with its error."""
    stamp = f"10:{index // 60000 % 60:02d}:{index // 1000 % 60:02d}.{index % 1000:03d}"
    return (
        f'time="2024-11-03T{stamp}Z" level=error msg="Handler for POST'
        f' /v1.47/containers/create returned error: {_LOGGED[index % len(_LOGGED)]}"'
    )
