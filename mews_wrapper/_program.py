"""What every call does, written once as generators that do no I/O: the sync and async clients only drive them.

A program yields steps: `Send` (make this HTTP request and send me the `Outcome`), `Sleep` (wait, then go on) and
`Emit` (hand this value to the caller). Retries, pagination, chunking and batch accounting all live here.

Whatever interrupts a step (a cancelled task, `KeyboardInterrupt`, any exception in the driver) is thrown into the
program at the step it interrupted, so that add and delete can account for every item before it propagates.
"""

from __future__ import annotations

import itertools
import logging
import uuid
from collections.abc import Callable, Generator, Iterator, Sequence
from typing import Any, NoReturn, TypeAlias, TypeVar

import attrs
import httpx
from mews_connector_client import Client as GeneratedClient

from mews_wrapper._chunking import chunks, count_windows, optional_chunks, optional_windows
from mews_wrapper._config import ClientConfig
from mews_wrapper._constants import LOGGER_NAME
from mews_wrapper._exceptions import (
    BatchError,
    ClientClosedError,
    MewsAPIError,
    MewsConnectionError,
    MewsError,
    MewsResponseError,
)
from mews_wrapper._models import NewVoucherCode, Page, VoucherCode
from mews_wrapper._pagination import CursorState
from mews_wrapper._requests import ADD, DELETE, Operation, Send, build_add, build_delete, build_get_all
from mews_wrapper._responses import Answer, generated_client, read_answer, request_id_of, transport_error
from mews_wrapper._retry import RetryPolicy, never_reached_mews
from mews_wrapper._validation import TimeWindow

logger = logging.getLogger(LOGGER_NAME)


@attrs.frozen
class Sleep:
    """Wait this many seconds before going on."""

    seconds: float


@attrs.frozen
class Emit:
    """Hand a value to the caller (a page, or the result of add/delete)."""

    value: Any


@attrs.frozen
class Outcome:
    """What one HTTP request gave: a response or an httpx error, and how long it took."""

    response: httpx.Response | None
    error: httpx.RequestError | None
    elapsed_ms: float


@attrs.define
class Delivery:
    """Whether Mews may have acted on the request of an exchange: true from sending until a sure answer."""

    may_have_acted: bool = False


Step: TypeAlias = Send | Sleep | Emit
Program: TypeAlias = Generator[Step, Outcome | None, None]
Exchange: TypeAlias = Generator[Step, Outcome | None, Answer]


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


def exchange(session: Session, send: Send, delivery: Delivery | None = None) -> Exchange:
    """One request with its retries: returns the answer, or raises the `MewsError` of the last try.

    `delivery`, when given, tells the caller, however the exchange ends, whether the request may have reached Mews:
    true while a request is out, and after an answer that leaves its outcome unknown (a 5xx, a timeout).
    """
    operation = send.operation
    delivery = delivery or Delivery()
    acted_before = False  # whether an earlier try may have reached Mews (a write never retries after one)
    retries = 0
    while True:
        delivery.may_have_acted = True
        try:
            outcome = yield send
        except ClientClosedError:  # the driver refused to send: nothing went out
            delivery.may_have_acted = acted_before
            raise
        if outcome is None:  # pragma: no cover - a driver bug, not a runtime condition
            raise RuntimeError("a Send step needs an Outcome")
        try:
            answer = _read(session, send, outcome)
        except MewsError as error:
            acted_before = acted_before or outcome_unknown(error)
            delivery.may_have_acted = acted_before
            delay = session.policy.delay(error, retries_done=retries, idempotent=operation.idempotent)
            if delay is None:
                raise
            retries += 1
            logger.info(
                "retrying %s in %.2f s (retry %d of %d): %s",
                operation.name,
                delay,
                retries,
                session.policy.max_retries,
                error,
            )
            yield Sleep(delay)
            continue
        return answer


def _read(session: Session, send: Send, outcome: Outcome) -> Answer:
    operation = send.operation
    if outcome.response is None:
        if outcome.error is None:  # pragma: no cover - a driver bug
            raise RuntimeError("an Outcome needs a response or an error")
        logger.debug("%s failed: %s (%.1f ms)", operation.name, type(outcome.error).__name__, outcome.elapsed_ms)
        raise transport_error(operation, outcome.error, session.config)
    response = outcome.response
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug(
            "%s %s request_id=%s %.1f ms",
            operation.name,
            response.status_code,
            request_id_of(response, session.config),
            outcome.elapsed_ms,
        )
    return read_answer(operation, response, session.parser, session.config)


PlannedQuery: TypeAlias = tuple[
    Sequence[uuid.UUID], Sequence[uuid.UUID] | None, Sequence[uuid.UUID] | None, TimeWindow | None
]


