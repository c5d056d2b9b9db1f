// The operator page: polls /api/stats every second and shows the gateway's live figures.

import { bytes, grouped, micros } from './format.js';

const POLL_MS = 1000;
const SAMPLES = 120;

const $ = (id) => document.getElementById(id);
const history = [];

poll();
setInterval(poll, POLL_MS);
new ResizeObserver(() => drawThroughput()).observe($('throughput'));

async function poll() {
  try {
    const response = await fetch('/api/stats', { cache: 'no-store' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    show(await response.json());
  } catch (e) {
    $('status').dataset.state = 'failed';
    $('status-text').textContent = 'Gateway unreachable (' + e.message + ')';
  }
}

function show(stats) {
  const busUp = stats.bus.connected;
  $('status').dataset.state = busUp ? 'live' : 'reconnecting';
  $('status-text').textContent = `${stats.bus.kind} bus ${busUp ? 'connected' : 'disconnected'}`;
  $('uptime').textContent = duration(stats.uptimeSeconds);
  const c = stats.connections;
  const protocols = Object.entries(c).filter(([name]) => name !== 'total')
    .map(([name, n]) => `${name} ${n}`).join(' · ');
  const rate = stats.perSecond;
  const totals = stats.totals;
  const cards = [
    card('Connections', grouped(c.total), protocols, 'connections'),
    card('Subscriptions', grouped(stats.subscriptions),
      `${stats.activeInstruments} instruments · ${stats.activeAccounts} accounts watched`, 'subscriptions'),
    card('Messages in', grouped(Math.round(rate.busMessages)) + '/s', `${grouped(totals.busMessages)} from the bus`, 'messages-in'),
    card('Frames out', grouped(Math.round(rate.framesOut)) + '/s', `${grouped(totals.framesOut)} to clients`, 'frames-out'),
    card('Bytes out', bytes(rate.bytesOut) + '/s', `${bytes(totals.bytesOut)} in all`, 'bytes-out'),
    card('Conflated', grouped(totals.conflatedFrames), `${grouped(Math.round(rate.conflatedFrames))}/s replaced for slow readers`, 'conflated'),
    card('Slow consumers', grouped(totals.slowConsumerDisconnects), 'disconnected (1013)', 'slow-consumers',
      totals.slowConsumerDisconnects > 0),
    card('Auth failures', grouped(totals.authFailures), `${grouped(totals.rateLimited)} rate-limited messages`, 'auth-failures',
      totals.authFailures > 0),
    card('Bus', busUp ? 'connected' : 'down', `${stats.bus.kind} · ${grouped(totals.malformedUpdates)} malformed`
      + ` · ${grouped(totals.staleUpdates)} stale`, 'bus', !busUp, busUp),
    card('Loop stalls', grouped(stats.eventLoops.stalls),
      stats.eventLoops.stalledNow > 0 ? `${stats.eventLoops.stalledNow} stalled now` : 'event loops running', 'loop-stalls',
      stats.eventLoops.stalledNow > 0),
    card('Refused', grouped(totals.connectionsRefused),
      `${grouped(stats.connections.unauthenticated)} unauthenticated of ${grouped(stats.connections.accepted)} sockets`,
      'refused', totals.connectionsRefused > 0),
  ];
  $('cards').replaceChildren(...cards);
  const l = stats.latencyMicros;
  const row = document.createElement('tr');
  for (const v of [l.p50, l.p90, l.p99, l.p999, l.max]) {
    const td = document.createElement('td');
    td.textContent = l.count > 0 ? micros(v) : '–';
    row.append(td);
  }
  const count = document.createElement('td');
  count.textContent = grouped(l.count);
  row.append(count);
  document.querySelector('#latency tbody').replaceChildren(row);
  $('latency-note').textContent = `bus arrival to socket write, per event loop and message, last ${l.windowSeconds} s`;
  history.push({ in: rate.busMessages, out: rate.framesOut });
  if (history.length > SAMPLES) history.shift();
  drawThroughput();
}

function card(label, value, sub, id, bad = false, good = false) {
  const div = document.createElement('div');
  div.className = 'card' + (bad ? ' bad' : good ? ' good' : '');
  div.dataset.figure = id;
  const l = document.createElement('div');
  l.className = 'label';
  l.textContent = label;
  const v = document.createElement('div');
  v.className = 'value';
  v.textContent = value;
  const s = document.createElement('div');
  s.className = 'sub';
  s.textContent = sub;
  div.append(l, v, s);
  return div;
}

function drawThroughput() {
  const canvas = $('throughput');
  const ratio = window.devicePixelRatio || 1;
  const w = canvas.clientWidth;
  const h = canvas.clientHeight;
  if (!w || !h) return;
  canvas.width = Math.round(w * ratio);
  canvas.height = Math.round(h * ratio);
  const g = canvas.getContext('2d');
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.clearRect(0, 0, w, h);
  const top = Math.max(1, ...history.map((s) => Math.max(s.in, s.out))) * 1.15;
  g.strokeStyle = '#1c2944';
  g.fillStyle = '#8da0bf';
  g.font = '11px system-ui, sans-serif';
  for (let i = 0; i <= 4; i++) {
    const y = Math.round(6 + ((h - 12) * i) / 4) + 0.5;
    g.beginPath();
    g.moveTo(0, y);
    g.lineTo(w - 60, y);
    g.stroke();
    g.fillText(grouped(Math.round(top * (1 - i / 4))), w - 54, y + 4);
  }
  const x = (i) => ((w - 64) * (i + SAMPLES - history.length)) / (SAMPLES - 1);
  const y = (v) => 6 + (h - 12) * (1 - v / top);
  for (const [key, color] of [['in', '#38bdf8'], ['out', '#22c55e']]) {
    g.beginPath();
    history.forEach((s, i) => (i ? g.lineTo(x(i), y(s[key])) : g.moveTo(x(i), y(s[key]))));
    g.strokeStyle = color;
    g.lineWidth = 2;
    g.stroke();
  }
}

function duration(seconds) {
  const s = Number(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}
