"""The message corpus: real runtime, daemon and CLI wordings, labelled by hand (data)."""

from __future__ import annotations

import attrs

from exitcodes.profiles import Engine, EngineName, Version, parse_version

# --------------------------------------------------------------------------------------
# Message templates: the real wordings, each labelled by hand with the phrases it holds.
#
# Labels (independent of the rule tables, which the tests check them against):
#   not-found     "executable file not found" / "no such file or directory" /
#                 "system cannot find the file specified", in that exact case
#   not-found-ci  one of those in another case only (crun: "No such file or directory")
#   eacces        "permission denied";   eacces-ci: only in another case (crun)
#   eperm         "operation not permitted", in any case
#   eisdir        "is a directory";      enotdir: "not a directory"
#   runc-call     "failed to run runc create/exec call"
#   unreachable   docker's client wording of a daemon it cannot reach
#   transport     docker's client wording of a request that failed in transport
#   escape        the detach key sequence;  cancel: "context canceled"
# --------------------------------------------------------------------------------------

_MOUNT_HINT = (
    ": Are you trying to mount a directory onto a file (or vice-versa)? Check if the"
    " specified host path exists and is the expected type"
)
_ALL_ENGINES = "docker podman nerdctl"


@attrs.frozen
class _Template:
    """A message with placeholders, the phrases it holds, and where it comes from."""

    text: str
    labels: frozenset[str]
    stage: str  # runtime | daemon | create | windows | client | usage-flag | usage-args | other
    engines: frozenset[Engine | EngineName]
    runtime: str = "runc"
    suffix: str = ""  # what the docker daemon appends after the runtime's message
    exec_ok: bool = False  # also what an exec'd process that fails to start reports
    since_engine: Version | None = None


def _t(
    text: str,
    labels: str,
    stage: str,
    engines: str = "docker nerdctl",
    *,
    runtime: str = "runc",
    suffix: str = "",
    exec_ok: bool = False,
    since_engine: str | None = None,
) -> _Template:
    return _Template(
        text,
        frozenset(labels.split()),
        stage,
        frozenset(Engine(name) for name in engines.split()),
        runtime,
        suffix,
        exec_ok,
        None if since_engine is None else parse_version(since_engine),
    )


def _crun(text: str, labels: str) -> _Template:
    """A crun wording: any engine can run crun, and an exec's start error carries it too."""
    return _t(text, labels, "runtime", _ALL_ENGINES, runtime="crun", exec_ok=True)


def _windows(text: str, labels: str, *, exec_ok: bool = False) -> _Template:
    """A Windows (hcsshim) wording, which docker and nerdctl print."""
    return _t(text, labels, "windows", "docker nerdctl", runtime="windows", exec_ok=exec_ok)


def _daemon(
    text: str, labels: str = "", engines: str = "docker", *, since_engine: str | None = None
) -> _Template:
    """A whole daemon message of a failed start: docker's unless *engines* says otherwise."""
    return _t(text, labels, "daemon", engines, since_engine=since_engine)


def _create(text: str, labels: str = "", engines: str = "docker") -> _Template:
    """A create or pull error: docker's unless *engines* says otherwise."""
    return _t(text, labels, "create", engines)


def _client(text: str, labels: str = "", engines: str = "docker") -> _Template:
    """The client's wording of a daemon it could not reach: docker's unless *engines* says."""
    return _t(text, labels, "client", engines)


def _usage_flag(text: str, engines: str = _ALL_ENGINES) -> _Template:
    """A flag error of the CLI itself: it holds none of the labelled phrases."""
    return _t(text, "", "usage-flag", engines)


def _usage_args(text: str, engines: str = "docker") -> _Template:
    """An argument error of the CLI itself (docker's unless *engines* says): no labels."""
    return _t(text, "", "usage-args", engines)


def _other(text: str, labels: str = "", engines: str = _ALL_ENGINES) -> _Template:
    """A text that is no daemon error (attach stream, wait or exec request), of any engine."""
    return _t(text, labels, "other", engines)


_MOUNT = 'error during container init: error mounting "{host_path}" to rootfs at "{path}": '
_HCS = (
    "container {id} encountered an error during hcsshim::System::CreateProcess:"
    " failure in a Windows system call: "
)

# How the Docker CLI words a wrong number of arguments, after the quoted command.
_ARGUMENT_COUNTS = (
    "requires at least 1 argument",
    "requires exactly 1 argument",
    "requires at most 1 argument",
    "accepts no arguments",
    "accepts at most 2 arguments",
    "accepts between 1 and 2 arguments",
)

