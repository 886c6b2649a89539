"""mews_sandbox: a Mews-compatible local server for the voucher-code operations."""
