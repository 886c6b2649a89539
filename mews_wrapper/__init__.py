"""mews-wrapper: a typed client for the voucher-code operations of the Mews Connector API.

```python
from mews_wrapper import MewsClient, NewVoucherCode

with MewsClient() as client:  # tokens from MEWS_CLIENT_TOKEN / MEWS_ACCESS_TOKEN
    added = client.voucher_codes.add([NewVoucherCode(voucher_id, "SUMMER-2026")])
    for code in client.voucher_codes.get_all([voucher_id]):
        print(code.value, code.is_active)
```
"""

import logging

from mews_wrapper._client import AsyncMewsClient, MewsClient
from mews_wrapper._constants import DEMO_PLATFORM_URL, PRODUCTION_PLATFORM_URL
from mews_wrapper._exceptions import (
    AuthenticationError,
    BadRequestError,
    BatchError,
    ClientClosedError,
    ConflictError,
    ForbiddenError,
    MewsAPIError,
    MewsConnectionError,
    MewsError,
    MewsResponseError,
    MewsTimeoutError,
    MewsValidationError,
    NotFoundError,
    PayloadTooLargeError,
    RateLimitError,
    RequestTimeoutError,
    ServerError,
    UnexpectedStatusError,
)
from mews_wrapper._page import Page
from mews_wrapper._rate_limit import RateLimit
from mews_wrapper._resources.voucher_codes import AsyncVoucherCodes, VoucherCodes
from mews_wrapper._types.voucher_codes import NewVoucherCode, VoucherCode
from mews_wrapper._version import __version__

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "DEMO_PLATFORM_URL",
    "PRODUCTION_PLATFORM_URL",
    "AsyncMewsClient",
    "AsyncVoucherCodes",
    "AuthenticationError",
    "BadRequestError",
    "BatchError",
    "ClientClosedError",
    "ConflictError",
    "ForbiddenError",
    "MewsAPIError",
    "MewsClient",
    "MewsConnectionError",
    "MewsError",
    "MewsResponseError",
    "MewsTimeoutError",
    "MewsValidationError",
    "NewVoucherCode",
    "NotFoundError",
    "Page",
    "PayloadTooLargeError",
    "RateLimit",
    "RateLimitError",
    "RequestTimeoutError",
    "ServerError",
    "UnexpectedStatusError",
    "VoucherCode",
    "VoucherCodes",
    "__version__",
]
