from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.connector_api_exception_result import ConnectorApiExceptionResult
from ...models.multiple_voucher_update_parameters import MultipleVoucherUpdateParameters
from ...models.voucher_write_result import VoucherWriteResult
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: MultipleVoucherUpdateParameters,
    prefer: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(prefer, Unset):
        headers["Prefer"] = prefer

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/connector/v1/vouchers/update",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ConnectorApiExceptionResult | VoucherWriteResult | None:
    if response.status_code == 200:
        response_200 = VoucherWriteResult.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ConnectorApiExceptionResult.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ConnectorApiExceptionResult.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ConnectorApiExceptionResult.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ConnectorApiExceptionResult.from_dict(response.json())

        return response_404

    if response.status_code == 408:
        response_408 = ConnectorApiExceptionResult.from_dict(response.json())

        return response_408

    if response.status_code == 409:
        response_409 = ConnectorApiExceptionResult.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = ConnectorApiExceptionResult.from_dict(response.json())

        return response_413

    if response.status_code == 429:
        response_429 = ConnectorApiExceptionResult.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ConnectorApiExceptionResult.from_dict(response.json())

        return response_500

    if response.status_code == 502:
        response_502 = ConnectorApiExceptionResult.from_dict(response.json())

        return response_502

    if response.status_code == 503:
        response_503 = ConnectorApiExceptionResult.from_dict(response.json())

        return response_503

    if response.status_code == 504:
        response_504 = ConnectorApiExceptionResult.from_dict(response.json())

        return response_504

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ConnectorApiExceptionResult | VoucherWriteResult]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: MultipleVoucherUpdateParameters,
    prefer: str | Unset = UNSET,
) -> Response[ConnectorApiExceptionResult | VoucherWriteResult]:
    """Update vouchers

     Changes vouchers. Each field to change comes in a wrapper object `{"Value": ...}`: a wrapper left
    out (or null) leaves the field as it is, a wrapper whose `Value` is null clears a field that may be
    empty. `AssignedRateIds.Value` replaces the whole set of rates the voucher unlocks. Supports
    Portfolio Access Tokens. The answer lists the vouchers in the order sent.

    Args:
        prefer (str | Unset):
        body (MultipleVoucherUpdateParameters):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConnectorApiExceptionResult | VoucherWriteResult]
    """

    kwargs = _get_kwargs(
        body=body,
        prefer=prefer,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: MultipleVoucherUpdateParameters,
    prefer: str | Unset = UNSET,
) -> ConnectorApiExceptionResult | VoucherWriteResult | None:
    """Update vouchers

     Changes vouchers. Each field to change comes in a wrapper object `{"Value": ...}`: a wrapper left
    out (or null) leaves the field as it is, a wrapper whose `Value` is null clears a field that may be
    empty. `AssignedRateIds.Value` replaces the whole set of rates the voucher unlocks. Supports
    Portfolio Access Tokens. The answer lists the vouchers in the order sent.

    Args:
        prefer (str | Unset):
        body (MultipleVoucherUpdateParameters):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConnectorApiExceptionResult | VoucherWriteResult
    """

    return sync_detailed(
        client=client,
        body=body,
        prefer=prefer,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: MultipleVoucherUpdateParameters,
    prefer: str | Unset = UNSET,
) -> Response[ConnectorApiExceptionResult | VoucherWriteResult]:
    """Update vouchers

     Changes vouchers. Each field to change comes in a wrapper object `{"Value": ...}`: a wrapper left
    out (or null) leaves the field as it is, a wrapper whose `Value` is null clears a field that may be
    empty. `AssignedRateIds.Value` replaces the whole set of rates the voucher unlocks. Supports
    Portfolio Access Tokens. The answer lists the vouchers in the order sent.

    Args:
        prefer (str | Unset):
        body (MultipleVoucherUpdateParameters):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConnectorApiExceptionResult | VoucherWriteResult]
    """

    kwargs = _get_kwargs(
        body=body,
        prefer=prefer,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: MultipleVoucherUpdateParameters,
    prefer: str | Unset = UNSET,
) -> ConnectorApiExceptionResult | VoucherWriteResult | None:
    """Update vouchers

     Changes vouchers. Each field to change comes in a wrapper object `{"Value": ...}`: a wrapper left
    out (or null) leaves the field as it is, a wrapper whose `Value` is null clears a field that may be
    empty. `AssignedRateIds.Value` replaces the whole set of rates the voucher unlocks. Supports
    Portfolio Access Tokens. The answer lists the vouchers in the order sent.

    Args:
        prefer (str | Unset):
        body (MultipleVoucherUpdateParameters):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConnectorApiExceptionResult | VoucherWriteResult
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            prefer=prefer,
        )
    ).parsed
