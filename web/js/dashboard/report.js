// One municipality's report: a summary (the areas against the nation, the
// county, similar municipalities and the last round, and a sentence per
// notable difference), downloads for Excel, response counts, each area of the guideline
// against the county and the nation, the funnel plot of all
// municipalities, the similar municipalities, the change since the last
// wave and the burden shares. `overview` and `detail` are the two results
// routes of docs/api.md exactly; withheld cells never show a number.
import {h} from '../dom.js';
import {formatDate, language} from '../i18n.js';
import {d} from './strings.js';
import {intervalChart, funnelPlot, shareBars, swatch, responsive, dataTable, tableToggle, tableScroll} from './charts.js';
import {formatScore, formatCount, formatShare, funnelPosition, niceTicks} from './stats.js';
import {downloads} from './download.js';

const SYMBOL = {better: '▲', worse: '▼', no_significant_difference: '=', not_testable: '–'};

// `roundName`: a round's plain name from its identifier (GET /api/v1/waves).
export function renderReport({overview, detail, roundName = (name) => name, area, onArea}) {
  const lang = language();
  const k = detail.min_respondents ?? overview.min_respondents;
  const m = detail.municipality;
  const ctx = {lang, k, m, overview, detail, roundName};
  const anySuppressed = detail.scales.length > 0 && detail.scales.every((scale) => scale.suppressed);
  const computed = detail.computed_on ?? '';

  return h('div', {class: 'report'},
    h('h2', {id: 'report-title', class: 'report-title'}, d('heading.municipality', {municipality: m.name})),
    h('p', {class: 'meta'}, `${m.county?.name ?? ''}${m.county?.name ? ' · ' : ''}${d('wave_line', {wave: roundName(detail.wave)})}`,
      computed ? ` · ${d('computed', {date: formatDate(computed)})}` : ''),
    anySuppressed
      ? h('p', {class: 'notice notice--suppressed', id: 'suppressed-notice'}, d('suppressed.notice', {municipality: m.name, k}))
      : null,
    h('p', {class: 'hint'}, d('privacy', {k})),
    h('div', {class: 'actions report-actions'},
      h('button', {type: 'button', class: 'button button--secondary', id: 'print-button', onclick: () => window.print()}, d('print'))),
    detail.scales.length ? summarySection(ctx) : null,
    detail.scales.length ? downloads(detail) : null,
    detail.scales.length ? countsSection(ctx) : null,
    detail.scales.length ? areasSection(ctx) : null,
    overview.scales.length ? comparisonSection(ctx, area, onArea) : null,
    detail.scales.length ? changeSection(ctx) : null,
    burdenSection(ctx));
}

// "færre enn 10 svar", or for a secondary suppression "skjult for å verne små tall".
export function withheld(cell, k) {
  return cell?.suppression === 'secondary' ? d('suppressed.secondary') : d('suppressed', {k});
}

function isPublished(cell) {
  return Boolean(cell) && cell.suppressed === false;
}

function verdictBadge(verdict, {change = false} = {}) {
  if (!verdict) return h('span', {class: 'verdict verdict--withheld'}, d('verdict.withheld'));
  const text = change && verdict === 'better' ? d('change.improved')
    : change && verdict === 'worse' ? d('change.declined') : d(`verdict.${verdict}`);
  return h('span', {class: `verdict verdict--${verdict}`},
    h('span', {class: 'verdict-symbol', 'aria-hidden': 'true'}, SYMBOL[verdict] ?? ''), ' ', text);
}

function intervalText(ci, lang) {
  if (!ci || !ci.every(Number.isFinite)) return '–';
  return d('interval', {low: formatScore(ci[0], lang), high: formatScore(ci[1], lang)});
}

function section(id, title, ...children) {
  return h('section', {class: 'report-section', id, 'aria-labelledby': `${id}-title`},
    h('h3', {id: `${id}-title`}, title), ...children);
}

