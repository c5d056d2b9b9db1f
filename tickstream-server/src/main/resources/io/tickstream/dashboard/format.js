// Parsing and display of numbers exactly as the server wrote them (1.0850 stays 1.0850).

// Where the browser gives a reviver the source text of each number (JSON.parse source text access),
// numbers are kept as that text; elsewhere as the shortest text of the parsed number.
const keepsSource = (() => {
  let ok = false;
  try {
    JSON.parse('[1.50]', (key, value, context) => {
      if (key === '0') ok = context?.source === '1.50';
      return value;
    });
  } catch {
    ok = false;
  }
  return ok;
})();

/** Parses a server message; every number becomes its text. */
export function parseMessage(text) {
  return keepsSource
    ? JSON.parse(text, (key, value, context) => (typeof value === 'number' ? context.source : value))
    : JSON.parse(text, (key, value) => (typeof value === 'number' ? String(value) : value));
}

/** Thousands separators in the integer part of a decimal text; the fraction is left as written. */
export function grouped(text) {
  if (text === undefined || text === null || text === '') return '—';
  const s = String(text);
  if (/e/i.test(s)) return s;
  const negative = s.startsWith('-');
  const [whole, fraction] = (negative ? s.slice(1) : s).split('.');
  const withCommas = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (negative ? '-' : '') + withCommas + (fraction === undefined ? '' : '.' + fraction);
}

/** A price for display: 0 means "none yet" in the IME state. */
export function price(text) {
  return text === undefined || Number(text) === 0 ? '—' : grouped(text);
}

/** Digits after the decimal point of a price text. */
export function decimals(text) {
  const s = String(text ?? '');
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

/** A number with a given count of decimals and separators. */
export function fixed(value, digits) {
  return grouped(Number(value).toFixed(digits));
}

/** Local wall-clock time of epoch milliseconds: HH:MM:SS. */
export function clock(millis) {
  const n = Number(millis);
  if (!n) return '—';
  return new Date(n).toLocaleTimeString('en-GB', { hour12: false });
}

/** Change in percent from a reference price, or null when there is no reference. */
export function change(last, reference) {
  const l = Number(last);
  const r = Number(reference);
  if (!l || !r) return null;
  return ((l - r) / r) * 100;
}

/** Bytes per second, human readable. */
export function bytes(perSecond) {
  const n = Number(perSecond);
  if (n >= 1048576) return (n / 1048576).toFixed(2) + ' MiB';
  if (n >= 1024) return (n / 1024).toFixed(1) + ' KiB';
  return Math.round(n) + ' B';
}

/** Microseconds, in µs or ms. */
export function micros(value) {
  const n = Number(value);
  if (n >= 10000) return (n / 1000).toFixed(1) + ' ms';
  if (n >= 1000) return (n / 1000).toFixed(2) + ' ms';
  return Math.round(n) + ' µs';
}
