// The dashboard's charts as plain SVG: an interval chart (score with its 95%
// interval per unit), the funnel plot, and the burden share bars. Every
// chart is role="img" with a title and a text description; shapes and
// words, not colour alone, carry better / worse; the page puts a real
// <table> beside each one (tables.js). Charts are drawn at the pixel width
// of their box, so text stays readable on a phone, and drawn again when
// the box changes width.
import {h} from '../dom.js';
import {funnelLimits, funnelPosition, formatScore, formatCount, formatShare, niceTicks, logTicks} from './stats.js';

const NS = 'http://www.w3.org/2000/svg';
let ids = 0;

// An SVG element: s('circle', {cx: 1}, children...). Numbers are rounded
// to 0.1 px so the markup stays small.
export function s(tag, attributes = {}, ...children) {
  const element = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') element.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value);
    else if (name === 'text') element.textContent = value;
    else element.setAttribute(name, typeof value === 'number' ? String(Math.round(value * 10) / 10) : String(value));
  }
  for (const child of children.flat()) if (child) element.append(child);
  return element;
}

// <svg role="img"> named by its <title> and described by its <desc>.
// `describedBy`: the id of a visible text that describes the chart, used
// instead of a <desc> so screen readers do not hear it twice.
function chartSvg(width, height, title, description, className, describedBy) {
  const id = `chart-${++ids}`;
  const svg = s('svg', {
    class: ['chart', className], viewBox: `0 0 ${width} ${height}`, width, height,
    role: 'img', 'aria-labelledby': `${id}-title`, 'aria-describedby': describedBy || `${id}-desc`,
    focusable: 'false', preserveAspectRatio: 'xMinYMin meet',
  });
  svg.append(s('title', {id: `${id}-title`, text: title}));
  if (!describedBy) svg.append(s('desc', {id: `${id}-desc`, text: description}));
  return svg;
}

// Marker shapes, so that the kind of point is told by its shape too.
export function marker(shape, x, y, size, className) {
  const r = size;
  switch (shape) {
    case 'diamond':
      return s('path', {class: className, d: `M${x} ${y - r * 1.3}L${x + r * 1.3} ${y}L${x} ${y + r * 1.3}L${x - r * 1.3} ${y}Z`});
    case 'square':
      return s('rect', {class: className, x: x - r, y: y - r, width: 2 * r, height: 2 * r});
    case 'up':
      return s('path', {class: className, d: `M${x} ${y - r * 1.25}L${x + r * 1.15} ${y + r * 0.85}L${x - r * 1.15} ${y + r * 0.85}Z`});
    case 'down':
      return s('path', {class: className, d: `M${x} ${y + r * 1.25}L${x + r * 1.15} ${y - r * 0.85}L${x - r * 1.15} ${y - r * 0.85}Z`});
    default:
      return s('circle', {class: className, cx: x, cy: y, r});
  }
}

// A small legend swatch (decorative: the text beside it says it).
export function swatch(shape, className) {
  return s('svg', {class: 'swatch', viewBox: '0 0 20 20', width: 20, height: 20, 'aria-hidden': 'true', focusable: 'false'},
    shape === 'line' || shape === 'dash' || shape === 'dot'
      ? s('line', {class: className, x1: 1, y1: 10, x2: 19, y2: 10})
      : marker(shape, 10, 10, 6, className));
}

// Redraws `draw(width)` into `holder` whenever the holder's width changes.
export function responsive(holder, draw) {
  let last = 0;
  const render = () => {
    const width = Math.floor(holder.clientWidth);
    if (!width || Math.abs(width - last) < 8) return;
    last = width;
    holder.replaceChildren(draw(width));
  };
  if (typeof ResizeObserver === 'function') new ResizeObserver(render).observe(holder);
  requestAnimationFrame(render);
  holder.append(draw(Math.max(280, Math.floor(holder.clientWidth) || 640)));
  last = Math.floor(holder.clientWidth);
  return holder;
}

