"""Live: the docker CLI and docker-py against podman's Docker API (``podman system service``).

Opt-in with ``EXITCODES_PODMAN_API_LIVE=1`` (or ``-m podman_api``); the recorded vectors in
``vectors/`` are replayed offline by ``test_podman_api_vectors.py`` on every run.
"""