// --- Summary: one table of the areas, one sentence per notable difference ---
function summarySection({lang, k, m, detail}) {
  const score = (cell) => (isPublished(cell) && Number.isFinite(cell.mean) ? formatScore(cell.mean, lang) : withheld(cell, k));
  const county = m.county?.name ?? d('csv.county');
  const rows = detail.scales.map((scale) => ({code: scale.id, cells: [
    scale.title,
    scale.suppressed ? withheld(scale, k) : formatScore(scale.raw?.mean, lang),
    score(scale.national),
    score(scale.county),
    scale.suppressed ? withheld(scale, k) : verdictBadge(scale.versus_similar?.verdict),
    scale.trend ? [formatScore(scale.trend.previous?.mean, lang), ' ', verdictBadge(scale.trend.verdict, {change: true})]
      : '–',
  ]}));
  const sentences = [];
  for (const scale of detail.scales) {
    if (scale.suppressed) continue;
    const own = formatScore(scale.raw?.mean, lang);
    const against = {versus_national: scale.national?.mean, versus_county: scale.county?.mean,
      versus_similar: NaN, trend: scale.trend?.previous?.mean};
    for (const field of ['versus_national', 'versus_county', 'versus_similar', 'trend']) {
      const found = scale[field]?.verdict;
      if (found !== 'better' && found !== 'worse') continue;
      sentences.push(d(`summary.${field}.${found}`, {municipality: m.name, county, area: scale.title, score: own,
        other: formatScore(against[field], lang)}));
    }
  }
  return section('summary', d('summary.title'),
    h('p', {}, d('summary.intro')),
    tableScroll(dataTable({
      caption: d('summary.caption', {municipality: m.name}),
      head: [d('col.area'), m.name, d('nation'), county, d('similar'), d('col.previous')],
      rows, className: 'summary-table',
    })),
    h('h4', {id: 'notable-title'}, d('summary.notable')),
    sentences.length
      ? h('ul', {class: 'notable', 'aria-labelledby': 'notable-title'}, sentences.map((text) => h('li', {}, text)))
      : h('p', {class: 'notable-none'}, d('summary.none')));
}

// --- Response counts per area: the municipality, its county, the nation ---
function countsSection({lang, k, m, overview, detail}) {
  const cell = (c) => (isPublished(c) ? formatCount(c.n, lang) : withheld(c, k));
  const rows = detail.scales.map((scale) => ({
    cells: [scale.title, cell(scale), cell(scale.county), cell(scale.national)],
  }));
  return section('counts', d('counts.title'),
    h('p', {}, d('counts.intro', {count: formatCount(overview.respondents, lang)})),
    tableScroll(dataTable({
      caption: d('counts.caption'),
      head: [d('col.area'), m.name, m.county?.name ?? '', d('nation')],
      rows, className: 'counts-table',
    })));
}

// --- Each area: chart of the three intervals, comparisons, table ---
function areasSection(ctx) {
  const {detail} = ctx;
  // The whole scale: a cut axis would make small differences look large.
  const domain = niceTicks(0, 100, 4);
  return section('areas', d('areas.title'),
    h('p', {}, d('areas.intro'), ' ', d('areas.axis_note')),
    h('ul', {class: 'chart-legend', 'aria-label': d('col.unit')},
      h('li', {}, swatch('diamond', 'point point--municipality'), ctx.m.name),
      h('li', {}, swatch('square', 'point point--county'), ctx.m.county?.name ?? ''),
      h('li', {}, swatch('circle', 'point point--nation'), d('nation'))),
    h('div', {class: 'area-grid'}, detail.scales.map((scale) => areaCard(ctx, scale, domain))));
}

