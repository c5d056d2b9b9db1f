// The live market table: one row per instrument, cells updated in place, a brief flash on change.

import { change, clock, grouped, price } from './format.js';

const FLASH_MS = 600;
const UP = [{ backgroundColor: 'rgba(34, 197, 94, .3)' }, { backgroundColor: 'rgba(34, 197, 94, 0)' }];
const DOWN = [{ backgroundColor: 'rgba(244, 63, 94, .3)' }, { backgroundColor: 'rgba(244, 63, 94, 0)' }];

export class MarketTable {
  constructor(body, onSelect) {
    this.body = body;
    this.onSelect = onSelect;
    this.rows = new Map();
    body.addEventListener('click', (event) => this.choose(event.target.closest('tr[data-symbol]')));
    body.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        this.choose(event.target.closest('tr[data-symbol]'));
      }
    });
  }

  /** Builds one row per instrument, in the given order. */
  setInstruments(instruments) {
    this.body.replaceChildren();
    this.rows.clear();
    for (const instrument of instruments) {
      const tr = document.createElement('tr');
      tr.dataset.symbol = instrument.name;
      tr.dataset.id = instrument.id;
      tr.tabIndex = 0;
      const name = cell(tr, 'name');
      const symbol = document.createElement('span');
      symbol.className = 'sym';
      symbol.dir = 'auto';
      symbol.textContent = instrument.name;
      const desc = document.createElement('span');
      desc.className = 'desc';
      desc.textContent = instrument.description || instrument.id;
      name.append(symbol, desc);
      const cells = {
        bid: cell(tr, 'bid'), ask: cell(tr, 'ask'), last: cell(tr, 'last'),
        chg: cell(tr, 'chg'), vol: cell(tr, 'vol'), time: cell(tr, 'time'),
      };
      for (const c of Object.values(cells)) c.textContent = '—';
      this.rows.set(instrument.name, { tr, cells, values: {} });
      this.body.append(tr);
    }
    if (instruments.length === 0) {
      this.body.innerHTML = '<tr class="placeholder"><td colspan="7">This key may read no instrument.</td></tr>';
    }
  }

  /** Shows a quote; cells whose price moved flash green (up) or red (down). */
  update(symbol, quote) {
    const row = this.rows.get(symbol);
    if (!row) return;
    setPrice(row, 'bid', quote.bid);
    setPrice(row, 'ask', quote.ask);
    setPrice(row, 'last', quote.last);
    const pct = change(quote.last, quote.reference);
    const chg = row.cells.chg;
    const shown = pct === null ? null : pct.toFixed(2);
    const sign = shown === null || Number(shown) === 0 ? 0 : Math.sign(pct);
    chg.textContent = shown === null ? '—' : (sign > 0 ? '+' : '') + (sign === 0 ? '0.00' : shown) + '%';
    chg.className = 'chg' + (sign > 0 ? ' up' : sign < 0 ? ' down' : '');
    row.cells.vol.textContent = Number(quote.volume) ? grouped(quote.volume) : '—';
    row.cells.time.textContent = clock(quote.time);
  }

  select(symbol) {
    for (const [name, row] of this.rows) row.tr.setAttribute('aria-selected', String(name === symbol));
  }

  choose(tr) {
    if (tr) this.onSelect(tr.dataset.symbol);
  }
}

function cell(tr, name) {
  const td = document.createElement('td');
  td.className = name;
  tr.append(td);
  return td;
}

function setPrice(row, field, text) {
  const previous = row.values[field];
  if (previous === text) return;
  row.values[field] = text;
  const td = row.cells[field];
  td.textContent = price(text);
  if (previous === undefined || !Number(previous) || !Number(text)) return;
  const up = Number(text) > Number(previous);
  td.className = field + (up ? ' up' : ' down');
  td.animate(up ? UP : DOWN, { duration: FLASH_MS, easing: 'ease-out' });
}
