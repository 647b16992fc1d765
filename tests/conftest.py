"""Shared test configuration.

CI sets ``CI=true``, which makes Hypothesis load its built-in ``ci`` profile
(derandomized, no deadline); no other profile is loaded here on purpose.
"""
