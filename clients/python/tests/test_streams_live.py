"""Every stream against a real gateway (``tickstream serve`` on a real Redis, fed by ``tickstream simulate``)."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any, TypeVar

import pytest

from conftest import KEY, Gateway
from tickstream import (AccountEvent, AuthenticationError, Book, Client, ServerError, State, Stream,
                        StreamOverflowError, Tick, TickstreamError, Trade)

WAIT = 20.0
T = TypeVar("T")


async def take(stream: Stream[T], count: int) -> list[T]:
    return [await stream.get(WAIT) for _ in range(count)]


@pytest.mark.asyncio
async def test_ticks_arrive_with_exact_prices_for_each_symbol_asked(gateway: Gateway) -> None:
    async with Client(gateway.url, api_key=KEY) as client:
        async with client.stream_ticks(["EURUSD", "BTCUSDT"]) as ticks:
            received = await take(ticks, 10)
        async with client.stream_ticks("EURUSD") as eurusd:
            exact = await take(eurusd, 3)
    assert {t.symbol for t in received} <= {"EURUSD", "BTCUSDT"}
    assert all(isinstance(t, Tick) and isinstance(t.bid, Decimal) and t.seq > 0 for t in received)
    assert all(t.bid.as_tuple().exponent == -5 for t in exact), "published with 5 places (1.08500), kept so"


@pytest.mark.asyncio
async def test_book_has_the_depth_asked_for(gateway: Gateway) -> None:
    async with Client(gateway.url, api_key=KEY) as client:
        async with client.stream_book("XAUUSD", depth=2) as book:
            first = await book.get(WAIT)
    assert isinstance(first, Book) and first.symbol == "XAUUSD"
    assert 1 <= len(first.bids) <= 2 and 1 <= len(first.asks) <= 2
    assert first.bids[0].price < first.asks[0].price


@pytest.mark.asyncio
async def test_trades_of_one_symbol_come_in_seq_order_without_holes(gateway: Gateway) -> None:
    async with Client(gateway.url, api_key=KEY) as client:
        async with client.stream_trades("BTCUSDT") as trades:
            received = await take(trades, 4)
    seqs = [t.seq for t in received]
    assert all(isinstance(t, Trade) and t.symbol == "BTCUSDT" for t in received)
    assert seqs == list(range(seqs[0], seqs[0] + 4))


@pytest.mark.asyncio
async def test_states_built_from_deltas_equal_the_full_states_the_server_sends(gateway: Gateway) -> None:
    async with Client(gateway.url, api_key=KEY) as merged_client, \
            Client(gateway.url, api_key=KEY, state_deltas=False) as full_client:
        async with merged_client.stream_state("BTCUSDT") as merged, full_client.stream_state("BTCUSDT") as full:
            by_seq: dict[int, State] = {}
            compared = 0
            for _ in range(200):
                for state in (await merged.get(WAIT), await full.get(WAIT)):
                    other = by_seq.pop(state.seq, None)
                    if other is None:
                        by_seq[state.seq] = state
                    else:
                        assert other.data == state.data, f"state {state.seq} differs"
                        compared += 1
                if compared >= 10:
                    break
    assert compared >= 10
    assert merged_client.state_resyncs == 0


@pytest.mark.asyncio
async def test_account_events_of_every_kind_arrive_typed_and_numbered(gateway: Gateway) -> None:
    async with Client(gateway.url, api_key=KEY) as client:
        async with client.stream_account() as events:
            received = await take(events, 6)
        async with client.stream_account(events=["order"]) as orders:
            assert (await orders.get(WAIT)).event == "order"
    seqs = [e.seq for e in received]
    assert all(isinstance(e, AccountEvent) for e in received)
    assert seqs == list(range(seqs[0], seqs[0] + 6))


@pytest.mark.asyncio
async def test_handlers_see_every_message_of_their_channel_and_a_raising_one_is_reported(gateway: Gateway) -> None:
    errors: list[TickstreamError] = []
    seen: list[Any] = []
    done = asyncio.Event()

    def broken(_: Any) -> None:
        raise RuntimeError("handler bug")

    async def record(tick: Tick) -> None:
        seen.append(tick)
        if len(seen) >= 3:
            done.set()

    async with Client(gateway.url, api_key=KEY, on_error=errors.append) as client:
        client.add_handler("tick", broken)
        client.add_handler("tick", record)
        await client.subscribe("tick", ["EURUSD"])
        await asyncio.wait_for(done.wait(), WAIT)
    assert all(isinstance(t, Tick) and t.symbol == "EURUSD" for t in seen)
    assert any("handler bug" in str(e) for e in errors)


@pytest.mark.asyncio
async def test_a_trades_reader_that_falls_behind_overflows_without_stalling_the_other_streams(
        gateway: Gateway) -> None:
    async with Client(gateway.url, api_key=KEY, queue_size=2) as client:
        async with client.stream_trades("BTCUSDT") as unread, client.stream_ticks("EURUSD") as ticks:
            while unread.dropped == 0:
                await ticks.get(WAIT)
            after = await take(ticks, 5)
            kept = [await unread.get(WAIT) for _ in range(2)]
            with pytest.raises(StreamOverflowError) as overflow:
                await unread.get(WAIT)
    assert len(after) == 5, "ticks went on while the trades reader was behind"
    assert kept[1].seq == kept[0].seq + 1 and overflow.value.dropped >= 1


@pytest.mark.asyncio
async def test_permessage_deflate_is_negotiated_and_compressed_states_read_back(gateway: Gateway) -> None:
    async with Client(gateway.url, api_key=KEY) as deflating, \
            Client(gateway.url, api_key=KEY, compression=False) as plain:
        assert deflating.compression_active and not plain.compression_active
        async with deflating.stream_state("زعفران0412P01") as states:
            state = await states.get(WAIT)
    assert state.symbol == "زعفران0412P01" and state.get("BestLimit") is not None


@pytest.mark.asyncio
async def test_an_unknown_symbol_ends_its_stream_with_the_servers_error(gateway: Gateway) -> None:
    async with Client(gateway.url, api_key=KEY) as client:
        with pytest.raises(ServerError, match="Unknown symbol: NOPE"):
            await client.subscribe("tick", ["NOPE"])
        async with client.stream_ticks("NOPE2") as ticks:
            with pytest.raises(ServerError, match="NOPE2"):
                await ticks.get(WAIT)


@pytest.mark.asyncio
async def test_alerts_and_candles_work_against_the_real_gateway(gateway: Gateway) -> None:
    async with Client(gateway.url, api_key=KEY) as client:
        created = await client.alerts.create("EURUSD", "bid", "above", Decimal("1000000.10"))
        assert (created.symbol, created.price, created.state) == ("EURUSD", Decimal("1000000.10"), "active")
        assert created.id in [alert.id for alert in await client.alerts.list()]
        await client.alerts.cancel(created.id)
        assert created.id not in [alert.id for alert in await client.alerts.list() if alert.state == "active"]

        async with client.stream_candles("EURUSD", "1s") as candles:
            live = await candles.get(WAIT)
            assert (live.symbol, live.interval) == ("EURUSD", "1s")
            assert live.low <= live.open <= live.high and live.low <= live.close <= live.high
        history = await client.candle_history("EURUSD", "1s", limit=10)
        assert history and all(bar.interval == "1s" for bar in history)
        assert [bar.start for bar in history] == sorted(bar.start for bar in history)


@pytest.mark.asyncio
async def test_a_wrong_api_key_fails_the_connect_at_once(gateway: Gateway) -> None:
    client = Client(gateway.url, api_key="wrong", backoff_base=0.01)
    with pytest.raises(AuthenticationError, match="Invalid API key"):
        await client.connect()
    await client.close()
    assert client.connection_attempts == 1
