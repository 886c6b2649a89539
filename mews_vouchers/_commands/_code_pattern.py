r"""Code patterns for `mews-vouchers generate`: what each character of a code may be, and how hard codes are to guess.

A pattern is text in which `#` is a digit, `?` a letter and `*` either, each drawn from the alphabet; `\` makes
the next character literal; anything else is itself (`SUMMER-####-????`). Without a pattern, a code is `--prefix`
and `--length` characters of the alphabet. The default alphabet leaves out the characters people confuse when they
read a code aloud or type it from paper: `0 O 1 I L`.

Codes come from the operating system's CSPRNG (`secrets`), never from `random`.
"""

from __future__ import annotations

import math
import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from mews_vouchers._shared.console import CommandError, counted
from mews_wrapper import MewsValidationError, NewVoucherCode

DEFAULT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
"""Digits and capital letters without the look-alikes 0, O, 1, I and L: 31 characters, 4.95 bits each."""
DEFAULT_LENGTH = 10
SPACE_FLOOR = 10**6
"""The documented floor: a pattern must make at least a million times as many codes as will be valid, so that one
guess finds a valid code with a chance of at most one in a million (`--allow-small-space` to go below)."""
MAX_VALUE_LENGTH = 128
_DIGIT, _LETTER, _EITHER, _ESCAPE = "#", "?", "*", "\\"


class PatternError(CommandError, ValueError):
    """A pattern, an alphabet or a length that cannot make codes (the message says why)."""


@dataclass(frozen=True)
class CodePattern:
    """The positions of a code: each a literal character or the characters it is drawn from."""

    positions: tuple[str, ...]
    drawn: tuple[bool, ...]
    text: str

    @classmethod
    def parse(
        cls, pattern: str | None, *, alphabet: str = DEFAULT_ALPHABET, length: int | None = None, prefix: str = ""
    ) -> CodePattern:
        """The pattern of `pattern` (or of `prefix` and `length` characters of `alphabet`); `PatternError`."""
        _check_alphabet(alphabet)
        if pattern is not None and length is not None:
            raise PatternError("give --pattern or --length, not both (a pattern has its own length)")
        if pattern is None:
            count = DEFAULT_LENGTH if length is None else length
            if count < 1:
                raise PatternError(f"--length must be at least 1, got {count}")
            pattern = _escaped(prefix) + _EITHER * count
        else:
            pattern = _escaped(prefix) + pattern
        digits = "".join(character for character in alphabet if character.isdigit())
        letters = "".join(character for character in alphabet if character.isalpha())
        sets = {_DIGIT: (digits, "digits"), _LETTER: (letters, "letters"), _EITHER: (alphabet, "characters")}
        positions: list[str] = []
        drawn: list[bool] = []
        escaped = False
        for character in pattern:
            if escaped or character not in (*sets, _ESCAPE):
                positions.append(character)
                drawn.append(False)
                escaped = False
            elif character == _ESCAPE:
                escaped = True
            else:
                choices, kind = sets[character]
                if not choices:
                    raise PatternError(f"{character!r} draws from the alphabet's {kind}, and {alphabet!r} has none")
                positions.append(choices)
                drawn.append(True)
        if escaped:
            raise PatternError("the pattern ends with \\: it escapes nothing")
        made = cls(tuple(positions), tuple(drawn), pattern)
        if not 1 <= made.length <= MAX_VALUE_LENGTH:
            raise PatternError(f"a code has 1 to {MAX_VALUE_LENGTH} characters, the pattern makes {made.length}")
        if not any(drawn):
            raise PatternError(f"the pattern {pattern!r} draws nothing (# a digit, ? a letter, * either)")
        made.check_importable()
        return made

    def check_importable(self) -> None:
        """`PatternError` when the pattern's literals make codes that import would refuse (controls, edge spaces)."""
        sample = "".join(
            choices[0] if drawn else choices for choices, drawn in zip(self.positions, self.drawn, strict=True)
        )
        try:
            NewVoucherCode(uuid.UUID(int=0), sample)
        except MewsValidationError as error:
            reason = str(error).replace(f"value {sample!r} ", "it ", 1)
            raise PatternError(f"the pattern {self.text!r} makes codes that import refuses: {reason}") from None

    @property
    def length(self) -> int:
        """The characters of every code."""
        return len(self.positions)

    @property
    def space(self) -> int:
        """How many different codes the pattern makes."""
        return math.prod(len(choices) for choices, drawn in zip(self.positions, self.drawn, strict=True) if drawn)

    @property
    def bits(self) -> float:
        """The entropy of one code, in bits."""
        return math.log2(self.space)

    def one(self) -> str:
        """A code, each drawn position chosen by the CSPRNG."""
        return "".join(
            secrets.choice(choices) if drawn else choices
            for choices, drawn in zip(self.positions, self.drawn, strict=True)
        )

    def matches(self, value: str) -> bool:
        """Whether `value` is a code this pattern could make."""
        return len(value) == self.length and all(
            (character in choices) if drawn else character == choices
            for character, choices, drawn in zip(value, self.positions, self.drawn, strict=True)
        )


