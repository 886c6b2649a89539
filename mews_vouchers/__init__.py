"""mews-vouchers: everyday voucher jobs from a terminal (vouchers, list, export, import, generate, sync, warehouse...).

Installed with the `cli` extra (`pip install 'mews-wrapper[cli]'`) as the `mews-vouchers` command; `--help` on it
and on each subcommand says what it does. It is built on the public `mews_wrapper` API only.
"""

from mews_vouchers._main import main

__all__ = ["main"]