_TEMPLATES: tuple[_Template, ...] = (
    # --- runc's last log line (wrapped in the shim and daemon prefixes) ---
    _t(
        'exec: "{cmd}": executable file not found in $PATH',
        "not-found",
        "runtime",
        _ALL_ENGINES,
        exec_ok=True,
    ),
    _t(
        'exec: "{path}": stat {path}: no such file or directory',
        "not-found",
        "runtime",
        _ALL_ENGINES,
        exec_ok=True,
    ),
    _t('exec: "{path}": permission denied', "eacces", "runtime", _ALL_ENGINES, exec_ok=True),
    _t('exec: "{dir}": is a directory', "eisdir", "runtime", _ALL_ENGINES, exec_ok=True),
    _t(
        'exec: "{dir}": is a directory',
        "eisdir eacces",
        "runtime",
        "docker",
        suffix=": permission denied",  # moby 713e02e03e appends it (Engine 23.0.2)
        exec_ok=True,
        since_engine="23.0.2",
    ),
    _t(
        'chdir to cwd ("{path}") set in config.json failed: no such file or directory',
        "not-found",
        "runtime",
        _ALL_ENGINES,
        exec_ok=True,
    ),
    _t(
        'chdir to cwd ("{path}") set in config.json failed: not a directory',
        "enotdir",
        "runtime",
        "docker",
        suffix=_MOUNT_HINT,
    ),
    _t(
        _MOUNT + "mount {host_path}:{path} (via /proc/self/fd/6), flags: 0x5000: not a directory",
        "enotdir",
        "runtime",
        "docker",
        suffix=_MOUNT_HINT,
    ),
    _t(
        _MOUNT + "mount {host_path}:{path} (via /proc/self/fd/6), flags: 0x5000:"
        " no such file or directory",
        "not-found",
        "runtime",
        _ALL_ENGINES,
    ),
    _t(_MOUNT + "open {host_path}: permission denied", "eacces", "runtime", _ALL_ENGINES),
    _t(
        "error during container init: error running hook #0: error running hook: exit status 1,"
        " stdout: , stderr: nvidia-container-cli: initialization error: load library failed:"
        " libnvidia-ml.so.1: cannot open shared object file: no such file or directory",
        "not-found",
        "runtime",
        _ALL_ENGINES,
    ),
    _t(
        "error during container init: error setting cgroup config for procHooks process:"
        " unable to freeze",
        "",
        "runtime",
        _ALL_ENGINES,
    ),
    _t(
        "error during container init: error setting rlimits for ready process: error setting"
        " rlimit type 7: operation not permitted",
        "eperm",
        "runtime",
        _ALL_ENGINES,
        exec_ok=True,
    ),
    _t(
        "container {id}: failed to run runc create/exec call: exit status 1",
        "runc-call",
        "runtime",
        "docker",
    ),
    # --- crun (src/libcrun/utils.c: find_executable; errors are "<msg>: <strerror>") ---
    _crun("executable file `{cmd}` not found in $PATH: No such file or directory", "not-found-ci"),
    _crun("executable file `{path}` not found: No such file or directory", "not-found-ci"),
    _crun("the path `{path}` exists but it is not executable: Operation not permitted", "eperm"),
    _crun("the path `{dir}` is not a regular file: Operation not permitted", "eperm"),
    _crun("open `{path}`: Permission denied", "eacces-ci"),
    _t("open executable: Operation not permitted", "eperm", "runtime", "podman", runtime="crun"),
    _t("executable path is empty", "", "runtime", "podman", runtime="crun", exec_ok=True),
    _t(
        "setrlimit RLIMIT_NOFILE: Operation not permitted",
        "eperm",
        "runtime",
        "podman",
        runtime="crun",
    ),
    # --- whole daemon messages of a failed start ---
    _daemon(
        "driver failed programming external connectivity on endpoint {name} ({id}): Bind for"
        " 0.0.0.0:{port} failed: port is already allocated"
    ),
    _daemon(
        "failed to create task for container: failed to create shim task: OCI runtime create"
        " failed: unable to retrieve OCI runtime error (open"
        " /run/containerd/io.containerd.runtime.v2.task/moby/{id}/log.json: no such file or"
        " directory): runc did not terminate successfully: exit status 127: unknown",
        "not-found",
        since_engine="24.0.0",
    ),
    _daemon(
        'error gathering device information while adding custom device "/dev/{device}": no such'
        " file or directory",
        "not-found",
    ),
    _daemon('could not select device driver "" with capabilities: [[gpu]]'),
    _daemon(
        "error while creating mount source path '{host_path}': mkdir {host_path}:"
        " permission denied",
        "eacces",
    ),
    _daemon("container {id} is marked for removal and cannot be started"),
    _daemon('workdir "{path}" does not exist on container {id}', engines="podman"),
    _daemon(
        "rootlessport listen tcp 0.0.0.0:{port}: bind: address already in use", engines="podman"
    ),
    _daemon(
        "failed to create shim task: OCI runtime create failed: runc create failed: unable to"
        " start container process: error during container init: error setting cgroup config"
        " for procHooks process: bpf_prog_query(BPF_CGROUP_DEVICE) failed: invalid argument:"
        " unknown",
        engines="nerdctl",
    ),
    # --- Windows (hcsshim) ---
    _windows(_HCS + "The system cannot find the file specified. (0x2)", "not-found", exec_ok=True),
    _windows(_HCS + "The system cannot find the path specified. (0x3)", "", exec_ok=True),
    _windows(_HCS + "The directory name is invalid. (0x10b)", ""),
    _windows(
        "container {id} encountered an error during CreateProcess: failure in a Windows system"
        " call: The system cannot find the file specified. (0x2) extra info:"
        ' {"CommandLine":"{cmd}","WorkingDirectory":"C:\\\\","CreateStdInPipe":true,'
        '"CreateStdOutPipe":true,"CreateStdErrPipe":true,"ConsoleSize":[0,0]}',
        "not-found",
    ),
    # --- create and pull errors ---
    _create(
        "pull access denied for {repo}, repository does not exist or may require 'docker login':"
        " denied: requested access to the resource is denied"
    ),
    _create("manifest for {image} not found: manifest unknown: manifest unknown"),
    _create("No such image: {image}"),
    _create(
        'Conflict. The container name "/{name}" is already in use by container "{id}". You have'
        " to remove (or rename) that container to be able to reuse that name."
    ),
    _create('invalid mount config for type "bind": bind source path does not exist: {host_path}'),
    _create(
        "failed to register layer: stat /var/lib/docker/overlay2/{id}: no such file or directory",
        "not-found",
    ),
    _create(
        "failed to mkdir /var/lib/docker/volumes/{name}/_data: mkdir"
        " /var/lib/docker/volumes/{name}/_data: permission denied",
        "eacces",
    ),
    _create(
        'Get "https://registry.example.com/v2/": dial tcp: lookup registry.example.com on'
        " 127.0.0.53:53: no such host",
        engines=_ALL_ENGINES,
    ),
    _create("statfs {host_path}: no such file or directory", "not-found", engines="podman"),
    _create(
        'creating container storage: the container name "{name}" is already in use by {id}. You'
        " have to remove that container to be able to reuse that name: that name is already in"
        " use",
        engines="podman",
    ),
    _create("{image}: image not known", engines="podman"),
    _create(
        'failed to resolve reference "registry.example.com/team/app:latest":'
        " registry.example.com/team/app:latest: not found",
        engines="nerdctl",
    ),
    _create('name "{name}" is already used by ID "{id}"', engines="nerdctl"),
    # --- the client could not reach the daemon ---
    _client(
        "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker"
        " daemon running?",
        "unreachable",
    ),
    _client(
        "Cannot connect to the Docker daemon at tcp://{host}:{port}. Is the docker daemon running?",
        "unreachable",
    ),
    _client(
        "permission denied while trying to connect to the Docker daemon socket at"
        ' unix:///var/run/docker.sock: Head "http://%2Fvar%2Frun%2Fdocker.sock/_ping": dial unix'
        " /var/run/docker.sock: connect: permission denied",
        "transport eacces",
    ),
    _client(
        "Got permission denied while trying to connect to the Docker daemon socket at"
        ' unix:///var/run/docker.sock: Post "http://%2Fvar%2Frun%2Fdocker.sock/v1.24/containers/'
        'create": dial unix /var/run/docker.sock: connect: permission denied',
        "transport eacces",
    ),
    _client(
        "failed to connect to the docker API at unix:///var/run/docker.sock; check if the path is"
        " correct and if the daemon is running: dial unix /var/run/docker.sock: connect: no such"
        " file or directory",
        "unreachable not-found",
    ),
    _client(
        'error during connect: Get "http://%2F%2F.%2Fpipe%2FdockerDesktopLinuxEngine/v1.47/'
        'containers/json": open //./pipe/dockerDesktopLinuxEngine: The system cannot find the'
        " file specified.",
        "transport not-found",
    ),
    _client(
        'error during connect: Post "http://{host}:{port}/v1.45/containers/create": dial tcp'
        " {host}:{port}: connect: connection refused",
        "transport",
    ),
    _client(
        "Error while fetching server API version: ('Connection aborted.',"
        " FileNotFoundError(2, 'No such file or directory'))",
        "transport",
    ),  # docker-py (requests) when the socket is missing
    _client(
        "HTTPConnectionPool(host='{host}', port={port}): Max retries exceeded with url:"
        " /v1.47/containers/create (Caused by NewConnectionError('<urllib3.connection."
        "HTTPConnection object at 0x7f0e2c1b3d90>: Failed to establish a new connection:"
        " [Errno 111] Connection refused'))",
        "transport",
    ),
    _client(
        "Cannot connect to Podman. Please verify your connection to the Linux system using"
        " `podman system connection list`, or try `podman machine init` and `podman machine"
        " start` to manage a new Linux VM",
        engines="podman",
    ),
    _client(
        'unable to connect to Podman socket: Get "http://d/v5.0.0/libpod/_ping": dial unix'
        " /run/user/1000/podman/podman.sock: connect: no such file or directory",
        "not-found",
        engines="podman",
    ),
    _client(
        'cannot access containerd socket "/run/containerd/containerd.sock": no such file or'
        " directory",
        "not-found",
        engines="nerdctl",
    ),
    _client(
        'failed to dial "/run/containerd/containerd.sock": connection error: desc = "transport:'
        " error while dialing: dial unix /run/containerd/containerd.sock: connect: permission"
        ' denied"',
        "eacces",
        engines="nerdctl",
    ),
    # --- the CLI's own flag and argument errors ---
    _usage_flag("unknown flag: --{flag}"),
    _usage_flag("unknown shorthand flag: '{letter}' in -{letter}"),
    _usage_flag("flag needs an argument: --{flag}"),
    _usage_flag('invalid argument "{value}" for "-m, --memory" flag: invalid size: \'{value}\''),
    _usage_flag("bad flag syntax: ---{flag}", engines="docker"),
    _usage_flag(
        "if any flags in the group [attach detach] are set none of the others can be;"
        " [attach detach] were all set",
        engines="docker",
    ),
    *(_usage_args(f'"docker {{command}}" {count}.') for count in _ARGUMENT_COUNTS),
    # CLI 28+ quotes the command with single quotes, without the full stop (observed on
    # 28.2.2).
    *(_usage_args(f"'docker {{command}}' {count}") for count in _ARGUMENT_COUNTS),
    _usage_args("the input device is not a TTY"),
    _usage_args("cannot attach stdin to a TTY-enabled container because stdin is not a terminal"),
    _usage_args("you cannot start and attach multiple containers at once"),
    _usage_args("conflicting options: cannot specify both --attach and --detach"),
    _usage_args("Conflicting options: -a and -d"),
    _usage_args("Usage:  docker {word} COMMAND"),
    _usage_args("unknown command: docker {word}"),
    _usage_args("'{word}' is not a docker command."),
    _usage_args("requires at least 1 arg(s), only received 0", engines="podman nerdctl"),
    _usage_args("requires exactly 1 arg(s), only received 0", engines="podman"),
    _usage_args("accepts at most 1 arg(s), received 2", engines="podman"),
    _usage_args('"podman {command}" accepts no arguments', engines="podman"),
    _usage_args("unrecognized command `podman {word}`", engines="podman"),
    _t(
        "must provide a non-empty command to start an exec session: invalid argument",
        "",
        "usage-exec",
        "podman",
    ),
)

