"""mews-wrapper: a typed client for voucher codes in the Mews Connector API, and the services and vouchers above them.

Example::

    from mews_wrapper import MewsClient, NewVoucherCode

    with MewsClient() as client:  # tokens from MEWS_CLIENT_TOKEN / MEWS_ACCESS_TOKEN
        voucher = client.vouchers.find("Summer sale")  # services/getAll, then vouchers/getAll
        added = client.voucher_codes.add([NewVoucherCode(voucher.id, "SUMMER-2026")])
        for code in client.voucher_codes.get_all([voucher.id]):
            print(code.value, code.is_active)
"""

import importlib
import logging
from typing import TYPE_CHECKING, Any

from mews_wrapper._log_switch import log_from_environment

if TYPE_CHECKING:
    from mews_wrapper._breaker import CircuitBreaker
    from mews_wrapper._client import AsyncMewsClient, MewsClient
    from mews_wrapper._constants import DEMO_PLATFORM_URL, PRODUCTION_PLATFORM_URL
    from mews_wrapper._exceptions import (
        AmbiguousMatchError,
        AuthenticationError,
        BadRequestError,
        BatchError,
        CircuitOpenError,
        ClientClosedError,
        ConflictError,
        ForbiddenError,
        MewsAPIError,
        MewsConnectionError,
        MewsError,
        MewsResponseError,
        MewsTimeoutError,
        MewsValidationError,
        NoMatchError,
        NotFoundError,
        PayloadTooLargeError,
        RateLimitError,
        RequestTimeoutError,
        ServerError,
        UnexpectedStatusError,
    )
    from mews_wrapper._page import Page
    from mews_wrapper._rate_limit import RateLimit
    from mews_wrapper._resources.enterprises import AsyncEnterprises, Enterprises, match_enterprise
    from mews_wrapper._resources.rates import AsyncRates, Rates, match_rate
    from mews_wrapper._resources.services import AsyncServices, Services, match_service
    from mews_wrapper._resources.voucher_codes import AsyncVoucherCodes, VoucherCodes
    from mews_wrapper._resources.vouchers import AsyncVouchers, Vouchers, match_voucher
    from mews_wrapper._types.enterprises import Enterprise
    from mews_wrapper._types.rates import Rate
    from mews_wrapper._types.services import Service
    from mews_wrapper._types.voucher_codes import NewVoucherCode, VoucherCode
    from mews_wrapper._types.voucher_writes import UNCHANGED, NewVoucher, Unchanged, VoucherUpdate
    from mews_wrapper._types.vouchers import Voucher
    from mews_wrapper._version import __version__
    from mews_wrapper._written import Written

    logging.getLogger(__name__).addHandler(logging.NullHandler())

