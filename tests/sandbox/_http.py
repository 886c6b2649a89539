"""Raw requests to a sandbox, with the documented demo tokens."""

from __future__ import annotations

from typing import Any

import httpx

from mews_sandbox import DEMO_ACCESS_TOKEN, DEMO_CLIENT_TOKEN, PORTFOLIO_ACCESS_TOKEN, VOUCHER_A

PATH = "/api/connector/v1/voucherCodes/"
_CLIENT = httpx.Client(timeout=10)  # keep-alive across calls: a new connection per request is the slow part


def body(*, portfolio: bool = False, **fields: Any) -> dict[str, Any]:
    """A request body with credentials and the given fields."""
    access = PORTFOLIO_ACCESS_TOKEN if portfolio else DEMO_ACCESS_TOKEN
    return {"ClientToken": DEMO_CLIENT_TOKEN, "AccessToken": access, "Client": "tests 1.0", **fields}


def post(url: str, operation: str, payload: Any, **kwargs: Any) -> httpx.Response:
    """POST a JSON body to one operation."""
    return _CLIENT.post(url + PATH + operation, json=payload, **kwargs)


def add_codes(url: str, values: list[str], voucher: str = VOUCHER_A, **fields: Any) -> list[dict[str, Any]]:
    """Add codes and return them as the sandbox wrote them."""
    params = [{"VoucherId": voucher, "Value": value} for value in values]
    response = post(url, "add", body(VoucherCodeParameters=params, **fields))
    assert response.status_code == 200, response.text
    codes: list[dict[str, Any]] = response.json()["VoucherCodes"]
    return codes


def get_all(
    url: str, count: int = 1000, cursor: str | None = None, headers: dict[str, str] | None = None, **fields: Any
) -> httpx.Response:
    """One getAll page."""
    fields.setdefault("VoucherIds", [VOUCHER_A])
    return post(url, "getAll", body(Limitation={"Count": count, "Cursor": cursor}, **fields), headers=headers)
