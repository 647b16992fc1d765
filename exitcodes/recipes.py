"""Recipes: run a container through an SDK and exit as ``docker run`` would.

:func:`run_container` creates, starts and waits for a container through a
``docker.DockerClient`` (or a ``podman.PodmanClient``, which has the same API) and
returns a :class:`ContainerRun`: the :class:`~exitcodes.Resolution` whose
``exit_code`` is exactly what ``docker run`` would exit with, the evidence it was
read from (the client's error, the wait response, the inspect document taken
before ``remove=True`` deletes the container) and the :class:`~exitcodes.Explanation`
of that evidence. :func:`run_container_async` does the same through an aiodocker
``Docker`` client. :func:`run_like_docker` returns the resolution alone, and
:func:`exit_like_docker` exits with its code. No SDK is imported: the clients are
used through the calls below, by duck typing.

Every code comes from :func:`~exitcodes.resolve` with the *profile*, so the recipes
answer as the library does for the same evidence:

=============================  =================================================
what happens                   the code
=============================  =================================================
the daemon is unreachable      ``resolve(..., phase="connect")``: 1 since docker
(the first request fails to    29.1.3, which pings the daemon first; 125 before.
connect, as classify() reads   A connection failure later in the run is the
the error)                     step's own error, below
create or pull fails           ``resolve(..., phase="create")``: by the daemon's
                               text, 127, 126 or 125 (docker); 125 (podman)
start fails                    ``resolve(..., phase="start")``: by the text,
                               127, 126 or 125
started with ``detach=True``   0
the container exits            its status (``wait()``); an OOM kill is 137 with
                               the outcome ``OOM_KILLED``
the wait fails                 ``resolve(..., phase="wait")``: 125 (docker),
                               127 (podman)
=============================  =================================================

The docker-py (and podman-py) calls are ``client.containers.create(image,
command, detach=..., **create_kwargs)``, ``client.images.pull(image)`` (when
create raised ``ImageNotFound``; then create again), ``container.start()``,
``container.logs(...)`` (only with *output*), ``container.wait()``,
``container.reload()`` and ``container.remove(v=True)``. The aiodocker calls are
``client.containers.create(config, name=...)``, ``client.images.pull(image)``
(when create failed with HTTP 404), ``container.start()``, ``container.log(...)``,
``container.wait()``, ``container.show()`` and ``container.delete(v=True)``.

Only errors of the client are turned into exit codes: exceptions whose class (or a
base class) is called ``DockerException`` (every docker-py error), ``APIError``,
``PodmanError``, ``DockerError`` (aiodocker), ``RequestException`` (requests),
``ClientError`` (aiohttp) or ``TimeoutError``, and every :class:`OSError`
(connection failures; requests' errors are OSErrors). Anything else, such as the
:class:`TypeError` of a misspelt keyword argument, propagates: a programming error
is not an exit code.
"""

from __future__ import annotations

import contextlib
import functools
import shlex
import sys
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from typing import Any, NoReturn, Protocol

import attrs

from exitcodes._matcher import check_profile
from exitcodes.classify import classify
from exitcodes.errors import ExitCodesError, InvalidArgumentError, describe
from exitcodes.explanation import Explanation, explain
from exitcodes.outcome import ExitOutcome
from exitcodes.profiles import Profile
from exitcodes.resolve import Resolution, resolve
from exitcodes.rules import Layer, MessageRule, rule_by_id

__all__ = [
    "ContainerRun",
    "SupportsAsyncContainerClient",
    "SupportsContainerClient",
    "SupportsContainers",
    "SupportsImages",
    "exit_like_docker",
    "run_container",
    "run_container_async",
    "run_like_docker",
]

#: Names of the SDKs' exception base classes: docker-py's ``DockerException`` (and its
#: ``APIError``), podman-py's ``PodmanError`` and ``APIError``, aiodocker's
#: ``DockerError``, requests' ``RequestException``, aiohttp's ``ClientError``, and
#: ``TimeoutError`` (asyncio's, which is no OSError before Python 3.11).
_CLIENT_ERROR_CLASSES = frozenset(
    {
        "DockerException",
        "APIError",
        "PodmanError",
        "DockerError",
        "RequestException",
        "ClientError",
        "TimeoutError",
    }
)


class SupportsContainers(Protocol):
    """``client.containers`` of docker-py or podman-py."""

    def create(self, *args: Any, **kwargs: Any) -> Any:
        """Create a container; return the container object."""


