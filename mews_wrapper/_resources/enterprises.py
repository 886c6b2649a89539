"""The enterprise resource: `enterprises/getAll` as `get_all`, `get_all_pages` and `find`.

The properties a token reaches, by name: with a Portfolio Access Token, every property of the portfolio.
"""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping
from typing import Any

from mews_connector_client.api.enterprises import enterprises_get_all
from mews_connector_client.models import EnterpriseFilterParameters, Limitation

from mews_wrapper._config import ClientConfig
from mews_wrapper._endpoint import Endpoint, credentials, list_or_unset, unset_if_none, window_or_unset
from mews_wrapper._exceptions import MewsValidationError
from mews_wrapper._matching import match_named
from mews_wrapper._page import Page
from mews_wrapper._pagination import WINDOW, PagedQuery
from mews_wrapper._program import Session
from mews_wrapper._resource import ResourceCalls, announce, async_items
from mews_wrapper._shells import AsyncShell, SyncShell
from mews_wrapper._signatures import arguments_of
from mews_wrapper._types.enterprises import Enterprise
from mews_wrapper._validation import check_page_size, check_window, to_text_list, to_uuid_list
from mews_wrapper._wire.enterprises import ENTERPRISES

__all__ = ["GET_ALL", "AsyncEnterprises", "Enterprises", "match_enterprise"]

GET_ALL = Endpoint("enterprises/getAll", enterprises_get_all, idempotent=True, reader=ENTERPRISES)


def _page_body(
    config: ClientConfig, planned: Mapping[str, Any], count: int, cursor: uuid.UUID | None
) -> EnterpriseFilterParameters:
    tokens = credentials(config)
    return EnterpriseFilterParameters(
        client_token=tokens["client_token"],
        access_token=tokens["access_token"],
        client=tokens["client"],
        limitation=Limitation(count=count, cursor=unset_if_none(cursor)),
        enterprise_ids=list_or_unset(planned["enterprise_ids"]),
        external_identifiers=list_or_unset(planned["external_identifiers"]),
        updated_utc=window_or_unset(planned[WINDOW]),
    )


class _Calls(ResourceCalls):
    """The parameters of each call, declared once and checked; `Enterprises` and `AsyncEnterprises` run them."""

    def get_all(
        self,
        *,
        enterprise_ids: Iterable[str | uuid.UUID] | None = None,
        external_identifiers: Iterable[str] | None = None,
        updated_utc: tuple[dt.datetime, dt.datetime] | None = None,
        page_size: int = 1000,
    ) -> PagedQuery[Enterprise]:
        """The arguments of getAll (`get_all`, `get_all_pages`).

        - `enterprise_ids`: only these enterprises; None for every enterprise the token reaches (one, or every
          property of a portfolio).
        - `external_identifiers`: only the enterprises with these external identifiers.
        - `updated_utc`: a `(start, end)` pair of timezone-aware datetimes, half-open, any length.
        - `page_size`: enterprises per request, 1 to 1000.

        Lists over 1000 values and windows over 3 months are split into queries Mews accepts. Bad arguments raise
        `MewsValidationError` before anything is sent.
        """
        query = PagedQuery(
            GET_ALL,
            _page_body,
            chunked={
                "enterprise_ids": to_uuid_list(enterprise_ids, "enterprise_ids"),
                "external_identifiers": to_text_list(external_identifiers, "external_identifiers", 255),
            },
            window=check_window(updated_utc),
            page_size=check_page_size(page_size),
        )
        self._shell.check_open()
        return announce(query)

    def find(self, name: str) -> PagedQuery[Enterprise]:
        """The arguments of `find`: `name`, the property's name (exact first, else up to case and spaces).

        Raises `NoMatchError` (naming the closest names) or `AmbiguousMatchError` (listing the matches).
        """
        if not isinstance(name, str) or not name.strip():
            raise MewsValidationError(f"name must be a non-empty string, got {name!r}")
        return self.get_all()


def match_enterprise(name: str, enterprises: Iterable[Enterprise]) -> Enterprise:
    """The one enterprise called `name` in `enterprises`, by the rule of `find`."""
    return match_named(
        name,
        list(enterprises),
        kind="enterprise",
        name_of=lambda enterprise: enterprise.name,
        about=lambda enterprise: f"{enterprise.name!r} {enterprise.id}",
    )


class Enterprises:
    """Enterprises through a `MewsClient` (`client.enterprises`): `get_all`, `get_all_pages`, `find`."""

    def __init__(self, session: Session, shell: SyncShell) -> None:
        """Bound to one client's session and shell (made by the client)."""
        self._calls = _Calls(session, shell)
        self._shell = shell

    @arguments_of(_Calls.get_all)
    def get_all(self, *args: Any, **kwargs: Any) -> Iterator[Enterprise]:
        """Every enterprise that matches, fetched page by page as you iterate."""
        return itertools.chain.from_iterable(page.items for page in self.get_all_pages(*args, **kwargs))

    @arguments_of(_Calls.get_all)
    def get_all_pages(self, *args: Any, **kwargs: Any) -> Iterator[Page[Enterprise]]:
        """The same as `get_all`, a `Page` (items, cursor, Mews request id) at a time; empty pages are skipped."""
        query = self._calls.get_all(*args, **kwargs)
        pages: Iterator[Page[Enterprise]] = self._shell.merge(self._calls.streams(query))
        return pages

    @arguments_of(_Calls.find)
    def find(self, name: str) -> Enterprise:
        """The one enterprise with this name."""
        query = self._calls.find(name)
        pages: Iterator[Page[Enterprise]] = self._shell.merge(self._calls.streams(query))
        return match_enterprise(name, [enterprise for page in pages for enterprise in page.items])


class AsyncEnterprises:
    """Enterprises through an `AsyncMewsClient`: the calls of `Enterprises`, as async iterators (`find` awaited)."""

    def __init__(self, session: Session, shell: AsyncShell) -> None:
        """Bound to one client's session and shell (made by the client)."""
        self._calls = _Calls(session, shell)
        self._shell = shell

    @arguments_of(_Calls.get_all)
    def get_all(self, *args: Any, **kwargs: Any) -> AsyncIterator[Enterprise]:
        """Every enterprise that matches, as an async iterator (`async for enterprise in ...`)."""
        return async_items(self.get_all_pages(*args, **kwargs))

    @arguments_of(_Calls.get_all)
    def get_all_pages(self, *args: Any, **kwargs: Any) -> AsyncIterator[Page[Enterprise]]:
        """The same as `get_all`, an async iterator of `Page` objects (items, cursor, Mews request id)."""
        query = self._calls.get_all(*args, **kwargs)
        pages: AsyncIterator[Page[Enterprise]] = self._shell.merge(self._calls.streams(query))
        return pages

    @arguments_of(_Calls.find)
    async def find(self, name: str) -> Enterprise:
        """The one enterprise with this name (awaited)."""
        query = self._calls.find(name)
        pages: AsyncIterator[Page[Enterprise]] = self._shell.merge(self._calls.streams(query))
        return match_enterprise(name, [enterprise async for page in pages for enterprise in page.items])
