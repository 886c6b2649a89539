"""mews-wrapper: a typed client for the voucher-code operations of the Mews Connector API."""
