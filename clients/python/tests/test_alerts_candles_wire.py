"""Alerts (SPEC 11) and candles (SPEC 12) through the whole client, against a small server that speaks the
SPEC's wire for them (the gateway does not have them yet: tests/test_streams_live.py checks that the
client tells a gateway without them apart)."""

from __future__ import annotations

import asyncio
import json
from decimal import Decimal
from typing import Any, AsyncIterator

import pytest
import pytest_asyncio
import websockets

from tickstream import Candle, Client, ServerError

WAIT = 10.0
ALERT = {"id": "a-1", "symbol": "EURUSD", "field": "bid", "condition": "crosses_above", "price": "1.09000",
         "once": True, "state": "active", "createdAt": 1709742000000, "clientId": "c-1"}


def candle(start: int, close: str, closed: bool) -> str:
    return json.dumps({"type": "candle", "symbol": "EURUSD", "interval": "1m", "start": start, "open": 1.0850,
                       "high": 1.0853, "low": 1.0849, "close": close, "volume": 1500000, "trades": 42,
                       "closed": closed, "time": start + 1000})


async def spec_gateway(ws: Any, received: list[dict[str, Any]], release: asyncio.Event) -> None:
    await ws.send(json.dumps({"type": "welcome", "message": "hi", "authTimeoutMs": 30000}))
    await ws.recv()
    await ws.send(json.dumps({"type": "auth", "success": True, "message": "Authenticated successfully"}))
    async for text in ws:
        request = json.loads(text)
        received.append(request)
        kind = request["type"]
        if kind == "alert_create" and request["condition"] == "sideways":
            await ws.send(json.dumps({"type": "error", "code": "invalid_alert",
                                      "message": "Invalid field: condition must be above, below, ..."}))
        elif kind == "alert_create":
            await ws.send(json.dumps({"type": "alert_created", "alert": ALERT}))
        elif kind == "alert_list":
            await ws.send(json.dumps({"type": "alerts", "alerts": [ALERT, {**ALERT, "id": "a-2"}]}))
        elif kind == "alert_cancel":
            await ws.send(json.dumps({"type": "alert_canceled", "id": request["id"]}))
        elif kind == "subscribe" and request["channel"] == "candles":
            await ws.send(json.dumps({"type": "subscribed", "symbols": ["EURUSD"], "channel": "candles",
                                      "totalSubscriptions": 1}))
            await release.wait()
            for frame in (candle(60000, "1.0851", False), candle(60000, "1.0852", False), candle(60000, "1.0852", True),
                          candle(120000, "1.0852", False)):
                await ws.send(frame)


@pytest_asyncio.fixture
async def server() -> AsyncIterator[tuple[str, list[dict[str, Any]], asyncio.Event]]:
    received: list[dict[str, Any]] = []
    release = asyncio.Event()

    async def handler(ws: Any, *path: str) -> None:
        await spec_gateway(ws, received, release)

    running = await websockets.serve(handler, "127.0.0.1", 0)  # type: ignore[attr-defined]
    port = next(iter(running.sockets)).getsockname()[1]
    yield f"ws://127.0.0.1:{port}/", received, release
    running.close()
    await running.wait_closed()


@pytest.mark.asyncio
async def test_alerts_are_created_listed_and_canceled_with_exact_prices(server: Any) -> None:
    url, received, _ = server
    async with Client(url, api_key="k") as client:
        created = await client.alerts.create("EURUSD", "bid", "crosses_above", Decimal("1.09000"), once=True,
                                             client_id="c-1")
        listed = await client.alerts.list()
        await client.alerts.cancel("a-2")
        with pytest.raises(ServerError, match="invalid_alert") as refused:
            await client.alerts.create("EURUSD", "bid", "sideways", "1.1")
    assert created.id == "a-1" and created.price == Decimal("1.09000") and created.state == "active"
    assert [a.id for a in listed] == ["a-1", "a-2"]
    assert refused.value.code == "invalid_alert"
    assert received[0] == {"type": "alert_create", "symbol": "EURUSD", "field": "bid", "condition": "crosses_above",
                           "price": "1.09000", "once": True, "clientId": "c-1"}
    assert received[2] == {"type": "alert_cancel", "id": "a-2"}


@pytest.mark.asyncio
async def test_live_candles_bring_each_closed_bar_and_no_open_bar_after_it(server: Any) -> None:
    url, received, release = server
    async with Client(url, api_key="k") as client:
        async with client.stream_candles("EURUSD", "1m") as candles:
            await client.subscribe("candles", "EURUSD", interval="1m")  # the server has confirmed it
            release.set()
            bars: list[Candle] = [await candles.get(WAIT)]
            while bars[-1].start != 120000:
                bars.append(await candles.get(WAIT))
    assert received[0] == {"type": "subscribe", "channel": "candles", "symbols": ["EURUSD"], "interval": "1m"}
    first_minute = [(b.closed, b.close) for b in bars if b.start == 60000]
    assert first_minute[-1] == (True, Decimal("1.0852")), "the closed bar is kept, however slow the reader"
    assert [closed for closed, _ in first_minute].count(True) == 1
    assert (bars[-1].closed, bars[-1].volume) == (False, Decimal(1500000))


@pytest.mark.asyncio
async def test_candle_history_is_read_over_http_with_the_credential() -> None:
    requests: list[bytes] = []

    async def http(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        requests.append(await reader.readuntil(b"\r\n\r\n"))
        body = b'{"symbol":"EURUSD","interval":"1m","candles":[[60000,1.0850,1.0853,1.0849,1.0852,1500000,42],' \
               b'[120000,1.0852,1.0852,1.0852,1.0852,0,0]]}'
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body)
                     + body)
        await writer.drain()
        writer.close()
        await writer.wait_closed()

    server = await asyncio.start_server(http, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        client = Client(f"ws://127.0.0.1:{port}/", api_key="secret-key")
        bars = await client.candle_history("EURUSD", "1m", limit=2, end=180000)
        await client.close()
    finally:
        server.close()
        await server.wait_closed()
    assert [(b.start, b.close, b.trades) for b in bars] == [(60000, Decimal("1.0852"), 42),
                                                            (120000, Decimal("1.0852"), 0)]
    assert requests[0].startswith(b"GET /api/candles?symbol=EURUSD&interval=1m&limit=2&end=180000 HTTP/1.1\r\n")
    assert b"Authorization: Bearer secret-key\r\n" in requests[0]
