// A live price chart drawn by hand on a canvas: the bid-ask band, the mid price, trade prices as
// dots, a price axis on the right and a time axis below. Redrawn at most once per animation frame.

import { fixed } from './format.js';

const PAD = { left: 10, top: 14, bottom: 24 };
const COLORS = {
  grid: '#1c2944', axis: '#8da0bf', band: 'rgba(56, 189, 248, .14)', mid: '#38bdf8',
  bid: 'rgba(34, 197, 94, .55)', ask: 'rgba(244, 63, 94, .55)', trade: '#f59e0b', label: '#04111f',
};
const MAX_POINTS = 600;

export class PriceChart {
  constructor(canvas) {
    this.canvas = canvas;
    this.points = [];
    this.decimals = 2;
    this.pending = false;
    new ResizeObserver(() => this.request()).observe(canvas);
  }

  /** Shows a series: points of {t, bid, ask, last} (numbers), oldest first. */
  show(points, decimals) {
    this.points = points;
    this.decimals = decimals;
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
    const points = this.points.slice(-MAX_POINTS).filter((p) => p.bid > 0 || p.ask > 0 || p.last > 0);
    canvas.dataset.points = String(points.length);
    if (points.length < 2) {
      g.fillStyle = COLORS.axis;
      g.textAlign = 'center';
      g.fillText('Waiting for prices…', width / 2, height / 2);
      return;
    }
    const { low, high } = range(points);
    const labels = Math.max(g.measureText(fixed(high, this.decimals)).width, g.measureText(fixed(low, this.decimals)).width);
    const right = Math.ceil(labels) + 22;
    const plot = { x: PAD.left, y: PAD.top, w: width - PAD.left - right, h: height - PAD.top - PAD.bottom };
    const t0 = points[0].t;
    const t1 = Math.max(points[points.length - 1].t, t0 + 1);
    const x = (t) => plot.x + ((t - t0) / (t1 - t0)) * plot.w;
    const y = (v) => plot.y + (1 - (v - low) / (high - low)) * plot.h;

    this.grid(g, plot, low, high, y);
    this.timeAxis(g, plot, t0, t1, x);
    const quoted = points.filter((p) => p.bid > 0 && p.ask > 0);
    if (quoted.length > 1) {
      g.beginPath();
      quoted.forEach((p, i) => (i ? g.lineTo(x(p.t), y(p.ask)) : g.moveTo(x(p.t), y(p.ask))));
      for (let i = quoted.length - 1; i >= 0; i--) g.lineTo(x(quoted[i].t), y(quoted[i].bid));
      g.closePath();
      g.fillStyle = COLORS.band;
      g.fill();
      line(g, quoted, x, (p) => y(p.bid), COLORS.bid, 1);
      line(g, quoted, x, (p) => y(p.ask), COLORS.ask, 1);
      line(g, quoted, x, (p) => y((p.bid + p.ask) / 2), COLORS.mid, 2);
    }
    g.fillStyle = COLORS.trade;
    let lastTrade = 0;
    for (const p of points) {
      if (p.last > 0 && p.last !== lastTrade) {
        g.beginPath();
        g.arc(x(p.t), y(p.last), 2.5, 0, Math.PI * 2);
        g.fill();
        lastTrade = p.last;
      }
    }
    const latest = points[points.length - 1];
    const current = latest.bid > 0 && latest.ask > 0 ? (latest.bid + latest.ask) / 2 : latest.last;
    this.priceTag(g, plot, right, y(current), fixed(current, this.decimals));
  }

  grid(g, plot, low, high, y) {
    g.strokeStyle = COLORS.grid;
    g.fillStyle = COLORS.axis;
    g.lineWidth = 1;
    g.textAlign = 'left';
    g.textBaseline = 'middle';
    const steps = 5;
    for (let i = 0; i <= steps; i++) {
      const value = low + ((high - low) * i) / steps;
      const py = Math.round(y(value)) + 0.5;
      g.beginPath();
      g.moveTo(plot.x, py);
      g.lineTo(plot.x + plot.w, py);
      g.stroke();
      g.fillText(fixed(value, this.decimals), plot.x + plot.w + 8, py);
    }
  }

  timeAxis(g, plot, t0, t1, x) {
    g.fillStyle = COLORS.axis;
    g.textBaseline = 'top';
    const labels = 4;
    for (let i = 0; i <= labels; i++) {
      const t = t0 + ((t1 - t0) * i) / labels;
      g.textAlign = i === 0 ? 'left' : i === labels ? 'right' : 'center';
      g.fillText(new Date(t).toLocaleTimeString('en-GB', { hour12: false }), x(t), plot.y + plot.h + 7);
    }
  }

  priceTag(g, plot, right, py, text) {
    const w = g.measureText(text).width + 12;
    const left = plot.x + plot.w + 2;
    g.fillStyle = COLORS.mid;
    g.beginPath();
    g.roundRect(left, py - 9, Math.min(w, right - 4), 18, 4);
    g.fill();
    g.fillStyle = COLORS.label;
    g.textAlign = 'left';
    g.textBaseline = 'middle';
    g.fillText(text, left + 6, py);
  }
}

function range(points) {
  let low = Infinity;
  let high = -Infinity;
  for (const p of points) {
    for (const v of [p.bid, p.ask, p.last]) {
      if (v > 0) {
        low = Math.min(low, v);
        high = Math.max(high, v);
      }
    }
  }
  const pad = (high - low) * 0.08 || Math.abs(high) * 0.001 || 1;
  return { low: low - pad, high: high + pad };
}

function line(g, points, x, y, color, width) {
  g.beginPath();
  points.forEach((p, i) => (i ? g.lineTo(x(p.t), y(p)) : g.moveTo(x(p.t), y(p))));
  g.strokeStyle = color;
  g.lineWidth = width;
  g.stroke();
}
