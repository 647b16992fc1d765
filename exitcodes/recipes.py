"""Recipes: run a container through docker-py (or podman-py) and exit as ``docker run`` would.

:func:`run_like_docker` creates, starts and waits for a container through a
``docker.DockerClient`` (or a ``podman.PodmanClient``, which has the same API) and
returns the :class:`~exitcodes.Resolution` whose ``exit_code`` is exactly what
``docker run`` would exit with; :func:`exit_like_docker` exits with it. No SDK is
imported: the client is used through the calls below, by duck typing.

=============================  =================================================
what happens                   the code (default profile)
=============================  =================================================
create or pull fails           ``resolve("run", error=..., phase="create")``: 125
start fails                    by the daemon's text: 127, 126 or 125
started with ``detach=True``   0
the container exits            its status (``wait()``); an OOM kill is 137 with
                               the outcome ``OOM_KILLED``
the wait fails                 125
=============================  =================================================

The client calls are ``client.containers.create(image, command, detach=...,
**create_kwargs)``, ``client.images.pull(image)`` (when create raised
``ImageNotFound``; then create again), ``container.start()``, ``container.logs(...)``
(only with *output*), ``container.wait()``, ``container.reload()`` and
``container.remove(v=True)``.

Only errors of the client are turned into exit codes: exceptions whose class (or a
base class) is called ``DockerException`` (every docker-py error), ``APIError``,
``PodmanError``, ``DockerError`` or ``RequestException``, and every :class:`OSError`
(connection failures; requests' errors are OSErrors). Anything else, such as the
:class:`TypeError` of a misspelt keyword argument, propagates: a programming error
is not an exit code.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, NoReturn, Protocol

from exitcodes.classify import check_profile
from exitcodes.errors import InvalidArgumentError, describe
from exitcodes.profiles import Profile
from exitcodes.resolve import Resolution, resolve

__all__ = [
    "SupportsContainerClient",
    "SupportsContainers",
    "SupportsImages",
    "exit_like_docker",
    "run_like_docker",
]

#: Names of the SDKs' exception base classes: docker-py's ``DockerException`` (and its
#: ``APIError``), podman-py's ``PodmanError`` and ``APIError``, aiodocker's
#: ``DockerError`` and requests' ``RequestException``.
_CLIENT_ERROR_CLASSES = frozenset(
    {"DockerException", "APIError", "PodmanError", "DockerError", "RequestException"}
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


def _is_client_error(error: BaseException) -> bool:
    """Whether *error* comes from the client (an SDK error or a connection failure)."""
    if isinstance(error, OSError):
        return True
    return any(cls.__name__ in _CLIENT_ERROR_CLASSES for cls in type(error).__mro__)


def _is_image_not_found(error: BaseException) -> bool:
    """docker-py's and podman-py's ``ImageNotFound`` (podman-py's is not a ``NotFound``)."""
    return any(cls.__name__ == "ImageNotFound" for cls in type(error).__mro__)


def _quietly(call: Callable[..., object], **kwargs: Any) -> bool:
    """Call *call*; False if the client failed (the exit code is decided already)."""
    try:
        call(**kwargs)
    except Exception as error:
        if not _is_client_error(error):
            raise
        return False
    return True


def _create(
    client: SupportsContainerClient,
    image: str,
    command: str | Sequence[str] | None,
    detach: bool,
    create_kwargs: dict[str, Any],
) -> Any:
    """Create the container, pulling the image first if it is missing (as docker run does)."""
    try:
        return client.containers.create(image, command, detach=detach, **create_kwargs)
    except Exception as error:
        if not _is_image_not_found(error):
            raise
    platform = create_kwargs.get("platform")
    client.images.pull(image, **({"platform": platform} if platform else {}))
    return client.containers.create(image, command, detach=detach, **create_kwargs)


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


def _check_bool(value: object, name: str) -> None:
    if not isinstance(value, bool):
        raise InvalidArgumentError(f"{name} must be a bool, got {describe(value)}")


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
    """Run *image* through a docker-py (or podman-py) *client*, as ``docker run`` would.

    Args:
        client: a ``docker.DockerClient`` or ``podman.PodmanClient``.
        image: the image, pulled first if the daemon does not have it.
        command: the command, a string or a list (``None``: the image's).
        detach: ``docker run -d``: the code is 0 once the container started.
        remove: ``docker run --rm``. Attached, the container is inspected *before*
            it is removed, so an OOM kill is still reported; detached, it is
            created with ``auto_remove=True``. Removal is best effort: a failing
            removal (e.g. of a container still running after a failed wait) does
            not change the code.
        output: called with each chunk of the container's output (stdout and
            stderr interleaved, as bytes) while it runs, e.g.
            ``sys.stdout.buffer.write``; ``None`` (default): not read. A broken
            output stream is not an error.
        on_error: called with the client's exception when one decides the code
            (create, pull, start or wait failed), e.g. to print it.
        profile: the CLI to be bug-compatible with (default: the newest Docker
            CLI); ``profiles.podman(...)`` for podman-py.
        **create_kwargs: passed to ``client.containers.create`` (``name``,
            ``environment``, ``mem_limit``...).

    Returns:
        The :class:`~exitcodes.Resolution`: ``exit_code`` is ``docker run``'s.
        When the code is not 0, the container is inspected (``reload()``) and an
        OOM kill shows in ``outcome`` (the code stays 137).

    Raises:
        InvalidArgumentError: *detach*, *remove* or *profile* is invalid.
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
    >>> result = run_like_docker(Client(), "busybox", ["sh", "-c", "eat-memory"], remove=True)
    >>> result.exit_code, result.outcome
    (137, ExitOutcome.OOM_KILLED)
    """
    active = check_profile(profile)
    _check_bool(detach, "detach")
    _check_bool(remove, "remove")
    if detach and remove:
        create_kwargs.setdefault("auto_remove", True)

    def failed(error: Exception, phase: str) -> Resolution:
        if on_error is not None:
            on_error(error)
        return resolve("run", error=error, phase=phase, detach=detach, profile=active)

    try:
        container = _create(client, image, command, detach, create_kwargs)
    except Exception as error:
        if not _is_client_error(error):
            raise
        return failed(error, "create")
    try:
        container.start()
    except Exception as error:
        if not _is_client_error(error):
            raise
        resolution = failed(error, "start")
        if remove:  # the daemon removes an auto-remove container whose start failed
            _quietly(container.remove, v=True)
        return resolution
    if detach:
        return resolve("run", detach=True, profile=active)

    if output is not None:
        _stream_output(container, output)
    try:
        status = container.wait()
    except Exception as error:
        if not _is_client_error(error):
            raise
        resolution = failed(error, "wait")
    else:
        resolution = resolve("run", wait=status, profile=active)
        if resolution.exit_code != 0 and _quietly(container.reload):
            resolution = resolve("run", wait=status, state=container, profile=active)
    if remove:
        _quietly(container.remove, v=True)
    return resolution


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
    that decides the code (create, pull, start, wait) is printed on stderr, as
    ``docker run`` does; pass ``output=None`` or ``on_error=None`` to turn them
    off. The other keyword arguments are :func:`run_like_docker`'s.

    Raises:
        SystemExit: always, with the exit code.

    >>> class Containers:  # a stand-in for docker-py's, when the daemon is down
    ...     def create(self, image, command=None, **kwargs):
    ...         raise ConnectionRefusedError("Connection refused")
    >>> class Client:
    ...     containers = Containers()
    >>> exit_like_docker(Client(), "busybox", on_error=None)
    Traceback (most recent call last):
    SystemExit: 125
    """
    resolution = run_like_docker(client, image, command, output=output, on_error=on_error, **kwargs)
    sys.exit(resolution.exit_code)
