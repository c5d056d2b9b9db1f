"""Servers that misbehave, each a few lines of ``websockets.serve``: the client answers with clear errors,
never a hang, and leaves no task or socket behind."""

from __future__ import annotations

import asyncio
import json
from typing import Any, AsyncIterator, Awaitable, Callable

import pytest
import pytest_asyncio
import websockets

from tickstream import (Client, ConnectionLostError, ConnectionRejectedError, MalformedMessageError, ProtocolError,
                        RetriesExhaustedError, StreamBreak, TickstreamError)

WAIT = 10.0
WELCOME = json.dumps({"type": "welcome", "message": "hi", "authTimeoutMs": 30000})
AUTHENTICATED = json.dumps({"type": "auth", "success": True, "message": "Authenticated successfully"})
Behaviour = Callable[[Any], Awaitable[None]]


@pytest_asyncio.fixture
async def serve() -> AsyncIterator[Callable[[Behaviour], Awaitable[str]]]:
    servers: list[Any] = []

    async def start(behaviour: Behaviour) -> str:
        async def handler(ws: Any, *path: str) -> None:
            await behaviour(ws)
        server = await websockets.serve(handler, "127.0.0.1", 0)  # type: ignore[attr-defined]
        servers.append(server)
        port = next(iter(server.sockets)).getsockname()[1]
        return f"ws://127.0.0.1:{port}/"

    yield start
    for server in servers:
        server.close()
        await server.wait_closed()


async def authenticate(ws: Any) -> None:
    await ws.send(WELCOME)
    await ws.recv()
    await ws.send(AUTHENTICATED)


async def subscribed_then(ws: Any, frames: list[str | bytes]) -> None:
    request = json.loads(await ws.recv())
    await ws.send(json.dumps({"type": "subscribed", "symbols": request["symbols"], "channel": "tick",
                              "totalSubscriptions": 1}))
    for frame in frames:
        await ws.send(frame)
    await ws.wait_closed()


@pytest.mark.asyncio
async def test_malformed_frames_are_reported_and_skipped_and_the_stream_goes_on(serve: Any) -> None:
    tick = '{"type":"tick","symbol":"EURUSD","bid":1.08500,"ask":1.08512,"seq":1,"time":1}'

    async def behaviour(ws: Any) -> None:
        await authenticate(ws)
        await subscribed_then(ws, ["not json at all", b"\x00\x01binary", '{"type":"tick","symbol":"EURUSD"}',
                                   "[1,2,3]", tick])

    errors: list[TickstreamError] = []
    async with Client(await serve(behaviour), api_key="k", on_error=errors.append) as client:
        async with client.stream_ticks("EURUSD") as ticks:
            received = await ticks.get(WAIT)
    assert str(received.bid) == "1.08500"
    reported = [str(e) for e in errors if isinstance(e, MalformedMessageError)]
    assert len(reported) == 4, reported
    assert "not json at all" in reported[0] and "binary frame" in reported[1]
    assert "'bid'" in reported[2] and "not a JSON object" in reported[3]


@pytest.mark.asyncio
async def test_a_server_that_never_answers_auth_gives_up_with_a_clear_error(serve: Any) -> None:
    async def behaviour(ws: Any) -> None:
        await ws.send(WELCOME)
        await ws.wait_closed()

    client = Client(await serve(behaviour), api_key="k", connect_timeout=0.5, max_retries=1, backoff_base=0.01)
    with pytest.raises(RetriesExhaustedError, match="no answer to auth within 0.5 s") as raised:
        await client.connect()
    await client.close()
    assert isinstance(raised.value.__cause__, ProtocolError)
    assert client.connection_attempts == 2


@pytest.mark.asyncio
async def test_a_server_whose_first_frame_is_not_a_welcome_is_refused(serve: Any) -> None:
    async def behaviour(ws: Any) -> None:
        await ws.send("<html>hello</html>")
        await ws.wait_closed()

    client = Client(await serve(behaviour), api_key="k", max_retries=0)
    with pytest.raises(RetriesExhaustedError, match="first message is not a welcome.*html"):
        await client.connect()
    await client.close()


@pytest.mark.asyncio
async def test_a_policy_close_ends_the_client_without_retrying(serve: Any) -> None:
    async def behaviour(ws: Any) -> None:
        await authenticate(ws)
        await ws.recv()
        await ws.close(1008, "rate limit exceeded")

    client = Client(await serve(behaviour), api_key="k", max_retries=5)
    await client.connect()
    async with client.stream_ticks("EURUSD") as ticks:
        with pytest.raises(ConnectionRejectedError, match="1008 'rate limit exceeded'"):
            await ticks.get(WAIT)
    await client.close()
    assert client.connection_attempts == 1


@pytest.mark.asyncio
async def test_nothing_listening_gives_up_after_max_retries(serve: Any) -> None:
    async def behaviour(ws: Any) -> None:
        await ws.close(1013, "try again later")

    errors: list[TickstreamError] = []
    client = Client(await serve(behaviour), api_key="k", max_retries=2, backoff_base=0.01, on_error=errors.append)
    with pytest.raises(RetriesExhaustedError, match="3 failed attempt"):
        await client.connect()
    await client.close()
    assert client.connection_attempts == 3
    assert sum(isinstance(e, ConnectionLostError) for e in errors) == 3