class SupportsImages(Protocol):
    """``client.images`` of docker-py or podman-py."""

    def pull(self, *args: Any, **kwargs: Any) -> Any:
        """Pull an image."""


class SupportsContainerClient(Protocol):
    """A ``docker.DockerClient`` or ``podman.PodmanClient``: what the recipe uses of it."""

    @property
    def containers(self) -> SupportsContainers:
        """The container collection."""

    @property
    def images(self) -> SupportsImages:
        """The image collection."""


class SupportsAsyncContainerClient(Protocol):
    """An aiodocker ``Docker`` client: ``containers.create`` and ``images.pull`` are awaited."""

    @property
    def containers(self) -> Any:
        """The container collection (``await containers.create(config, name=...)``)."""

    @property
    def images(self) -> Any:
        """The image collection (``await images.pull(image)``)."""


@attrs.frozen(eq=False)
class ContainerRun:
    """A container run like ``docker run``: its exit code, the evidence, and why.

    Compared by identity: it holds the client's own objects (its exception, the
    documents it returned).

    Attributes:
        resolution: the :class:`~exitcodes.Resolution`; its ``exit_code`` is
            ``docker run``'s.
        phase: the step whose error decided the code: ``"connect"`` (the daemon
            was unreachable), ``"create"`` (incl. the pull), ``"start"`` or
            ``"wait"``; ``None`` when the container's status (or ``detach``) did.
        error: the client's exception that decided the code, or ``None``.
        wait: the wait response as the client returned it (docker-py and
            aiodocker: ``{"StatusCode": ..., "Error": ...}``; podman-py: an int),
            or ``None`` when there was no wait.
        inspect: the container's inspect document, read after it exited and
            before it was removed, when the code is not 0; ``None`` otherwise, or
            when the inspect failed.
        profile: the profile the run was resolved with (the recipes always set
            it; ``None`` means the default profile).

    >>> wait = {"StatusCode": 3, "Error": None}
    >>> run = ContainerRun(resolve("run", wait=wait), wait=wait)
    >>> run.exit_code, run.outcome, run.phase
    (3, ExitOutcome.COMMAND_FAILED, None)
    """

    resolution: Resolution
    phase: str | None = None
    error: Exception | None = None
    wait: object = None
    inspect: Mapping[str, Any] | None = None
    profile: Profile | None = None

    @functools.cached_property
    def explanation(self) -> Explanation | None:
        """:func:`~exitcodes.explain` of the evidence that decided, on first use.

        The evidence is the error; else the inspect document (unless the wait
        itself failed); else the wait response. The causes say why
        (``oom-killed``, ``sigkill-not-oom``...); the ``classification`` reads
        that evidence alone (the code is the resolution's). ``None`` for a
        detached run (nothing to explain) or if the evidence cannot be explained.
        Computed when first read (a ranking of the catalog, a fraction of a
        millisecond), so a caller that never reads it does not pay for it.
        """
        if self.error is not None:
            evidence: object = self.error
        elif self.inspect is not None and self.outcome is not ExitOutcome.STATUS_UNKNOWN:
            evidence = self.inspect
        elif self.wait is not None:
            evidence = self.wait
        else:
            return None
        try:
            return explain(evidence, profile=self.profile)
        except ExitCodesError:
            return None

    @property
    def exit_code(self) -> int:
        """``docker run``'s exit code: the resolution's."""
        return self.resolution.exit_code

    @property
    def outcome(self) -> ExitOutcome:
        """What happened: the resolution's outcome."""
        return self.resolution.outcome


def _is_client_error(error: BaseException) -> bool:
    """Whether *error* comes from the client (an SDK error or a connection failure)."""
    if isinstance(error, OSError):
        return True
    return any(cls.__name__ in _CLIENT_ERROR_CLASSES for cls in type(error).__mro__)


def _is_image_not_found(error: BaseException) -> bool:
    """docker-py's and podman-py's ``ImageNotFound`` (podman-py's is not a ``NotFound``)."""
    return any(cls.__name__ == "ImageNotFound" for cls in type(error).__mro__)


def _is_http_404(error: BaseException) -> bool:
    """Whether *error* is an HTTP 404 (aiodocker's ``DockerError``): no such image, so pull."""
    status = getattr(error, "status", None)
    return type(status) is int and status == 404  # HTTP Not Found