function areaCard({lang, k, m}, scale, domain) {
  const county = scale.county ?? {};
  const units = [
    {label: m.name, kind: 'municipality', cell: scale.suppressed ? scale : {...scale.raw, n: scale.n, suppressed: false}},
    {label: county.name ?? m.county?.name ?? '', kind: 'county', cell: county},
    {label: d('nation'), kind: 'nation', cell: scale.national ?? {}},
  ];
  const rows = units.map(({label, kind, cell}) => ({
    label, kind, mean: isPublished(cell) ? cell.mean : NaN, ci: isPublished(cell) ? cell.ci : null,
    suppressedText: isPublished(cell) ? null : withheld(cell, k),
  }));
  const description = units.map(({label, cell}) => (isPublished(cell)
    ? d('desc.unit', {unit: label, score: formatScore(cell.mean, lang), low: formatScore(cell.ci?.[0], lang),
      high: formatScore(cell.ci?.[1], lang), n: formatCount(cell.n, lang)})
    : d('desc.unit_suppressed', {unit: label, text: withheld(cell, k)}))).join('. ');
  const title = d('areas.chart', {area: scale.title, municipality: m.name, county: county.name ?? m.county?.name ?? ''});
  const chart = responsive(h('div', {class: 'chart-box'}), (width) => intervalChart({rows, domain, width, title, description, lang}));

  const comparisons = [['versus_national', 'versus.national'], ['versus_county', 'versus.county'], ['versus_similar', 'versus.similar']];
  const list = h('dl', {class: 'comparisons'}, comparisons.map(([field, label]) => {
    const c = scale[field];
    return [h('dt', {}, d(label)), h('dd', {'data-comparison': field},
      scale.suppressed ? withheld(scale, k) : verdictBadge(c?.verdict),
      c && Number.isFinite(c.difference)
        ? h('span', {class: 'difference'}, ' · ', d('difference', {difference: formatScore(c.difference, lang, {signed: true}),
          low: formatScore(c.ci?.[0], lang, {signed: true}), high: formatScore(c.ci?.[1], lang, {signed: true})}))
        : null)];
  }));

  const table = dataTable({
    caption: d('areas.table_caption', {area: scale.title}),
    head: [d('col.unit'), d('col.score'), d('col.interval'), d('col.respondents')],
    rows: units.map(({label, cell}) => ({cells: isPublished(cell)
      ? [label, formatScore(cell.mean, lang), intervalText(cell.ci, lang), formatCount(cell.n, lang)]
      : [label, withheld(cell, k), '–', '–']})),
  });
  return h('article', {class: 'area-card', 'data-scale': scale.id, 'aria-labelledby': `area-${scale.id}`},
    h('h4', {id: `area-${scale.id}`}, scale.title),
    h('figure', {class: 'chart-figure'}, chart),
    list,
    tableToggle(d('show_table'), table),
    questionsBlock({lang, k, m}, scale));
}

// The questions behind an area and, once the round has closed, how those
// in the municipality who answered all of them answered each, with the
// nation beside: each side withheld by its own cell (docs/privacy.md,
// "Answers per question"). Folded away, and left out of print.
function questionsBlock({lang, k, m}, scale) {
  const questions = scale.questions ?? [];
  if (!questions.length) return null;
  const summary = h('summary', {}, d('questions.summary', {count: questions.length}));
  if (scale.answers_per_question !== 'published') {
    return h('details', {class: 'questions', 'data-questions': scale.id}, summary,
      h('ol', {class: 'question-list'}, questions.map((question) =>
        h('li', {'data-question': question.id}, question.text))),
      h('p', {class: 'hint'}, d(scale.answers_per_question === 'round_open' ? 'questions.after_closing' : 'questions.not_kept')));
  }
  const share = (value) => (Number.isFinite(value) ? formatShare(value, lang) : '–');
  return h('details', {class: 'questions', 'data-questions': scale.id}, summary,
    h('p', {class: 'hint'}, d('questions.intro', {k})),
    questions.map((question) => {
      const nation = question.national ?? {};
      const heading = h('h5', {class: 'question-title'}, question.text);
      // A question that is not single-choice has no answers per option.
      if (!question.options) return h('div', {class: 'question-result', 'data-question': question.id}, heading);
      if (!isPublished(question)) {
        return h('div', {class: 'question-result', 'data-question': question.id}, heading,
          h('p', {class: 'notice notice--suppressed'}, d('questions.withheld', {municipality: m.name, text: withheld(question, k)})));
      }
      return h('div', {class: 'question-result', 'data-question': question.id}, heading,
        tableScroll(dataTable({
          caption: d('questions.caption', {municipality: m.name, n: formatCount(question.n, lang)}),
          head: [d('col.answer'), m.name, d('nation')],
          rows: question.options.map((option) => ({code: String(option.code), cells: [option.label,
            share(option.share),
            isPublished(nation) ? share(option.national_share) : withheld(nation, k)]})),
          className: 'question-table',
        })));
    }));
}

// --- All municipalities: the funnel plot and the similar municipalities ---
function comparisonSection(ctx, area, onArea) {
  const {overview} = ctx;
  const scales = overview.scales;
  const current = scales.find((scale) => scale.id === area) ?? scales[0];
  const body = h('div', {id: 'funnel-body'});
  const select = h('select', {id: 'funnel-area', onchange: () => {
    const scale = scales.find((s) => s.id === select.value) ?? scales[0];
    body.replaceChildren(...funnelAndSimilar(ctx, scale));
    onArea?.(scale.id);
  }}, scales.map((scale) => h('option', {value: scale.id, selected: scale === current}, scale.title)));
  if (current) body.append(...funnelAndSimilar(ctx, current));
  return section('funnel', d('funnel.title'),
    h('p', {}, d('funnel.intro', {k: ctx.k})),
    h('div', {class: 'question funnel-control'},
      h('label', {class: 'question-text', for: 'funnel-area'}, d('funnel.scale')),
      select),
    body);
}

