"""A client library for accessing Mews Connector API — voucher codes, and the services and vouchers that lead to them"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
