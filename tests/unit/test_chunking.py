"""Chunking and window splitting: order and count kept, windows contiguous and never longer than 3 months."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mews_wrapper._chunking import add_months, chunks, split_window

UTC = dt.UTC


@given(items=st.lists(st.integers(), max_size=3500), size=st.integers(min_value=1, max_value=1000))
def test_chunks_keep_order_and_count(items: list[int], size: int) -> None:
    parts = chunks(items, size)
    assert [item for part in parts for item in part] == items
    assert all(1 <= len(part) <= size for part in parts)
    assert len(parts) == -(-len(items) // size)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (dt.datetime(2026, 1, 31, tzinfo=UTC), 1, dt.datetime(2026, 2, 28, tzinfo=UTC)),
        (dt.datetime(2024, 11, 30, 5, tzinfo=UTC), 3, dt.datetime(2025, 2, 28, 5, tzinfo=UTC)),
        (dt.datetime(2023, 11, 30, tzinfo=UTC), 3, dt.datetime(2024, 2, 29, tzinfo=UTC)),
        (dt.datetime(2026, 10, 15, tzinfo=UTC), 3, dt.datetime(2027, 1, 15, tzinfo=UTC)),
        (dt.datetime(2026, 12, 1, tzinfo=UTC), 12, dt.datetime(2027, 12, 1, tzinfo=UTC)),
    ],
)
def test_add_months_is_calendar_aware(start: dt.datetime, months: int, expected: dt.datetime) -> None:
    assert add_months(start, months) == expected


def test_a_window_of_three_months_is_not_split() -> None:
    window = (dt.datetime(2026, 1, 31, tzinfo=UTC), dt.datetime(2026, 4, 30, tzinfo=UTC))
    assert list(split_window(window)) == [window]


def test_each_window_is_three_months_from_its_own_start() -> None:
    start = dt.datetime(2026, 1, 31, tzinfo=UTC)
    windows = list(split_window((start, dt.datetime(2027, 1, 1, tzinfo=UTC))))
    assert [lower for lower, _ in windows] == [
        start,
        dt.datetime(2026, 4, 30, tzinfo=UTC),
        dt.datetime(2026, 7, 30, tzinfo=UTC),
        dt.datetime(2026, 10, 30, tzinfo=UTC),
    ]


instants = st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1), timezones=st.just(UTC))


@given(start=instants, length=st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=3000)))
def test_split_windows_cover_exactly_and_respect_the_limit(start: dt.datetime, length: dt.timedelta) -> None:
    end = start + length
    windows = list(split_window((start, end)))
    assert windows[0][0] == start
    assert windows[-1][1] == end
    for (_, upper), (next_lower, _) in itertools.pairwise(windows):
        assert upper == next_lower  # consecutive half-open windows: nothing lost, nothing counted twice
    for lower, upper in windows:
        assert lower <= upper <= add_months(lower, 3)
        assert lower < upper or len(windows) == 1