function funnelAndSimilar(ctx, scale) {
  const {lang, k, m, detail} = ctx;
  const national = scale.national ?? {};
  const points = scale.municipalities
    .filter((x) => !x.suppressed && x.raw && Number.isFinite(x.raw.mean) && Number.isFinite(x.n) && x.n > 0)
    .map((x) => ({code: x.code, name: x.name, n: x.n, mean: x.raw.mean}));
  const mine = points.find((p) => p.code === m.code) ?? null;
  const canDraw = points.length > 0 && Number.isFinite(national.mean) && Number.isFinite(national.sd);
  const counts = {above: 0, below: 0};
  const positions = new Map();
  if (canDraw) {
    for (const p of points) {
      const position = funnelPosition(p.mean, p.n, national.mean, national.sd);
      positions.set(p.code, position);
      if (position.startsWith('above')) counts.above += 1;
      if (position.startsWith('below')) counts.below += 1;
    }
  }
  const parts = [h('h4', {class: 'funnel-area-title'}, scale.title)];
  if (!mine) parts.push(h('p', {class: 'notice notice--suppressed', id: 'funnel-suppressed'}, d('funnel.suppressed_note', {municipality: m.name, k})));
  if (canDraw) {
    const descId = `funnel-desc-${scale.id}`;
    const description = mine
      ? d('funnel.desc', {mean: formatScore(national.mean, lang), municipality: m.name, score: formatScore(mine.mean, lang),
        n: formatCount(mine.n, lang), position: d(`position.${positions.get(mine.code)}`), above: counts.above, below: counts.below})
      : d('funnel.desc_none', {mean: formatScore(national.mean, lang), above: counts.above, below: counts.below});
    const title = d('funnel.chart', {area: scale.title, count: points.length});
    const chart = responsive(h('div', {class: 'chart-box chart-box--funnel', id: 'funnel-chart'}), (width) => funnelPlot({
      points, mean: national.mean, sd: national.sd, chosen: m.code, width, title, describedBy: descId, lang,
      labels: {x: d('funnel.x'), y: d('funnel.y')},
    }));
    parts.push(h('figure', {class: 'chart-figure chart-figure--funnel'},
      chart,
      h('figcaption', {},
        h('p', {id: descId, class: 'chart-description'}, description),
        h('ul', {class: 'chart-legend'},
          mine ? h('li', {}, swatch('diamond', 'dot dot--chosen'), `${d('funnel.legend_chosen')}: ${m.name}`) : null,
          h('li', {}, swatch('up', 'dot dot--above'), d('funnel.legend_above')),
          h('li', {}, swatch('circle', 'dot dot--within'), d('funnel.legend_within')),
          h('li', {}, swatch('down', 'dot dot--below'), d('funnel.legend_below')),
          h('li', {}, swatch('line', 'mean-line'), d('funnel.mean')),
          h('li', {}, swatch('dash', 'limit limit--95'), d('funnel.limit95')),
          h('li', {}, swatch('line', 'limit limit--998'), d('funnel.limit998'))))));
    const sorted = [...points].sort((a, b) => a.name.localeCompare(b.name, 'nb'));
    parts.push(tableToggle(d('show_table'), dataTable({
      caption: d('funnel.table_caption', {area: scale.title}),
      head: [d('col.municipality'), d('col.respondents'), d('col.score'), d('col.position')],
      rows: sorted.map((p) => ({
        code: p.code, className: p.code === m.code ? 'row--chosen' : null,
        cells: [p.code === m.code ? `${p.name} ${d('chosen')}` : p.name, formatCount(p.n, lang), formatScore(p.mean, lang),
          d(`position.${positions.get(p.code)}`)],
      })),
      className: 'funnel-table',
    })));
  }
  parts.push(similarTable(ctx, scale));
  return parts;
}

