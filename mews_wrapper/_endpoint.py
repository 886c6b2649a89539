"""What the core knows of an operation: an `Endpoint`, and the request for it, built by the generated client.

An endpoint names its generated module, whether a retry is safe, and how its answer is read.

Each generated operation module offers `_get_kwargs` (method, path, headers, JSON body from the generated models)
and `_build_response` (status, headers and the parsed model). Its `sync_detailed`/`asyncio_detailed` are those two
around one `httpx` call; the wrapper makes that call itself, on the same kind of client, because it needs the raw
`httpx.Response` that the generated wrappers drop (an HTML 502/500 page makes the generated parser raise before any
status or header can be read) and a retry loop between building and reading. So there is no path string and no
hand-built body here: both come from the generated package, which `make check-generated` keeps in step with the spec.
A resource module declares its endpoints; `_responses` reads their answers.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from types import ModuleType
from typing import Any, Generic, TypeVar

import attrs
from mews_connector_client.models import TimeFilterInterval
from mews_connector_client.types import UNSET

from mews_wrapper._config import ClientConfig
from mews_wrapper._steps import Send
from mews_wrapper._validation import TimeWindow

ItemT = TypeVar("ItemT")

RETURN_MINIMAL = "return=minimal"
"""The one `Prefer` value Mews documents: an empty page and a successful delete come back as 204."""


@attrs.frozen
class Reader(Generic[ItemT]):
    """How a 200 of an endpoint becomes public items and a cursor.

    - `result_type`: the generated model the body must parse into (the reference reading);
    - `items`: the public items of that model (raises `TypeError`/`ValueError` for a shape it cannot take);
    - `fast`: a strict msgspec reading of the raw body (None when there is none, or when it declines a body);
    - `expected`: what the body should hold, for the error when it does not (`VoucherCodes`).
    """

    result_type: type[Any]
    items: Callable[[Any], tuple[ItemT, ...]]
    expected: str
    fast: Callable[[bytes], tuple[tuple[ItemT, ...], uuid.UUID | None] | None] | None = None


@attrs.frozen
class Endpoint(Generic[ItemT]):
    """One Connector API operation as the core sees it.

    `name` is Mews' (`voucherCodes/getAll`), for logs and messages; `module` the generated operation module;
    `idempotent` whether a retry after an unknown outcome is safe; `reader` how its 200 is read; `minimal` whether
    requests ask for `Prefer: return=minimal` (then a 204 is an empty page, or a done write), and
    `no_content_error` what a 204 means when it is no valid answer.
    """

    name: str
    module: ModuleType = attrs.field(repr=False)
    idempotent: bool
    reader: Reader[ItemT] = attrs.field(repr=False)
    minimal: bool = True
    no_content_error: str | None = None

    def send(self, config: ClientConfig, body: Any) -> Send[Endpoint[ItemT]]:
        """The request that sends `body` (a generated request model) to this endpoint."""
        kwargs = self.module._get_kwargs(body=body, prefer=RETURN_MINIMAL if self.minimal else UNSET)
        kwargs["url"] = config.platform_url + kwargs["url"]
        if config.timeout is not None:  # else the httpx client's own (an injected client keeps its timeout)
            kwargs["timeout"] = config.timeout
        return Send(self, kwargs)


def credentials(config: ClientConfig) -> dict[str, str]:
    """The fields every request body carries: `client_token`, `access_token`, `client` (the tokens revealed)."""
    return {
        "client_token": config.client_token.reveal(),
        "access_token": config.access_token.reveal(),
        "client": config.client_name,
    }


def unset_if_none(value: Any) -> Any:
    """The generated models' UNSET for None: a field left out of the body."""
    return UNSET if value is None else value


def list_or_unset(values: Any) -> Any:
    """A list of `values`, or UNSET for None."""
    return UNSET if values is None else list(values)


def window_or_unset(window: TimeWindow | None) -> Any:
    """A `TimeFilterInterval` for a planned window, or UNSET for none."""
    return UNSET if window is None else TimeFilterInterval(start_utc=window[0], end_utc=window[1])
