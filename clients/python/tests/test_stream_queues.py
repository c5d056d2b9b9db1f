"""The bounded queue of each stream: snapshots conflated, trades and account events never dropped silently."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tickstream import StreamBreak, StreamOverflowError, Tick, Trade
from tickstream.streams import Stream


def tick(symbol: str, bid: str) -> Tick:
    return Tick(symbol, Decimal(bid), Decimal(bid), 0)


def trade(seq: int) -> Trade:
    return Trade("BTCUSDT", Decimal(1), Decimal(1), "buy", 0, None, seq)


@pytest.mark.asyncio
async def test_a_slow_reader_of_ticks_gets_the_newest_per_symbol_in_first_arrival_order() -> None:
    closed: list[Stream[Tick]] = []
    ticks: Stream[Tick] = Stream("tick", 2, lambda m: m.symbol, closed.append)
    for bid in ("1.1", "1.2", "1.3"):
        ticks.put(tick("EURUSD", bid))
    ticks.put(tick("GBPUSD", "1.27"))
    ticks.put(tick("EURUSD", "1.4"))
    assert [await ticks.get(5), await ticks.get(5)] == [tick("EURUSD", "1.4"), tick("GBPUSD", "1.27")]
    assert ticks.conflated == 3


@pytest.mark.asyncio
async def test_trades_past_the_queue_size_end_the_stream_with_an_overflow_after_the_kept_ones() -> None:
    trades: Stream[Trade] = Stream("trades BTCUSDT", 3, None, lambda s: None)
    for seq in range(1, 7):
        trades.put(trade(seq))
    received = [(await trades.get(5)).seq for _ in range(3)]
    with pytest.raises(StreamOverflowError) as raised:
        await trades.get(5)
    assert received == [1, 2, 3]
    assert raised.value.dropped == 3 and trades.dropped == 3


@pytest.mark.asyncio
async def test_a_break_reaches_the_reader_between_the_messages_around_it() -> None:
    seen: list[object] = []
    trades: Stream[Trade] = Stream("trades BTCUSDT", 10, None, lambda s: None)
    trades.on_break(seen.append)
    trades.put(trade(1))
    trades.put_break(StreamBreak("trades:BTCUSDT", "gap"))
    trades.put(trade(9))
    assert (await trades.get(5)).seq == 1 and seen == []
    assert (await trades.get(5)).seq == 9
    assert seen == [StreamBreak("trades:BTCUSDT", "gap")] and trades.breaks == seen
    assert StreamBreak("trades:BTCUSDT", "gap").symbol == "BTCUSDT"


@pytest.mark.asyncio
async def test_an_ended_stream_hands_out_what_it_holds_then_stops() -> None:
    closed: list[object] = []
    ticks: Stream[Tick] = Stream("tick", 5, lambda m: m.symbol, closed.append)
    ticks.put(tick("EURUSD", "1"))
    ticks.end()
    assert [t async for t in ticks] == [tick("EURUSD", "1")]
    assert closed == [ticks]
