"""Shared test configuration: Hypothesis profiles and the test-data folder."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, settings

# "ci": derandomized, so a red run can be reproduced, and at least 200 examples per
# property. "dev": quicker and random. "fast": about 20 examples, for a quick local run
# (HYPOTHESIS_PROFILE=fast pytest). HYPOTHESIS_PROFILE overrides; CI=true picks "ci".
settings.register_profile(
    "ci",
    derandomize=True,
    max_examples=200,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "dev", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "fast", max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))

DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
"""../shared beside the checkout: CI has it; a user's clone does not (tests that need it skip)."""
