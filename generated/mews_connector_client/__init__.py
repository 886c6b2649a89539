"""A client library for accessing Mews Connector API — voucher codes, and the services, vouchers, rates and enterprises around them"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
