"""Follow trades: every print, none lost or doubled across reconnects; a loss the gateway could not
recover is announced so that you can reconcile.

    /usr/bin/python3 examples/trades.py --key <demo key> BTCUSDT
"""

import asyncio

from _common import arguments

from tickstream import Client, StreamBreak


def reconcile(lost: StreamBreak) -> None:
    print(f"!! trades of {lost.symbol} were lost ({lost.cause}): reconcile from your own records")


async def monitor_trades(url: str, key: str, symbols: list[str]) -> None:
    async with Client(url, api_key=key) as client:
        print(f"Monitoring trades of {', '.join(symbols)}...")
        async with client.stream_trades(symbols) as trades:
            trades.on_break(reconcile)
            async for trade in trades:
                side = "BUY " if trade.side == "buy" else "SELL"
                print(f"{trade.time} #{trade.seq} {side} {trade.quantity} {trade.symbol} @ {trade.price}")


if __name__ == "__main__":
    args = arguments("Print live trades.", "BTCUSDT")
    asyncio.run(monitor_trades(args.url, args.key, args.symbols))
