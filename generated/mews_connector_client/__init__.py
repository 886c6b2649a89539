"""A client library for accessing Mews Connector API — voucher codes"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
