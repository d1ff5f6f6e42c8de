/** Milliseconds for people: `0.42 ms`, `12.3 ms`, `1.24 s`, `2m 05s`. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  const abs = Math.abs(ms);
  if (abs < 1) return `${ms.toFixed(2)} ms`;
  if (abs < 100) return `${ms.toFixed(1)} ms`;
  if (abs < 1000) return `${Math.round(ms)} ms`;
  if (abs < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms - minutes * 60_000) / 1000);
  return `${minutes}m ${String(seconds).padStart(2, '0')}s`;
}

/** A rate per second with sensible precision: `0.35/s`, `12.4/s`, `1520/s`. */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond)) return '–';
  if (perSecond < 10) return `${perSecond.toFixed(2)}/s`;
  if (perSecond < 100) return `${perSecond.toFixed(1)}/s`;
  return `${Math.round(perSecond)}/s`;
}

/** A ratio as a percentage: `0.1234` → `12.3%`. */
export function formatPercent(ratio: number, digits = 1): string {
  if (!Number.isFinite(ratio)) return '–';
  return `${(ratio * 100).toFixed(digits)}%`;
}

/** A signed relative change: `+31.2%`, `-4.0%`. */
export function formatSignedPercent(ratio: number, digits = 1): string {
  if (!Number.isFinite(ratio)) return ratio > 0 ? '+∞' : '–';
  const text = formatPercent(ratio, digits);
  return ratio > 0 ? `+${text}` : text;
}

/** An integer count with thousands separators, locale-independent: `12 345`. */
export function formatCount(count: number): string {
  return String(Math.round(count)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/** A threshold or measured value, shown in milliseconds when the name says so, as a ratio when it is a rate. */
export function formatThresholdValue(name: string, value: number | null): string {
  if (value === null) return 'not measured';
  if (/per ?s(ec)?\b|perSec|rps/i.test(name)) return formatRate(value);
  if (/ms\b|Ms$|latency|p\d+|duration/i.test(name)) return formatMs(value);
  if (/rate|ratio/i.test(name) && value <= 1) return formatPercent(value, 2);
  return Number.isInteger(value) ? formatCount(value) : value.toFixed(2);
}
