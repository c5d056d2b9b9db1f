"""Delays between connection attempts."""

from __future__ import annotations

import random


class Backoff:
    """Exponential backoff with full jitter: retry ``n`` (1 for the first) waits a uniformly random
    time in ``[0, cap]`` with ``cap = min(backoff_max, backoff_base * 2 ** (n - 1))``, so clients that
    lost the same server spread out over the whole window instead of coming back in lockstep."""

    def __init__(self, base: float, maximum: float, rng: random.Random | None = None) -> None:
        if base < 0 or maximum < 0:
            raise ValueError("backoff_base and backoff_max must not be negative")
        self.base = base
        self.maximum = maximum
        self._random = rng or random.Random()

    def cap(self, retry: int) -> float:
        doublings = max(0, min(retry - 1, 62))
        return float(min(self.maximum, self.base * (2 ** doublings)))

    def delay(self, retry: int) -> float:
        return self._random.uniform(0.0, self.cap(retry))
