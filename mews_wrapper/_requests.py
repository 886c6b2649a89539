"""Requests, built by the generated client: its models make the body, its `_get_kwargs` the rest.

Each generated operation module offers `_get_kwargs` (method, path, headers, JSON body from the generated models)
and `_build_response` (status, headers and the parsed model). Its `sync_detailed`/`asyncio_detailed` are those two
around one `httpx` call; the wrapper makes that call itself, on the same kind of client, because it needs the raw
`httpx.Response` that the generated wrappers drop (an HTML 502/500 page makes the generated parser raise before any
status or header can be read) and a retry loop between building and reading. So there is no path string and no
hand-built body here: both come from the generated package, which `make check-generated` keeps in step with the spec.
`_responses` reads the answers with `_build_response`.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from types import ModuleType
from typing import Any

import attrs
from mews_connector_client.api.voucher_codes import voucher_codes_add, voucher_codes_delete, voucher_codes_get_all
from mews_connector_client.models import (
    Limitation,
    MultipleVoucherCodeAddParameters,
    MultipleVoucherCodeDeleteParameters,
    TimeFilterInterval,
    VoucherCodeAddParameters,
    VoucherCodeFilterParameters,
)
from mews_connector_client.types import UNSET

from mews_wrapper._config import ClientConfig
from mews_wrapper._models import NewVoucherCode
from mews_wrapper._validation import TimeWindow

RETURN_MINIMAL = "return=minimal"
"""The one `Prefer` value Mews documents: an empty page and a successful delete come back as 204."""


@attrs.frozen
class Operation:
    """One Connector API operation: its name for logs, its generated module, and whether a retry is safe."""

    name: str
    module: ModuleType = attrs.field(repr=False)
    idempotent: bool


GET_ALL = Operation("voucherCodes/getAll", voucher_codes_get_all, idempotent=True)
ADD = Operation("voucherCodes/add", voucher_codes_add, idempotent=False)
DELETE = Operation("voucherCodes/delete", voucher_codes_delete, idempotent=False)


@attrs.frozen
class Send:
    """A request ready for httpx: `client.request(**kwargs)`. The kwargs hold the tokens: never shown."""

    operation: Operation
    kwargs: Mapping[str, Any] = attrs.field(repr=False)


def _send(config: ClientConfig, operation: Operation, body: Any, *, minimal: bool) -> Send:
    prefer = RETURN_MINIMAL if minimal else UNSET
    kwargs = operation.module._get_kwargs(body=body, prefer=prefer)
    kwargs["url"] = config.platform_url + kwargs["url"]
    if config.timeout is not None:  # else the httpx client's own (an injected client keeps its timeout)
        kwargs["timeout"] = config.timeout
    return Send(operation, kwargs)


def _unset_if_none(value: Any) -> Any:
    return UNSET if value is None else value


def build_get_all(
    config: ClientConfig,
    *,
    voucher_ids: Sequence[uuid.UUID],
    voucher_code_ids: Sequence[uuid.UUID] | None,
    enterprise_ids: Sequence[uuid.UUID] | None,
    window: TimeWindow | None,
    count: int,
    cursor: uuid.UUID | None,
) -> Send:
    """A getAll request for one page; it asks for `Prefer: return=minimal`, so an empty page is a 204."""
    body = VoucherCodeFilterParameters(
        client_token=config.client_token.reveal(),
        access_token=config.access_token.reveal(),
        client=config.client_name,
        limitation=Limitation(count=count, cursor=_unset_if_none(cursor)),
        voucher_ids=list(voucher_ids),
        voucher_code_ids=UNSET if voucher_code_ids is None else list(voucher_code_ids),
        enterprise_ids=UNSET if enterprise_ids is None else list(enterprise_ids),
        updated_utc=UNSET if window is None else TimeFilterInterval(start_utc=window[0], end_utc=window[1]),
    )
    return _send(config, GET_ALL, body, minimal=True)


def build_add(config: ClientConfig, codes: Sequence[NewVoucherCode], enterprise_id: uuid.UUID | None) -> Send:
    """An add request for one chunk of codes."""
    body = MultipleVoucherCodeAddParameters(
        client_token=config.client_token.reveal(),
        access_token=config.access_token.reveal(),
        client=config.client_name,
        enterprise_id=_unset_if_none(enterprise_id),
        voucher_code_parameters=[
            VoucherCodeAddParameters(
                voucher_id=code.voucher_id,
                value=code.value,
                validity_start_utc=_unset_if_none(code.validity_start_utc),
                validity_end_utc=_unset_if_none(code.validity_end_utc),
            )
            for code in codes
        ],
    )
    return _send(config, ADD, body, minimal=False)


def build_delete(config: ClientConfig, ids: Sequence[uuid.UUID], enterprise_id: uuid.UUID | None) -> Send:
    """A delete request for one chunk of ids; it asks for `Prefer: return=minimal` (a 204 on success)."""
    body = MultipleVoucherCodeDeleteParameters(
        client_token=config.client_token.reveal(),
        access_token=config.access_token.reveal(),
        client=config.client_name,
        enterprise_id=_unset_if_none(enterprise_id),
        voucher_code_ids=list(ids),
    )
    return _send(config, DELETE, body, minimal=True)