def _unreachable(error: Exception, profile: Profile) -> bool:
    """Whether :func:`~exitcodes.classify` reads *error* as a failure to reach the daemon."""
    try:
        rule = rule_by_id(classify(error, profile=profile).rule)
    except ExitCodesError:
        return False
    return isinstance(rule, MessageRule) and rule.layer is Layer.CONNECTION


def _check_bool(value: object, name: str) -> None:
    if not isinstance(value, bool):
        raise InvalidArgumentError(f"{name} must be a bool, got {describe(value)}")


class _Decide:
    """The decisions of a run, shared by the sync and async recipes: no I/O here."""

    def __init__(
        self,
        client: object,
        image: object,
        *,
        detach: bool,
        remove: bool,
        on_error: Callable[[Exception], object] | None,
        profile: Profile | None,
    ) -> None:
        self.profile = check_profile(profile)
        _check_bool(detach, "detach")
        _check_bool(remove, "remove")
        if not isinstance(image, str):
            raise InvalidArgumentError(f"image must be a str, got {describe(image)}")
        try:
            create = getattr(getattr(client, "containers", None), "create", None)
        except Exception:  # a hostile client
            create = None
        if not callable(create):
            raise InvalidArgumentError(
                "client must be an SDK client with containers.create (docker.DockerClient,"
                f" podman.PodmanClient, aiodocker.Docker), got {describe(client)}"
            )
        self.detach = detach
        self.remove = remove
        self.on_error = on_error

    def first_error(self, error: Exception) -> ContainerRun:
        """The first request failed: the daemon was unreachable, or create failed."""
        return self.failed(error, "connect" if _unreachable(error, self.profile) else "create")

    def failed(self, error: Exception, phase: str) -> ContainerRun:
        """The client's *error* at *phase* decides the code."""
        if self.on_error is not None:
            self.on_error(error)
        resolution = resolve(
            "run", error=error, phase=phase, detach=self.detach, profile=self.profile
        )
        return ContainerRun(resolution, phase, error, profile=self.profile)

    def detached(self) -> ContainerRun:
        """Started with ``detach=True``: docker run -d exits 0."""
        return ContainerRun(resolve("run", detach=True, profile=self.profile), profile=self.profile)

    def status(self, wait: object) -> Resolution:
        """The code of the container's wait response, before any inspect."""
        return resolve("run", wait=wait, profile=self.profile)

    def exited(self, wait: object, first: Resolution, document: object) -> ContainerRun:
        """The container exited: *first* refined by the inspect *document*, if readable."""
        inspect = document if isinstance(document, Mapping) and document else None
        resolution = first
        if inspect is not None:
            resolution = resolve("run", wait=wait, state=inspect, profile=self.profile)
        return ContainerRun(resolution, None, None, wait, inspect, self.profile)


@contextlib.contextmanager
def _client_errors_ignored() -> Iterator[None]:
    """Ignore the client's errors (the exit code is decided already); others propagate."""
    try:
        yield
    except Exception as error:
        if not _is_client_error(error):
            raise


def _quietly(call: Callable[..., object], **kwargs: Any) -> bool:
    """Call *call*; False if the client failed (the exit code is decided already)."""
    with _client_errors_ignored():
        call(**kwargs)
        return True
    return False


def _stream_output(container: Any, output: Callable[[bytes], object]) -> None:
    """Copy the container's output (stdout and stderr, interleaved) to *output*."""
    try:
        stream = container.logs(stdout=True, stderr=True, stream=True, follow=True)
        if isinstance(stream, (bytes, bytearray)):
            chunks: Iterator[Any] = iter((bytes(stream),))
        else:
            chunks = iter(stream)
    except Exception as error:
        if not _is_client_error(error):
            raise
        return
    while True:
        try:
            chunk = next(chunks)
        except StopIteration:
            return
        except Exception as error:  # the stream broke: the wait says what happened
            if not _is_client_error(error):
                raise
            return
        output(chunk)


