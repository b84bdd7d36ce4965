"""How fast the command asks OpenAlex: at most so many requests a second, and the waits before a request is tried again."""

from __future__ import annotations

import time
from collections.abc import Callable

# A request is tried this many times in all when OpenAlex answers 429 or 5xx.
TRIES = 4
# The first wait before a new try; each further one is twice as long: 0.5 s, 1 s, 2 s.
FIRST_WAIT = 0.5
# The longest wait: a Retry-After beyond it means OpenAlex will not answer soon (its daily budget is spent),
# so the request fails at once rather than holding the run for hours.
LONGEST_WAIT = 30.0


class RateLimiter:
    """Spaces the starts of requests at least 1/rate seconds apart, whatever the requests' own durations."""

    def __init__(self, rate: float, clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep) -> None:
        self._interval = 1.0 / rate
        self._clock = clock
        self._sleep = sleep
        self._next_start: float | None = None

    def wait(self) -> None:
        """Return when the next request may start."""
        now = self._clock()
        if self._next_start is not None and now < self._next_start:
            self._sleep(self._next_start - now)
            now = self._next_start
        self._next_start = now + self._interval


def backoff(tries_made: int) -> float:
    """The wait after the `tries_made`-th failed try, doubling each time."""
    return min(FIRST_WAIT * 2.0 ** (tries_made - 1), LONGEST_WAIT)


def wait_before_retry(tries_made: int, retry_after: str | None) -> float | None:
    """Retry-After's seconds when OpenAlex gives them, else the back-off; None when the wait asked for is too long."""
    asked = _seconds(retry_after)
    if asked is None:
        return backoff(tries_made)
    return asked if asked <= LONGEST_WAIT else None


def _seconds(retry_after: str | None) -> float | None:
    """Retry-After in seconds; its other form, an HTTP date, is left to the back-off."""
    try:
        seconds = float(retry_after or "")
    except ValueError:
        return None
    return seconds if seconds >= 0 else None
