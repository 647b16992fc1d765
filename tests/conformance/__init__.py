"""Conformance suite: the real docker CLI against a stub Engine API (see docs/conformance.md).

Modules: ``stub`` (the scripted Engine API server), ``runner`` (runs a CLI binary against it,
finds the binaries), ``scenarios`` (the table), ``differential`` (Hypothesis strategies),
``record_vectors`` (regenerates ``vectors/*.jsonl``). They import each other as
``conformance.<module>``; ``conftest.py`` (or ``record_vectors.py``) puts ``tests/`` on
``sys.path``.
"""