def run_container(
    client: SupportsContainerClient,
    image: str,
    command: str | Sequence[str] | None = None,
    *,
    detach: bool = False,
    remove: bool = False,
    output: Callable[[bytes], object] | None = None,
    on_error: Callable[[Exception], object] | None = None,
    profile: Profile | None = None,
    **create_kwargs: Any,
) -> ContainerRun:
    """Run *image* through a docker-py (or podman-py) *client*, as ``docker run`` would.

    Args:
        client: a ``docker.DockerClient`` or ``podman.PodmanClient``.
        image: the image, pulled first if the daemon does not have it.
        command: the command, a string or a list (``None``: the image's).
        detach: ``docker run -d``: the code is 0 once the container started.
        remove: ``docker run --rm``. Attached, the container is inspected *before*
            it is removed, so the inspect document and an OOM kill are still
            reported; detached, it is created with ``auto_remove=True``. Removal
            is best effort: a failing removal (e.g. of a container still running
            after a failed wait) does not change the code.
        output: called with each chunk of the container's output (stdout and
            stderr interleaved, as bytes) while it runs, e.g.
            ``sys.stdout.buffer.write``; ``None`` (default): not read. A broken
            output stream is not an error.
        on_error: called with the client's exception when one decides the code
            (connect, create, pull, start or wait failed), e.g. to print it.
        profile: the CLI to be bug-compatible with (default: the newest Docker
            CLI); ``profiles.podman(...)`` for podman-py.
        **create_kwargs: passed to ``client.containers.create`` (``name``,
            ``environment``, ``mem_limit``...).

    Returns:
        The :class:`ContainerRun`: ``exit_code`` is ``docker run``'s. When the
        code is not 0, the container is inspected (``reload()``): the document is
        ``inspect``, and an OOM kill shows in ``outcome`` (the code stays 137).

    Raises:
        InvalidArgumentError: *client*, *image*, *detach*, *remove* or *profile*
            is invalid (before any call of the client).
        MalformedEvidenceError: the wait response or the inspect document is
            malformed.
        Exception: anything the client raises that is not a client error (see
            the module documentation) propagates unchanged, and so do the
            exceptions of *output* and *on_error*.

    >>> class Container:  # a stand-in for docker-py's Container
    ...     attrs = {"State": {"Status": "created"}}
    ...     def start(self): pass
    ...     def wait(self): return {"StatusCode": 137, "Error": None}
    ...     def reload(self):
    ...         self.attrs = {"State": {"Status": "exited", "ExitCode": 137, "OOMKilled": True}}
    ...     def remove(self, v=False): pass
    >>> class Containers:
    ...     def create(self, image, command=None, **kwargs): return Container()
    >>> class Client:  # a stand-in for docker.DockerClient
    ...     containers = Containers()
    >>> run = run_container(Client(), "busybox", ["sh", "-c", "eat-memory"], remove=True)
    >>> run.exit_code, run.outcome, run.inspect["State"]["OOMKilled"]
    (137, ExitOutcome.OOM_KILLED, True)
    >>> run.explanation.cause.id
    'oom-killed'
    """
    decide = _Decide(
        client, image, detach=detach, remove=remove, on_error=on_error, profile=profile
    )
    if detach and remove:
        create_kwargs.setdefault("auto_remove", True)

    def create() -> Any:
        return client.containers.create(image, command, detach=detach, **create_kwargs)

    try:
        container = create()
    except Exception as error:
        if not _is_client_error(error):
            raise
        if not _is_image_not_found(error):
            return decide.first_error(error)
        try:  # the daemon answered: pull the image, as docker run does, and create again
            platform = create_kwargs.get("platform")
            client.images.pull(image, **({"platform": platform} if platform else {}))
            container = create()
        except Exception as error:
            if not _is_client_error(error):
                raise
            return decide.failed(error, "create")
    try:
        container.start()
    except Exception as error:
        if not _is_client_error(error):
            raise
        run = decide.failed(error, "start")
        if remove:  # the daemon removes an auto-remove container whose start failed
            _quietly(container.remove, v=True)
        return run
    if detach:
        return decide.detached()

    if output is not None:
        _stream_output(container, output)
    try:
        wait = container.wait()
    except Exception as error:
        if not _is_client_error(error):
            raise
        run = decide.failed(error, "wait")
    else:
        first = decide.status(wait)
        document = None
        if first.exit_code != 0 and _quietly(container.reload):
            document = getattr(container, "attrs", None)
        run = decide.exited(wait, first, document)
    if remove:
        _quietly(container.remove, v=True)
    return run


