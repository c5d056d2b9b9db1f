"""Private events of the key's account: balance, orders, fills, positions, alerts, notifications.

    /usr/bin/python3 examples/account.py --key <demo key>
"""

import asyncio

from _common import arguments

from tickstream import AlertTriggered, Balance, Client, Fill, Notification, Order, Position


async def monitor_account(url: str, key: str) -> None:
    async with Client(url, api_key=key) as client:
        print("Monitoring account updates...")
        async for event in client.stream_account():
            match event:
                case Balance():
                    print(f"{event.time}: balance {event.balance} {event.currency} | available {event.available}")
                case Order():
                    print(f"{event.time}: order {event.order_id} {event.side} {event.quantity} {event.symbol} "
                          f"@ {event.price} ({event.status})")
                case Fill():
                    print(f"{event.time}: fill {event.quantity} {event.symbol} @ {event.price} (fee {event.fee})")
                case Position():
                    print(f"{event.time}: position {event.symbol} {event.quantity} | PnL {event.unrealized_pnl}")
                case AlertTriggered():
                    print(f"{event.time}: alert {event.alert_id} {event.symbol} {event.condition} {event.price}")
                case Notification():
                    print(f"{event.time}: [{event.level}] {event.message}")
                case _:
                    print(f"{event.time}: {event.event} {dict(event.data)}")


if __name__ == "__main__":
    args = arguments("Print the account's private events.")
    asyncio.run(monitor_account(args.url, args.key))
