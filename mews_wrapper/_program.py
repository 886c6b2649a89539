"""What every call does, written once as generators that do no I/O: the sync and async clients only drive them.

A program yields the steps of `_steps` (pace, send, hold back, sleep, emit). Retries, pagination over any
`PagedQuery`, chunked writes and their accounting all live here, for every endpoint alike.

Whatever interrupts a step (a cancelled task, `KeyboardInterrupt`, any exception in the driver) is thrown into the
program at the step it interrupted, so that add and delete can account for every item before it propagates.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Generator, Iterator, Sequence
from typing import Any, Generic, TypeAlias, TypeVar

import attrs
from mews_connector_client import Client as GeneratedClient

from mews_wrapper._chunking import chunks
from mews_wrapper._config import ClientConfig
from mews_wrapper._constants import LOGGER_NAME
from mews_wrapper._endpoint import Endpoint
from mews_wrapper._exceptions import (
    BatchError,
    CircuitOpenError,
    ClientClosedError,
    MewsAPIError,
    MewsConnectionError,
    MewsError,
    MewsResponseError,
    RateLimitError,
)
from mews_wrapper._page import Page
from mews_wrapper._pagination import CursorState, PagedQuery
from mews_wrapper._responses import Answer, generated_client, read_answer, request_id_of, transport_error
from mews_wrapper._retry import RetryPolicy, never_reached_mews, retry_after_of
from mews_wrapper._steps import PACE, Emit, HoldBack, Outcome, Program, Send, Sleep, Step
from mews_wrapper._written import Written

logger = logging.getLogger(LOGGER_NAME)


@attrs.define
class Delivery:
    """Whether Mews may have acted on the request of an exchange: true from sending until a sure answer."""

    may_have_acted: bool = False


Exchange: TypeAlias = Generator[Step, Outcome | None, Answer[Any]]


@attrs.frozen
class Session:
    """What programs share: the resolved configuration, the retry policy, and the generated parsers."""

    config: ClientConfig
    policy: RetryPolicy
    parser: GeneratedClient = attrs.field(eq=False)

    @classmethod
    def create(cls, config: ClientConfig, policy: RetryPolicy | None = None) -> Session:
        """A session for this configuration."""
        return cls(config, policy or RetryPolicy(max_retries=config.max_retries), generated_client(config))


def exchange(session: Session, send: Send[Endpoint[Any]], delivery: Delivery | None = None) -> Exchange:
    """One request with its retries: returns the answer, or raises the `MewsError` of the last try.

    `delivery`, when given, tells the caller, however the exchange ends, whether the request may have reached Mews:
    true while a request is out, and after an answer that leaves its outcome unknown (a 5xx, a timeout).
    """
    endpoint = send.endpoint
    delivery = delivery or Delivery()
    acted_before = False  # whether an earlier try may have reached Mews (a write never retries after one)
    retries = 0
    while True:
        yield PACE  # interrupted here, nothing of this try went out
        delivery.may_have_acted = True
        try:
            outcome = yield send
        except (ClientClosedError, CircuitOpenError):  # the driver refused to send: nothing went out
            delivery.may_have_acted = acted_before
            raise
        if outcome is None:  # pragma: no cover - a driver bug, not a runtime condition
            raise RuntimeError("a Send step needs an Outcome")
        try:
            answer = _read(session, send, outcome)
        except MewsError as error:
            acted_before = acted_before or outcome_unknown(error)
            delivery.may_have_acted = acted_before
            if isinstance(error, RateLimitError):  # every client of the window holds back, and slows down
                yield HoldBack(retry_after_of(error) or 0.0)
            delay = session.policy.delay(error, retries_done=retries, idempotent=endpoint.idempotent)
            if delay is None:
                raise
            retries += 1
            logger.info(
                "retrying %s in %.2f s (retry %d of %d): %s",
                endpoint.name,
                delay,
                retries,
                session.policy.max_retries,
                error,
            )
            yield Sleep(delay)
            continue
        return answer


def _read(session: Session, send: Send[Endpoint[Any]], outcome: Outcome) -> Answer[Any]:
    endpoint = send.endpoint
    if outcome.response is None:
        if outcome.error is None:  # pragma: no cover - a driver bug
            raise RuntimeError("an Outcome needs a response or an error")
        logger.debug("%s failed: %s (%.1f ms)", endpoint.name, type(outcome.error).__name__, outcome.elapsed_ms)
        raise transport_error(endpoint, outcome.error, session.config)
    response = outcome.response
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug(
            "%s %s request_id=%s %.1f ms",
            endpoint.name,
            response.status_code,
            request_id_of(response, session.config),
            outcome.elapsed_ms,
        )
    return read_answer(endpoint, response, session.parser, session.config)


def query_streams(session: Session, query: PagedQuery[Any]) -> Iterator[Program]:
    """One program per planned query, lazily, each emitting the non-empty pages of its cursor to the end.

    The planned queries are disjoint (an item has one value of each chunked filter and one `UpdatedUtc`, and
    windows are half-open), so nothing is filtered and memory stays at about one page per stream: an item that
    changes while a long scan runs may be seen twice, the later copy newer. The shells run up to `max_concurrency`
    streams at once, in rounds.
    """
    return (_query_pages(session, query, planned) for planned in query.plan())


def _query_pages(session: Session, query: PagedQuery[Any], planned: dict[str, Any]) -> Program:
    state = CursorState(query.endpoint.name, query.page_size, session.config.max_pages)
    while not state.done:
        body = query.body(session.config, planned, query.page_size, state.cursor)
        answer = yield from exchange(session, query.endpoint.send(session.config, body))
        state.advance(answer)
        if answer.items:
            yield Emit(Page(answer.items, answer.cursor, answer.request_id))


def outcome_unknown(error: MewsError) -> bool:
    """Whether Mews may have acted on a request that ended in this error."""
    if isinstance(error, MewsAPIError):
        return error.status_code == 408 or error.status_code >= 500
    if isinstance(error, MewsConnectionError):
        return not never_reached_mews(error)
    return isinstance(error, MewsResponseError)


_ItemT = TypeVar("_ItemT")
_ResultT = TypeVar("_ResultT")


@attrs.define
class _ChunkState:
    """Where one chunk of a write stands: not started, answered (its results), or stopped (by this exception)."""

    delivery: Delivery = attrs.field(factory=Delivery)
    started: bool = False
    results: Sequence[Any] | None = None
    stopped_by: BaseException | None = None
    request_id: str | None = None


class ChunkedWrite(Generic[_ItemT, _ResultT]):
    """A write of any size, in chunks of 1000, that accounts for every item however its chunks end.

    Drivers run `chunk(index)` programs (one after another, or several at once) and report how each ended with
    `answered` or `stopped`; `outcome` then returns every result in input order, or raises with the accounting
    (see `settle`).
    """

    def __init__(
        self,
        session: Session,
        endpoint: Endpoint[Any],
        items: Sequence[_ItemT],
        request: Callable[[Sequence[_ItemT]], Send[Endpoint[Any]]],
        results: Callable[[Sequence[_ItemT], Answer[Any]], Sequence[_ResultT]],
    ) -> None:
        """Split `items` into chunks; `request` builds a chunk's request, `results` reads its answer."""
        self.endpoint = endpoint
        self.parts = chunks(items)
        self._session = session
        self._request = request
        self._results = results
        self._states = [_ChunkState() for _ in self.parts]

    def chunk(self, index: int) -> Generator[Step, Outcome | None, Sequence[_ResultT]]:
        """Send chunk `index` (with its retries) and return its results; raises what stopped it."""
        state = self._states[index]
        state.started = True
        part = self.parts[index]
        answer = yield from exchange(self._session, self._request(part), state.delivery)
        state.request_id = answer.request_id
        return self._results(part, answer)

    def answered(self, index: int, results: Sequence[_ResultT]) -> None:
        """Chunk `index` went in: these are its results."""
        self._states[index].results = results

    def stopped(self, index: int, error: BaseException) -> None:
        """Chunk `index` ended with `error` (a `MewsError`, a cancellation, anything)."""
        self._states[index].stopped_by = error

    def outcome(self, interruption: BaseException | None = None) -> Written[_ResultT]:
        """Every result in input order when every chunk went in; else raise, accounting for every item.

        `interruption` is what stopped the whole write from outside (a cancellation, `KeyboardInterrupt`): chunks
        that had started and not ended are unknown when a request may have reached Mews, else failed. Chunks never
        started failed. A `MewsError` in a write of several chunks raises a `BatchError` (the first chunk's error in
        input order is its `__cause__`); an interruption, any other exception, or the error of a one-chunk write
        keeps its type and gets `batch_error` and a note with the counts.
        """
        succeeded: list[_ResultT] = []
        failed: list[_ItemT] = []
        unknown: list[_ItemT] = []
        first_error: BaseException | None = None
        for part, state in zip(self.parts, self._states, strict=True):
            if state.results is not None:
                succeeded.extend(state.results)
                continue
            if state.started and state.delivery.may_have_acted and (state.stopped_by or interruption):
                unknown.extend(part)
            else:
                failed.extend(part)
            if first_error is None and state.stopped_by is not None:
                first_error = state.stopped_by
        error = interruption or first_error
        if error is None:
            return Written(succeeded, (state.request_id for state in self._states))
        batch: BatchError[Any, Any] = BatchError(
            self.endpoint.name, succeeded=succeeded, failed=failed, unknown=unknown
        )
        if isinstance(error, MewsError) and len(self.parts) > 1:
            raise batch from error
        error.batch_error = batch  # type: ignore[attr-defined]  # any exception: a cancellation keeps its type
        error.add_note(f"{self.endpoint.name}: {batch.summary()} (the exception's batch_error lists them)")
        raise error


def write_in_chunks(write: ChunkedWrite[Any, Any]) -> Program:
    """Run a write's chunks one after another, stopping at the first that fails; emits every result in order.

    Whatever stops it once a request may have been sent carries the accounting (see `ChunkedWrite.outcome`).
    """
    for index in range(len(write.parts)):
        try:
            results = yield from write.chunk(index)
        except GeneratorExit:  # the program was closed: nobody is left to tell
            raise
        except BaseException as error:
            write.stopped(index, error)
            break
        write.answered(index, results)
    yield Emit(write.outcome())
