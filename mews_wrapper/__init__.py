"""mews-wrapper: a typed client for voucher codes in the Mews Connector API, and the services and vouchers above them.

Example::

    from mews_wrapper import MewsClient, NewVoucherCode

    with MewsClient() as client:  # tokens from MEWS_CLIENT_TOKEN / MEWS_ACCESS_TOKEN
        voucher = client.vouchers.find("Summer sale")  # services/getAll, then vouchers/getAll
        added = client.voucher_codes.add([NewVoucherCode(voucher.id, "SUMMER-2026")])
        for code in client.voucher_codes.get_all([voucher.id]):
            print(code.value, code.is_active)
"""

import logging

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
from mews_wrapper._log_switch import log_from_environment
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

for _name in __all__:  # `mews_wrapper.RateLimitError`, not `mews_wrapper._exceptions.RateLimitError`, in reprs
    _public = globals()[_name]
    if isinstance(_public, type) and issubclass(_public, Exception):
        _public.__module__ = __name__
del _name, _public
