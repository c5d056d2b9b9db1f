// The dashboard's connection to the JSON message protocol: authentication, a paced send queue
// (well under the server's 50 messages/s), application pings, and reconnection with exponential
// backoff and jitter. Close 1008 (bad key, policy) stops: retrying would fail the same way.

import { parseMessage } from './format.js';

const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 15000;
const SEND_INTERVAL_MS = 50;
const PING_EVERY_MS = 15000;
const PING_TIMEOUT_MS = 10000;
const STOP_CODES = new Set([1003, 1008, 1009]);
const POSITION_STORAGE = 'tickstream.account.';

export class MarketConnection {
  /**
   * @param {object} handlers onStatus(state, detail), onAuthenticated(), onMessage(message), onRtt(ms)
   */
  constructor(url, handlers) {
    this.url = url;
    this.handlers = handlers;
    this.ws = null;
    this.queue = [];
    this.attempt = 0;
    this.stopped = true;
    this.timers = {};
  }

  /** Connects (again) with a credential: an API key, or a JWT (three dot-separated parts). */
  start(credential) {
    this.stop(false);
    this.credential = credential;
    this.stopped = false;
    this.attempt = 0;
    this.open();
  }

  /** Closes for good (until the next start). */
  stop(report = true) {
    this.stopped = true;
    this.clearTimers();
    this.queue = [];
    if (this.ws) {
      const ws = this.ws;
      this.ws = null;
      ws.close(1000, 'closed by the user');
    }
    if (report) this.handlers.onStatus('idle', { text: 'Disconnected' });
  }

  /** Queues a message; sent in order, paced. Dropped while not authenticated. */
  send(message) {
    if (!this.authenticated) return;
    this.queue.push(JSON.stringify(message));
    this.pump();
  }

  get authenticated() {
    return this.ws !== null && this.ws.readyState === WebSocket.OPEN && this.isAuthenticated === true;
  }

  open() {
    const ws = new WebSocket(this.url);
    this.ws = ws;
    this.isAuthenticated = false;
    this.refusal = null;
    this.handlers.onStatus('connecting', { attempt: this.attempt });
    ws.onopen = () => {
      const jwt = /^[\w-]+\.[\w-]+\.[\w-]*$/.test(this.credential);
      const auth = jwt ? { type: 'auth', token: this.credential } : { type: 'auth', apiKey: this.credential };
      const since = this.position();
      if (since) auth.since = since;
      ws.send(JSON.stringify(auth));
    };
    ws.onmessage = (event) => {
      if (ws !== this.ws) return;
      const message = parseMessage(event.data);
      this.lastHeard = performance.now();
      if (message.type === 'auth') {
        if (message.success === true) {
          if (message.account && message.recovered !== true) this.remember(message.account);
          this.isAuthenticated = true;
          this.attempt = 0;
          this.handlers.onStatus('live', {});
          this.startPings();
          this.handlers.onAuthenticated();
        } else {
          this.refusal = message.message || 'authentication failed';
        }
      } else if (message.type === 'pong' && this.pingSent) {
        this.handlers.onRtt(Math.round(performance.now() - this.pingSent));
        this.pingSent = 0;
      } else {
        if (message.type === 'account' && message.seq !== undefined) this.advance(Number(message.seq));
        this.handlers.onMessage(message);
      }
    };
    ws.onclose = (event) => {
      if (ws !== this.ws) return;
      this.ws = null;
      this.isAuthenticated = false;
      this.queue = [];
      this.clearTimers();
      if (this.stopped) return;
      if (this.refusal || STOP_CODES.has(event.code)) {
        this.stopped = true;
        const why = this.refusal ? 'Authentication failed: ' + this.refusal : describeClose(event);
        this.handlers.onStatus('failed', { text: why, code: event.code, auth: Boolean(this.refusal) });
        return;
      }
      this.scheduleReconnect(event);
    };
  }

  // Where the account stream was read up to, kept per credential across visits, so that a new
  // visit resumes with since: events that came meanwhile (an alert that fired) arrive once.
  position() {
    try {
      return JSON.parse(localStorage.getItem(POSITION_STORAGE + fingerprint(this.credential)));
    } catch {
      return null;
    }
  }

  // Numbers arrive as their exact text (parseMessage): a seq is turned back into a number here.
  remember(position) {
    this.account = { epoch: position.epoch, seq: Number(position.seq) };
    localStorage.setItem(POSITION_STORAGE + fingerprint(this.credential), JSON.stringify(this.account));
  }

  advance(seq) {
    const known = this.account || this.position();
    if (known && seq > known.seq) this.remember({ epoch: known.epoch, seq });
  }

  scheduleReconnect(event) {
    const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** this.attempt);
    const delay = Math.round(ceiling / 2 + Math.random() * ceiling / 2);
    this.attempt += 1;
    const due = Date.now() + delay;
    const tick = () => {
      const left = Math.max(0, Math.ceil((due - Date.now()) / 1000));
      this.handlers.onStatus('reconnecting', { text: `Reconnecting in ${left}s (attempt ${this.attempt})`, why: describeClose(event) });
    };
    tick();
    this.timers.countdown = setInterval(tick, 500);
    this.timers.retry = setTimeout(() => {
      clearInterval(this.timers.countdown);
      this.open();
    }, delay);
  }

  pump() {
    if (this.timers.pump || this.queue.length === 0) return;
    const step = () => {
      this.timers.pump = null;
      if (!this.authenticated || this.queue.length === 0) return;
      this.ws.send(this.queue.shift());
      this.timers.pump = setTimeout(step, SEND_INTERVAL_MS);
    };
    step();
  }

  startPings() {
    const ping = () => {
      if (!this.authenticated) return;
      if (this.pingSent && performance.now() - this.pingSent > PING_TIMEOUT_MS) {
        this.ws.close(4000, 'ping timeout');
        return;
      }
      this.pingSent = performance.now();
      this.ws.send(JSON.stringify({ type: 'ping' }));
    };
    ping();
    this.timers.ping = setInterval(ping, PING_EVERY_MS);
  }

  clearTimers() {
    clearTimeout(this.timers.retry);
    clearInterval(this.timers.countdown);
    clearTimeout(this.timers.pump);
    clearInterval(this.timers.ping);
    this.timers = {};
    this.pingSent = 0;
  }
}

/** A short digest of a credential (FNV-1a), so that storage keys do not hold the credential itself. */
function fingerprint(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16);
}

function describeClose(event) {
  const reason = event.reason ? `: ${event.reason}` : '';
  switch (event.code) {
    case 1006: return 'Connection lost';
    case 1008: return `Refused by the server${reason}`;
    case 1009: return `Message too big${reason}`;
    case 1013: return `Disconnected as a slow consumer${reason}`;
    default: return `Closed (${event.code})${reason}`;
  }
}
