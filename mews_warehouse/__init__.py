"""Voucher data in a warehouse: a dlt source over `mews_wrapper` (the `dlt` extra), DuckDB by default.

Example::

    import dlt
    from mews_warehouse import mews_source

    pipeline = dlt.pipeline("mews_vouchers", destination="duckdb", dataset_name="mews")
    info = pipeline.run(mews_source())  # tokens from MEWS_CLIENT_TOKEN / MEWS_ACCESS_TOKEN
    print(info)

Tables: `enterprises`, `services`, `rates`, `vouchers` (with `vouchers__rate_ids`) and `voucher_codes`, merged on
`id`, incremental on `updated_utc`; every row names its property (`enterprise_id`, `enterprise_name`).
"""

from mews_warehouse._load import LoadReport, load
from mews_warehouse._rows import COLUMNS, TABLES
from mews_warehouse._source import DEFAULT_OVERLAP, RequestTally, mews_source, token_key

__all__ = ["COLUMNS", "DEFAULT_OVERLAP", "TABLES", "LoadReport", "RequestTally", "load", "mews_source", "token_key"]
