"""A moving-average signal on exact mid prices: BUY 2 % above the 20-tick average, SELL 2 % below.

    /usr/bin/python3 examples/moving_average.py --key <demo key> BTCUSDT
"""

import asyncio
from collections import deque
from decimal import Decimal

from _common import arguments

from tickstream import Client


async def real_time_analysis(url: str, key: str, symbol: str, period: int = 20) -> None:
    prices: deque[Decimal] = deque(maxlen=period)
    async with Client(url, api_key=key) as client:
        async for tick in client.stream_ticks([symbol]):
            mid = (tick.bid + tick.ask) / 2
            prices.append(mid)
            if len(prices) < period:
                continue
            average = sum(prices) / period
            signal = "BUY" if mid > average * Decimal("1.02") else "SELL" if mid < average * Decimal("0.98") else "HOLD"
            print(f"{tick.time}: {signal} - price {mid:.2f}, MA {average:.2f}")


if __name__ == "__main__":
    args = arguments("A moving-average signal.", "BTCUSDT")
    asyncio.run(real_time_analysis(args.url, args.key, args.symbols[0]))
