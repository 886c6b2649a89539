"""What a user sees of the API: `help()` and mypy show real signatures and return types, never a type variable."""

from __future__ import annotations

import inspect
import pydoc
import re
import textwrap
from pathlib import Path

import pytest
from mypy import api as mypy_api

from mews_wrapper import AsyncMewsClient, AsyncVoucherCodes, MewsClient, NewVoucherCode, VoucherCodes

ROOT = Path(__file__).resolve().parents[2]
TYPE_VARIABLE = re.compile(r"\b_[A-Za-z]*T\b|~_")


@pytest.mark.parametrize("public", [MewsClient, AsyncMewsClient, VoucherCodes, AsyncVoucherCodes, NewVoucherCode])
def test_help_shows_no_type_variable(public: type) -> None:
    text = pydoc.render_doc(public, renderer=pydoc.plaintext)
    assert not TYPE_VARIABLE.findall(text)
    assert "_VoucherCodesBase" not in text


def test_help_shows_each_class_its_own_types() -> None:
    assert str(inspect.signature(VoucherCodes.add)).endswith("-> 'list[VoucherCode]'")
    assert str(inspect.signature(AsyncVoucherCodes.add)).endswith("-> 'list[VoucherCode]'")
    assert inspect.iscoroutinefunction(AsyncVoucherCodes.add)
    assert str(inspect.signature(VoucherCodes.get_all)).endswith("-> 'Iterator[VoucherCode]'")
    assert str(inspect.signature(AsyncVoucherCodes.get_all)).endswith("-> 'AsyncIterator[VoucherCode]'")
    assert "page_size: 'int' = 1000" in str(inspect.signature(VoucherCodes.get_all_pages))
    assert "http_client: 'httpx.Client | None'" in str(inspect.signature(MewsClient))
    assert "http_client: 'httpx.AsyncClient | None'" in str(inspect.signature(AsyncMewsClient))
    assert "`voucher_code_ids`" in (VoucherCodes.get_all.__doc__ or "")  # every argument is documented


def test_mypy_names_the_public_classes_and_their_types(tmp_path: Path) -> None:
    user_code = tmp_path / "user.py"
    user_code.write_text(
        textwrap.dedent(
            """
            from mews_wrapper import AsyncMewsClient, MewsClient, NewVoucherCode

            client = MewsClient()
            reveal_type(client.voucher_codes.add)
            reveal_type(client.voucher_codes.get_all)
            reveal_type(AsyncMewsClient().voucher_codes.get_all_pages)
            client.voucher_codes.add([NewVoucherCode("v", "x")], enterprise=1)
            NewVoucherCode(1, 2)
            """
        ),
        encoding="utf-8",
    )
    out, _, _ = mypy_api.run(
        ["--strict", "--cache-dir", str(ROOT / ".mypy_cache"), "--no-error-summary", str(user_code)]
    )
    assert "-> list[mews_wrapper._models.VoucherCode]" in out
    assert "-> typing.Iterator[mews_wrapper._models.VoucherCode]" in out
    assert "-> typing.AsyncIterator[mews_wrapper._models.Page[mews_wrapper._models.VoucherCode]]" in out
    assert 'Unexpected keyword argument "enterprise" for "add" of "VoucherCodes"' in out
    assert 'Argument 1 to "NewVoucherCode" has incompatible type "int"; expected "str | UUID"' in out
    assert "_VoucherCodesBase" not in out
    assert not TYPE_VARIABLE.findall(out)