@pytest.mark.asyncio
async def test_closing_the_client_while_it_waits_to_reconnect_ends_its_streams(serve: Any) -> None:
    connected = asyncio.Event()

    async def behaviour(ws: Any) -> None:
        await authenticate(ws)
        connected.set()
        await ws.close(1012, "shutdown")

    client = Client(await serve(behaviour), api_key="k", backoff_base=60, backoff_max=60)
    await client.connect()
    ticks = client.stream_ticks("EURUSD")
    await asyncio.wait_for(connected.wait(), WAIT)
    await client.close()
    assert [t async for t in ticks] == []


@pytest.mark.asyncio
async def test_a_failing_token_supplier_is_retried_then_reported(serve: Any) -> None:
    async def behaviour(ws: Any) -> None:
        await authenticate(ws)
        await ws.wait_closed()

    calls: list[int] = []

    def supplier() -> str:
        calls.append(1)
        raise OSError("identity provider unreachable")

    client = Client(await serve(behaviour), token_supplier=supplier, max_retries=1, backoff_base=0.01)
    with pytest.raises(RetriesExhaustedError, match="token supplier failed.*identity provider unreachable"):
        await client.connect()
    await client.close()
    assert len(calls) == 2


@pytest.mark.asyncio
async def test_a_rate_limited_subscribe_is_sent_again_after_the_pause_the_server_asked_for(serve: Any) -> None:
    requests: list[dict[str, Any]] = []

    async def behaviour(ws: Any) -> None:
        await authenticate(ws)
        requests.append(json.loads(await ws.recv()))
        await ws.send(json.dumps({"type": "error", "code": "rate_limited", "message": "Too many messages",
                                  "retryAfterMs": 200}))
        requests.append(json.loads(await ws.recv()))
        await ws.send(json.dumps({"type": "subscribed", "symbols": ["EURUSD"], "channel": "tick",
                                  "totalSubscriptions": 1}))
        await ws.send('{"type":"tick","symbol":"EURUSD","bid":1.1,"ask":1.2,"time":1}')
        await ws.wait_closed()

    errors: list[TickstreamError] = []
    async with Client(await serve(behaviour), api_key="k", on_error=errors.append) as client:
        async with client.stream_ticks("EURUSD") as ticks:
            assert (await ticks.get(WAIT)).symbol == "EURUSD"
    assert requests[0] == requests[1] == {"type": "subscribe", "channel": "tick", "symbols": ["EURUSD"]}
    assert errors == []


def account_event(seq: int) -> str:
    return json.dumps({"type": "account", "event": "balance", "data": {"balance": f"{seq}.00"}, "seq": seq,
                       "time": seq})


@pytest.mark.asyncio
async def test_duplicates_are_dropped_and_a_gap_and_a_failed_resume_reach_the_stream_in_order(serve: Any) -> None:
    auths: list[dict[str, Any]] = []

    async def behaviour(ws: Any) -> None:
        await ws.send(WELCOME)
        auths.append(json.loads(await ws.recv()))
        if len(auths) == 1:
            await ws.send(json.dumps({"type": "auth", "success": True, "message": "ok",
                                      "account": {"epoch": "E1", "seq": 5}}))
            for frame in (account_event(6), account_event(6),
                          json.dumps({"type": "gap", "channel": "account", "epoch": "E1", "seq": 10}),
                          account_event(11)):
                await ws.send(frame)
            await ws.close(1012, "shutdown")
        else:
            await ws.send(json.dumps({"type": "auth", "success": True, "message": "ok",
                                      "account": {"epoch": "E2", "seq": 3}, "recovered": False}))
            await ws.send(account_event(4))
            await ws.wait_closed()

    breaks: list[StreamBreak] = []
    client = Client(await serve(behaviour), api_key="k", backoff_base=0.01, on_break=breaks.append)
    events = client.stream_account()  # before connecting: from the first event on
    passed: list[object] = []
    events.on_break(passed.append)
    seqs = []
    async with client, events:
        for _ in range(3):
            event = await events.get(WAIT)
            seqs.append((event.seq, len(passed)))
        assert client.duplicates_dropped == 1
    assert seqs == [(6, 0), (11, 1), (4, 2)], "each break between the messages around it"
    assert [(b.stream, b.cause) for b in breaks] == [("account", "gap"), ("account", "not_recovered")]
    assert auths[1]["since"] == {"epoch": "E1", "seq": 11}, "resumed after the last event delivered"


@pytest.mark.asyncio
async def test_a_peer_that_stops_answering_pings_is_dropped_and_reconnected(serve: Any) -> None:
    connections: list[Any] = []
    replaced = asyncio.Event()

    async def behaviour(ws: Any) -> None:
        await authenticate(ws)
        connections.append(ws)
        if len(connections) == 1:
            ws.transport.pause_reading()  # alive on TCP, but reads nothing more: no pong will come
            await replaced.wait()
            ws.transport.abort()
        else:
            replaced.set()
            await ws.wait_closed()

    errors: list[TickstreamError] = []
    async with Client(await serve(behaviour), api_key="k", ping_interval=0.2, ping_timeout=0.2, backoff_base=0.01,
                      on_error=errors.append) as client:
        async def second_connection() -> None:
            while client.connection_attempts < 2 or not client.is_connected:
                await asyncio.sleep(0.01)
        await asyncio.wait_for(second_connection(), WAIT)
    assert len(connections) == 2
    assert any(isinstance(e, ConnectionLostError) for e in errors)
