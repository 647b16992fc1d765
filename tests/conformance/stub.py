"""A scripted stub of the Docker Engine API, for running the real docker CLI against it.

The stub listens on ``127.0.0.1`` (a free port chosen by the kernel) and speaks just enough
HTTP/1.1 for the docker CLI's Go client, ``DOCKER_HOST=tcp://127.0.0.1:PORT``:

* ``HEAD``/``GET /_ping`` with the ``API-Version``, ``OSType`` and ``Docker-Experimental``
  headers the CLI negotiates its API version from, and ``GET /version``;
* container create (with the "No such image" 404 that makes the CLI pull), image pull
  (``POST /images/create``, a JSON progress stream that may carry an error object), attach
  (a hijacked connection: ``101 UPGRADED`` then the raw or multiplexed stream), wait, start,
  kill, inspect;
* exec create, exec start (hijacked, or a plain 200 for ``{"Detach": true}``) and exec inspect;
* for SDK clients (docker-py, python-on-whales) that read more than the CLI: container logs,
  image inspect (the image exists unless ``image_missing`` and no pull succeeded), container
  remove, and an inspect of the created container (by Id, or by its ``--name``) that follows
  its life: ``created``, ``running``, ``exited`` with the wait's status, or the start error;
* the daemon disappearing mid-command (the listening socket and every connection are closed).

Every reply is scripted by a frozen :class:`Behaviour`, and every request is logged (method,
path without the ``/vX.Y`` prefix, query) so a failing scenario can show what the CLI asked.

It is written on raw sockets (one thread per connection) rather than on ``http.server``: that
makes hijacking, half-written responses, and "the whole daemon vanishes" straightforward.
Only the Python standard library is used. Each :class:`StubDaemon` is independent, so many
can run in parallel threads.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import json
import re
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from typing import Final, Literal
from urllib.parse import parse_qsl, unquote, urlsplit

__all__ = [
    "CREATED_ID",
    "EXEC_ID",
    "Action",
    "Behaviour",
    "Reply",
    "RequestRecord",
    "StubDaemon",
    "api_error",
    "container_id_for",
    "created",
    "die",
    "drop",
    "exec_inspect",
    "hang",
    "headers_then_drop",
    "json_reply",
    "no_content",
    "partial_then_drop",
    "pull_ok",
    "pull_stream_error",
    "raw_reply",
    "wait_reply",
]

#: What a scripted endpoint does with a request.
#:
#: ``reply``: answer with the status and body; ``drop``: close the connection without any
#: answer; ``headers_then_drop``: send the status line and headers, then close;
#: ``partial_then_drop``: send the headers and the start of the body, then close;
#: ``hang``: never answer (until the stub is stopped); ``die``: the whole daemon disappears
#: (the listening socket and every open connection are closed).
Action = Literal["reply", "drop", "headers_then_drop", "partial_then_drop", "hang", "die"]

#: The Id the stub gives to a container created through ``POST /containers/create``.
CREATED_ID: Final = "c0ffee" + "0" * 52 + "c0ffee"
#: The Id the stub gives to an exec instance.
EXEC_ID: Final = "e7ec" + "1" * 56 + "e7ec"

_JSON: Final = "application/json"
_TEXT: Final = "text/plain; charset=utf-8"
_RAW_STREAM: Final = "application/vnd.docker.raw-stream"
_MUX_STREAM: Final = "application/vnd.docker.multiplexed-stream"
_VERSION_PREFIX: Final = re.compile(r"^/v(\d+\.\d+)(/.*)$")
#: Upper bound for every wait inside the stub, so a scenario can never hang a test forever.
_MAX_WAIT: Final = 30.0


@dataclass(frozen=True)
class Reply:
    """One scripted answer of an endpoint.

    ``body`` is sent as is (already serialised: JSON text, plain text, or nothing).
    ``action`` says whether the answer is sent at all; see :data:`Action`.
    """

    status: int = 200
    body: str = ""
    content_type: str = _JSON
    action: Action = "reply"

    @property
    def is_error(self) -> bool:
        """True for an HTTP error that is answered at once (status >= 400, action ``reply``)."""
        return self.action == "reply" and self.status >= 400

    def summary(self) -> dict[str, object]:
        """A compact JSON-able description, for recorded vectors and failure messages."""
        out: dict[str, object] = {}
        if self.action != "reply":
            out["action"] = self.action
        if self.action in ("reply", "headers_then_drop", "partial_then_drop"):
            out["status"] = self.status
            if self.body:
                out["body"] = self.body if len(self.body) <= 400 else self.body[:400] + "..."
            if self.content_type != _JSON:
                out["content_type"] = self.content_type
        return out


def json_reply(obj: object, status: int = 200) -> Reply:
    """A JSON reply; ``obj`` is serialised with :func:`json.dumps` (so any text is escaped)."""
    return Reply(status=status, body=json.dumps(obj))


def api_error(status: int, message: str) -> Reply:
    """An Engine API error: ``status`` with the body ``{"message": message}``."""
    return Reply(status=status, body=json.dumps({"message": message}))


def raw_reply(status: int, text: str, content_type: str = _TEXT) -> Reply:
    """A reply whose body is ``text`` verbatim (e.g. a proxy's HTML, or ``3.0`` as "JSON")."""
    return Reply(status=status, body=text, content_type=content_type)


def no_content() -> Reply:
    """``204 No Content``, the daemon's answer to a successful start or kill."""
    return Reply(status=204, body="", content_type=_TEXT)


def created(container_id: str = CREATED_ID) -> Reply:
    """``201 Created`` for ``POST /containers/create``."""
    return json_reply({"Id": container_id, "Warnings": []}, status=201)


def wait_reply(status_code: int = 0, error: str | None = None) -> Reply:
    """A wait result ``{"StatusCode": n}``, with ``"Error": {"Message": error}`` if given."""
    body: dict[str, object] = {"StatusCode": status_code}
    if error is not None:
        body["Error"] = {"Message": error}
    return json_reply(body)


def exec_inspect(exit_code: int | None, running: bool = False) -> Reply:
    """The exec inspect answer, ``{"ExitCode": n or null, "Running": false, ...}``."""
    return json_reply(
        {
            "ID": EXEC_ID,
            "Running": running,
            "ExitCode": exit_code,
            "ProcessConfig": {
                "tty": False,
                "entrypoint": "sh",
                "arguments": [],
                "privileged": False,
            },
            "OpenStdin": False,
            "OpenStderr": True,
            "OpenStdout": True,
            "CanRemove": False,
            "ContainerID": CREATED_ID,
            "DetachKeys": "",
            "Pid": 4242,
        }
    )


def pull_ok() -> Reply:
    """A successful pull: a JSON progress stream ending in a status line."""
    lines = [
        {"status": "Pulling from library/busybox", "id": "latest"},
        {"status": "Pull complete", "progressDetail": {}, "id": "9ad63333ebc9"},
        {"status": "Digest: sha256:" + "ab" * 32},
        {"status": "Status: Downloaded newer image for busybox:latest"},
    ]
    return Reply(status=200, body="".join(json.dumps(line) + "\r\n" for line in lines))


def pull_stream_error(message: str) -> Reply:
    """A pull that starts (HTTP 200) and then reports ``message`` inside the progress stream."""
    lines: list[dict[str, object]] = [
        {"status": "Pulling from library/busybox", "id": "latest"},
        {"errorDetail": {"message": message}, "error": message},
    ]
    return Reply(status=200, body="".join(json.dumps(line) + "\r\n" for line in lines))


def drop() -> Reply:
    """Close the connection without answering."""
    return Reply(action="drop")


def hang() -> Reply:
    """Never answer (the connection stays open until the stub is stopped)."""
    return Reply(action="hang")


def die() -> Reply:
    """The whole daemon disappears when this endpoint is reached."""
    return Reply(action="die")


def headers_then_drop(status: int = 200) -> Reply:
    """Send the status line and headers (flushed), then close the connection."""
    return Reply(status=status, action="headers_then_drop")


def partial_then_drop(body: str = '{"StatusCode": 1') -> Reply:
    """Send the headers and the start of a body, then close the connection."""
    return Reply(status=200, body=body, action="partial_then_drop")


def container_id_for(name: str) -> str:
    """The Id the stub reports for a pre-existing container called ``name`` (64 hex digits)."""
    if name == CREATED_ID:
        return name
    return hashlib.sha256(name.encode("utf-8")).hexdigest()


ContainerState = Literal["running", "paused", "restarting", "exited", "created"]


@dataclass(frozen=True)
class Behaviour:
    """How the stub daemon answers, for one scenario. Every field has a "healthy" default.

    Timing model: a container created by the CLI "runs" from its successful start for
    ``run_for`` seconds, then its attach stream (if any) ends and it "exits"; only then is the
    body of a pending wait written (its headers are flushed at once, as the real daemon does for
    API >= 1.30). A pre-existing running container (``attach``, ``exec``) exits right after its
    attach stream has been written. With ``wait_release="immediate"`` (``docker wait``), waits
    are answered at once. If the start fails, a ``condition=removed`` wait gets ``wait``
    (the daemon removed the container) while any other wait is never answered: a real daemon
    does not notify ``next-exit`` waiters of a failed start, and the CLI cancels that wait.
    """

    #: Version in the ``API-Version`` header (the CLI negotiates down to it), e.g. 1.50, 1.41.
    api_version: str = "1.50"
    #: Answer to ``/_ping`` (``None`` = healthy ``OK``).
    ping: Reply | None = None
    #: The first ``POST /containers/create`` answers 404 ``No such image: busybox:latest``.
    image_missing: bool = False
    #: Answer to ``POST /images/create`` (the pull).
    pull: Reply = field(default_factory=pull_ok)
    #: Answer to ``POST /containers/create`` (after the pull, if ``image_missing``).
    create: Reply = field(default_factory=created)
    #: Answer to ``POST /containers/ID/attach`` (``None`` = hijack and stream ``output``).
    attach: Reply | None = None
    #: What the container writes on its stdout (attach or exec stream).
    output: bytes = b"hello from the stub daemon\n"
    #: Seconds a started container "runs" before it exits (interrupted by a kill).
    run_for: float = 0.0
    #: Answer to ``POST /containers/ID/start``.
    start: Reply = field(default_factory=no_content)
    #: Answer to ``POST /containers/ID/wait`` (its body is held until the container exits).
    wait: Reply = field(default_factory=wait_reply)
    #: Per-container wait answers for ``docker wait c1 c2``, as ``((name, reply), ...)``.
    waits: tuple[tuple[str, Reply], ...] = ()
    #: ``exit``: a wait is answered when the container exits; ``immediate``: at once.
    wait_release: Literal["exit", "immediate"] = "exit"
    #: Seconds a real daemon takes to remove a container whose start failed, before it answers
    #: a ``condition=removed`` wait (0: at once). With a delay the CLI has cancelled its wait
    #: by then, as it has with a real daemon; CLI 26.1.1 then never exits.
    removal_delay: float = 0.0
    #: ``State`` of pre-existing containers in ``GET /containers/NAME/json``.
    state: ContainerState = "running"
    #: ``Config.Tty`` of pre-existing containers (selects a raw vs multiplexed stream).
    tty: bool = False
    #: ``Config.OpenStdin`` of pre-existing containers.
    open_stdin: bool = False
    #: ``HostConfig.AutoRemove`` of pre-existing containers (``start -a`` then waits ``removed``).
    auto_remove: bool = False
    #: Override for ``GET /containers/NAME/json`` (``None`` = built from the fields above).
    inspect: Reply | None = None
    #: Container names/Ids that do not exist: 404 ``No such container: NAME`` everywhere.
    missing: frozenset[str] = frozenset()
    #: Answer to ``POST /containers/NAME/exec``.
    exec_create: Reply = field(default_factory=lambda: json_reply({"Id": EXEC_ID}, status=201))
    #: Answer to ``POST /exec/EID/start`` (``None`` = hijack, or plain 200 when detached).
    exec_start: Reply | None = None
    #: Answer to ``GET /exec/EID/json``.
    exec_inspect: Reply = field(default_factory=lambda: exec_inspect(0))
    #: If set, ``POST /containers/ID/kill`` makes the container exit with this status.
    kill_exit: int | None = None
    #: ``State.OOMKilled`` in the inspect of an exited container (the OOM killer ended it).
    oom_killed: bool = False
    #: Answer to ``GET /containers/ID/logs`` (``None`` = ``output``, framed unless TTY).
    logs: Reply | None = None
    #: Extra answers for other endpoints, as ``((method, path without /vX.Y, reply), ...)``,
    #: e.g. ``(("GET", "/containers/json", api_error(500, "boom")),)`` for ``docker ps``.
    routes: tuple[tuple[str, str, Reply], ...] = ()

    def summary(self) -> dict[str, object]:
        """The fields that differ from the defaults, JSON-able (for vectors and messages)."""
        default = Behaviour()
        out: dict[str, object] = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if value == getattr(default, f.name):
                continue
            if isinstance(value, Reply):
                out[f.name] = value.summary()
            elif f.name == "waits":
                out[f.name] = {name: reply.summary() for name, reply in self.waits}
            elif f.name == "routes":
                out[f.name] = {
                    f"{method} {path}": reply.summary() for method, path, reply in self.routes
                }
            elif isinstance(value, frozenset):
                out[f.name] = sorted(value)
            elif isinstance(value, bytes):
                out[f.name] = value.decode("utf-8", "replace")
            else:
                out[f.name] = value
        return out

    def wait_for(self, container: str) -> Reply:
        """The wait answer for ``container`` (a name or Id as it appears in the request path)."""
        for name, reply in self.waits:
            if container in (name, container_id_for(name)):
                return reply
        return self.wait


@dataclass(frozen=True)
class RequestRecord:
    """One request the CLI made: method, path without the ``/vX.Y`` prefix, and query."""

    method: str
    path: str
    query: str
    api_version: str | None
    body: str

    def line(self) -> str:
        """``METHOD /v1.50/path?query``, for logs and failure messages."""
        prefix = f"/v{self.api_version}" if self.api_version else ""
        query = f"?{self.query}" if self.query else ""
        return f"{self.method} {prefix}{self.path}{query}"


@dataclass
class _Request:
    method: str
    path: str
    query: str
    api_version: str | None
    headers: dict[str, str]
    body: bytes

    def param(self, name: str) -> str | None:
        for key, value in parse_qsl(self.query, keep_blank_values=True):
            if key == name:
                return value
        return None


def _message_of(reply: Reply) -> str:
    """The ``message`` of an API error reply (its body verbatim if it is not one)."""
    try:
        message = json.loads(reply.body).get("message")
    except (ValueError, AttributeError):
        return reply.body
    return message if isinstance(message, str) else reply.body


class _Killed(Exception):
    """Raised inside a connection thread when the daemon died (or was stopped)."""


_REASONS: Final[dict[int, str]] = {
    101: "UPGRADED",
    200: "OK",
    201: "Created",
    204: "No Content",
    304: "Not Modified",
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    500: "Internal Server Error",
    501: "Not Implemented",
    502: "Bad Gateway",
    503: "Service Unavailable",
}


class StubDaemon:
    """A scripted Engine API server on ``127.0.0.1``; use as a context manager.

    >>> with StubDaemon(Behaviour()) as daemon:        # doctest: +SKIP
    ...     env = {"DOCKER_HOST": daemon.docker_host}
    """

    def __init__(self, behaviour: Behaviour) -> None:
        """Bind a listening socket on 127.0.0.1, port 0 (not yet accepting)."""
        self.behaviour: Final = behaviour
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self.port: Final[int] = int(self._listener.getsockname()[1])
        self._lock = threading.Lock()
        self._conns: set[socket.socket] = set()
        self._threads: list[threading.Thread] = []
        self._requests: list[RequestRecord] = []
        self._accept_thread: threading.Thread | None = None
        self._create_calls = 0
        self._exec_tty = False
        self._exec_streams = (True, True)
        self._created_tty = False
        self._created_config: dict[str, object] = {}
        self._start_error = ""
        self._removed = False
        self._created_name = ""
        self._pulled = False
        self._kill_code: int | None = None
        #: Set once the daemon is gone (died or stopped); every wait in the stub watches it.
        self.gone = threading.Event()
        #: True if the daemon died on purpose (a ``die`` action), rather than being stopped.
        self.died = False
        #: Set when a container start succeeded (the runner uses it to time signals).
        self.started = threading.Event()
        self.start_failed = threading.Event()
        self.exited = threading.Event()
        self._killed = threading.Event()
        self._attaching = 0

    # -- lifecycle -----------------------------------------------------------------------

    @property
    def docker_host(self) -> str:
        """The ``DOCKER_HOST`` value pointing at this stub."""
        return f"tcp://127.0.0.1:{self.port}"

    @property
    def requests(self) -> tuple[RequestRecord, ...]:
        """Every request received so far, in arrival order."""
        with self._lock:
            return tuple(self._requests)

    def serve(self) -> None:
        """Start accepting connections in a background thread."""
        self._accept_thread = threading.Thread(
            target=self._accept_loop, name=f"stub-{self.port}", daemon=True
        )
        self._accept_thread.start()

    def stop(self) -> None:
        """Stop: close the listener and every connection, and join the threads."""
        self._vanish()
        if self._accept_thread is not None:
            self._accept_thread.join(timeout=5)
        with self._lock:
            threads = list(self._threads)
        for thread in threads:
            thread.join(timeout=5)

    def die(self) -> None:
        """The daemon disappears: connections are cut and new ones are refused."""
        self.died = True
        self._vanish()

    def __enter__(self) -> StubDaemon:
        self.serve()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _vanish(self) -> None:
        self.gone.set()
        # shutdown() wakes a thread blocked in accept(); close() alone would not.
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()
        with self._lock:
            conns = list(self._conns)
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
            conn.close()

    def _accept_loop(self) -> None:
        while not self.gone.is_set():
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                if self.gone.is_set():
                    conn.close()
                    return
                self._conns.add(conn)
                thread = threading.Thread(target=self._serve_connection, args=(conn,), daemon=True)
                self._threads.append(thread)
            thread.start()

    # -- HTTP plumbing -------------------------------------------------------------------

    def _serve_connection(self, conn: socket.socket) -> None:
        rfile = conn.makefile("rb")
        try:
            while not self.gone.is_set():
                request = self._read_request(rfile)
                if request is None:
                    return
                self._log(request)
                keep_open = self._dispatch(conn, request)
                if not keep_open:
                    return
        except (OSError, ValueError, _Killed):
            return
        finally:
            with self._lock:
                self._conns.discard(conn)
            try:
                rfile.close()
                conn.close()
            except OSError:
                pass

    @staticmethod
    def _read_request(rfile: io.BufferedReader) -> _Request | None:
        """Parse one request (line, headers, body by Content-Length or chunked); None at EOF."""
        line = rfile.readline(65537)
        if not line:
            return None
        parts = line.decode("latin-1").rstrip("\r\n").split(" ")
        if len(parts) != 3:
            raise ValueError(f"bad request line {line!r}")
        method, target, _ = parts
        headers: dict[str, str] = {}
        while True:
            raw = rfile.readline(65537)
            if raw in (b"\r\n", b"\n", b""):
                break
            key, _, value = raw.decode("latin-1").partition(":")
            headers[key.strip().lower()] = value.strip()
        body = b""
        if "content-length" in headers:
            body = rfile.read(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(rfile.readline(1024).split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while rfile.readline(65537) not in (b"\r\n", b"\n", b""):
                        pass
                    break
                chunks.append(rfile.read(size))
                rfile.readline(16)
            body = b"".join(chunks)
        split = urlsplit(target)
        path = unquote(split.path)
        version = None
        match = _VERSION_PREFIX.match(path)
        if match:
            version, path = match.group(1), match.group(2)
        return _Request(method, path, split.query, version, headers, body)

    def _log(self, request: _Request) -> None:
        body = request.body.decode("utf-8", "replace")
        record = RequestRecord(
            method=request.method,
            path=request.path,
            query=request.query,
            api_version=request.api_version,
            body=body if len(body) <= 300 else body[:300] + "...",
        )
        with self._lock:
            self._requests.append(record)

    def _head(self, status: int, headers: dict[str, str]) -> bytes:
        lines = [f"HTTP/1.1 {status} {_REASONS.get(status, 'Status')}"]
        base = {
            "Api-Version": self.behaviour.api_version,
            "Docker-Experimental": "false",
            "Ostype": "linux",
            "Server": "Docker/28.2.2 (linux)",
            "Date": time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime()),
        }
        base.update(headers)
        lines.extend(f"{key}: {value}" for key, value in base.items())
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    def _send(self, conn: socket.socket, data: bytes) -> None:
        if self.gone.is_set():
            raise _Killed
        conn.sendall(data)

    def _respond(self, conn: socket.socket, reply: Reply, head_only: bool = False) -> bool:
        """Carry out ``reply`` at once; return whether the connection stays usable."""
        if reply.action == "die":
            self.die()
            raise _Killed
        if reply.action == "hang":
            self.gone.wait(_MAX_WAIT)
            raise _Killed
        if reply.action == "drop":
            return False
        body = reply.body.encode("utf-8")
        if reply.action == "headers_then_drop":
            self._send(
                conn,
                self._head(
                    reply.status,
                    {"Content-Type": reply.content_type, "Transfer-Encoding": "chunked"},
                ),
            )
            return False
        if reply.action == "partial_then_drop":
            head = self._head(
                reply.status, {"Content-Type": reply.content_type, "Transfer-Encoding": "chunked"}
            )
            self._send(conn, head + b"%x\r\n%s\r\n" % (len(body), body))
            return False
        headers = {"Content-Length": str(0 if reply.status in (204, 304) else len(body))}
        if reply.status not in (204, 304):
            headers["Content-Type"] = reply.content_type
        payload = b"" if head_only or reply.status in (204, 304) else body
        self._send(conn, self._head(reply.status, headers) + payload)
        return True

    # -- routing -------------------------------------------------------------------------

    def _dispatch(self, conn: socket.socket, req: _Request) -> bool:
        b = self.behaviour
        path, method = req.path, req.method
        for route_method, route_path, route_reply in b.routes:
            if (route_method, route_path) == (method, path):
                return self._respond(conn, route_reply)
        if path == "/_ping":
            reply = b.ping or Reply(200, "OK", _TEXT)
            return self._respond(conn, reply, head_only=method == "HEAD")
        if path == "/version":
            return self._respond(conn, self._version())
        if path == "/info":
            return self._respond(
                conn,
                json_reply(
                    {"ID": "stub", "OSType": "linux", "Containers": 1, "ServerVersion": "28.2.2"}
                ),
            )
        if path == "/containers/create" and method == "POST":
            return self._create(conn, req)
        if path == "/containers/json":
            return self._respond(conn, json_reply([]))
        if path == "/images/create" and method == "POST":
            pull = b.pull
            if pull.action == "reply" and pull.status < 300 and '"error"' not in pull.body:
                self._pulled = True
            return self._respond(conn, pull)
        match = re.match(r"^/images/(.+)/json$", path)
        if match and method == "GET":
            return self._respond(conn, self._image(match.group(1)))
        match = re.match(r"^/containers/([^/]+)(?:/([a-z]+))?$", path)
        if match:
            return self._container(conn, req, match.group(1), match.group(2) or "")
        match = re.match(r"^/exec/([^/]+)/([a-z]+)$", path)
        if match:
            return self._exec(conn, req, match.group(2))
        return self._respond(conn, api_error(404, "page not found"))

    def _version(self) -> Reply:
        return json_reply(
            {
                "Version": "28.2.2",
                "ApiVersion": self.behaviour.api_version,
                "MinAPIVersion": "1.24",
                "Os": "linux",
                "Arch": "amd64",
                "KernelVersion": "6.1.0-stub",
                "GitCommit": "stub",
                "GoVersion": "go1.24.3",
                "Components": [
                    {
                        "Name": "Engine",
                        "Version": "28.2.2",
                        "Details": {"ApiVersion": self.behaviour.api_version},
                    }
                ],
            }
        )

    def _image(self, name: str) -> Reply:
        """Image inspect: the image exists unless ``image_missing`` and no pull succeeded."""
        if self.behaviour.image_missing and not self._pulled:
            return api_error(404, f"No such image: {name}")
        return json_reply(
            {
                "Id": "sha256:" + "ab" * 32,
                "RepoTags": [name if ":" in name else f"{name}:latest"],
                "RepoDigests": [],
                "Created": "2025-01-01T00:00:00.000000000Z",
                "Os": "linux",
                "Architecture": "amd64",
                "Config": {"Cmd": ["sh"]},
            }
        )

    def _create(self, conn: socket.socket, req: _Request) -> bool:
        try:
            config = json.loads(req.body or b"{}")
            self._created_tty = bool(config.get("Tty"))
            self._created_config = config if isinstance(config, dict) else {}
        except (ValueError, AttributeError):
            self._created_tty = False
        with self._lock:
            self._create_calls += 1
            first = self._create_calls == 1
        if first and self.behaviour.image_missing:
            return self._respond(conn, api_error(404, "No such image: busybox:latest"))
        reply = self.behaviour.create
        if reply.action == "reply" and reply.status < 300:
            self._created_name = req.param("name") or ""
        return self._respond(conn, reply)

    def _exists(self, name: str) -> bool:
        if name == CREATED_ID:
            return not self._removed
        return not any(name in (m, container_id_for(m)) for m in self.behaviour.missing)

    def _container(self, conn: socket.socket, req: _Request, name: str, op: str) -> bool:
        b = self.behaviour
        if self._created_name and name == self._created_name:
            name = CREATED_ID  # ``docker run --name NAME``: NAME is the created container
        if not self._exists(name):
            return self._respond(conn, api_error(404, f"No such container: {name}"))
        if op == "json" and req.method == "GET":
            if b.inspect is not None:
                return self._respond(conn, b.inspect)
            return self._respond(
                conn, self._inspect_created() if name == CREATED_ID else self._inspect(name)
            )
        if op == "logs" and req.method == "GET":
            return self._logs(conn, req, name)
        if op == "attach":
            return self._attach(conn, req, name)
        if op == "wait":
            return self._wait(conn, req, name)
        if op == "start":
            ok = self._respond(conn, b.start)  # may raise _Killed (die/hang)
            if b.start.action == "reply" and b.start.status < 300:
                self.started.set()
                with self._lock:
                    no_stream = self._attaching == 0
                if no_stream:
                    self.exited.set()
            else:
                self._start_error = _message_of(b.start)
                self.start_failed.set()
            return ok
        if op == "kill":
            ok = self._respond(conn, no_content())
            if b.kill_exit is not None:
                self._kill_code = b.kill_exit
                self._killed.set()
                with self._lock:
                    no_stream = self._attaching == 0
                if no_stream:
                    self.exited.set()
            return ok
        if op == "exec" and req.method == "POST":
            try:
                config = json.loads(req.body or b"{}")
                self._exec_tty = bool(config.get("Tty"))
                self._exec_streams = (
                    bool(config.get("AttachStdout")),
                    bool(config.get("AttachStderr")),
                )
            except (ValueError, AttributeError):
                self._exec_tty = False
            return self._respond(conn, b.exec_create)
        if op == "resize":
            return self._respond(conn, Reply(200, "", _TEXT))
        if op == "" and req.method == "DELETE":
            if name == CREATED_ID:
                self._removed = True
            return self._respond(conn, no_content())
        return self._respond(conn, api_error(404, "page not found"))

    def _inspect(self, name: str) -> Reply:
        b = self.behaviour
        running = b.state in ("running", "paused", "restarting")
        return json_reply(
            {
                "Id": container_id_for(name),
                "Name": "/" + name,
                "Created": "2025-01-01T00:00:00.000000000Z",
                "Path": "sh",
                "Args": ["-c", "exit 3"],
                "State": {
                    "Status": b.state,
                    "Running": running,
                    "Paused": b.state == "paused",
                    "Restarting": b.state == "restarting",
                    "OOMKilled": b.oom_killed and b.state == "exited",
                    "Dead": False,
                    "Pid": 4242 if running else 0,
                    "ExitCode": 0,
                    "Error": "",
                    "StartedAt": "2025-01-01T00:00:01.000000000Z",
                    "FinishedAt": "0001-01-01T00:00:00Z",
                },
                "Image": "sha256:" + "ab" * 32,
                "Config": {
                    "Hostname": "stub",
                    "Tty": b.tty,
                    "OpenStdin": b.open_stdin,
                    "StdinOnce": b.open_stdin,
                    "AttachStdin": b.open_stdin,
                    "AttachStdout": True,
                    "AttachStderr": True,
                    "Image": "busybox",
                    "Cmd": ["sh", "-c", "exit 3"],
                },
                "HostConfig": {"AutoRemove": b.auto_remove, "NetworkMode": "none"},
            }
        )

    def _created_state(self) -> dict[str, object]:
        """The State of the created container, following its life in this stub."""
        b = self.behaviour
        state: dict[str, object] = {
            "Status": "created",
            "Running": False,
            "Paused": False,
            "Restarting": False,
            "OOMKilled": False,
            "Dead": False,
            "Pid": 0,
            "ExitCode": 0,
            "Error": "",
            "StartedAt": "0001-01-01T00:00:00Z",
            "FinishedAt": "0001-01-01T00:00:00Z",
        }
        if self.start_failed.is_set() and not self.started.is_set():
            # moby daemon/start.go: the error is recorded, with 127 (not found), 126
            # (permission denied) or exitUnknown (128).
            text = self._start_error.lower()
            code = 128
            if "executable file not found" in text or "no such file or directory" in text:
                code = 127
            elif "permission denied" in text:
                code = 126
            state.update(ExitCode=code, Error=self._start_error)
        elif self.started.is_set() and self.exited.is_set():
            state.update(
                Status="exited",
                OOMKilled=b.oom_killed,
                ExitCode=self._exit_status(),
                StartedAt="2025-01-01T00:00:01.000000000Z",
                FinishedAt="2025-01-01T00:00:02.000000000Z",
            )
        elif self.started.is_set():
            state.update(
                Status="running", Running=True, Pid=4242, StartedAt="2025-01-01T00:00:01.000000000Z"
            )
        return state

    def _exit_status(self) -> int:
        """The created container's status: the kill's, else the wait answer's StatusCode."""
        if self._killed.is_set() and self._kill_code is not None:
            return self._kill_code
        reply = self.behaviour.wait_for(CREATED_ID)
        if reply.action != "reply" or reply.is_error:
            return 0
        try:
            code = json.loads(reply.body or "{}").get("StatusCode", 0)
        except (ValueError, AttributeError):
            return 0
        return code if isinstance(code, int) and not isinstance(code, bool) else 0

    def _inspect_created(self) -> Reply:
        """``GET /containers/CREATED_ID/json`` (the docker CLI never asks; docker-py does)."""
        config = self._created_config
        host_config = config.get("HostConfig")
        auto_remove = isinstance(host_config, dict) and bool(host_config.get("AutoRemove"))
        image = config.get("Image") if isinstance(config.get("Image"), str) else "busybox"
        return json_reply(
            {
                "Id": CREATED_ID,
                "Name": "/stub-created",
                "Created": "2025-01-01T00:00:00.000000000Z",
                "Path": "sh",
                "Args": [],
                "State": self._created_state(),
                "Image": "sha256:" + "ab" * 32,
                "Config": {
                    "Hostname": "stub",
                    "Tty": self._created_tty,
                    "OpenStdin": bool(config.get("OpenStdin")),
                    "StdinOnce": bool(config.get("StdinOnce")),
                    "AttachStdin": bool(config.get("AttachStdin")),
                    "AttachStdout": bool(config.get("AttachStdout")),
                    "AttachStderr": bool(config.get("AttachStderr")),
                    "Image": image,
                    "Cmd": config.get("Cmd"),
                    "Labels": {},
                },
                "HostConfig": {
                    "AutoRemove": auto_remove,
                    "NetworkMode": "none",
                    "LogConfig": {"Type": "json-file", "Config": {}},
                },
            }
        )

    # -- streams and waits ---------------------------------------------------------------

    def _hijack(self, conn: socket.socket, tty: bool) -> None:
        content_type = _RAW_STREAM if tty else _MUX_STREAM
        head = self._head(
            101, {"Content-Type": content_type, "Connection": "Upgrade", "Upgrade": "tcp"}
        )
        self._send(conn, head)

    def _write_stream(
        self, conn: socket.socket, tty: bool, output: bytes, stdout: bool, stderr: bool
    ) -> None:
        """Write ``output`` on stdout (or stderr if only that is attached), framed unless TTY.

        Only attached streams get data: the CLI has no writer for the others (docker 28.2.2
        panics on a stdout frame when only ``-a stderr`` was asked for).
        """
        if not output or not (stdout or stderr):
            return
        if tty:
            self._send(conn, output)
        else:
            self._send(conn, struct.pack(">BxxxL", 1 if stdout else 2, len(output)) + output)

    def _end_stream(self, conn: socket.socket) -> None:
        """Half-close, then drain what the CLI still sends (stdin), so it sees EOF, not RST."""
        try:
            conn.shutdown(socket.SHUT_WR)
            conn.settimeout(2.0)
            while not self.gone.is_set() and conn.recv(65536):
                pass
        except OSError:
            pass

    def _attach(self, conn: socket.socket, req: _Request, name: str) -> bool:
        b = self.behaviour
        if b.attach is not None:
            return self._respond(conn, b.attach)
        tty = b.tty if name != CREATED_ID else self._created_tty
        preexisting_running = name != CREATED_ID and b.state in ("running", "paused", "restarting")
        with self._lock:
            self._attaching += 1
        try:
            self._hijack(conn, tty)
            if not preexisting_running:
                deadline = time.monotonic() + _MAX_WAIT
                while not (
                    self.started.is_set() or self.start_failed.is_set() or self.gone.is_set()
                ):
                    if time.monotonic() > deadline:
                        break
                    self.started.wait(0.01)
                if self.start_failed.is_set() and not self.started.is_set():
                    self._end_stream(conn)
                    return False
                self._killed.wait(b.run_for)
            self._write_stream(
                conn,
                tty,
                b.output,
                req.param("stdout") in ("1", "true"),
                req.param("stderr") in ("1", "true"),
            )
            self._end_stream(conn)
        finally:
            with self._lock:
                self._attaching -= 1
            if not self.start_failed.is_set():
                self.exited.set()
        return False

    def _logs(self, conn: socket.socket, req: _Request, name: str) -> bool:
        """Container logs: ``output`` (framed unless TTY), after the exit if ``follow``."""
        b = self.behaviour
        if b.logs is not None:
            return self._respond(conn, b.logs)
        tty = b.tty if name != CREATED_ID else self._created_tty
        if req.param("follow") in ("1", "true") and self.started.is_set():
            deadline = time.monotonic() + _MAX_WAIT
            while not (self.exited.is_set() or self.gone.is_set()):
                if time.monotonic() > deadline:
                    break
                self.exited.wait(0.01)
        stdout = req.param("stdout") in ("1", "true")
        stderr = req.param("stderr") in ("1", "true")
        payload = b""
        if b.output and (stdout or stderr):
            header = struct.pack(">BxxxL", 1 if stdout else 2, len(b.output))
            payload = b.output if tty else header + b.output
        content_type = _RAW_STREAM if tty else _MUX_STREAM
        head = self._head(200, {"Content-Type": content_type, "Content-Length": str(len(payload))})
        self._send(conn, head + payload)
        return True

    def _wait(self, conn: socket.socket, req: _Request, name: str) -> bool:
        b = self.behaviour
        reply = b.wait_for(name)
        if reply.is_error or b.wait_release == "immediate":
            return self._respond(conn, reply)
        # The daemon flushes the headers at once (API >= 1.30); the body comes at the exit.
        if reply.action in ("reply", "headers_then_drop", "partial_then_drop", "hang", "die"):
            head = self._head(
                200, {"Content-Type": reply.content_type, "Transfer-Encoding": "chunked"}
            )
            self._send(conn, head)
        deadline = time.monotonic() + _MAX_WAIT
        while not (self.exited.is_set() or self.start_failed.is_set() or self.gone.is_set()):
            if time.monotonic() > deadline:
                break
            self.exited.wait(0.01)
        failed = self.start_failed.is_set() and not self.exited.is_set()
        if failed and req.param("condition") != "removed":
            self.gone.wait(_MAX_WAIT)
            raise _Killed
        if failed and b.removal_delay:
            self.gone.wait(b.removal_delay)
        if self._killed.is_set() and self._kill_code is not None and reply.action == "reply":
            reply = wait_reply(self._kill_code)
        if reply.action == "reply":
            body = reply.body.encode("utf-8")
            chunk = (b"%x\r\n%s\r\n" % (len(body), body)) if body else b""
            self._send(conn, chunk + b"0\r\n\r\n")
            return True
        if reply.action == "partial_then_drop":
            body = reply.body.encode("utf-8")
            self._send(conn, b"%x\r\n%s\r\n" % (len(body), body))
            return False
        if reply.action in ("headers_then_drop", "drop"):
            return False
        return self._respond(conn, reply)  # hang / die

    def _exec(self, conn: socket.socket, req: _Request, op: str) -> bool:
        b = self.behaviour
        if op == "json":
            return self._respond(conn, b.exec_inspect)
        if op == "resize":
            return self._respond(conn, Reply(200, "", _TEXT))
        if op != "start":
            return self._respond(conn, api_error(404, "page not found"))
        if b.exec_start is not None:
            return self._respond(conn, b.exec_start)
        try:
            detach = bool(json.loads(req.body or b"{}").get("Detach"))
        except ValueError:
            detach = False
        if detach:
            return self._respond(conn, Reply(200, "", _TEXT))
        tty = self._exec_tty
        self._hijack(conn, tty)
        self._write_stream(conn, tty, b.output, *self._exec_streams)
        self._end_stream(conn)
        return False