// --- Interval chart: one row per unit (municipality, county, nation) ---
//
// rows: [{label, kind: 'municipality'|'county'|'nation', mean, ci: [lo, hi],
//         suppressedText}] ; domain: {low, high, ticks}
export function intervalChart({rows, domain, width, title, description, lang}) {
  const labelWidth = Math.min(150, Math.max(90, Math.round(width * 0.3)));
  const right = 24;
  const rowHeight = 34;
  const top = 8;
  const axisHeight = 30;
  const height = top + rows.length * rowHeight + axisHeight;
  const plotLeft = labelWidth + 8;
  const plotWidth = Math.max(60, width - plotLeft - right);
  const x = (v) => plotLeft + ((v - domain.low) / (domain.high - domain.low)) * plotWidth;
  const svg = chartSvg(width, height, title, description, 'chart--intervals');
  const body = s('g', {'aria-hidden': 'true'});
  for (const tick of domain.ticks) {
    body.append(s('line', {class: 'grid', x1: x(tick), x2: x(tick), y1: top, y2: top + rows.length * rowHeight}),
      s('text', {class: 'tick', x: x(tick), y: height - 10, 'text-anchor': 'middle', text: formatScore(tick, lang, {digits: 0})}));
  }
  body.append(s('line', {class: 'axis', x1: plotLeft, x2: plotLeft + plotWidth, y1: top + rows.length * rowHeight, y2: top + rows.length * rowHeight}));
  rows.forEach((row, index) => {
    const y = top + index * rowHeight + rowHeight / 2;
    body.append(s('text', {class: ['row-label', row.kind === 'municipality' && 'row-label--strong'], x: labelWidth, y: y + 5, 'text-anchor': 'end', text: clip(row.label, labelWidth)}));
    if (row.suppressedText || !Number.isFinite(row.mean)) {
      body.append(s('text', {class: 'suppressed-text', x: plotLeft + 4, y: y + 5, text: row.suppressedText ?? '–'}));
      return;
    }
    const [lo, hi] = row.ci ?? [row.mean, row.mean];
    if (Number.isFinite(lo) && Number.isFinite(hi)) {
      body.append(s('line', {class: `ci ci--${row.kind}`, x1: x(Math.max(lo, domain.low)), x2: x(Math.min(hi, domain.high)), y1: y, y2: y}),
        s('line', {class: `ci ci--${row.kind}`, x1: x(lo), x2: x(lo), y1: y - 6, y2: y + 6}),
        s('line', {class: `ci ci--${row.kind}`, x1: x(hi), x2: x(hi), y1: y - 6, y2: y + 6}));
    }
    const shape = {municipality: 'diamond', county: 'square', nation: 'circle'}[row.kind] ?? 'circle';
    body.append(marker(shape, x(row.mean), y, 6, `point point--${row.kind}`));
  });
  svg.append(body);
  return svg;
}

