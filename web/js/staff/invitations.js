// A municipality's invitations (#invitations/CODE): each open or coming
// round's open link with its QR code and A4 poster; and letters: make a batch of
// one-time codes for a round, take them away once (a CSV for the
// municipality's own SMS or mail-merge tool, and printable letters), and
// see each batch's issued and used counts; in a round that tracks
// participation, which letters are not answered yet, for reminders. The
// codes live only in this page's memory until it is left: the server
// keeps their hashes.
import {clear, focus, h} from '../dom.js';
import {errorSummary} from '../validation.js';
import {s} from './strings.js';
import {staff} from './staff-api.js';
import {field} from './forms.js';
import {csvText, lettersDocument} from './letters.js';
import {failure} from './views.js';
import {download} from './download.js';
import {posterDocument, qrPng, qrSource} from './poster.js';

function usedText(batch) {
  return batch.used === null ? s('invitations.fewer_than', {k: batch.used_fewer_than}) : String(batch.used);
}

// One round's open link: the address, its QR code, and three downloads.
function openLinkSection(home, link) {
  const base = `lenke-${home.code}-${link.wave}`.replace(/[^\p{L}\p{N}-]+/gu, '-');
  const id = `link-${base}`;
  return h('section', {class: 'card', 'aria-labelledby': id, 'data-wave': link.wave},
    h('h3', {id}, link.wave),
    h('p', {class: 'long-link'}, h('a', {href: link.url, translate: 'no'}, link.url)),
    h('img', {class: 'qr-code', src: qrSource(link), width: 160, height: 160, alt: s('links.qr', {round: link.wave})}),
    h('div', {class: 'actions'},
      h('button', {type: 'button', class: 'button', onclick: () =>
        download(`${base}-plakat.html`, 'text/html;charset=utf-8', posterDocument(home, link))},
      s('links.poster'), h('span', {class: 'visually-hidden'}, ` ${link.wave}`)),
      h('button', {type: 'button', class: ['button', 'button--secondary'], onclick: () =>
        download(`${base}-qr.svg`, 'image/svg+xml', link.qr_svg)},
      s('links.svg'), h('span', {class: 'visually-hidden'}, ` ${link.wave}`)),
      h('button', {type: 'button', class: ['button', 'button--secondary'], onclick: async () =>
        download(`${base}-qr.png`, 'image/png', await qrPng(link))},
      s('links.png'), h('span', {class: 'visually-hidden'}, ` ${link.wave}`))));
}

// A tracked batch's unanswered letters, by number, shown below the table.
function unusedButton(municipality, batch, shown) {
  return h('button', {type: 'button', class: ['button', 'button--secondary'], onclick: async () => {
    clear(shown);
    try {
      const {unused} = await staff.unusedLetters(municipality, batch.id);
      const text = unused.length ? s('invitations.unused.list', {label: batch.label, count: unused.length, letters: unused.join(', ')})
        : s('invitations.unused.none', {label: batch.label});
      const notice = h('p', {class: 'notice', tabindex: '-1'}, text);
      shown.append(notice);
      if (unused.length) {
        shown.append(h('div', {class: 'actions'}, h('button', {type: 'button', class: ['button', 'button--secondary'], onclick: () =>
          download(`ubrukte-brev-${municipality}-${batch.id}.csv`, 'text/csv;charset=utf-8', `number\r\n${unused.join('\r\n')}\r\n`)},
        s('invitations.unused.csv'))));
      }
      focus(notice);
    } catch (problem) {
      shown.append(h('p', {class: 'notice', role: 'alert'}, failure(problem)));
    }
  }}, s('invitations.unused'), h('span', {class: 'visually-hidden'}, ` ${batch.label}`));
}

