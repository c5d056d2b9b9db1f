"""Watch an order book: the top three levels of each side on every change.

    /usr/bin/python3 examples/book.py --key <demo key> XAUUSD
"""

import asyncio

from _common import arguments

from tickstream import Client


async def monitor_order_book(url: str, key: str, symbol: str) -> None:
    async with Client(url, api_key=key) as client:
        print(f"Monitoring the {symbol} order book...")
        async for book in client.stream_book(symbol, depth=5):
            print(f"\n{book.symbol} at {book.time}")
            print("Bids:")
            for i, level in enumerate(book.bids[:3], 1):
                print(f"  {i}. {level.price} - {level.quantity}")
            print("Asks:")
            for i, level in enumerate(book.asks[:3], 1):
                print(f"  {i}. {level.price} - {level.quantity}")


if __name__ == "__main__":
    args = arguments("Print an order book.", "XAUUSD")
    asyncio.run(monitor_order_book(args.url, args.key, args.symbols[0]))