@attrs.frozen
class GetAllQuery:
    """A checked getAll query of any size; `plan()` splits it into requests Mews accepts."""

    voucher_ids: Sequence[uuid.UUID]
    voucher_code_ids: Sequence[uuid.UUID] | None
    enterprise_ids: Sequence[uuid.UUID] | None
    window: TimeWindow | None
    page_size: int

    def plan(self) -> Iterator[PlannedQuery]:
        """Every combination of the chunked id filters and the 3-month windows: one paged query each, lazily."""
        return itertools.product(
            chunks(self.voucher_ids),
            optional_chunks(self.voucher_code_ids),
            optional_chunks(self.enterprise_ids),
            optional_windows(self.window),
        )

    def plan_size(self) -> int:
        """How many paged queries `plan()` makes."""
        id_chunks = len(chunks(self.voucher_ids)) * len(optional_chunks(self.voucher_code_ids))
        return id_chunks * len(optional_chunks(self.enterprise_ids)) * count_windows(self.window)


def get_all_pages(session: Session, query: GetAllQuery) -> Program:
    """Every non-empty page of every planned query, in plan order.

    The planned queries are disjoint (a code has one voucher, one enterprise, one id and one `UpdatedUtc`, and
    windows are half-open), so nothing is filtered and memory stays at about one page: a code that changes while a
    long scan runs may be seen twice, the later copy newer.
    """
    for voucher_ids, voucher_code_ids, enterprise_ids, window in query.plan():
        state = CursorState(query.page_size)
        while not state.done:
            send = build_get_all(
                session.config,
                voucher_ids=voucher_ids,
                voucher_code_ids=voucher_code_ids,
                enterprise_ids=enterprise_ids,
                window=window,
                count=query.page_size,
                cursor=state.cursor,
            )
            answer = yield from exchange(session, send)
            state.advance(answer)
            if answer.codes:
                yield Emit(Page(answer.codes, answer.cursor, answer.request_id))


def outcome_unknown(error: MewsError) -> bool:
    """Whether Mews may have acted on a request that ended in this error."""
    if isinstance(error, MewsAPIError):
        return error.status_code == 408 or error.status_code >= 500
    if isinstance(error, MewsConnectionError):
        return not never_reached_mews(error)
    return isinstance(error, MewsResponseError)


_ItemT = TypeVar("_ItemT")
_ResultT = TypeVar("_ResultT")


def write_in_chunks(
    session: Session,
    operation: Operation,
    items: Sequence[_ItemT],
    request: Callable[[Sequence[_ItemT]], Send],
    results: Callable[[Sequence[_ItemT], Answer], Sequence[_ResultT]],
) -> Program:
    """Send `items` in chunks of 1000, in order; emits the results of every chunk (for add, the created codes).

    Whatever stops it once a request may have been sent carries the accounting (`batch_error`, see `_account`).
    """
    parts = chunks(items)
    succeeded: list[_ResultT] = []
    for index, part in enumerate(parts):
        delivery = Delivery()
        try:
            answer = yield from exchange(session, request(part), delivery)
            done = results(part, answer)
        except GeneratorExit:  # the program was closed: nobody is left to tell
            raise
        except BaseException as error:
            _account(error, operation, succeeded=succeeded, parts=parts, failed_index=index, delivery=delivery)
        succeeded.extend(done)
    yield Emit(succeeded)


def _account(
    error: BaseException,
    operation: Operation,
    *,
    succeeded: Sequence[Any],
    parts: Sequence[Sequence[Any]],
    failed_index: int,
    delivery: Delivery,
) -> NoReturn:
    """Raise what stopped a chunked write, carrying a `BatchError` that accounts for every item.

    The chunk that was stopped is unknown when Mews may have acted on it (`delivery`), else failed; later chunks
    were never sent. A `MewsError` in a call of several chunks becomes that `BatchError` (the error is its
    `__cause__`); any other exception (a cancellation, `KeyboardInterrupt`), or the error of a one-chunk call, keeps
    its type and gets `batch_error` and a note with the counts.
    """
    unknown = delivery.may_have_acted
    stopped = list(parts[failed_index])
    never_sent = [item for part in parts[failed_index + 1 :] for item in part]
    batch: BatchError[Any, Any] = BatchError(
        operation.name,
        succeeded=succeeded,
        failed=never_sent if unknown else stopped + never_sent,
        unknown=stopped if unknown else [],
    )
    if isinstance(error, MewsError) and len(parts) > 1:
        raise batch from error
    error.batch_error = batch  # type: ignore[attr-defined]  # any exception: a cancellation keeps its type
    error.add_note(f"{operation.name}: {batch.summary()} (the exception's batch_error lists them)")
    raise error


def add_codes(session: Session, codes: Sequence[NewVoucherCode], enterprise_id: uuid.UUID | None) -> Program:
    """Add codes in chunks of 1000, in order; emits the created codes."""

    def created(part: Sequence[NewVoucherCode], answer: Answer) -> Sequence[VoucherCode]:
        if len(answer.codes) != len(part):
            raise MewsResponseError(
                f"{ADD.name}: sent {len(part)} codes, Mews returned {len(answer.codes)}", request_id=answer.request_id
            )
        return answer.codes

    return write_in_chunks(session, ADD, codes, lambda part: build_add(session.config, part, enterprise_id), created)


def delete_codes(session: Session, ids: Sequence[uuid.UUID], enterprise_id: uuid.UUID | None) -> Program:
    """Delete codes in chunks of 1000, in order; emits the deleted ids."""
    return write_in_chunks(
        session, DELETE, ids, lambda part: build_delete(session.config, part, enterprise_id), lambda part, _: part
    )
