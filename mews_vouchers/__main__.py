"""`python -m mews_vouchers`: the same as the `mews-vouchers` command."""

import sys

from mews_vouchers._main import main

sys.exit(main())
