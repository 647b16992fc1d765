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
    _t(
        "driver failed programming external connectivity on endpoint {name} ({id}): Bind for"
        " 0.0.0.0:{port} failed: port is already allocated",
        "",
        "daemon",
        "docker",
    ),
    _t(
        "failed to create task for container: failed to create shim task: OCI runtime create"
        " failed: unable to retrieve OCI runtime error (open"
        " /run/containerd/io.containerd.runtime.v2.task/moby/{id}/log.json: no such file or"
        " directory): runc did not terminate successfully: exit status 127: unknown",
        "not-found",
        "daemon",
        "docker",
        since_engine="24.0.0",
    ),
    _t(
        'error gathering device information while adding custom device "/dev/{device}": no such'
        " file or directory",
        "not-found",
        "daemon",
        "docker",
    ),
    _t('could not select device driver "" with capabilities: [[gpu]]', "", "daemon", "docker"),
    _t(
        "error while creating mount source path '{host_path}': mkdir {host_path}:"
        " permission denied",
        "eacces",
        "daemon",
        "docker",
    ),
    _t("container {id} is marked for removal and cannot be started", "", "daemon", "docker"),
    _t('workdir "{path}" does not exist on container {id}', "", "daemon", "podman"),
    _t(
        "rootlessport listen tcp 0.0.0.0:{port}: bind: address already in use",
        "",
        "daemon",
        "podman",
    ),
    _t(
        "failed to create shim task: OCI runtime create failed: runc create failed: unable to"
        " start container process: error during container init: error setting cgroup config"
        " for procHooks process: bpf_prog_query(BPF_CGROUP_DEVICE) failed: invalid argument:"
        " unknown",
        "",
        "daemon",
        "nerdctl",
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
    _t(
        "pull access denied for {repo}, repository does not exist or may require 'docker login':"
        " denied: requested access to the resource is denied",
        "",
        "create",
        "docker",
    ),
    _t(
        "manifest for {image} not found: manifest unknown: manifest unknown",
        "",
        "create",
        "docker",
    ),
    _t("No such image: {image}", "", "create", "docker"),
    _t(
        'Conflict. The container name "/{name}" is already in use by container "{id}". You have'
        " to remove (or rename) that container to be able to reuse that name.",
        "",
        "create",
        "docker",
    ),
    _t(
        'invalid mount config for type "bind": bind source path does not exist: {host_path}',
        "",
        "create",
        "docker",
    ),
    _t(
        "failed to register layer: stat /var/lib/docker/overlay2/{id}: no such file or directory",
        "not-found",
        "create",
        "docker",
    ),
    _t(
        "failed to mkdir /var/lib/docker/volumes/{name}/_data: mkdir"
        " /var/lib/docker/volumes/{name}/_data: permission denied",
        "eacces",
        "create",
        "docker",
    ),
    _t(
        'Get "https://registry.example.com/v2/": dial tcp: lookup registry.example.com on'
        " 127.0.0.53:53: no such host",
        "",
        "create",
        _ALL_ENGINES,
    ),
    _t("statfs {host_path}: no such file or directory", "not-found", "create", "podman"),
    _t(
        'creating container storage: the container name "{name}" is already in use by {id}. You'
        " have to remove that container to be able to reuse that name: that name is already in"
        " use",
        "",
        "create",
        "podman",
    ),
    _t("{image}: image not known", "", "create", "podman"),
    _t(
        'failed to resolve reference "registry.example.com/team/app:latest":'
        " registry.example.com/team/app:latest: not found",
        "",
        "create",
        "nerdctl",
    ),
    _t(
        'name "{name}" is already used by ID "{id}"',
        "",
        "create",
        "nerdctl",
    ),
    # --- the client could not reach the daemon ---
    _t(
        "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker"
        " daemon running?",
        "unreachable",
        "client",
        "docker",
    ),
    _t(
        "Cannot connect to the Docker daemon at tcp://{host}:{port}. Is the docker daemon running?",
        "unreachable",
        "client",
        "docker",
    ),
    _t(
        "permission denied while trying to connect to the Docker daemon socket at"
        ' unix:///var/run/docker.sock: Head "http://%2Fvar%2Frun%2Fdocker.sock/_ping": dial unix'
        " /var/run/docker.sock: connect: permission denied",
        "transport eacces",
        "client",
        "docker",
    ),
    _t(
        "Got permission denied while trying to connect to the Docker daemon socket at"
        ' unix:///var/run/docker.sock: Post "http://%2Fvar%2Frun%2Fdocker.sock/v1.24/containers/'
        'create": dial unix /var/run/docker.sock: connect: permission denied',
        "transport eacces",
        "client",
        "docker",
    ),
    _t(
        "failed to connect to the docker API at unix:///var/run/docker.sock; check if the path is"
        " correct and if the daemon is running: dial unix /var/run/docker.sock: connect: no such"
        " file or directory",
        "unreachable not-found",
        "client",
        "docker",
    ),
    _t(
        'error during connect: Get "http://%2F%2F.%2Fpipe%2FdockerDesktopLinuxEngine/v1.47/'
        'containers/json": open //./pipe/dockerDesktopLinuxEngine: The system cannot find the'
        " file specified.",
        "transport not-found",
        "client",
        "docker",
    ),
    _t(
        'error during connect: Post "http://{host}:{port}/v1.45/containers/create": dial tcp'
        " {host}:{port}: connect: connection refused",
        "transport",
        "client",
        "docker",
    ),
    _t(
        "Error while fetching server API version: ('Connection aborted.',"
        " FileNotFoundError(2, 'No such file or directory'))",
        "transport",
        "client",
        "docker",
    ),  # docker-py (requests) when the socket is missing
    _t(
        "HTTPConnectionPool(host='{host}', port={port}): Max retries exceeded with url:"
        " /v1.47/containers/create (Caused by NewConnectionError('<urllib3.connection."
        "HTTPConnection object at 0x7f0e2c1b3d90>: Failed to establish a new connection:"
        " [Errno 111] Connection refused'))",
        "transport",
        "client",
        "docker",
    ),
    _t(
        "Cannot connect to Podman. Please verify your connection to the Linux system using"
        " `podman system connection list`, or try `podman machine init` and `podman machine"
        " start` to manage a new Linux VM",
        "",
        "client",
        "podman",
    ),
    _t(
        'unable to connect to Podman socket: Get "http://d/v5.0.0/libpod/_ping": dial unix'
        " /run/user/1000/podman/podman.sock: connect: no such file or directory",
        "not-found",
        "client",
        "podman",
    ),
    _t(
        'cannot access containerd socket "/run/containerd/containerd.sock": no such file or'
        " directory",
        "not-found",
        "client",
        "nerdctl",
    ),
    _t(
        'failed to dial "/run/containerd/containerd.sock": connection error: desc = "transport:'
        " error while dialing: dial unix /run/containerd/containerd.sock: connect: permission"
        ' denied"',
        "eacces",
        "client",
        "nerdctl",
    ),
    # --- the CLI's own flag and argument errors ---
    _t("unknown flag: --{flag}", "", "usage-flag", _ALL_ENGINES),
    _t("unknown shorthand flag: '{letter}' in -{letter}", "", "usage-flag", _ALL_ENGINES),
    _t("flag needs an argument: --{flag}", "", "usage-flag", _ALL_ENGINES),
    _t(
        'invalid argument "{value}" for "-m, --memory" flag: invalid size: \'{value}\'',
        "",
        "usage-flag",
        _ALL_ENGINES,
    ),
    _t("bad flag syntax: ---{flag}", "", "usage-flag", "docker"),
    _t(
        "if any flags in the group [attach detach] are set none of the others can be;"
        " [attach detach] were all set",
        "",
        "usage-flag",
        "docker",
    ),
    *(
        _t(f'"docker {{command}}" {count}.', "", "usage-args", "docker")
        for count in _ARGUMENT_COUNTS
    ),
    # CLI 28+ quotes the command with single quotes, without the full stop (observed on
    # 28.2.2).
    *(
        _t(f"'docker {{command}}' {count}", "", "usage-args", "docker")
        for count in _ARGUMENT_COUNTS
    ),
    _t("the input device is not a TTY", "", "usage-args", "docker"),
    _t(
        "cannot attach stdin to a TTY-enabled container because stdin is not a terminal",
        "",
        "usage-args",
        "docker",
    ),
    _t("you cannot start and attach multiple containers at once", "", "usage-args", "docker"),
    _t(
        "conflicting options: cannot specify both --attach and --detach",
        "",
        "usage-args",
        "docker",
    ),
    _t("Conflicting options: -a and -d", "", "usage-args", "docker"),
    _t("Usage:  docker {word} COMMAND", "", "usage-args", "docker"),
    _t("unknown command: docker {word}", "", "usage-args", "docker"),
    _t("'{word}' is not a docker command.", "", "usage-args", "docker"),
    _t("requires at least 1 arg(s), only received 0", "", "usage-args", "podman nerdctl"),
    _t("requires exactly 1 arg(s), only received 0", "", "usage-args", "podman"),
    _t("accepts at most 1 arg(s), received 2", "", "usage-args", "podman"),
    _t('"podman {command}" accepts no arguments', "", "usage-args", "podman"),
    _t("unrecognized command `podman {word}`", "", "usage-args", "podman"),
    _t(
        "must provide a non-empty command to start an exec session: invalid argument",
        "",
        "usage-exec",
        "podman",
    ),
)

