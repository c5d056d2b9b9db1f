// The market dashboard: a client of the JSON message protocol like any other. It authenticates
// with the key in the form, reads the instruments the key may see from /api/instruments,
// subscribes the "state" channel of each (in batches, with deltas: a full state first, then only
// the fields that changed, at most 4 a second each: a rate a screen can show), and the "book",
// "trades" and "candles" channels of the selected one, whose candle history comes from
// /api/candles. Account events arrive without a subscription.

import { MarketConnection } from './connection.js';
import { clock, decimals, grouped, price } from './format.js';
import { PriceChart } from './chart.js';
import { CandleChart } from './candles.js';
import { AccountFeed, AlertsView, BookView, Picker, TradesView } from './panels.js';
import { MarketTable } from './table.js';

const MAX_STATE_SUBSCRIPTIONS = 495; // of the server's 500 per connection; the rest for book and trades
const BATCH = 100;
const HISTORY = 2000;
const TABLE_RATE = 4; // state messages a second per instrument
const CANDLES = 120;
const KEY_STORAGE = 'tickstream.apiKey';

const $ = (id) => document.getElementById(id);
const ui = {
  form: $('key-form'), key: $('api-key'), connect: $('connect'), disconnect: $('disconnect'),
  status: $('status'), statusText: $('status-text'), error: $('error'), rate: $('rate'), rtt: $('rtt'),
  marketNote: $('market-note'), detailName: $('detail-name'), detailDesc: $('detail-desc'), figures: $('figures'),
};

const instruments = new Map(); // name -> {instrument, history: [], decimals, state}
let selected = null;
let streamed = null; // the instrument whose book and trades are subscribed
let candled = null; // {symbol, interval} whose live candles are subscribed
const rate = { slots: new Array(10).fill(0), current: 0, count: 0 }; // messages per 100 ms, last second

const table = new MarketTable($('quotes-body'), select);
const picker = new Picker($('picker-search'), $('picker-list'), select);
const chart = new PriceChart($('chart'));
const candles = new CandleChart($('candles'));
const intervalPicker = $('interval');
intervalPicker.addEventListener('change', () => { if (selected) showCandles(selected); });
const book = new BookView($('book-body'));
const trades = new TradesView($('trades'));
const feed = new AccountFeed($('feed'), $('feed-note'));
const alerts = new AlertsView($('alerts'), (id) => connection.send({ type: 'alert_cancel', id }));

