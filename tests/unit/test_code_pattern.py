"""Code patterns: what each position draws from, how large the space is, and which patterns are refused."""

from __future__ import annotations

import ast
import math
import re
import uuid
from pathlib import Path

import pytest

from mews_vouchers._commands._code_pattern import (
    DEFAULT_ALPHABET,
    SPACE_FLOOR,
    CodePattern,
    PatternError,
    check_space,
    guessing,
    unique_codes,
)
from mews_vouchers._commands.sync import MaxDelete
from mews_wrapper import AmbiguousMatchError, NoMatchError, Voucher, match_voucher

PACKAGE = Path(__file__).parents[2] / "mews_vouchers"


def test_the_default_alphabet_has_no_look_alikes() -> None:
    assert not set("0O1IL") & set(DEFAULT_ALPHABET)
    assert len(DEFAULT_ALPHABET) == len(set(DEFAULT_ALPHABET)) == 31


def test_a_pattern_draws_digits_letters_or_either_and_keeps_the_rest() -> None:
    pattern = CodePattern.parse(r"SUMMER-##-??-*\#")
    assert pattern.length == len("SUMMER-##-??-*#")
    assert pattern.space == 8 * 8 * 23 * 23 * 31
    assert math.isclose(pattern.bits, math.log2(pattern.space))
    for _ in range(200):
        code = pattern.one()
        assert re.fullmatch(r"SUMMER-[2-9]{2}-[A-HJKMNP-Z]{2}-[2-9A-HJKMNP-Z]#", code), code
        assert pattern.matches(code)
    assert not pattern.matches("SUMMER-01-AB-C#")


def test_prefix_and_length_make_a_pattern_and_the_prefix_is_literal() -> None:
    pattern = CodePattern.parse(None, prefix="#1-", length=4, alphabet="AB")
    assert pattern.length == 7
    assert pattern.space == 16
    assert all(code.startswith("#1-") and set(code[3:]) <= {"A", "B"} for code in (pattern.one() for _ in range(50)))
    assert CodePattern.parse(None).length == 10  # the default: ten characters of the default alphabet


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        ({"pattern": "CODE"}, "draws nothing"),
        ({"pattern": "##", "alphabet": "ABC"}, "draws from the alphabet's digits, and 'ABC' has none"),
        ({"pattern": "A\\"}, "ends with \\"),
        ({"pattern": "*" * 129}, "a code has 1 to 128 characters, the pattern makes 129"),
        ({"pattern": "*", "length": 4}, "give --pattern or --length, not both"),
        ({"pattern": None, "length": 0}, "--length must be at least 1"),
        ({"pattern": "*", "alphabet": "AAB"}, "repeats a character"),
        ({"pattern": "*", "alphabet": "A B"}, "characters a code cannot have"),
        ({"pattern": "*", "alphabet": ""}, "the alphabet is empty"),
    ],
)
def test_patterns_that_cannot_make_codes_are_refused(arguments: dict[str, object], words: str) -> None:
    pattern = arguments.pop("pattern")
    with pytest.raises(PatternError, match=re.escape(words)):
        CodePattern.parse(pattern, **arguments)  # type: ignore[arg-type]


def test_the_space_must_hold_a_million_times_the_valid_codes() -> None:
    pattern = CodePattern.parse("*****")  # 31^5 = 28,629,151
    check_space(pattern, 28, 0, allow_small=False)  # 28 valid: just over a million each
    with pytest.raises(PatternError, match=r"too easy to guess: 24\.8 bits per code .* chance of 1 in 9\.54e\+05"):
        check_space(pattern, 20, 10, allow_small=False)
    check_space(pattern, 20, 10, allow_small=True)
    with pytest.raises(PatternError, match="makes only 28,629,151 different codes"):
        check_space(pattern, 28_629_152, 0, allow_small=True)
    assert SPACE_FLOOR == 10**6
    assert guessing(pattern, 1) == (
        "24.8 bits per code (2.86e+07 possible codes); with 1 valid code one guess finds one with a chance of 1 in "
        "2.86e+07"
    )


def test_unique_codes_avoid_each_other_and_the_taken_ones_and_say_when_they_run_out() -> None:
    pattern = CodePattern.parse("##", alphabet="23")  # four codes: 22, 23, 32, 33
    assert sorted(unique_codes(pattern, 3, ["22"])) == ["23", "32", "33"]
    with pytest.raises(PatternError, match="found only 3 unused codes"):
        unique_codes(pattern, 4, ["22"])


def test_codes_come_from_secrets_never_from_random() -> None:
    tree = ast.parse((PACKAGE / "_commands" / "_code_pattern.py").read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    assert "secrets" in imported
    assert "random" not in imported


@pytest.mark.parametrize(
    ("text", "active", "limit"),
    [(None, 50, 100), (None, 5000, 500), ("250", 10, 250), ("25%", 1000, 250), ("0", 10, 0), ("100%", 7, 7)],
)
def test_max_delete_is_a_number_a_percentage_or_ten_percent_or_a_hundred(
    text: str | None, active: int, limit: int
) -> None:
    assert (MaxDelete() if text is None else MaxDelete.parse(text)).limit(active) == limit


@pytest.mark.parametrize("text", ["-1", "101%", "ten", "nan%", ""])
def test_a_max_delete_that_is_not_a_number_or_percentage_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="is not a number of codes"):
        MaxDelete.parse(text)


def test_match_voucher_is_the_rule_of_find_over_vouchers_read_once() -> None:
    def voucher(name: str, number: int) -> Voucher:
        fields = dict.fromkeys(
            ("enterprise_id", "company_id", "travel_agency_id", "external_identifier", "created_utc", "updated_utc")
        ) | dict.fromkeys(("occupiable_interval_start_utc", "occupiable_interval_end_utc"))
        return Voucher(
            id=uuid.UUID(int=number), service_id=uuid.UUID(int=99), name=name, type="Public", is_active=True, **fields
        )

    read = [voucher("Summer sale", 1), voucher("summer sale ", 2), voucher("Early bird", 3)]
    assert match_voucher("Summer sale", read).id == uuid.UUID(int=1)  # exactly wins over a case-and-space match
    assert match_voucher("EARLY BIRD", read).id == uuid.UUID(int=3)
    with pytest.raises(AmbiguousMatchError) as several:
        match_voucher("SUMMER SALE", read)
    assert [match.id for match in several.value.matches] == [uuid.UUID(int=1), uuid.UUID(int=2)]
    with pytest.raises(NoMatchError, match="did you mean 'Early bird'"):
        match_voucher("Early brid", read)
