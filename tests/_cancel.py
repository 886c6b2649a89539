"""An async add cut off by a deadline, and the cancellation that stopped it (which carries the accounting)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import pytest

from mews_wrapper import AsyncMewsClient, NewVoucherCode


async def add_cancelled_by_deadline(
    client: AsyncMewsClient, batch: Sequence[NewVoucherCode], seconds: float
) -> BaseException:
    """Run `add(batch)` under `asyncio.wait_for(..., seconds)`; the one `CancelledError` the add raised."""
    caught: list[BaseException] = []

    async def add() -> None:
        try:
            await client.voucher_codes.add(batch)
        except asyncio.CancelledError as cancelled:
            caught.append(cancelled)
            raise

    with pytest.raises(TimeoutError):
        await asyncio.wait_for(add(), seconds)
    (cancelled,) = caught
    return cancelled