def guessing(pattern: CodePattern, valid: int) -> str:
    """`30.1 bits per code (1.15e+09 possible codes); with 1,000 valid codes one guess finds one with a chance...`."""
    chance = pattern.space / max(valid, 1)
    return (
        f"{pattern.bits:.1f} bits per code ({pattern.space:.3g} possible codes); with {counted(valid, 'valid code')} "
        f"one guess finds one with a chance of 1 in {chance:.3g}"
    )


def check_space(pattern: CodePattern, count: int, existing: int, *, allow_small: bool) -> None:
    """`PatternError` when `count` new codes (beside `existing` active ones) would be too easy to guess, or cannot fit.

    Too easy: fewer than `SPACE_FLOOR` possible codes per valid code, unless `allow_small`. Cannot fit: the pattern
    makes fewer codes than are asked for and already there, whatever `allow_small` says.
    """
    valid = count + existing
    if pattern.space < valid:
        raise PatternError(f"the pattern makes only {pattern.space:,} different codes, and {valid:,} are needed")
    if not allow_small and pattern.space < SPACE_FLOOR * valid:
        more = math.ceil(math.log(SPACE_FLOOR * valid / pattern.space, len(DEFAULT_ALPHABET)))
        raise PatternError(
            f"codes of {pattern.text!r} would be too easy to guess: {guessing(pattern, valid)}, where the floor is 1 "
            f"in {SPACE_FLOOR:,} (a pattern of at least {SPACE_FLOOR:,} x {valid:,} codes). Make it longer (about "
            f"{more} more '*'), or pass --allow-small-space to go on"
        )


def unique_codes(pattern: CodePattern, count: int, taken: Iterable[str]) -> list[str]:
    """`count` codes of `pattern`, different from each other and from `taken` (`PatternError` when they run out)."""
    used = set(taken)
    made: dict[str, None] = {}
    attempts, limit = 0, 50 * count + 1000
    while len(made) < count:
        attempts += 1
        if attempts > limit:
            raise PatternError(f"found only {len(made):,} unused codes of {pattern.text!r} in {limit:,} draws")
        code = pattern.one()
        if code not in used and code not in made:
            made[code] = None
    return list(made)


def _check_alphabet(alphabet: str) -> None:
    if not alphabet:
        raise PatternError("the alphabet is empty")
    if len(set(alphabet)) != len(alphabet):
        raise PatternError(
            f"the alphabet {alphabet!r} repeats a character (one that appears twice is drawn twice as often)"
        )
    unfit = [character for character in alphabet if not character.isprintable() or character.isspace()]
    if unfit:
        raise PatternError(f"the alphabet holds characters a code cannot have: {unfit!r} (spaces, controls)")


def _escaped(prefix: str) -> str:
    special = (_DIGIT, _LETTER, _EITHER, _ESCAPE)
    return "".join(_ESCAPE + character if character in special else character for character in prefix)
