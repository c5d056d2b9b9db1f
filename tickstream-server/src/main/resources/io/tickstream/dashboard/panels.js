// The side panels: the searchable instrument picker, the order book, the trade prints of the
// selected instrument, and the account's private events.

import { clock, grouped, price } from './format.js';

const MAX_TRADES = 14;
const MAX_EVENTS = 200;

/** A search box over the instruments: name, id or description, any script, case-insensitive. */
export class Picker {
  constructor(input, list, onSelect) {
    this.input = input;
    this.list = list;
    this.onSelect = onSelect;
    this.instruments = [];
    this.matches = [];
    this.active = -1;
    input.addEventListener('input', () => this.filter());
    input.addEventListener('focus', () => this.filter());
    input.addEventListener('keydown', (event) => this.key(event));
    input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
    list.addEventListener('mousedown', (event) => {
      const li = event.target.closest('li[data-symbol]');
      if (li) this.choose(li.dataset.symbol);
    });
  }

  setInstruments(instruments) {
    this.instruments = instruments;
  }

  filter() {
    const query = this.input.value.trim().toLocaleLowerCase();
    this.matches = this.instruments.filter((i) => !query
      || i.name.toLocaleLowerCase().includes(query)
      || i.id.toLocaleLowerCase().includes(query)
      || (i.description || '').toLocaleLowerCase().includes(query));
    this.active = this.matches.length ? 0 : -1;
    this.render();
  }

  render() {
    this.list.replaceChildren(...this.matches.map((instrument, index) => {
      const li = document.createElement('li');
      li.setAttribute('role', 'option');
      li.dataset.symbol = instrument.name;
      li.setAttribute('aria-selected', String(index === this.active));
      const name = document.createElement('span');
      name.className = 'sym';
      name.dir = 'auto';
      name.textContent = instrument.name;
      const desc = document.createElement('span');
      desc.className = 'desc';
      desc.textContent = instrument.description || instrument.id;
      li.append(name, desc);
      return li;
    }));
    if (this.matches.length === 0) {
      const li = document.createElement('li');
      li.textContent = 'No instrument matches';
      this.list.append(li);
    }
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    this.list.children[this.active]?.scrollIntoView({ block: 'nearest' });
  }

  key(event) {
    if (this.list.hidden && event.key !== 'Escape') this.filter();
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.active = Math.max(0, Math.min(this.matches.length - 1, this.active + step));
      this.render();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (this.matches[this.active]) this.choose(this.matches[this.active].name);
    } else if (event.key === 'Escape') {
      this.close();
    }
  }

  choose(symbol) {
    this.input.value = '';
    this.close();
    this.onSelect(symbol);
  }

  close() {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
  }
}

/** The order book of the selected instrument: bids left, asks right, quantity bars. */
export class BookView {
  constructor(body) {
    this.body = body;
  }

  waiting(text) {
    this.body.innerHTML = '';
    const tr = this.body.insertRow();
    tr.className = 'placeholder';
    const td = tr.insertCell();
    td.colSpan = 4;
    td.textContent = text;
  }

  show(bids, asks) {
    const depth = Math.max(bids.length, asks.length);
    if (depth === 0) {
      this.waiting('The book is empty.');
      return;
    }
    const largest = Math.max(...bids.map((l) => Number(l[1])), ...asks.map((l) => Number(l[1])), 1);
    const rows = [];
    for (let i = 0; i < depth; i++) {
      const tr = document.createElement('tr');
      const [bidPrice, bidQty] = bids[i] || [];
      const [askPrice, askQty] = asks[i] || [];
      tr.append(quantity(bidQty, largest), text(price(bidPrice)), text(price(askPrice)), quantity(askQty, largest));
      rows.push(tr);
    }
    this.body.replaceChildren(...rows);
  }
}

function text(value) {
  const td = document.createElement('td');
  td.textContent = value;
  return td;
}

