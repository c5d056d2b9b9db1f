"""Monitor tickers: bid, ask and spread of each symbol, exactly as published. Survives gateway restarts.

    /usr/bin/python3 examples/tickers.py --key <demo key> EURUSD XAUUSD
"""

import asyncio

from _common import arguments

from tickstream import Client


async def monitor_tickers(url: str, key: str, symbols: list[str]) -> None:
    async with Client(url, api_key=key) as client:
        print(f"Monitoring {', '.join(symbols)}...")
        async for tick in client.stream_ticks(symbols):
            print(f"{tick.time}: {tick.symbol} {tick.bid} / {tick.ask}  spread {tick.ask - tick.bid}")


if __name__ == "__main__":
    args = arguments("Print live ticks.", "EURUSD")
    asyncio.run(monitor_tickers(args.url, args.key, args.symbols))