// Shortens a label to fit `width` pixels (about 8 px a character at 14 px).
function clip(text, width) {
  const max = Math.max(6, Math.floor(width / 8));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

// --- Funnel plot ---
//
// points: [{code, name, n, mean}] (published municipalities only);
// mean, sd: the nation's; chosen: a code or null.
export function funnelPlot({points, mean, sd, chosen, width, title, description, describedBy, lang, labels}) {
  const height = Math.round(Math.min(440, Math.max(280, width * 0.62)));
  const margin = {left: 46, right: 14, top: 14, bottom: 50};
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const ns = points.map((p) => p.n);
  const nLow = Math.max(1, Math.min(...ns, 5) * 0.8);
  const nHigh = Math.max(...ns, 10) * 1.25;
  const widest = funnelLimits(mean, sd, nLow);
  const ys = points.map((p) => p.mean);
  const yDomain = niceTicks(Math.min(...ys, widest.low998), Math.max(...ys, widest.high998), plotHeight < 260 ? 4 : 6);
  const x = (n) => margin.left + ((Math.log(n) - Math.log(nLow)) / (Math.log(nHigh) - Math.log(nLow))) * plotWidth;
  const y = (v) => margin.top + (1 - (v - yDomain.low) / (yDomain.high - yDomain.low)) * plotHeight;
  const svg = chartSvg(width, height, title, description, 'chart--funnel', describedBy);
  const body = s('g', {'aria-hidden': 'true'});

  for (const tick of yDomain.ticks) {
    body.append(s('line', {class: 'grid', x1: margin.left, x2: margin.left + plotWidth, y1: y(tick), y2: y(tick)}),
      s('text', {class: 'tick', x: margin.left - 6, y: y(tick) + 4, 'text-anchor': 'end', text: formatScore(tick, lang, {digits: 0})}));
  }
  // Log ticks 1, 2, 5, 10, ...; a tick too close to the one before is left out.
  const xTicks = [];
  let lastRight = -Infinity;
  for (const tick of logTicks(Math.ceil(nLow), nHigh)) {
    const half = (formatCount(tick, lang).length * 7.5) / 2;
    if (x(tick) - half < lastRight + 8) continue;
    xTicks.push(tick);
    lastRight = x(tick) + half;
  }
  for (const tick of xTicks) {
    body.append(s('line', {class: 'axis', x1: x(tick), x2: x(tick), y1: margin.top + plotHeight, y2: margin.top + plotHeight + 5}),
      s('text', {class: 'tick', x: x(tick), y: margin.top + plotHeight + 19, 'text-anchor': 'middle', text: formatCount(tick, lang)}));
  }
  body.append(
    s('line', {class: 'axis', x1: margin.left, x2: margin.left + plotWidth, y1: margin.top + plotHeight, y2: margin.top + plotHeight}),
    s('line', {class: 'axis', x1: margin.left, x2: margin.left, y1: margin.top, y2: margin.top + plotHeight}),
    s('text', {class: 'axis-title', x: margin.left + plotWidth / 2, y: height - 6, 'text-anchor': 'middle', text: labels.x}),
    s('text', {class: 'axis-title', x: 12, y: margin.top + plotHeight / 2, 'text-anchor': 'middle',
      transform: `rotate(-90 12 ${margin.top + plotHeight / 2})`, text: labels.y}));

  // The limits, sampled along the log axis.
  const steps = 80;
  const sample = (pick) => {
    let d = '';
    for (let i = 0; i <= steps; i++) {
      const n = Math.exp(Math.log(nLow) + (i / steps) * (Math.log(nHigh) - Math.log(nLow)));
      const v = Math.min(yDomain.high, Math.max(yDomain.low, pick(funnelLimits(mean, sd, n))));
      d += `${i ? 'L' : 'M'}${x(n).toFixed(1)} ${y(v).toFixed(1)}`;
    }
    return d;
  };
  body.append(
    s('path', {class: 'limit limit--998', d: sample((l) => l.high998)}),
    s('path', {class: 'limit limit--998', d: sample((l) => l.low998)}),
    s('path', {class: 'limit limit--95', d: sample((l) => l.high95)}),
    s('path', {class: 'limit limit--95', d: sample((l) => l.low95)}),
    s('line', {class: 'mean-line', x1: margin.left, x2: margin.left + plotWidth, y1: y(mean), y2: y(mean)}));

  const dots = s('g', {class: 'points'});
  let highlighted = null;
  for (const point of points) {
    const position = funnelPosition(point.mean, point.n, mean, sd);
    const shape = position.startsWith('above') ? 'up' : position.startsWith('below') ? 'down' : 'circle';
    const kind = position.startsWith('above') ? 'above' : position.startsWith('below') ? 'below' : 'within';
    const element = marker(shape, x(point.n), y(point.mean), shape === 'circle' ? 3.2 : 4, `dot dot--${kind}`);
    element.setAttribute('data-code', point.code);
    if (point.code === chosen) highlighted = point;
    else dots.append(element);
  }
  body.append(dots);
  if (highlighted) {
    const px = x(highlighted.n);
    const py = y(highlighted.mean);
    const label = highlighted.name;
    const anchorEnd = px > margin.left + plotWidth * 0.6;
    body.append(s('g', {class: 'chosen', 'data-code': highlighted.code},
      marker('diamond', px, py, 7.5, 'dot dot--chosen'),
      s('text', {class: 'chosen-label', x: anchorEnd ? px - 13 : px + 13, y: py - 10, 'text-anchor': anchorEnd ? 'end' : 'start', text: label})));
  }
  svg.append(body);
  return svg;
}

// --- Burden shares: per category, the municipality's and the nation's share ---
//
// groups: [{label, bars: [{label, kind, share, ci, suppressedText}]}]
export function shareBars({groups, width, title, description, lang}) {
  const barHeight = 18;
  const gap = 6;
  const groupGap = 16;
  const labelHeight = 22;
  const right = 16;
  const unitWidth = Math.min(130, Math.max(80, Math.round(width * 0.28)));
  const plotLeft = unitWidth + 8;
  const plotWidth = Math.max(60, width - plotLeft - right - 44);
  let height = 6;
  for (const group of groups) height += labelHeight + group.bars.length * (barHeight + gap) + groupGap;
  height += 24;
  const x = (v) => plotLeft + v * plotWidth;
  const svg = chartSvg(width, height, title, description, 'chart--shares');
  const body = s('g', {'aria-hidden': 'true'});
  let yPos = 6;
  for (const group of groups) {
    body.append(s('text', {class: 'group-label', x: 0, y: yPos + 15, text: group.label}));
    yPos += labelHeight;
    for (const bar of group.bars) {
      const mid = yPos + barHeight / 2;
      body.append(s('text', {class: ['row-label', bar.kind === 'municipality' && 'row-label--strong'], x: unitWidth, y: mid + 5, 'text-anchor': 'end', text: clip(bar.label, unitWidth)}));
      if (bar.suppressedText || !Number.isFinite(bar.share)) {
        body.append(s('text', {class: 'suppressed-text', x: plotLeft + 4, y: mid + 5, text: bar.suppressedText ?? '–'}));
      } else {
        body.append(s('rect', {class: `bar bar--${bar.kind}`, x: plotLeft, y: yPos, width: Math.max(1, bar.share * plotWidth), height: barHeight}));
        if (bar.ci && bar.ci.every(Number.isFinite)) {
          body.append(s('line', {class: 'ci', x1: x(bar.ci[0]), x2: x(bar.ci[1]), y1: mid, y2: mid}),
            s('line', {class: 'ci', x1: x(bar.ci[0]), x2: x(bar.ci[0]), y1: mid - 5, y2: mid + 5}),
            s('line', {class: 'ci', x1: x(bar.ci[1]), x2: x(bar.ci[1]), y1: mid - 5, y2: mid + 5}));
        }
        const end = Math.max(x(bar.share), bar.ci ? x(bar.ci[1]) : 0);
        body.append(s('text', {class: 'value', x: end + 5, y: mid + 5, text: formatShare(bar.share, lang)}));
      }
      yPos += barHeight + gap;
    }
    yPos += groupGap;
  }
  for (const tick of [0, 0.5, 1]) {
    body.append(s('text', {class: 'tick', x: x(tick), y: height - 6, 'text-anchor': 'middle', text: formatShare(tick, lang)}));
  }
  svg.append(body);
  return svg;
}

// A real table: caption, column headers, and row headers in the first column.
export function dataTable({caption, head, rows, className}) {
  return h('table', {class: ['data-table', className]},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, head.map((text, index) => h('th', {scope: 'col', class: index ? 'num' : null}, text)))),
    h('tbody', {}, rows.map((row) => h('tr', {class: row.className, 'data-code': row.code},
      row.cells.map((cell, index) => (index === 0
        ? h('th', {scope: 'row'}, cell)
        : h('td', {class: 'num'}, cell)))))));
}

// A box that scrolls a wide table sideways on a narrow screen: a named,
// focusable region, so the keyboard can scroll it too.
let tables = 0;
export function tableScroll(table) {
  const caption = table.querySelector('caption');
  if (caption && !caption.id) caption.id = `table-${++tables}-caption`;
  return h('div', {class: 'table-scroll', role: 'region', tabindex: '0', 'aria-labelledby': caption?.id}, table);
}

// The table behind a chart: shown with a <details> toggle on screen; left
// out of print, where the summary table holds the figures.
export function tableToggle(summary, table) {
  return h('details', {class: 'table-toggle'},
    h('summary', {}, summary),
    tableScroll(table));
}
