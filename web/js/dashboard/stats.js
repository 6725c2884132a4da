// Numbers for the dashboard: locale formatting and the funnel plot's
// control limits. No DOM here, so the browser tests can import it.

// Two-sided normal quantiles of the funnel plot's limits: 95% and 99.8%.
export const Z95 = 1.96;
export const Z998 = 3.09;

// The control limits around the national mean at n respondents:
// mean ± z · SD / √n (SD: the national respondent-level SD).
export function funnelLimits(mean, sd, n) {
  const se = sd / Math.sqrt(n);
  return {
    low998: mean - Z998 * se, low95: mean - Z95 * se,
    high95: mean + Z95 * se, high998: mean + Z998 * se,
  };
}

// 'above998' | 'above95' | 'within' | 'below95' | 'below998'
export function funnelPosition(score, n, mean, sd) {
  const limits = funnelLimits(mean, sd, n);
  if (score > limits.high998) return 'above998';
  if (score > limits.high95) return 'above95';
  if (score < limits.low998) return 'below998';
  if (score < limits.low95) return 'below95';
  return 'within';
}

export function locale(lang) {
  return lang === 'en' ? 'en-GB' : lang === 'nn' ? 'nn-NO' : 'nb-NO';
}

const formats = new Map();
function numberFormat(lang, digits, signed) {
  const key = `${lang}/${digits}/${signed}`;
  if (!formats.has(key)) {
    formats.set(key, new Intl.NumberFormat(locale(lang), {
      minimumFractionDigits: digits, maximumFractionDigits: digits,
      signDisplay: signed ? 'exceptZero' : 'auto',
    }));
  }
  return formats.get(key);
}

// 52.99 -> "53,0" (nb, nn) / "53.0" (en); a minus sign, not a hyphen.
export function formatScore(value, lang, {signed = false, digits = 1} = {}) {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return numberFormat(lang, digits, signed).format(value);
}

export function formatCount(value, lang) {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return numberFormat(lang, 0, false).format(value);
}

// 0.237 -> "24 %" (nb, nn) / "24%" (en)
export function formatShare(value, lang) {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return new Intl.NumberFormat(locale(lang), {style: 'percent', maximumFractionDigits: 0}).format(value);
}

// "Nice" axis bounds and ticks: the range [low, high] widened to whole
// steps of 1, 2 or 5 times a power of ten.
export function niceTicks(low, high, count = 5) {
  if (!(high > low)) { low -= 1; high += 1; }
  const raw = (high - low) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const start = Math.floor(low / step) * step;
  const end = Math.ceil(high / step) * step;
  const ticks = [];
  for (let v = start; v <= end + step / 2; v += step) ticks.push(Number(v.toFixed(10)));
  return {low: start, high: end, ticks};
}

// Ticks 1, 2, 5, 10, 20, 50, ... within [low, high] for a log axis.
export function logTicks(low, high) {
  const ticks = [];
  for (let power = 10 ** Math.floor(Math.log10(Math.max(1, low))); power <= high; power *= 10) {
    for (const m of [1, 2, 5]) {
      const v = m * power;
      if (v >= low && v <= high) ticks.push(v);
    }
  }
  return ticks;
}
