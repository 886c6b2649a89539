"""mews-wrapper quick start: add voucher codes, page through them, filter by update time, delete, handle an error.

`make demo` runs this against a local sandbox. Against the real Mews demo environment:

    MEWS_PLATFORM_URL=https://api.mews-demo.com MEWS_CLIENT_TOKEN=... MEWS_ACCESS_TOKEN=... \\
        MEWS_VOUCHER_ID=<a voucher of that enterprise> .venv/bin/python examples/quickstart.py
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Sequence

from mews_wrapper import MewsAPIError, MewsClient, NewVoucherCode, VoucherCode

VOUCHER_ID = os.environ.get("MEWS_VOUCHER_ID", "fe568bbd-1ecb-4bb2-bf77-96c3698de20d")


def table(title: str, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Print rows under headers, columns as wide as their widest cell."""
    cells = [[str(cell) for cell in row] for row in rows]
    widths = [max(len(header), *(len(row[i]) for row in cells)) for i, header in enumerate(headers)]
    print(f"\n{title}")
    print("  ".join(header.ljust(width) for header, width in zip(headers, widths, strict=True)))
    print("  ".join("-" * width for width in widths))
    for row in cells:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))


def when(value: dt.datetime | None) -> str:
    return "-" if value is None else value.strftime("%Y-%m-%d %H:%M:%S")


def code_rows(codes: Sequence[VoucherCode]) -> list[list[object]]:
    return [[code.value, str(code.id)[:8], "yes" if code.is_active else "no", when(code.updated_utc)] for code in codes]


def main() -> None:
    run = dt.datetime.now(dt.UTC).strftime("%H%M%S")
    with MewsClient() as client:
        print(f"mews-wrapper quick start against {client.platform_url}")

        early = client.voucher_codes.add([NewVoucherCode(VOUCHER_ID, f"DEMO-{run}-{n}") for n in range(3)])
        later = client.voucher_codes.add([NewVoucherCode(VOUCHER_ID, f"DEMO-{run}-{n}") for n in range(3, 5)])
        added = early + later
        table("1. added 5 codes in two calls", ["value", "id", "active", "updated"], code_rows(added))

        ours = [code.id for code in added]
        pages = list(client.voucher_codes.get_all_pages([VOUCHER_ID], voucher_code_ids=ours, page_size=2))
        rows = [
            [number, len(page), ", ".join(str(code.value) for code in page.items), str(page.cursor)[:8]]
            for number, page in enumerate(pages, 1)
        ]
        table("2. paged through them, 2 per page (newest first)", ["page", "items", "values", "cursor"], rows)

        second_call = min(code.updated_utc for code in later if code.updated_utc is not None)
        window = (second_call, second_call + dt.timedelta(days=1))
        recent = list(client.voucher_codes.get_all([VOUCHER_ID], voucher_code_ids=ours, updated_utc=window))
        table(
            f"3. filtered: updated in [{when(window[0])}, {when(window[1])})",
            ["value", "id", "active", "updated"],
            code_rows(recent),
        )

        client.voucher_codes.delete(ours[:2])
        after = list(client.voucher_codes.get_all([VOUCHER_ID], voucher_code_ids=ours))
        table("4. deleted two: Mews keeps them, inactive", ["value", "id", "active", "updated"], code_rows(after))

        try:
            list(client.voucher_codes.get_all([uuid.uuid4()]))  # a voucher that does not exist
        except MewsAPIError as error:
            table(
                "5. an error, as Mews reports it",
                ["class", "status", "request id", "message"],
                [[type(error).__name__, error.status_code, error.request_id, error.message[:60]]],
            )

        client.voucher_codes.delete(ours[2:])
        print(f"\ncleaned up: deleted the other {len(ours) - 2} codes. Done.")


if __name__ == "__main__":
    main()
