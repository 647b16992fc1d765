"""Real podman conformance: the ``podman`` CLI as root, against a busybox rootfs, no image pulls.

Modules: ``live`` (finds podman and the rootfs, runs one scenario, captures argv, exit code,
stderr and the inspect State), ``scenarios`` (the table, with the ``exitcodes.resolve`` call
that should predict each real exit code, and the JSONL vector format), ``record_vectors``
(regenerates ``vectors/podman-<version>.jsonl``). They import each other as
``podman_live.<module>``; ``conftest.py`` (or ``record_vectors.py``) puts ``tests/`` on ``sys.path``.

This directory is a package (it has this ``__init__.py``) so that its ``conftest.py`` is the
module ``podman_live.conftest`` for mypy and pytest, not a second top-level ``conftest`` next to
``tests/conftest.py``.

Provision a machine with ``scripts/provision_podman.sh`` (as root, Debian 12); add podman
5.4.2 and 5.8.6 with ``scripts/provision_podman5.sh`` and pick one with ``EXITCODES_PODMAN``
(``.cache/podman5/<version>/podman``).
"""