# Texts that are not daemon errors: attach streams, wait requests, exec requests.
# Only docker turns the detach keys into an error text; podman and nerdctl just return.
_ESCAPE = _t("read escape sequence", "escape", "other", "docker")
_ATTACH_ERRORS = (
    _t("unable to upgrade to tcp, received 500", "", "other", _ALL_ENGINES),
    _t("cannot attach to a stopped container, start it first", "", "other", _ALL_ENGINES),
    _t("cannot attach to a paused container, unpause it first", "", "other", _ALL_ENGINES),
    _t("the input device is not a TTY", "", "other", _ALL_ENGINES),
)
_WAIT_REQUEST_ERRORS = (
    _t("unexpected EOF", "", "other", _ALL_ENGINES),
    _t("Error response from daemon: No such container: {name}", "", "other", _ALL_ENGINES),
    _t(
        "read unix @->/var/run/docker.sock: read: connection reset by peer",
        "",
        "other",
        _ALL_ENGINES,
    ),
)
_CANCELLED = _t("context canceled", "cancel", "other", _ALL_ENGINES)
_EXEC_CREATE_ERRORS = (
    _t("Error response from daemon: container {id} is not running", "", "other", _ALL_ENGINES),
    _t("Error response from daemon: No such container: {name}", "", "other", _ALL_ENGINES),
    _t(
        "Error response from daemon: Container {id} is paused, unpause the container before exec",
        "",
        "other",
        _ALL_ENGINES,
    ),
)
_EXEC_INSPECT_ERRORS = (
    _t(
        'error during connect: Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.47/exec/{id}/json": EOF',
        "transport",
        "other",
        _ALL_ENGINES,
    ),
    _t("Error response from daemon: No such exec instance: {id}", "", "other", _ALL_ENGINES),
)
_WAIT_ERROR_MESSAGES = (
    _t(
        "unable to remove filesystem for {id}: unlinkat /var/lib/docker/containers/{id}/mounts/shm:"
        " device or resource busy",
        "",
        "other",
        _ALL_ENGINES,
    ),
    _t(
        'driver "overlay2" failed to remove root filesystem for {id}: unlinkat'
        " /var/lib/docker/overlay2/{id}/merged: device or resource busy",
        "",
        "other",
        _ALL_ENGINES,
    ),
    _t("", "", "other", _ALL_ENGINES),
)
