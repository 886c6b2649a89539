"""Keeping tokens out of everything a user sees: masked values, a scrubber for echoed text, token-free copies.

The tokens travel only in request bodies. Whatever reaches a message, a log line or an exception (a server's error
text, a request id, a header, a quoted value) goes through `Scrubber`, which redacts any piece of 16 characters of
a token, in any letter case; the httpx objects an exception keeps are copies without the request body.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import attrs
import httpx

REDACTED = "[redacted]"
PIECE_LENGTH = 16
"""The shortest run of a token's characters that counts as the token (the whole token when it is shorter)."""

_REDACTED_HOST = "redacted.invalid"

# Headers that describe the original bytes on the wire: a copy's body is decoded text, re-encoded.
_WIRE_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding"})


@attrs.frozen(repr=False)
class Secret:
    """A token that never shows itself in a repr, a str or a log line; `reveal()` gives the value."""

    _value: str

    def reveal(self) -> str:
        """The token itself: only for the request body."""
        return self._value

    def __repr__(self) -> str:
        """Always masked."""
        return "Secret('********')"

    __str__ = __repr__


class Scrubber:
    """Redacts tokens from text: any piece of `PIECE_LENGTH` characters of one, in any letter case."""

    def __init__(self, secrets: Iterable[str]) -> None:
        """Prepare one pattern that finds every piece of every secret (overlapping matches included)."""
        pieces: set[str] = set()
        for secret in secrets:
            if len(secret) <= PIECE_LENGTH:
                pieces.add(secret)
            else:
                pieces.update(secret[i : i + PIECE_LENGTH] for i in range(len(secret) - PIECE_LENGTH + 1))
        alternatives = "|".join(re.escape(piece) for piece in sorted(pieces, key=len, reverse=True) if piece)
        # A lookahead finds a match at every position, so overlapping pieces join into one redacted span.
        self._pattern = re.compile(f"(?=({alternatives}))", re.IGNORECASE | re.DOTALL) if alternatives else None
        # The pattern tries every piece at every position (about 36 us for a request id); for ASCII, a look-up of
        # each position's lowercased slice tells first whether there is anything to find. Not for a token outside
        # ASCII: a regular expression folds case further than str.lower() (U+017F matches "s").
        self._ascii_pieces: dict[int, frozenset[str]] | None = None
        if all(piece.isascii() for piece in pieces):
            lengths = {len(piece) for piece in pieces if piece}
            self._ascii_pieces = {
                length: frozenset(piece.lower() for piece in pieces if len(piece) == length) for length in lengths
            }

    def __repr__(self) -> str:
        """Never the pieces it looks for."""
        return "Scrubber()"

    def text(self, value: str) -> str:
        """The text with every span that holds a piece of a token replaced by `[redacted]`."""
        if self._pattern is None or not value or not self._may_hold_a_piece(value):
            return value
        spans: list[list[int]] = []
        for match in self._pattern.finditer(value):
            start, end = match.start(), match.start() + len(match.group(1))
            if spans and start <= spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], end)
            else:
                spans.append([start, end])
        if not spans:
            return value
        parts: list[str] = []
        position = 0
        for start, end in spans:
            parts += [value[position:start], REDACTED]
            position = end
        parts.append(value[position:])
        return "".join(parts)

    def _may_hold_a_piece(self, value: str) -> bool:
        """False only when `value` surely holds no piece: ASCII text and tokens, no lowercased slice a piece."""
        if self._ascii_pieces is None or not value.isascii():
            return True
        lowered = value.lower()
        for length, pieces in self._ascii_pieces.items():
            for start in range(len(lowered) - length + 1):
                if lowered[start : start + length] in pieces:
                    return True
        return False

    def optional(self, value: str | None) -> str | None:
        """`text`, letting None through."""
        return None if value is None else self.text(value)

    def json(self, value: Any) -> Any:
        """`text` applied to every string (keys included) inside a JSON value."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.json(item) for item in value]
        if isinstance(value, dict):
            return {self.text(str(key)): self.json(item) for key, item in value.items()}
        return value

    def request(self, request: httpx.Request) -> httpx.Request:
        """A copy of a request with its method and scrubbed URL only: no body, so no token. Never raises."""
        return httpx.Request(request.method, self.url(request.url))

    def url(self, url: httpx.URL) -> httpx.URL:
        """The URL with every piece of a token redacted; never raises, whatever the redaction did to it.

        Redacting a short token may break the URL (`[redacted]` inside a host reads as a bad IPv6 address): then the
        host becomes `redacted.invalid` (a name reserved never to resolve, RFC 2606), the query is left out, and
        the scheme and the scrubbed path are kept, so that a message still says which operation failed.
        """
        shown = str(url)
        scrubbed = self.text(shown)
        if scrubbed == shown:
            return url
        try:
            return httpx.URL(scrubbed)
        except (httpx.InvalidURL, ValueError, TypeError):
            pass
        try:
            return httpx.URL(scheme=url.scheme or "https", host=_REDACTED_HOST, path=self.text(url.path) or "/")
        except (httpx.InvalidURL, ValueError, TypeError):  # pragma: no cover - a scrubbed path is always valid
            return httpx.URL(f"https://{_REDACTED_HOST}/")

    def response(self, response: httpx.Response) -> httpx.Response:
        """A copy of a response, body and headers scrubbed, whose request is `request(...)` of the original."""
        encoding = response.encoding or "utf-8"
        headers = [
            (name, self.text(value)) for name, value in response.headers.items() if name.lower() not in _WIRE_HEADERS
        ]
        return httpx.Response(
            response.status_code,
            headers=headers,
            content=self.text(response.text).encode(encoding, errors="replace"),
            request=self.request(response.request),
        )

    def transport_error(self, error: httpx.RequestError) -> httpx.RequestError:
        """A copy of an httpx error, same type and message, whose `request` holds no body and no traceback.

        The original keeps the request that was sent, tokens and all, and its traceback the frames that built it.
        """
        try:
            safe_request: httpx.Request | None = self.request(error.request)
        except RuntimeError:  # raised by a transport that did not attach the request
            safe_request = None
        message = self.text(str(error))
        try:
            return type(error)(message, request=safe_request)
        except TypeError:  # a subclass with a constructor of its own
            return httpx.TransportError(message, request=safe_request)
