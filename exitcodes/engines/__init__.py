"""One module per engine or tool: its rules as data rows, each citing where it comes from.

:mod:`exitcodes.engines.compose` models ``docker compose`` v2 (``up``, ``run``, ``exec``,
``wait``) over the evidence of several services.
"""
