"""What every call does, written once as generators that do no I/O: the sync and async clients only drive them.

A program yields steps: `Send` (make this HTTP request and send me the `Outcome`), `Sleep` (wait, then go on) and
`Emit` (hand this value to the caller). Retries, pagination, chunking and batch accounting all live here.
"""

from __future__ import annotations

import itertools
import logging
import uuid
from collections.abc import Generator, Sequence
from typing import Any, TypeAlias

import attrs
import httpx
from mews_connector_client import Client as GeneratedClient

from mews_wrapper._chunking import chunks, optional_chunks, optional_windows
from mews_wrapper._config import ClientConfig
from mews_wrapper._constants import LOGGER_NAME
from mews_wrapper._exceptions import (
    BatchError,
    MewsAPIError,
    MewsConnectionError,
    MewsError,
    MewsResponseError,
)
from mews_wrapper._models import NewVoucherCode, Page, VoucherCode
from mews_wrapper._pagination import CursorState
from mews_wrapper._requests import ADD, DELETE, Send, build_add, build_delete, build_get_all
from mews_wrapper._responses import Answer, generated_client, read_answer, transport_error
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
    """What one HTTP request gave: a response or a transport error, and how long it took."""

    response: httpx.Response | None
    error: httpx.TransportError | None
    elapsed_ms: float


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


def exchange(session: Session, send: Send) -> Exchange:
    """One request with its retries: returns the answer, or raises the `MewsError` of the last try."""
    operation = send.operation
    retries = 0
    while True:
        outcome = yield send
        if outcome is None:  # pragma: no cover - a driver bug, not a runtime condition
            raise RuntimeError("a Send step needs an Outcome")
        try:
            answer = _read(session, send, outcome)
        except MewsError as error:
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
    logger.debug(
        "%s %s request_id=%s %.1f ms",
        operation.name,
        response.status_code,
        response.headers.get("Request-Id"),
        outcome.elapsed_ms,
    )
    return read_answer(operation, response, session.parser, session.config)


@attrs.frozen
class GetAllQuery:
    """A checked getAll query of any size; `plan()` splits it into requests Mews accepts."""

    voucher_ids: Sequence[uuid.UUID]
    voucher_code_ids: Sequence[uuid.UUID] | None
    enterprise_ids: Sequence[uuid.UUID] | None
    window: TimeWindow | None
    page_size: int

    def plan(
        self,
    ) -> list[tuple[Sequence[uuid.UUID], Sequence[uuid.UUID] | None, Sequence[uuid.UUID] | None, TimeWindow | None]]:
        """Every combination of the chunked id filters and the 3-month windows: one paged query each."""
        return list(
            itertools.product(
                chunks(self.voucher_ids),
                optional_chunks(self.voucher_code_ids),
                optional_chunks(self.enterprise_ids),
                optional_windows(self.window),
            )
        )


def get_all_pages(session: Session, query: GetAllQuery) -> Program:
    """Every non-empty page of every planned query. When a query was split, a code seen already is left out."""
    plan = query.plan()
    seen: set[uuid.UUID] | None = set() if len(plan) > 1 else None
    for voucher_ids, voucher_code_ids, enterprise_ids, window in plan:
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
            items = answer.codes
            if seen is not None:
                items = tuple(code for code in items if code.id not in seen)
                seen.update(code.id for code in items)
            if items:
                yield Emit(Page(items, answer.cursor, answer.request_id))


def outcome_unknown(error: MewsError) -> bool:
    """Whether Mews may have acted on a request that ended in this error."""
    if isinstance(error, MewsAPIError):
        return error.status_code == 408 or error.status_code >= 500
    if isinstance(error, MewsConnectionError):
        return not never_reached_mews(error)
    return isinstance(error, MewsResponseError)


def add_codes(session: Session, codes: Sequence[NewVoucherCode], enterprise_id: uuid.UUID | None) -> Program:
    """Add codes in chunks of 1000, in order; emits the created codes."""
    parts = chunks(codes)
    created: list[VoucherCode] = []
    for index, part in enumerate(parts):
        try:
            answer = yield from exchange(session, build_add(session.config, part, enterprise_id))
            if len(answer.codes) != len(part):
                raise MewsResponseError(
                    f"{ADD.name}: sent {len(part)} codes, Mews returned {len(answer.codes)}",
                    request_id=answer.request_id,
                )
        except MewsError as error:
            if len(parts) == 1:
                raise
            raise _batch_error(ADD.name, created, parts, index, error) from error
        created.extend(answer.codes)
    yield Emit(created)


def delete_codes(session: Session, ids: Sequence[uuid.UUID], enterprise_id: uuid.UUID | None) -> Program:
    """Delete codes in chunks of 1000, in order; emits None when all are deleted."""
    parts = chunks(ids)
    deleted: list[uuid.UUID] = []
    for index, part in enumerate(parts):
        try:
            yield from exchange(session, build_delete(session.config, part, enterprise_id))
        except MewsError as error:
            if len(parts) == 1:
                raise
            raise _batch_error(DELETE.name, deleted, parts, index, error) from error
        deleted.extend(part)
    yield Emit(None)


def _batch_error(
    operation: str, succeeded: Sequence[Any], parts: Sequence[Sequence[Any]], failed_index: int, error: MewsError
) -> BatchError[Any, Any]:
    failing = list(parts[failed_index])
    never_sent = [item for part in parts[failed_index + 1 :] for item in part]
    if outcome_unknown(error):
        return BatchError(operation, succeeded=succeeded, failed=never_sent, unknown=failing)
    return BatchError(operation, succeeded=succeeded, failed=failing + never_sent, unknown=[])
