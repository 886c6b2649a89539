"""What a user sees of the API: `help()` and mypy show real signatures and return types, never a type variable."""

from __future__ import annotations

import inspect
import pydoc
import re
import textwrap
from pathlib import Path

import pytest
from mypy import api as mypy_api

from mews_wrapper import (
    AsyncMewsClient,
    AsyncServices,
    AsyncVoucherCodes,
    AsyncVouchers,
    MewsClient,
    NewVoucherCode,
    Service,
    Services,
    Voucher,
    VoucherCodes,
    Vouchers,
)

ROOT = Path(__file__).resolve().parents[2]
TYPE_VARIABLE = re.compile(r"\b_[A-Za-z]*T\b|~_")


PUBLIC = [MewsClient, AsyncMewsClient, VoucherCodes, AsyncVoucherCodes, NewVoucherCode]
PUBLIC += [Services, AsyncServices, Vouchers, AsyncVouchers, Service, Voucher]
CALLS = {
    VoucherCodes: ("add", "delete", "get_all", "get_all_pages"),
    AsyncVoucherCodes: ("add", "delete", "get_all", "get_all_pages"),
    Services: ("get_all", "get_all_pages"),
    AsyncServices: ("get_all", "get_all_pages"),
    Vouchers: ("find", "get_all", "get_all_pages"),
    AsyncVouchers: ("find", "get_all", "get_all_pages"),
}


@pytest.mark.parametrize("public", PUBLIC)
def test_help_shows_no_type_variable(public: type) -> None:
    text = pydoc.render_doc(public, renderer=pydoc.plaintext)
    assert not TYPE_VARIABLE.findall(text)


@pytest.mark.parametrize("public", list(CALLS))
def test_help_shows_every_call_as_the_class_own_with_its_docstring(public: type) -> None:
    """Not "inherited from" a private base: `help()` lists each call where the class defines it, documented."""
    text = pydoc.render_doc(public, renderer=pydoc.plaintext)
    own = text.split("Methods defined here:", 1)[1].split("Data descriptors defined here:", 1)[0]
    assert "inherited from" not in own
    for name in CALLS[public]:
        shown = re.search(rf"^ \|  (async )?{name}\(self, .*\n \|      (\S.*)$", own, re.MULTILINE)
        assert shown is not None, name
        assert len(shown.group(2)) > 20, name  # the first line of its docstring


def test_help_shows_each_class_its_own_types() -> None:
    assert str(inspect.signature(VoucherCodes.add)).endswith("-> 'Written[VoucherCode]'")  # a list, with request ids
    assert str(inspect.signature(AsyncVoucherCodes.add)).endswith("-> 'Written[VoucherCode]'")
    assert inspect.iscoroutinefunction(AsyncVoucherCodes.add)
    assert str(inspect.signature(VoucherCodes.get_all)).endswith("-> 'Iterator[VoucherCode]'")
    assert str(inspect.signature(AsyncVoucherCodes.get_all)).endswith("-> 'AsyncIterator[VoucherCode]'")
    assert "page_size: 'int' = 1000" in str(inspect.signature(VoucherCodes.get_all_pages))
    assert "http_client: 'httpx.Client | None'" in str(inspect.signature(MewsClient))
    assert "http_client: 'httpx.AsyncClient | None'" in str(inspect.signature(AsyncMewsClient))
    assert "`voucher_code_ids`" in (VoucherCodes.get_all.__doc__ or "")  # every argument is documented
    assert str(inspect.signature(Vouchers.get_all)).endswith("-> 'Iterator[Voucher]'")
    assert str(inspect.signature(AsyncVouchers.find)).endswith("-> 'Voucher'")
    assert inspect.iscoroutinefunction(AsyncVouchers.find)
    assert str(inspect.signature(AsyncServices.get_all)).endswith("-> 'AsyncIterator[Service]'")
    assert "with_rates: 'bool' = False" in str(inspect.signature(Vouchers.get_all_pages))
    assert "`code_values`" in (Vouchers.get_all.__doc__ or "")


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
    assert "-> mews_wrapper._written.Written[mews_wrapper._types.voucher_codes.VoucherCode]" in out
    assert "-> typing.Iterator[mews_wrapper._types.voucher_codes.VoucherCode]" in out
    assert "-> typing.AsyncIterator[mews_wrapper._page.Page[mews_wrapper._types.voucher_codes.VoucherCode]]" in out
    assert 'Unexpected keyword argument "enterprise" for "add" of "VoucherCodes"' in out
    assert 'Argument 1 to "NewVoucherCode" has incompatible type "int"; expected "str | UUID"' in out
    assert not TYPE_VARIABLE.findall(out)