def _aiodocker_config(
    image: str, command: str | Sequence[str] | None, config: Mapping[str, Any] | None, auto: bool
) -> dict[str, Any]:
    """The Engine API create body: *config*, with the image, the command and ``--rm -d``."""
    try:
        body: dict[str, Any] = {} if config is None else dict(config.items())
    except Exception:  # not a mapping, or a hostile one
        raise InvalidArgumentError(
            f"config must be a mapping (the Engine API create body), got {describe(config)}"
        ) from None
    body["Image"] = image
    if command is not None:  # a string is split as docker-py splits it
        try:
            cmd = shlex.split(command) if isinstance(command, str) else list(command)
        except Exception:
            cmd = None
        if cmd is None or not all(isinstance(part, str) for part in cmd):
            raise InvalidArgumentError(
                f"command must be a str or a sequence of str, got {describe(command)}"
            )
        body["Cmd"] = cmd
    if auto:
        host = body.get("HostConfig")
        body["HostConfig"] = {"AutoRemove": True, **(host if isinstance(host, Mapping) else {})}
    return body


async def _stream_output_async(container: Any, output: Callable[[bytes], object]) -> None:
    """Copy the container's output to *output*, as bytes (aiodocker decodes it as UTF-8)."""
    try:
        chunks: AsyncIterator[Any] = container.log(stdout=True, stderr=True, follow=True)
        async for chunk in chunks:
            output(chunk.encode() if isinstance(chunk, str) else bytes(chunk))
    except UnicodeDecodeError:  # binary output: aiodocker cannot decode it; stop reading
        return
    except Exception as error:  # the stream broke: the wait says what happened
        if not _is_client_error(error):
            raise


async def run_container_async(
    client: SupportsAsyncContainerClient,
    image: str,
    command: str | Sequence[str] | None = None,
    *,
    name: str | None = None,
    config: Mapping[str, Any] | None = None,
    detach: bool = False,
    remove: bool = False,
    output: Callable[[bytes], object] | None = None,
    on_error: Callable[[Exception], object] | None = None,
    profile: Profile | None = None,
) -> ContainerRun:
    """:func:`run_container` through an aiodocker ``Docker`` *client*, awaited.

    The same steps and the same answers as :func:`run_container`; the
    container is described the way aiodocker takes it.

    Args:
        client: an ``aiodocker.Docker``.
        image: the image, pulled first if the daemon does not have it.
        command: the command (``Cmd``), a list or a string (split like
            docker-py splits it); ``None``: the image's.
        name: the container's name, or ``None``.
        config: more of the Engine API create body, e.g.
            ``{"HostConfig": {"Memory": 64 * 2**20}, "Env": ["A=1"]}``.
        detach: ``docker run -d``.
        remove: ``docker run --rm``: inspected (``show()``) before
            ``delete(v=True)``; detached, created with ``HostConfig.AutoRemove``.
        output: called with each chunk of the container's output, as bytes
            (aiodocker decodes the stream as UTF-8; output it cannot decode
            ends the copy, not the run).
        on_error: called with the client's exception when one decides the code.
        profile: the CLI to be bug-compatible with (default: the newest Docker CLI).

    Returns:
        The :class:`ContainerRun`.

    Raises:
        InvalidArgumentError: *client*, *image*, *command*, *config*, *detach*,
            *remove* or *profile* is invalid (before any call of the client).
        MalformedEvidenceError: the wait response or the inspect document is
            malformed.
        Exception: what the client raises that is not a client error, and the
            exceptions of *output* and *on_error*, propagate unchanged.

    >>> import asyncio
    >>> class Container:  # a stand-in for aiodocker's DockerContainer
    ...     async def start(self): pass
    ...     async def wait(self): return {"StatusCode": 137, "Error": None}
    ...     async def show(self):
    ...         return {"State": {"Status": "exited", "ExitCode": 137, "OOMKilled": False}}
    >>> class Containers:
    ...     async def create(self, config, name=None): return Container()
    >>> class Docker:  # a stand-in for aiodocker.Docker
    ...     containers = Containers()
    >>> run = asyncio.run(run_container_async(Docker(), "busybox", ["sleep", "60"]))
    >>> run.exit_code, run.outcome, run.explanation.cause.id
    (137, ExitOutcome.SIGNALED, 'sigkill-not-oom')
    """
    decide = _Decide(
        client, image, detach=detach, remove=remove, on_error=on_error, profile=profile
    )
    body = _aiodocker_config(image, command, config, detach and remove)

    async def create() -> Any:
        return await client.containers.create(body, name=name)

    try:
        container = await create()
    except Exception as error:
        if not _is_client_error(error):
            raise
        if not _is_http_404(error):
            return decide.first_error(error)
        try:  # no such image: pull it, as docker run does, and create again
            await client.images.pull(image)
            container = await create()
        except Exception as error:
            if not _is_client_error(error):
                raise
            return decide.failed(error, "create")
    try:
        await container.start()
    except Exception as error:
        if not _is_client_error(error):
            raise
        run = decide.failed(error, "start")
        if remove:
            with _client_errors_ignored():
                await container.delete(v=True)
        return run
    if detach:
        return decide.detached()

    if output is not None:
        await _stream_output_async(container, output)
    try:
        wait = await container.wait()
    except Exception as error:
        if not _is_client_error(error):
            raise
        run = decide.failed(error, "wait")
    else:
        first = decide.status(wait)
        document = None
        if first.exit_code != 0:
            with _client_errors_ignored():
                document = await container.show()
        run = decide.exited(wait, first, document)
    if remove:
        with _client_errors_ignored():
            await container.delete(v=True)
    return run


