"""Hypothesis profiles of the fuzz suite: a bounded, derandomized run in ``make test`` (and always under CI), a long
random one with ``make fuzz`` (HYPOTHESIS_PROFILE=fuzz)."""

import os

from hypothesis import HealthCheck, settings

_COMMON = {"deadline": None, "database": None, "suppress_health_check": list(HealthCheck), "print_blob": True}
#: max_examples is per form: a couple of hundred requests in all for the fifty-odd forms the pages show, plus the five
#: hostile bodies per posting form (about 40 s of CPU on SQLite; most of the rest is discovery). FUZZ_EXAMPLES=N
#: overrides it for a run at a chosen length (``make fuzz`` takes 300 unless told).
_EXAMPLES = os.environ.get("FUZZ_EXAMPLES")
settings.register_profile("default", max_examples=int(_EXAMPLES or 3), derandomize=True, **_COMMON)
settings.register_profile("dev", max_examples=int(_EXAMPLES or 3), **_COMMON)
settings.register_profile("fuzz", max_examples=int(_EXAMPLES or 300), **_COMMON)
settings.load_profile("default" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "default"))