const connection = new MarketConnection(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/`, {
  onStatus: showStatus,
  onAuthenticated: loadMarket,
  onMessage: handle,
  onRtt: (ms) => { ui.rtt.textContent = String(ms); },
});

ui.form.addEventListener('submit', (event) => {
  event.preventDefault();
  const key = ui.key.value.trim();
  if (!key) return;
  sessionStorage.setItem(KEY_STORAGE, key);
  hideError();
  connection.start(key);
});
ui.disconnect.addEventListener('click', () => connection.stop());
$('alert-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const price = $('alert-price').value.trim();
  if (!selected || !price) return;
  connection.send({ type: 'alert_create', symbol: selected, field: $('alert-field').value,
    condition: $('alert-condition').value, price });
});
// Leaving the page closes the socket at once (a page kept in the back-forward cache would hold it open).
window.addEventListener('pagehide', () => connection.stop(false));
window.addEventListener('pageshow', (event) => {
  if (event.persisted && connection.credential) connection.start(connection.credential);
});

setInterval(() => {
  rate.slots[rate.current] = rate.count;
  rate.current = (rate.current + 1) % rate.slots.length;
  rate.count = 0;
  ui.rate.textContent = String(rate.slots.reduce((a, b) => a + b, 0));
}, 100);

start();

async function start() {
  const demo = await fetch('/api/demo').then((r) => (r.ok ? r.json() : null)).catch(() => null);
  const stored = sessionStorage.getItem(KEY_STORAGE);
  const key = stored || demo?.demoKey;
  if (demo?.demoKey) $('demo-note').hidden = false;
  if (key) {
    ui.key.value = key;
    connection.start(key);
  }
}

function showStatus(state, detail) {
  ui.status.dataset.state = state;
  document.body.dataset.connection = state;
  const text = {
    idle: detail.text || 'Not connected',
    connecting: detail.attempt ? `Connecting (attempt ${detail.attempt + 1})…` : 'Connecting…',
    live: 'Live',
    reconnecting: detail.text,
    failed: 'Stopped',
  }[state];
  ui.statusText.textContent = text;
  ui.status.title = detail.why || detail.text || '';
  ui.connect.textContent = state === 'live' ? 'Reconnect' : 'Connect';
  ui.disconnect.disabled = state === 'idle' || state === 'failed';
  if (state === 'failed') {
    showError(detail.auth
      ? `${detail.text}. Check the API key (or token) and connect again.`
      : `${detail.text}. Not reconnecting: fix the cause, then connect again.`);
  } else if (state === 'live') {
    hideError();
  }
  if (state !== 'live') {
    streamed = null;
    candled = null;
  }
}

function showError(text) {
  ui.error.textContent = text;
  ui.error.hidden = false;
}

function hideError() {
  ui.error.hidden = true;
}

/** After authentication: the instruments the key may read, then one state subscription each. */
async function loadMarket() {
  connection.send({ type: 'alert_list' });
  let list;
  try {
    const response = await fetch('/api/instruments', { headers: { Authorization: 'Bearer ' + connection.credential } });
    if (!response.ok) throw new Error(`/api/instruments answered ${response.status}`);
    list = await response.json();
  } catch (e) {
    showError('Could not load the instruments: ' + e.message);
    return;
  }
  const changed = list.length !== instruments.size || list.some((i) => !instruments.has(i.name));
  if (changed) {
    for (const instrument of list) {
      if (!instruments.has(instrument.name)) {
        instruments.set(instrument.name, { instrument, history: [], decimals: 0, state: null });
      }
    }
    table.setInstruments(list);
    picker.setInstruments(list);
  }
  const live = list.slice(0, MAX_STATE_SUBSCRIPTIONS).map((i) => i.name);
  ui.marketNote.textContent = list.length > live.length
    ? `${live.length} of ${list.length} instruments live (subscription limit)`
    : `${list.length} instruments`;
  for (let i = 0; i < live.length; i += BATCH) {
    connection.send({ type: 'subscribe', symbols: live.slice(i, i + BATCH), channel: 'state', delta: true, maxRate: TABLE_RATE });
  }
  for (const [name, entry] of instruments) {
    if (entry.state) table.update(name, quoteOf(entry.state));
  }
  if (!selected || !instruments.has(selected)) selected = list[0]?.name ?? null;
  if (selected) select(selected);
}

function select(symbol) {
  const entry = instruments.get(symbol);
  if (!entry) return;
  if (symbol !== selected || streamed !== symbol) {
    trades.clear();
    book.waiting('Waiting for the book…');
  }
  selected = symbol;
  table.select(symbol);
  ui.detailName.textContent = symbol;
  ui.detailDesc.textContent = entry.instrument.description || `id ${entry.instrument.id}`;
  showFigures(entry);
  chart.show(entry.history, entry.decimals);
  if (connection.authenticated && streamed !== symbol) {
    if (streamed) {
      connection.send({ type: 'unsubscribe', symbol: streamed, channel: 'book' });
      connection.send({ type: 'unsubscribe', symbol: streamed, channel: 'trades' });
    }
    connection.send({ type: 'subscribe', symbol, channel: 'book', depth: entry.instrument.depth });
    connection.send({ type: 'subscribe', symbol, channel: 'trades' });
    streamed = symbol;
    showCandles(symbol);
  }
}

/** Loads the selected interval's bars of {@code symbol} over HTTP, then follows them live. */
async function showCandles(symbol) {
  const interval = intervalPicker.value;
  if (candled) connection.send({ type: 'unsubscribe', symbol: candled.symbol, channel: 'candles', interval: candled.interval });
  candled = { symbol, interval };
  candles.load([], instruments.get(symbol)?.decimals ?? 2);
  try {
    const query = `symbol=${encodeURIComponent(symbol)}&interval=${interval}&limit=${CANDLES}`;
    const response = await fetch('/api/candles?' + query, { headers: { Authorization: 'Bearer ' + connection.credential } });
    if (!response.ok) throw new Error(`/api/candles answered ${response.status}`);
    const body = await response.json();
    if (candled?.symbol !== symbol || candled?.interval !== interval) return;
    candles.load(body.candles, instruments.get(symbol)?.decimals ?? 2);
  } catch (e) {
    showError('Could not load the candles: ' + e.message);
  }
  connection.send({ type: 'subscribe', symbol, channel: 'candles', interval });
}

function handle(message) {
  rate.count += 1;
  switch (message.type) {
    case 'state': onState(message); break;
    case 'book':
      if (message.symbol === selected) book.show(message.bids || [], message.asks || []);
      break;
    case 'trade':
      if (message.symbol === selected) trades.add(message);
      break;
    case 'candle':
      if (message.symbol === candled?.symbol && message.interval === candled?.interval) {
        candles.update(message, instruments.get(message.symbol)?.decimals ?? 2);
      }
      break;
    case 'account':
      feed.add(message);
      if (message.event === 'alert') connection.send({ type: 'alert_list' });
      break;
    case 'alerts': alerts.show(message.alerts || []); break;
    case 'alert_created':
    case 'alert_canceled':
      connection.send({ type: 'alert_list' });
      break;
    case 'error': showNotice(message); break;
    default: break; // welcome, subscribed, unsubscribed, subscriptions
  }
}

function onState(message) {
  const entry = instruments.get(message.symbol);
  if (!entry) return;
  if (!message.delta) {
    entry.state = message;
  } else if (!entry.state?.data) {
    // A delta applies to the state before it; the server sends a full one first, so ask for it again.
    connection.send({ type: 'subscribe', symbols: [message.symbol], channel: 'state', delta: true });
    return;
  } else if (message.seq != null && entry.state.seq != null && Number(message.seq) <= Number(entry.state.seq)) {
    return; // a duplicate
  } else {
    entry.state = { ...message, data: merged(entry.state.data, message.delta) };
  }
  const state = entry.state;
  const quote = quoteOf(state);
  table.update(state.symbol, quote);
  entry.decimals = Math.max(entry.decimals, decimals(quote.bid), decimals(quote.ask), decimals(quote.last));
  const point = { t: Number(state.time) || Date.now(), bid: Number(quote.bid), ask: Number(quote.ask), last: Number(quote.last) };
  const previous = entry.history[entry.history.length - 1];
  if (!previous || previous.bid !== point.bid || previous.ask !== point.ask || previous.last !== point.last) {
    entry.history.push(point);
    if (entry.history.length > HISTORY) entry.history.splice(0, entry.history.length - HISTORY);
  }
  if (message.symbol === selected) {
    chart.show(entry.history, entry.decimals);
    showFigures(entry);
  }
}

/** A copy of a state's data with a delta's fields put in: the delta has the same nesting, cut down to what changed. */
function merged(data, delta) {
  const out = { ...data };
  for (const [name, value] of Object.entries(delta)) {
    const nested = value !== null && typeof value === 'object' && typeof data[name] === 'object';
    out[name] = nested ? merged(data[name], value) : value;
  }
  return out;
}

function quoteOf(message) {
  const level = message.data?.BestLimit?.['1'] || {};
  const agg = message.data?.Aggregate || {};
  const previousClose = Number(agg.previous_close) ? agg.previous_close : agg.open_price;
  return {
    bid: level.buy_price, ask: level.sell_price, last: agg.last_price,
    reference: previousClose, volume: agg.total_volume, time: message.time,
  };
}

function showFigures(entry) {
  const agg = entry.state?.data?.Aggregate;
  const info = entry.state?.data?.ContractInfo;
  const figures = [
    ['Open', price(agg?.open_price)], ['High', price(agg?.high_price)], ['Low', price(agg?.low_price)],
    ['Prev. close', price(agg?.previous_close)], ['Trades', agg ? grouped(agg.trade_count) : '—'],
    ['Volume', agg ? grouped(agg.total_volume) : '—'], ['Open interest', info ? grouped(info.open_interest) : '—'],
    ['Updated', clock(entry.state?.time)],
  ];
  ui.figures.replaceChildren(...figures.map(([label, value]) => {
    const div = document.createElement('div');
    const dt = document.createElement('dt');
    dt.textContent = label;
    const dd = document.createElement('dd');
    dd.textContent = value;
    div.append(dt, dd);
    return div;
  }));
}

function showNotice(message) {
  const retry = message.retryAfterMs ? ` (retry after ${message.retryAfterMs} ms)` : '';
  ui.marketNote.textContent = `Server: ${message.message}${retry}`;
}
