"""The HTTP client for OpenAlex's works: paced, retried on 429 and 5xx, and plain about what failed.

A request that still fails after its tries raises RequestFailed with the
reason the report gives (the papers it was for keep their counts). Three
failed requests in a row and the client stops asking, since OpenAlex is
then down or has stopped answering this run. The very first request
failing to connect at all (no network, no name resolution) raises
Unreachable instead: nothing else can succeed then.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, NamedTuple

import httpx

from .identity import Identity
from .pacing import TRIES, RateLimiter, backoff, wait_before_retry
from .problems import Unreachable
from .records import WORK_ID

# Only what the look-up reads, which keeps each answer small.
SELECT = "id,doi,cited_by_count,title,publication_year,authorships"
# Up to this many DOIs OR-ed in one filter, as OpenAlex documents.
DOIS_PER_REQUEST = 50
# A title search reads the first few works only: the paper is among them when OpenAlex has it.
WORKS_PER_SEARCH = 5
FAILURES_BEFORE_GIVING_UP = 3


@dataclass(frozen=True)
class Work:
    """An OpenAlex work, with what matching reads."""

    id: str
    doi: str | None
    title: str
    year: int | None
    count: int
    authors: tuple[str, ...]


class RequestFailed(Exception):
    """A request that got no usable answer; `reason` is said in the report, e.g. "timeout" or "HTTP 503 after 4 tries"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class OpenAlex:
    def __init__(
        self,
        api_url: str,
        identity: Identity,
        timeout: float,
        limiter: RateLimiter,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._client = httpx.Client(
            base_url=api_url,
            timeout=httpx.Timeout(timeout),
            headers={"User-Agent": identity.user_agent},
            follow_redirects=True,
        )
        self._parameters = identity.parameters()
        self._limiter = limiter
        self._sleep = sleep
        self._reached = False  # whether any request has got through to the server
        self._failures_in_a_row = 0
        self._last_failure = ""
        self.requests = 0  # every try counts: it is what OpenAlex sees

    def __enter__(self) -> OpenAlex:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None) -> None:
        self._client.close()

    def works_with_dois(self, dois: Sequence[str]) -> list[Work]:
        """The works that have any of these DOIs (at most DOIS_PER_REQUEST), in one request."""
        return self._works({"filter": "doi:" + "|".join(dois), "per-page": str(DOIS_PER_REQUEST), "select": SELECT})

    def works_titled(self, title: str, year: int) -> list[Work]:
        """OpenAlex's best matches for a title among the works of one year."""
        return self._works({"search": title, "filter": f"publication_year:{year}", "per-page": str(WORKS_PER_SEARCH), "select": SELECT})

    def _works(self, query: dict[str, str]) -> list[Work]:
        if self._failures_in_a_row >= FAILURES_BEFORE_GIVING_UP:
            raise RequestFailed(f"not asked, since {self._failures_in_a_row} requests in a row failed (the last: {self._last_failure})")
        try:
            response = self._get("/works", {**query, **self._parameters})
            works = _works_in(response)
        except RequestFailed as failure:
            self._failures_in_a_row += 1
            self._last_failure = failure.reason
            raise
        self._failures_in_a_row = 0
        return works

    def _get(self, path: str, query: dict[str, str]) -> httpx.Response:
        """The answer, after up to TRIES tries."""
        tries_made = 0
        while True:
            tries_made += 1
            result = self._try(path, query, tries_made)
            if isinstance(result, httpx.Response):
                return result
            if tries_made == TRIES:
                raise RequestFailed(f"{result.reason} after {TRIES} tries")
            self._sleep(result.wait)

    def _try(self, path: str, query: dict[str, str], tries_made: int) -> httpx.Response | _Retry:
        """One request: its answer, or why to try again and after how long; raises when another try cannot help.

        A timeout is not tried again, since a slow server stays slow.
        """
        self._limiter.wait()
        self.requests += 1
        try:
            response = self._client.get(path, params=query)
        except (httpx.ConnectError, httpx.ConnectTimeout) as error:
            if not self._reached:
                raise Unreachable(_why(error)) from None
            return _Retry(f"cannot connect ({_why(error)})", backoff(tries_made))
        except httpx.TimeoutException:
            self._reached = True
            raise RequestFailed("timeout") from None
        except httpx.TransportError as error:
            self._reached = True
            return _Retry(f"the connection failed ({_why(error)})", backoff(tries_made))
        self._reached = True
        return response if response.is_success else _retry_after(response, tries_made)


class _Retry(NamedTuple):
    reason: str
    wait: float


def _retry_after(response: httpx.Response, tries_made: int) -> _Retry:
    """Too many requests and server errors pass, so they are tried again; any other refusal would be the same next time."""
    failure = f"HTTP {response.status_code} {response.reason_phrase}".rstrip()
    if response.status_code != 429 and response.status_code < 500:
        raise RequestFailed(failure)
    wait = wait_before_retry(tries_made, response.headers.get("Retry-After"))
    if wait is None:
        raise RequestFailed(f"{failure}, and OpenAlex asks to wait {response.headers['Retry-After']} s; run it again later")
    return _Retry(failure, wait)


def _why(error: httpx.TransportError) -> str:
    """What the system said, e.g. "[Errno 111] Connection refused"; httpx's messages never hold the address or its key."""
    return str(error) or type(error).__name__


def _works_in(response: httpx.Response) -> list[Work]:
    """The works of a list answer; a work without a valid id or count is skipped, as the file could not keep it."""
    try:
        body = response.json()
    except ValueError:
        raise RequestFailed("OpenAlex's answer is not JSON") from None
    results = body.get("results") if isinstance(body, dict) else None
    if not isinstance(results, list):
        raise RequestFailed("OpenAlex's answer holds no list of works")
    return [work for work in map(_work, results) if work is not None]


def _work(result: Any) -> Work | None:
    if not isinstance(result, dict):
        return None
    work_id, count = result.get("id"), result.get("cited_by_count")
    if not isinstance(work_id, str) or not WORK_ID.fullmatch(work_id):
        return None
    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
        return None
    doi, title, year = result.get("doi"), result.get("title"), result.get("publication_year")
    return Work(
        id=work_id,
        doi=doi if isinstance(doi, str) else None,
        title=title if isinstance(title, str) else "",
        year=year if isinstance(year, int) and not isinstance(year, bool) else None,
        count=count,
        authors=tuple(_authors(result.get("authorships"))),
    )


def _authors(authorships: Any) -> list[str]:
    """The display names in `authorships: [{author: {display_name: ...}}, ...]`."""
    if not isinstance(authorships, list):
        return []
    authors = [authorship.get("author") for authorship in authorships if isinstance(authorship, dict)]
    return [author["display_name"] for author in authors if isinstance(author, dict) and isinstance(author.get("display_name"), str)]
