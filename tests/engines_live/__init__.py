"""Live conformance against real docker daemons (dockerd 20.10.24, 26.1.5, 28.5.2, 29.7.2).

``scripts/provision_engines.sh`` provisions the daemons privately under ``.cache/engines``;
``daemons.py`` starts and stops them, ``harness.py`` runs one scenario, ``scenarios.py`` holds
the scenario table and the checks against the library, ``vectors/`` the recorded answers that
``test_engines_vectors.py`` replays offline on every run. See ``docs/real-engines.md``.
"""