function quantity(qty, largest) {
  const td = text(qty === undefined ? '' : grouped(qty));
  if (qty !== undefined) {
    const bar = document.createElement('span');
    bar.className = 'bar';
    bar.style.width = Math.round((Number(qty) / largest) * 100) + '%';
    td.prepend(bar);
  }
  return td;
}

/** The latest trade prints of the selected instrument. */
export class TradesView {
  constructor(list) {
    this.list = list;
  }

  clear() {
    this.list.replaceChildren();
  }

  add(trade) {
    const li = document.createElement('li');
    const time = document.createElement('time');
    time.textContent = clock(trade.time);
    const px = document.createElement('span');
    px.textContent = price(trade.price);
    px.className = trade.side === 'buy' ? 'up' : 'down';
    const qty = document.createElement('span');
    qty.textContent = grouped(trade.quantity);
    li.append(time, px, qty);
    this.list.prepend(li);
    while (this.list.children.length > MAX_TRADES) this.list.lastChild.remove();
  }
}

/** The account's private events, newest first. */
/** The account's price alerts, each with a cancel button. */
export class AlertsView {
  constructor(list, onCancel) {
    this.list = list;
    this.onCancel = onCancel;
  }

  show(alerts) {
    const items = alerts.map((a) => {
      const li = document.createElement('li');
      li.dataset.state = a.state;
      li.dataset.id = a.id;
      const text = document.createElement('span');
      text.dir = 'auto';
      text.textContent = `${a.symbol} ${a.field} ${a.condition.replace('_', ' ')} ${price(a.price)} · ${a.state}`;
      li.append(text);
      if (a.state === 'active') {
        const cancel = document.createElement('button');
        cancel.type = 'button';
        cancel.className = 'secondary';
        cancel.textContent = 'Cancel';
        cancel.addEventListener('click', () => this.onCancel(a.id));
        li.append(cancel);
      }
      return li;
    });
    this.list.replaceChildren(...items);
  }
}

export class AccountFeed {
  constructor(list, note) {
    this.list = list;
    this.note = note;
  }

  add(message) {
    const li = document.createElement('li');
    li.dataset.event = message.event;
    const time = document.createElement('time');
    time.textContent = clock(message.time);
    const badge = document.createElement('span');
    badge.className = 'badge ' + message.event;
    badge.textContent = message.event;
    const body = document.createElement('span');
    body.dir = 'auto';
    body.className = 'event-text';
    body.textContent = describe(message.event, message.data || {});
    li.append(time, badge, body);
    this.list.prepend(li);
    while (this.list.children.length > MAX_EVENTS) this.list.lastChild.remove();
    const n = this.list.children.length;
    this.note.textContent = `${n} event${n === 1 ? '' : 's'} of this account, newest first`;
  }
}

function describe(event, d) {
  const side = (d.side || '').toUpperCase();
  switch (event) {
    case 'order':
      return `${side} ${grouped(d.quantity)} ${d.symbol} @ ${price(d.price)} ${d.type || ''} — ${d.status || ''} (${d.orderId || ''})`;
    case 'trade':
      return `Filled ${side} ${grouped(d.quantity)} ${d.symbol} @ ${price(d.price)}, fee ${grouped(d.fee)} (${d.orderId || ''})`;
    case 'position':
      return `${d.symbol}: ${grouped(d.quantity)} @ ${price(d.averagePrice)}, unrealized P&L ${grouped(d.unrealizedPnl)}`;
    case 'balance':
      return `${d.currency || ''} balance ${grouped(d.balance)}, available ${grouped(d.available)}, equity ${grouped(d.equity)}`;
    case 'alert':
      return `${d.symbol} ${d.field || ''} ${(d.condition || '').replace('_', ' ')} ${price(d.price)}: at ${price(d.value)}${d.note ? ' — ' + d.note : ''}`;
    case 'notification':
      return `${d.level === 'warning' ? '⚠ ' : ''}${d.message || ''}`;
    default:
      return Object.entries(d).map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : v}`).join(', ');
  }
}
