"""Typst's work on a thread of its own, beside the build's.

Typst lets go of Python's lock while it compiles, so a compile on another
thread runs on a second core while MkDocs converts and writes the pages on the
first: at 100x the data, a cold build's 9 s of social cards overlap the writing
of 1,111 pages instead of coming before it. What waits for the result gets
the compile's error, if it failed, as the error it is.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

Result = TypeVar("Result")


def in_background(work: Callable[[], Result]) -> Future[Result]:
    """`work` started on a thread of its own; the future's result() waits for it."""
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="typst")
    try:
        return executor.submit(work)
    finally:
        # The thread ends with its work; nothing else is queued on it.
        executor.shutdown(wait=False)


def done(result: Result) -> Future[Result]:
    """A future that already holds `result`: what is in the cache needs no thread."""
    future: Future[Result] = Future()
    future.set_result(result)
    return future
