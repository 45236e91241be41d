"""Hypothesis profiles: ``ci`` (the default, small) and ``fuzz`` (``make fuzz``, long).

Chosen by HYPOTHESIS_PROFILE. A test module imports this one before using Hypothesis.
"""

from __future__ import annotations

import os
from datetime import timedelta

from hypothesis import HealthCheck, settings

# ``deadline`` is the time bound each property promises, per example.
settings.register_profile(
    "ci",
    max_examples=60,
    deadline=timedelta(seconds=2),
    database=None,  # nothing written into the checkout by an ordinary test run
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "fuzz",
    max_examples=3_000,
    deadline=timedelta(seconds=2),
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
