"""Parsing and encoding of the wire, against frames written from SPEC 3.2, 7, 11 and 12 and the README."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from tickstream import (AlertTriggered, Balance, Book, Candle, Fill, MalformedMessageError, Notification, Order,
                        Position, State, Tick, Trade, parse_message)
from tickstream import requests
from tickstream.backoff import Backoff
from tickstream.messages import (AccountEvent, AlertCanceled, AlertCreated, AlertList, AuthResult, ErrorMessage, Gap,
                                 Reconnect, StateDelta, StreamPosition, SubscriptionReply, TokenExpiring,
                                 UnknownMessage, Welcome, candle_from_row)
from tickstream.states import StateBases, merge


def test_tick_keeps_each_price_exact_with_its_scale() -> None:
    tick = parse_message('{"type":"tick","symbol":"EURUSD","bid":1.08500,"ask":1.0852,"seq":41,"time":1709742000000}')
    assert tick == Tick("EURUSD", Decimal("1.08500"), Decimal("1.0852"), 1709742000000, 41)
    assert isinstance(tick, Tick) and str(tick.bid) == "1.08500"


def test_a_rial_price_of_many_digits_stays_exact() -> None:
    tick = parse_message('{"type":"tick","symbol":"12345","bid":1250000000123.4567891,"ask":1250000000125,"time":1}')
    assert isinstance(tick, Tick)
    assert tick.bid == Decimal("1250000000123.4567891") and tick.ask == Decimal(1250000000125)


def test_book_levels_are_price_and_quantity_pairs() -> None:
    book = parse_message('{"type":"book","symbol":"XAUUSD","bids":[[2349.90,3],[2349.80,5]],'
                         '"asks":[[2350.10,2]],"time":5,"seq":7}')
    assert isinstance(book, Book)
    assert [(level.price, level.quantity) for level in book.bids] == [(Decimal("2349.90"), 3), (Decimal("2349.80"), 5)]
    assert book.asks[0].price == Decimal("2350.10") and book.seq == 7


def test_trade_carries_its_stream_seq_and_trade_id() -> None:
    trade = parse_message('{"type":"trade","symbol":"BTCUSDT","price":67012.50,"quantity":0.015,"side":"buy",'
                          '"time":9,"tradeId":"T-1","seq":12}')
    assert trade == Trade("BTCUSDT", Decimal("67012.50"), Decimal("0.015"), "buy", 9, "T-1", 12)


def test_state_delta_merged_into_its_base_gives_the_full_state_in_the_base_order() -> None:
    bases = StateBases()
    full = parse_message('{"type":"state","symbol":"BTCUSDT","data":{"BestLimit":{"1":{"buy_price":67012.0,'
                         '"sell_price":67013.0}},"Aggregate":{"last_price":67013,"volume":5}},"seq":41,"time":1}')
    assert isinstance(full, State)
    bases.base(full)
    delta = parse_message('{"type":"state","symbol":"BTCUSDT","seq":42,"delta":{"BestLimit":{"1":{"buy_price":'
                          '67012.5}},"Aggregate":{"last_price":67013.25},"New":{"x":1}},"time":2}')
    assert isinstance(delta, StateDelta)
    state = bases.apply(delta)
    assert state is not None
    assert state.seq == 42 and state.time == 2
    assert json.dumps(state.data, default=str) == json.dumps(
        {"BestLimit": {"1": {"buy_price": "67012.5", "sell_price": "67013.0"}},
         "Aggregate": {"last_price": "67013.25", "volume": 5}, "New": {"x": 1}})
    assert state.decimal("Aggregate.last_price") == Decimal("67013.25")
    assert full.decimal("Aggregate.last_price") == Decimal(67013), "the base is left as it was"


def test_a_delta_not_above_its_base_or_without_a_base_is_not_handed_out() -> None:
    bases = StateBases()
    orphan = StateDelta("EURUSD", {"Aggregate": {"last_price": 1}}, 1, 5)
    assert bases.apply(orphan) is None and bases.resyncs == 1
    bases.base(State("EURUSD", {"Aggregate": {"last_price": 1}}, 1, 5))
    assert bases.apply(StateDelta("EURUSD", {"Aggregate": {"last_price": 2}}, 1, 5)) is None


def test_merge_shares_the_sections_that_did_not_change() -> None:
    base = {"A": {"x": 1}, "B": {"y": 2}}
    merged = merge(base, {"A": {"x": 3}})
    assert merged == {"A": {"x": 3}, "B": {"y": 2}} and merged["B"] is base["B"] and base["A"] == {"x": 1}


def test_account_events_become_their_typed_records() -> None:
    def account(event: str, data: str) -> AccountEvent:
        message = parse_message(f'{{"type":"account","event":"{event}","data":{data},"seq":3,"time":4}}')
        assert isinstance(message, AccountEvent) and message.seq == 3 and message.time == 4
        return message

    balance = account("balance", '{"currency":"USD","balance":100000.00,"available":99000.50,"equity":100012.40}')
    assert isinstance(balance, Balance) and balance.balance == Decimal("100000.00") and balance.currency == "USD"
    order = account("order", '{"orderId":"O-1","symbol":"EURUSD","side":"buy","type":"limit","price":1.08500,'
                             '"quantity":100000,"status":"new"}')
    assert isinstance(order, Order) and order.order_type == "limit" and order.quantity == Decimal(100000)
    fill = account("trade", '{"tradeId":"F-1","orderId":"O-1","symbol":"EURUSD","side":"buy","price":1.085,'
                            '"quantity":1000,"fee":0.25}')
    assert isinstance(fill, Fill) and fill.fee == Decimal("0.25")
    position = account("position", '{"symbol":"EURUSD","quantity":-1000,"averagePrice":1.08,"unrealizedPnl":-3.5}')
    assert isinstance(position, Position) and position.quantity == Decimal(-1000)
    note = account("notification", '{"level":"info","message":"Deposit of 100"}')
    assert isinstance(note, Notification) and note.message == "Deposit of 100"
    other = account("margin_call", '{"level":1}')
    assert type(other) is AccountEvent and other.event == "margin_call" and other.data == {"level": 1}


def test_an_alert_trigger_of_spec_11_is_an_alert_event() -> None:
    alert = parse_message('{"type":"account","event":"alert","data":{"alertId":"a-1","clientId":"c-1","symbol":'
                          '"EURUSD","field":"bid","condition":"crosses_above","price":1.0900,"value":1.09001,'
                          '"triggeredAt":1709742000123,"note":"text"},"seq":18,"time":1709742000123}')
    data = {"alertId": "a-1", "clientId": "c-1", "symbol": "EURUSD", "field": "bid", "condition": "crosses_above",
            "price": Decimal("1.0900"), "value": Decimal("1.09001"), "triggeredAt": 1709742000123, "note": "text"}
    assert alert == AlertTriggered("alert", data, 1709742000123, 18, "a-1", "c-1", "EURUSD", "bid", "crosses_above",
                                   Decimal("1.0900"), Decimal("1.09001"), 1709742000123, "text")


def test_alert_replies_of_spec_11() -> None:
    created = parse_message('{"type":"alert_created","alert":{"id":"a-1","symbol":"EURUSD","field":"bid",'
                            '"condition":"crosses_above","price":"1.0900","once":true,"state":"active",'
                            '"createdAt":1709742000000,"cooldownSeconds":60,"note":"n","clientId":"c-1"}}')
    assert isinstance(created, AlertCreated)
    assert created.alert.price == Decimal("1.0900") and created.alert.state == "active"
    assert created.alert.cooldown_seconds == 60 and created.alert.client_id == "c-1"
    listed = parse_message('{"type":"alerts","alerts":[{"id":"a-1","symbol":"EURUSD","field":"mid",'
                           '"condition":"above","price":1.1,"once":false,"state":"triggered","createdAt":1}]}')
    assert isinstance(listed, AlertList) and [a.state for a in listed.alerts] == ["triggered"]
    assert parse_message('{"type":"alert_canceled","id":"a-1"}') == AlertCanceled("a-1")
    refused = parse_message('{"type":"error","code":"invalid_alert","message":"Invalid field: condition"}')
    assert refused == ErrorMessage("Invalid field: condition", "invalid_alert")


def test_alert_requests_send_the_price_as_exact_decimal_text() -> None:
    sent = json.loads(requests.alert_create("EURUSD", "bid", "crosses_above", Decimal("1.09000"), once=True,
                                            cooldown_seconds=60, expires_at=1709745600000, note="n", client_id="c-1"))
    assert sent == {"type": "alert_create", "symbol": "EURUSD", "field": "bid", "condition": "crosses_above",
                    "price": "1.09000", "once": True, "cooldownSeconds": 60, "expiresAt": 1709745600000,
                    "note": "n", "clientId": "c-1"}
    assert json.loads(requests.alert_cancel("a-1")) == {"type": "alert_cancel", "id": "a-1"}
    assert json.loads(requests.alert_list()) == {"type": "alert_list"}


def test_live_candles_and_history_rows_of_spec_12() -> None:
    candle = parse_message('{"type":"candle","symbol":"EURUSD","interval":"1m","start":1709741940000,"open":1.0850,'
                           '"high":1.0853,"low":1.0849,"close":1.0852,"volume":1500000,"trades":42,"closed":true,'
                           '"time":1709742000100}')
    assert candle == Candle("EURUSD", "1m", 1709741940000, Decimal("1.0850"), Decimal("1.0853"), Decimal("1.0849"),
                            Decimal("1.0852"), Decimal(1500000), 42, True, 1709742000100)
    row = candle_from_row("EURUSD", "1m", json.loads('[1709741940000,1.0850,1.0853,1.0849,1.0852,0,0]',
                                                     parse_float=Decimal))
    assert row.open == Decimal("1.0850") and row.volume == 0 and not row.closed
    with pytest.raises(MalformedMessageError):
        candle_from_row("EURUSD", "1m", [1, 2])


def test_candle_subscription_asks_for_its_interval() -> None:
    assert json.loads(requests.subscribe("candles", ["EURUSD"], interval="1m")) == {
        "type": "subscribe", "channel": "candles", "symbols": ["EURUSD"], "interval": "1m"}


def test_trades_subscribe_resumes_with_since_and_auth_resumes_the_account() -> None:
    assert json.loads(requests.subscribe("trades", ["BTCUSDT"], since={"BTCUSDT": StreamPosition("E", 7)})) == {
        "type": "subscribe", "channel": "trades", "symbols": ["BTCUSDT"],
        "since": {"BTCUSDT": {"epoch": "E", "seq": 7}}}
    assert json.loads(requests.auth("k", None, StreamPosition("E", 3))) == {
        "type": "auth", "apiKey": "k", "since": {"epoch": "E", "seq": 3}}


def test_protocol_replies_and_notices() -> None:
    assert parse_message('{"type":"welcome","message":"hi","authTimeoutMs":30000}') == Welcome("hi", 30000)
    auth = parse_message('{"type":"auth","success":true,"message":"ok","account":{"epoch":"5d1e","seq":17},'
                         '"recovered":false}')
    assert auth == AuthResult(True, "ok", StreamPosition("5d1e", 17), False)
    reply = parse_message('{"type":"subscribed","symbols":["BTCUSDT"],"channel":"trades","totalSubscriptions":1,'
                          '"streams":{"BTCUSDT":{"epoch":"E","seq":9}},"recovered":{"BTCUSDT":true}}')
    assert reply == SubscriptionReply("subscribed", ("BTCUSDT",), "trades", 1, {"BTCUSDT": StreamPosition("E", 9)},
                                      {"BTCUSDT": True})
    assert parse_message('{"type":"gap","channel":"account","epoch":"E","seq":5}') == Gap("account", None, "E", 5)
    assert parse_message('{"type":"reconnect","reason":"shutdown","retryAfterMs":1500}') == Reconnect("shutdown", 1500)
    assert parse_message('{"type":"token_expiring","expiresInMs":30000}') == TokenExpiring(30000)
    assert isinstance(parse_message('{"type":"from_the_future","x":1}'), UnknownMessage)


@pytest.mark.parametrize("text", ["not json", "[1,2]", '{"type":"tick","symbol":"EURUSD","ask":1}',
                                  '{"type":"tick","symbol":"EURUSD","bid":"x","ask":1}', '{"type":"tick",NaN}',
                                  '{"type":"account","event":"balance","data":[]}'])
def test_malformed_frames_raise_a_clear_error_naming_the_frame(text: str) -> None:
    with pytest.raises(MalformedMessageError) as raised:
        parse_message(text)
    assert text[:8] in str(raised.value), "the error shows the frame"


def test_full_jitter_backoff_stays_within_its_growing_cap() -> None:
    backoff = Backoff(0.5, 4.0)
    assert [backoff.cap(n) for n in range(1, 6)] == [0.5, 1.0, 2.0, 4.0, 4.0]
    delays = [backoff.delay(3) for _ in range(200)]
    assert all(0.0 <= d <= 2.0 for d in delays) and min(delays) < 0.5 and max(delays) > 1.5
