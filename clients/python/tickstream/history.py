"""Candle history over HTTP (SPEC 12): ``GET /api/candles`` with the client's credential.

A minimal HTTP/1.1 GET on asyncio streams (TLS for ``wss://`` nodes), so the package needs nothing
beyond ``websockets``.
"""

from __future__ import annotations

import asyncio
import ssl
from urllib.parse import urlencode, urlsplit

from .errors import ServerError, TickstreamError, UnsupportedByServerError
from .messages import Candle, candle_from_row, decode


def http_base(ws_url: str) -> tuple[str, int, bool]:
    """Host, port and whether TLS is used, of the HTTP side of a ``ws://`` or ``wss://`` node."""
    parts = urlsplit(ws_url)
    secure = parts.scheme == "wss"
    if parts.hostname is None:
        raise ValueError(f"no host in {ws_url!r}")
    return parts.hostname, parts.port or (443 if secure else 80), secure


async def http_get(ws_url: str, path: str, credential: str, timeout: float) -> tuple[int, bytes]:
    """Status and body of ``GET path`` on the node of ``ws_url``, with ``Authorization: Bearer``."""
    host, port, secure = http_base(ws_url)
    reader, writer = await asyncio.wait_for(
        asyncio.open_connection(host, port, ssl=ssl.create_default_context() if secure else None), timeout)
    try:
        request = (f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAuthorization: Bearer {credential}\r\n"
                   "Accept: application/json\r\nConnection: close\r\n\r\n")
        writer.write(request.encode("utf-8"))
        await writer.drain()
        raw = await asyncio.wait_for(reader.read(), timeout)
    finally:
        writer.close()
        try:
            await writer.wait_closed()
        except (OSError, ssl.SSLError):
            pass
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    try:
        status = int(lines[0].split(" ")[1])
    except (IndexError, ValueError):
        raise TickstreamError(f"not an HTTP response from {host}:{port}: {lines[0][:80]!r}") from None
    headers = {name.strip().lower(): value.strip() for name, _, value in (line.partition(":") for line in lines[1:])}
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = _unchunk(body)
    return status, body


def _unchunk(body: bytes) -> bytes:
    out = bytearray()
    while body:
        size_line, _, rest = body.partition(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            break
        out += rest[:size]
        body = rest[size + 2:]
    return bytes(out)


async def candle_history(ws_url: str, credential: str, symbol: str, interval: str, limit: int | None,
                         end: int | None, timeout: float) -> list[Candle]:
    query = {"symbol": symbol, "interval": interval}
    if limit is not None:
        query["limit"] = str(limit)
    if end is not None:
        query["end"] = str(end)
    status, body = await http_get(ws_url, "/api/candles?" + urlencode(query), credential, timeout)
    if status == 404 and b"candles" not in body:
        raise UnsupportedByServerError("this gateway has no candle history (GET /api/candles answered 404)")
    if status != 200:
        raise ServerError(f"GET /api/candles answered {status}: {body[:200].decode('utf-8', 'replace')}",
                          f"http_{status}")
    reply = decode(body)
    rows = reply.get("candles")
    if not isinstance(rows, list):
        raise ServerError("GET /api/candles answered without a 'candles' list")
    return [candle_from_row(str(reply.get("symbol", symbol)), str(reply.get("interval", interval)), row)
            for row in rows]