function batchTable(municipality, batches, shown) {
  if (!batches.length) return h('p', {}, s('invitations.none'));
  return h('div', {class: 'table-scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'batches-caption'},
    h('table', {class: 'batches'},
      h('caption', {id: 'batches-caption', class: 'visually-hidden'}, s('invitations.batches')),
      h('thead', {}, h('tr', {},
        [s('invitations.label'), s('invitations.round'), s('invitations.created'), s('invitations.issued'), s('invitations.used'),
          s('invitations.reminders')].map((name) => h('th', {scope: 'col'}, name)))),
      h('tbody', {}, batches.map((batch) => h('tr', {'data-batch': batch.id},
        h('td', {}, batch.label), h('td', {}, batch.wave), h('td', {}, batch.created_on),
        h('td', {}, String(batch.issued)), h('td', {}, usedText(batch)),
        h('td', {}, batch.participation_tracked ? unusedButton(municipality, batch, shown) : s('invitations.not_tracked')))))));
}

// The codes just made: shown once, with their two downloads.
function issuedPanel(home, answer) {
  const codes = answer.codes.map((entry) => ({code: entry.code, link: `${location.origin}${entry.path}`}));
  const base = `invitasjoner-${home.code}-${answer.batch.id}`;
  return h('section', {class: ['card', 'issued'], tabindex: '-1', 'aria-labelledby': 'issued-title'},
    h('h2', {id: 'issued-title'}, s('invitations.issued_title', {count: codes.length})),
    h('p', {class: 'notice'}, s('invitations.once')),
    h('div', {class: 'actions'},
      h('button', {type: 'button', class: 'button', id: 'download-csv', onclick: () =>
        download(`${base}.csv`, 'text/csv;charset=utf-8', csvText(codes))}, s('invitations.csv')),
      h('button', {type: 'button', class: ['button', 'button--secondary'], id: 'download-letters', onclick: () =>
        download(`${base}-brev.html`, 'text/html;charset=utf-8', lettersDocument(home, codes))}, s('invitations.letters'))));
}

export async function renderInvitations(view, ctx, municipality, issued = null) {
  ctx.setTitle(s('invitations.title'));
  let home;
  let batches;
  let k;
  try {
    [home, {batches, used_shown_from: k}] = await Promise.all([staff.municipality(municipality), staff.invitationBatches(municipality)]);
  } catch (problem) {
    // Codes just made are shown whatever else fails: they exist nowhere else.
    const panel = issued ? issuedPanel({code: municipality, name: municipality, written_standard: 'nb'}, issued) : null;
    clear(view).append(...[h('h1', {}, s('invitations.title')), panel,
      h('p', {}, problem.status === 403 ? s('invitations.forbidden') : failure(problem))].filter(Boolean));
    if (panel) focus(panel);
    return;
  }
  const today = new Date().toISOString().slice(0, 10);
  const current = home.waves.filter((wave) => wave.closes >= today);
  // A national round once the municipality joined it (on the home page).
  const rounds = current.filter((wave) => wave.joined);
  const links = (await Promise.all(rounds.map((wave) => staff.openLink(municipality, wave.name).catch(() => null))))
    .filter(Boolean);
  const summary = h('div');
  const round = h('select', {id: 'invitation-round', name: 'invitation-round'},
    rounds.map((wave) => h('option', {value: wave.name}, s('home.round', {name: wave.name, opens: wave.opens, closes: wave.closes}))));
  const label = field({id: 'invitation-label', label: s('invitations.label'), hint: s('invitations.label.hint'), autocomplete: 'off'});
  const count = field({id: 'invitation-count', label: s('invitations.count'), hint: s('invitations.count.hint'),
    inputmode: 'numeric', className: 'input--short', autocomplete: 'off'});
  let busy = false;

  const make = async () => {
    label.reset();
    count.reset();
    const entries = [];
    if (!label.input.value.trim()) entries.push(label.fail(s('invitations.label.required')));
    const wanted = Number(count.input.value.trim());
    if (!/^\d+$/.test(count.input.value.trim()) || wanted < 1 || wanted > 2000) {
      entries.push(count.fail(s('invitations.count.required')));
    }
    if (entries.length) return errorSummary(summary, entries);
    if (busy) return;
    busy = true;
    try {
      const answer = await staff.createInvitations(municipality, round.value, label.input.value.trim(), wanted);
      await renderInvitations(view, ctx, municipality, answer);
    } catch (problem) {
      errorSummary(summary, [{message: failure(problem)}]);
    } finally {
      busy = false;
    }
  };

  const panel = issued ? issuedPanel(home, issued) : null;
  const unusedBox = h('div', {class: 'unused-letters'});
  clear(view).append(...[
    h('h1', {}, s('invitations.heading', {name: home.name})),
    panel,
    h('h2', {}, s('links.title')),
    h('p', {}, s('links.intro')),
    rounds.length < current.length ? h('p', {}, s('invitations.join_first')) : null,
    ...links.map((link) => openLinkSection(home, link)),
    h('h2', {}, s('invitations.new')),
    h('p', {}, s('invitations.intro')),
    summary,
    rounds.length
      ? h('form', {class: 'panel', novalidate: true, onsubmit: (event) => { event.preventDefault(); make(); }},
        h('div', {class: 'question'}, h('label', {class: 'question-text', for: 'invitation-round'}, s('invitations.round')), round),
        label.element, count.element,
        h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'button'}, s('invitations.submit'))))
      : h('p', {}, s('invitations.no_rounds')),
    h('h2', {}, s('invitations.batches')),
    h('p', {}, s('invitations.privacy', {k})),
    batches.some((batch) => batch.participation_tracked) ? h('p', {}, s('invitations.tracked_privacy')) : null,
    batchTable(municipality, batches, unusedBox),
    unusedBox,
    h('p', {}, h('a', {href: '#home'}, s('nav.home'))),
  ].filter(Boolean));
  if (panel) focus(panel);
}