_PUBLIC = {
    "AmbiguousMatchError": "mews_wrapper._exceptions",
    "AsyncEnterprises": "mews_wrapper._resources.enterprises",
    "AsyncMewsClient": "mews_wrapper._client",
    "AsyncRates": "mews_wrapper._resources.rates",
    "AsyncServices": "mews_wrapper._resources.services",
    "AsyncVoucherCodes": "mews_wrapper._resources.voucher_codes",
    "AsyncVouchers": "mews_wrapper._resources.vouchers",
    "AuthenticationError": "mews_wrapper._exceptions",
    "BadRequestError": "mews_wrapper._exceptions",
    "BatchError": "mews_wrapper._exceptions",
    "CircuitBreaker": "mews_wrapper._breaker",
    "CircuitOpenError": "mews_wrapper._exceptions",
    "ClientClosedError": "mews_wrapper._exceptions",
    "ConflictError": "mews_wrapper._exceptions",
    "DEMO_PLATFORM_URL": "mews_wrapper._constants",
    "Enterprise": "mews_wrapper._types.enterprises",
    "Enterprises": "mews_wrapper._resources.enterprises",
    "ForbiddenError": "mews_wrapper._exceptions",
    "MewsAPIError": "mews_wrapper._exceptions",
    "MewsClient": "mews_wrapper._client",
    "MewsConnectionError": "mews_wrapper._exceptions",
    "MewsError": "mews_wrapper._exceptions",
    "MewsResponseError": "mews_wrapper._exceptions",
    "MewsTimeoutError": "mews_wrapper._exceptions",
    "MewsValidationError": "mews_wrapper._exceptions",
    "NewVoucher": "mews_wrapper._types.voucher_writes",
    "NewVoucherCode": "mews_wrapper._types.voucher_codes",
    "NoMatchError": "mews_wrapper._exceptions",
    "NotFoundError": "mews_wrapper._exceptions",
    "PRODUCTION_PLATFORM_URL": "mews_wrapper._constants",
    "Page": "mews_wrapper._page",
    "PayloadTooLargeError": "mews_wrapper._exceptions",
    "Rate": "mews_wrapper._types.rates",
    "RateLimit": "mews_wrapper._rate_limit",
    "RateLimitError": "mews_wrapper._exceptions",
    "Rates": "mews_wrapper._resources.rates",
    "RequestTimeoutError": "mews_wrapper._exceptions",
    "ServerError": "mews_wrapper._exceptions",
    "Service": "mews_wrapper._types.services",
    "Services": "mews_wrapper._resources.services",
    "UNCHANGED": "mews_wrapper._types.voucher_writes",
    "Unchanged": "mews_wrapper._types.voucher_writes",
    "UnexpectedStatusError": "mews_wrapper._exceptions",
    "Voucher": "mews_wrapper._types.vouchers",
    "VoucherCode": "mews_wrapper._types.voucher_codes",
    "VoucherCodes": "mews_wrapper._resources.voucher_codes",
    "VoucherUpdate": "mews_wrapper._types.voucher_writes",
    "Vouchers": "mews_wrapper._resources.vouchers",
    "Written": "mews_wrapper._written",
    "__version__": "mews_wrapper._version",
    "match_enterprise": "mews_wrapper._resources.enterprises",
    "match_rate": "mews_wrapper._resources.rates",
    "match_service": "mews_wrapper._resources.services",
    "match_voucher": "mews_wrapper._resources.vouchers",
}
"""Each public name and the module it lives in: imported on first use (PEP 562), so that `import mews_wrapper`
loads nothing that the first call does not need, and a name that is never used costs nothing."""

logging.getLogger(__name__).addHandler(logging.NullHandler())
log_from_environment()

__all__ = [
    "DEMO_PLATFORM_URL",
    "PRODUCTION_PLATFORM_URL",
    "UNCHANGED",
    "AmbiguousMatchError",
    "AsyncEnterprises",
    "AsyncMewsClient",
    "AsyncRates",
    "AsyncServices",
    "AsyncVoucherCodes",
    "AsyncVouchers",
    "AuthenticationError",
    "BadRequestError",
    "BatchError",
    "CircuitBreaker",
    "CircuitOpenError",
    "ClientClosedError",
    "ConflictError",
    "Enterprise",
    "Enterprises",
    "ForbiddenError",
    "MewsAPIError",
    "MewsClient",
    "MewsConnectionError",
    "MewsError",
    "MewsResponseError",
    "MewsTimeoutError",
    "MewsValidationError",
    "NewVoucher",
    "NewVoucherCode",
    "NoMatchError",
    "NotFoundError",
    "Page",
    "PayloadTooLargeError",
    "Rate",
    "RateLimit",
    "RateLimitError",
    "Rates",
    "RequestTimeoutError",
    "ServerError",
    "Service",
    "Services",
    "Unchanged",
    "UnexpectedStatusError",
    "Voucher",
    "VoucherCode",
    "VoucherCodes",
    "VoucherUpdate",
    "Vouchers",
    "Written",
    "__version__",
    "match_enterprise",
    "match_rate",
    "match_service",
    "match_voucher",
]


def __getattr__(name: str) -> Any:
    """A public name, imported on first use."""
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names (`__all__`)."""
    return sorted(__all__)