# Texts that are not daemon errors: attach streams, wait requests, exec requests.
# Only docker turns the detach keys into an error text; podman and nerdctl just return.
_ESCAPE = _other("read escape sequence", "escape", engines="docker")
_ATTACH_ERRORS = (
    _other("unable to upgrade to tcp, received 500"),
    _other("cannot attach to a stopped container, start it first"),
    _other("cannot attach to a paused container, unpause it first"),
    _other("the input device is not a TTY"),
)
_WAIT_REQUEST_ERRORS = (
    _other("unexpected EOF"),
    _other("Error response from daemon: No such container: {name}"),
    _other("read unix @->/var/run/docker.sock: read: connection reset by peer"),
)
_CANCELLED = _other("context canceled", "cancel")
_EXEC_CREATE_ERRORS = (
    _other("Error response from daemon: container {id} is not running"),
    _other("Error response from daemon: No such container: {name}"),
    _other(
        "Error response from daemon: Container {id} is paused, unpause the container before exec"
    ),
)
_EXEC_INSPECT_ERRORS = (
    _other(
        'error during connect: Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.47/exec/{id}/json": EOF',
        "transport",
    ),
    _other("Error response from daemon: No such exec instance: {id}"),
)
_WAIT_ERROR_MESSAGES = (
    _other(
        "unable to remove filesystem for {id}: unlinkat /var/lib/docker/containers/{id}/mounts/shm:"
        " device or resource busy"
    ),
    _other(
        'driver "overlay2" failed to remove root filesystem for {id}: unlinkat'
        " /var/lib/docker/overlay2/{id}/merged: device or resource busy"
    ),
    _other(""),
)