function similarTable({lang, k, m, detail}, scale) {
  const similar = detail.similar_municipalities ?? [];
  const byCode = new Map(scale.municipalities.map((x) => [x.code, x]));
  const heading = h('h4', {id: 'similar-title'}, d('similar.title'));
  if (!similar.length) return h('div', {class: 'similar'}, heading, h('p', {}, d('similar.none')));
  const row = (code, name, chosen) => {
    const x = byCode.get(code);
    const label = chosen ? `${name} ${d('chosen')}` : name;
    if (!x || x.suppressed || !x.raw) return {code, className: chosen ? 'row--chosen' : null, cells: [label, withheld(x, k), '–', '–', '–']};
    return {code, className: chosen ? 'row--chosen' : null, cells: [label, formatCount(x.n, lang), formatScore(x.raw.mean, lang),
      intervalText(x.raw.ci, lang), verdictBadge(x.versus_national)]};
  };
  return h('div', {class: 'similar', id: 'similar'}, heading,
    h('p', {}, d('similar.intro', {municipality: m.name})),
    tableScroll(dataTable({
      caption: d('similar.caption', {area: scale.title}),
      head: [d('col.municipality'), d('col.respondents'), d('col.score'), d('col.interval'), d('versus.national')],
      rows: [row(m.code, m.name, true), ...similar.map((x) => row(x.code, x.name, false))],
      className: 'similar-table',
    })));
}

// --- Change since the previous wave ---
function changeSection({lang, k, m, detail, roundName}) {
  if (!detail.previous_wave) return section('change', d('change.title'), h('p', {}, d('change.none')));
  const rows = detail.scales.map((scale) => {
    const trend = scale.trend;
    if (!trend) return {cells: [scale.title, scale.suppressed ? withheld(scale, k) : '–', '–', '–', verdictBadge(null)]};
    return {cells: [scale.title,
      formatScore(trend.previous?.mean, lang),
      formatScore(scale.raw?.mean, lang),
      d('difference', {difference: formatScore(trend.difference, lang, {signed: true}),
        low: formatScore(trend.ci?.[0], lang, {signed: true}), high: formatScore(trend.ci?.[1], lang, {signed: true})}),
      verdictBadge(trend.verdict, {change: true})]};
  });
  return section('change', d('change.title'),
    h('p', {}, d('change.intro', {wave: roundName(detail.previous_wave)})),
    tableScroll(dataTable({
      caption: d('change.caption', {municipality: m.name}),
      head: [d('col.area'), roundName(detail.previous_wave), roundName(detail.wave), d('col.change'), d('col.verdict')],
      rows, className: 'change-table',
    })));
}

// --- Burden category shares: the municipality against the nation ---
function burdenSection({lang, k, m, overview, detail}) {
  const instruments = detail.burden ?? [];
  if (!instruments.length) return section('burden', d('burden.title'), h('p', {}, d('burden.none')));
  return section('burden', d('burden.title'), instruments.map((b) => {
    const national = overview.burden?.find((x) => x.id === b.id)?.national;
    const nationalShare = (id) => (isPublished(national) ? national.shares?.find((x) => x.category === id) : null);
    const groups = b.categories.map((c) => ({
      label: c.label,
      bars: [
        {label: m.name, kind: 'municipality', share: b.suppressed ? NaN : c.share, ci: b.suppressed ? null : c.ci,
          suppressedText: b.suppressed ? withheld(b, k) : null},
        {label: d('nation'), kind: 'nation', share: nationalShare(c.id)?.share ?? NaN, ci: nationalShare(c.id)?.ci ?? null,
          suppressedText: isPublished(national) ? null : withheld(national, k)},
      ],
    }));
    const description = groups.map((g) => `${g.label}: ${g.bars.map((bar) => `${bar.label} ${bar.suppressedText ?? formatShare(bar.share, lang)}`).join(', ')}`).join('. ');
    const title = d('burden.chart', {title: b.title, municipality: m.name});
    const chart = responsive(h('div', {class: 'chart-box'}), (width) => shareBars({groups, width, title, description, lang}));
    const shareText = (share) => (share && Number.isFinite(share.share)
      ? `${formatShare(share.share, lang)} (${d('interval', {low: formatShare(share.ci?.[0], lang), high: formatShare(share.ci?.[1], lang)})})`
      : '–');
    const table = dataTable({
      caption: d('burden.caption', {title: b.title}),
      head: [d('col.category'), m.name, d('nation')],
      rows: b.categories.map((c) => ({cells: [c.label,
        b.suppressed ? withheld(b, k) : shareText(c),
        isPublished(national) ? shareText(nationalShare(c.id)) : withheld(national, k)]})),
    });
    return h('div', {class: 'burden', 'data-burden': b.id},
      instruments.length > 1 || b.title !== d('burden.title') ? h('h4', {}, b.title) : null,
      h('figure', {class: 'chart-figure'}, chart),
      tableToggle(d('show_table'), table));
  }));
}
