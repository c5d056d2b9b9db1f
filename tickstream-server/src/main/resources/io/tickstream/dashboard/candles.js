// A candlestick chart drawn by hand on a canvas: one candle per bar (green when it closed up, red
// when down), the high-low wick, a price axis on the right and the bars' start times below.
// Bars come from GET /api/candles first, then live from the "candles" channel.

import { fixed } from './format.js';

const PAD = { left: 10, top: 14, bottom: 24 };
const COLORS = { grid: '#1c2944', axis: '#8da0bf', up: '#22c55e', down: '#f43f5e' };
const MAX_BARS = 120;

export class CandleChart {
  constructor(canvas) {
    this.canvas = canvas;
    this.bars = []; // {start, open, high, low, close, volume, trades}, oldest first
    this.decimals = 2;
    this.pending = false;
    new ResizeObserver(() => this.request()).observe(canvas);
  }

  /** Replaces every bar: rows of [start, open, high, low, close, volume, trades] as /api/candles gives them. */
  load(rows, decimals) {
    this.bars = rows.map(([start, open, high, low, close, volume, trades]) =>
      ({ start: Number(start), open: Number(open), high: Number(high), low: Number(low), close: Number(close), volume, trades }));
    this.decimals = decimals;
    this.request();
  }

  /** A live bar: replaces the bar with its start, or adds it as the newest. */
  update(message, decimals) {
    const bar = { start: Number(message.start), open: Number(message.open), high: Number(message.high),
      low: Number(message.low), close: Number(message.close), volume: message.volume, trades: message.trades };
    const index = this.bars.findIndex((b) => b.start === bar.start);
    if (index >= 0) this.bars[index] = bar;
    else if (!this.bars.length || bar.start > this.bars[this.bars.length - 1].start) this.bars.push(bar);
    if (this.bars.length > MAX_BARS * 4) this.bars.splice(0, this.bars.length - MAX_BARS * 4);
    this.decimals = Math.max(this.decimals, decimals);
    this.request();
  }

  request() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.draw();
    });
  }

  draw() {
    const canvas = this.canvas;
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (width === 0 || height === 0) return;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const g = canvas.getContext('2d');
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);
    g.font = '11px system-ui, sans-serif';
    const bars = this.bars.slice(-MAX_BARS);
    canvas.dataset.bars = String(bars.length);
    if (!bars.length) {
      g.fillStyle = COLORS.axis;
      g.textAlign = 'center';
      g.fillText('No trades in this interval yet…', width / 2, height / 2);
      return;
    }
    let low = Math.min(...bars.map((b) => b.low));
    let high = Math.max(...bars.map((b) => b.high));
    const pad = (high - low) * 0.08 || Math.abs(high) * 0.001 || 1;
    low -= pad;
    high += pad;
    const labels = Math.max(g.measureText(fixed(high, this.decimals)).width, g.measureText(fixed(low, this.decimals)).width);
    const right = Math.ceil(labels) + 22;
    const plot = { x: PAD.left, y: PAD.top, w: width - PAD.left - right, h: height - PAD.top - PAD.bottom };
    const step = plot.w / Math.max(bars.length, 20);
    const y = (v) => plot.y + (1 - (v - low) / (high - low)) * plot.h;
    g.strokeStyle = COLORS.grid;
    g.fillStyle = COLORS.axis;
    g.textAlign = 'left';
    g.textBaseline = 'middle';
    for (let i = 0; i <= 5; i++) {
      const value = low + ((high - low) * i) / 5;
      const py = Math.round(y(value)) + 0.5;
      g.beginPath();
      g.moveTo(plot.x, py);
      g.lineTo(plot.x + plot.w, py);
      g.stroke();
      g.fillText(fixed(value, this.decimals), plot.x + plot.w + 8, py);
    }
    bars.forEach((bar, i) => {
      const cx = plot.x + step * (i + 0.5);
      const color = bar.close >= bar.open ? COLORS.up : COLORS.down;
      g.strokeStyle = color;
      g.fillStyle = color;
      g.beginPath();
      g.moveTo(Math.round(cx) + 0.5, y(bar.high));
      g.lineTo(Math.round(cx) + 0.5, y(bar.low));
      g.stroke();
      const top = y(Math.max(bar.open, bar.close));
      const body = Math.max(1, y(Math.min(bar.open, bar.close)) - top);
      g.fillRect(cx - Math.max(1, step * 0.35), top, Math.max(2, step * 0.7), body);
    });
    g.fillStyle = COLORS.axis;
    g.textBaseline = 'top';
    const last = bars.length - 1;
    for (const i of last < 20 ? [last] : [0, Math.floor(last / 2), last]) {
      const when = new Date(bars[i].start);
      g.textAlign = i === 0 && last >= 20 ? 'left' : i === last ? 'right' : 'center';
      g.fillText(when.toLocaleTimeString('en-GB', { hour12: false }), plot.x + step * (i + 0.5), plot.y + plot.h + 7);
    }
  }
}