def run_like_docker(
    client: SupportsContainerClient,
    image: str,
    command: str | Sequence[str] | None = None,
    *,
    detach: bool = False,
    remove: bool = False,
    output: Callable[[bytes], object] | None = None,
    on_error: Callable[[Exception], object] | None = None,
    profile: Profile | None = None,
    **create_kwargs: Any,
) -> Resolution:
    """Run *image* like :func:`~exitcodes.recipes.run_container`; return the resolution alone.

    The arguments, the steps and the exceptions are
    :func:`~exitcodes.recipes.run_container`'s; its
    :class:`~exitcodes.recipes.ContainerRun` keeps the evidence and the
    explanation too.

    Returns:
        The :class:`~exitcodes.Resolution`: ``exit_code`` is ``docker run``'s.

    >>> class Containers:  # a stand-in for docker-py's, when the daemon is down
    ...     def create(self, image, command=None, **kwargs):  # requests' wording
    ...         raise ConnectionError("('Connection aborted.', FileNotFoundError(2,"
    ...                               " 'No such file or directory'))")
    >>> class Client:
    ...     containers = Containers()
    >>> result = run_like_docker(Client(), "busybox")
    >>> result.exit_code, result.rule  # docker run pings the daemon first since 29.1.3
    (1, 'docker-cli/run-ping-failed')
    >>> from exitcodes import profiles
    >>> run_like_docker(Client(), "busybox", profile=profiles.docker("29.1.2")).exit_code
    125
    """
    return run_container(
        client,
        image,
        command,
        detach=detach,
        remove=remove,
        output=output,
        on_error=on_error,
        profile=profile,
        **create_kwargs,
    ).resolution


def _write_stdout(chunk: bytes) -> None:
    sys.stdout.buffer.write(chunk)
    sys.stdout.buffer.flush()


def _print_error(error: Exception) -> None:
    explanation = getattr(error, "explanation", None)
    if isinstance(explanation, str) and explanation:
        text = f"Error response from daemon: {explanation}"
    else:
        text = str(error) or type(error).__name__
    print(text, file=sys.stderr)


def exit_like_docker(
    client: SupportsContainerClient,
    image: str,
    command: str | Sequence[str] | None = None,
    *,
    output: Callable[[bytes], object] | None = _write_stdout,
    on_error: Callable[[Exception], object] | None = _print_error,
    **kwargs: Any,
) -> NoReturn:
    """Run *image* like :func:`run_like_docker`, then exit with ``docker run``'s code.

    For command-line tools: the container's output goes to stdout, and an error
    that decides the code (connect, create, pull, start, wait) is printed on
    stderr, as ``docker run`` does; pass ``output=None`` or ``on_error=None`` to
    turn them off. The other keyword arguments are :func:`run_like_docker`'s.

    Raises:
        SystemExit: always, with the exit code.

    >>> class Containers:  # a stand-in for docker-py's, when the daemon is down
    ...     def create(self, image, command=None, **kwargs):  # requests' wording
    ...         raise ConnectionError("('Connection aborted.', FileNotFoundError(2,"
    ...                               " 'No such file or directory'))")
    >>> class Client:
    ...     containers = Containers()
    >>> exit_like_docker(Client(), "busybox", on_error=None)
    Traceback (most recent call last):
    SystemExit: 1
    """
    resolution = run_like_docker(client, image, command, output=output, on_error=on_error, **kwargs)
    sys.exit(resolution.exit_code)
