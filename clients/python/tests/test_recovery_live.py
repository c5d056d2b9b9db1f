"""Reconnects against real gateway processes: a crash and restart, failover between two nodes, a drain
(SIGTERM), and a JWT refreshed from the token supplier. Trades and account events are checked for
nothing lost and nothing doubled by their stream seq, which the publisher (``tickstream simulate``)
assigns one by one."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any, Sequence

import pytest

from conftest import ACCOUNT, KEY, Gateway, JavaProcess, RedisProcess, jwt
from tickstream import (AccountEvent, Client, ConnectionLostError, ConnectionRejectedError, Stream, Tick,
                        TickstreamError, Trade)

WAIT = 30.0


def consecutive(seqs: Sequence[int]) -> bool:
    return list(seqs) == list(range(seqs[0], seqs[0] + len(seqs)))


async def until_reconnected(client: Client, attempts: int) -> None:
    async def wait() -> None:
        while client.connection_attempts < attempts or not client.is_connected:
            await asyncio.sleep(0.05)
    await asyncio.wait_for(wait(), WAIT)


async def read_past(stream: Stream[Any], into: list[Any], when: float) -> None:
    """Reads until a message published after ``when`` (epoch ms) arrived."""
    while True:
        message = await stream.get(WAIT)
        into.append(message)
        if message.time > when:
            return


@pytest.mark.asyncio
async def test_trades_and_account_events_resume_across_a_gateway_restart_with_nothing_lost_or_doubled(
        workdir: Path, redis: RedisProcess, simulator: JavaProcess) -> None:
    node = Gateway(workdir, redis)
    errors: list[TickstreamError] = []
    try:
        async with Client(node.url, api_key=KEY, backoff_base=0.2, backoff_max=0.5, max_retries=100,
                          on_error=errors.append) as client:
            async with client.stream_trades("BTCUSDT") as trades, client.stream_account() as account, \
                    client.stream_ticks("EURUSD") as ticks:
                got_trades: list[Trade] = [await trades.get(WAIT)]
                got_events: list[AccountEvent] = [await account.get(WAIT)]
                node.kill()
                down = time.time() * 1000
                await asyncio.sleep(1.0)  # the simulator goes on publishing while no gateway runs
                node = Gateway(workdir, redis, port=node.port)
                up = time.time() * 1000
                await until_reconnected(client, 2)
                await read_past(trades, got_trades, up)
                await read_past(account, got_events, up)
                tick = await ticks.get(WAIT)
                while tick.time < up:
                    tick = await ticks.get(WAIT)
    finally:
        node.kill()
    assert consecutive([t.seq for t in got_trades]), [t.seq for t in got_trades]
    assert consecutive([e.seq for e in got_events]), [e.seq for e in got_events]
    assert any(down < t.time < up for t in got_trades), "trades published while the gateway was down were recovered"
    assert any(isinstance(e, ConnectionLostError) for e in errors)
    assert trades.breaks == [] and account.breaks == []


@pytest.mark.asyncio
async def test_the_client_fails_over_to_the_next_node_at_once_when_its_node_dies(
        workdir: Path, redis: RedisProcess, simulator: JavaProcess, gateway: Gateway) -> None:
    first = Gateway(workdir, redis)
    try:
        async with Client(urls=[first.url, gateway.url], api_key=KEY, backoff_base=5.0, max_retries=3) as client:
            assert client.current_url == first.url
            async with client.stream_trades("BTCUSDT") as trades:
                got: list[Trade] = [await trades.get(WAIT)]
                first.kill()
                killed = time.time() * 1000
                await until_reconnected(client, 2)
                assert client.current_url == gateway.url
                await read_past(trades, got, killed + 500)
    finally:
        first.kill()
    assert consecutive([t.seq for t in got]), [t.seq for t in got]


@pytest.mark.asyncio
async def test_a_draining_node_is_left_and_its_retry_after_waited_before_coming_back(
        workdir: Path, redis: RedisProcess, simulator: JavaProcess) -> None:
    node = Gateway(workdir, redis)
    errors: list[TickstreamError] = []
    lost_at: list[tuple[float, int]] = []
    next_attempt_at: list[float] = []

    def report(error: TickstreamError) -> None:
        errors.append(error)
        if isinstance(error, ConnectionLostError) and error.code == 1012:
            lost_at.append((time.monotonic(), client.connection_attempts))

    try:
        async with Client(node.url, api_key=KEY, backoff_base=0.01, backoff_max=0.01, max_retries=1000,
                          on_error=report) as client:
            async with client.stream_trades("BTCUSDT") as trades:
                got: list[Trade] = [await trades.get(WAIT)]
                drain = asyncio.get_running_loop().run_in_executor(None, node.terminate)
                while not lost_at or client.connection_attempts == lost_at[0][1]:
                    await asyncio.sleep(0.005)
                next_attempt_at.append(time.monotonic())
                assert await drain == 0, "the gateway drained and exited 0"
                node = Gateway(workdir, redis, port=node.port)
                up = time.time() * 1000
                await until_reconnected(client, 2)
                await read_past(trades, got, up)
    finally:
        node.kill()
    drained = [e for e in errors if isinstance(e, ConnectionLostError) and e.code == 1012]
    assert drained and drained[0].retry_after >= 0.5, "the notice's retryAfterMs (0.5 to 2.5 s) was kept"
    assert next_attempt_at[0] - lost_at[0][0] >= drained[0].retry_after, "waited retryAfterMs, not the 10 ms backoff"
    assert consecutive([t.seq for t in got]), [t.seq for t in got]


@pytest.mark.asyncio
async def test_a_token_from_the_supplier_keeps_the_session_past_the_first_tokens_expiry(gateway: Gateway) -> None:
    first_expiry = time.time() + 4
    issued: list[float] = []

    async def supplier() -> str:
        expires = first_expiry if not issued else time.time() + 300
        issued.append(expires)
        return jwt(ACCOUNT, expires)

    async with Client(gateway.url, token_supplier=supplier, max_retries=0) as client:
        async with client.stream_ticks("EURUSD") as ticks:
            tick: Tick = await ticks.get(WAIT)
            while tick.time < (first_expiry + 1) * 1000:
                tick = await ticks.get(WAIT)
        assert len(issued) >= 2, "asked for a fresh token on token_expiring"
        assert client.connection_attempts == 1 and client.is_connected


@pytest.mark.asyncio
async def test_a_fixed_token_ends_the_client_with_token_expired_at_its_exp(gateway: Gateway) -> None:
    errors: list[TickstreamError] = []
    async with Client(gateway.url, token=jwt(ACCOUNT, time.time() + 3), on_error=errors.append) as client:
        async with client.stream_ticks("EURUSD") as ticks:
            with pytest.raises(ConnectionRejectedError) as rejected:
                while True:
                    await ticks.get(WAIT)
    assert (rejected.value.code, rejected.value.reason) == (1008, "token expired")
    assert client.connection_attempts == 1
