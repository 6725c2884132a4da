// The receipt: shown once after a complete response, with the code that
// erases it and how, and a copy of one's answers to print or keep.
import {announce, clear, h} from './dom.js';
import {language, t} from './i18n.js';
import {getReceipt} from './state.js';
import {answerSections} from './answers.js';
import {municipalities} from './municipalities.js';
import {questionnaireView} from './survey.js';

// Copy (where the browser allows) and print: ways to keep a code that
// does not depend on writing it down by hand.
export function codeActions(code) {
  const copy = navigator.clipboard && window.isSecureContext
    ? h('button', {type: 'button', class: ['button', 'button--secondary'], onclick: async () => {
      try {
        await navigator.clipboard.writeText(code);
        announce(t('code.copied'));
      } catch {
        // Copying refused: the code is still on the screen.
      }
    }}, t('code.copy'))
    : null;
  return h('div', {class: 'actions code-actions'}, copy,
    h('button', {type: 'button', class: ['button', 'button--secondary'], onclick: () => window.print()}, t('code.print')));
}

export function receiptBox(receipt) {
  return h('section', {class: 'receipt', 'aria-labelledby': 'receipt-code-title'},
    h('div', {class: 'code-box'},
      h('h2', {id: 'receipt-code-title'}, t('receipt.code')),
      h('p', {class: 'code', id: 'receipt-code', translate: 'no'}, receipt.code),
      codeActions(receipt.code)),
    h('h2', {}, t('receipt.delete_title')),
    h('p', {}, t('receipt.delete_how')),
    h('p', {}, h('a', {href: '#/delete', id: 'delete-link'}, t('receipt.delete_link'))));
}

// The answers as sent, in the language now chosen; kept in this tab only.
export async function answersCopy(receipt) {
  if (!receipt.answers) return null;
  const [questionnaire, list] = await Promise.all([
    questionnaireView(receipt.questionnaire, receipt.version, language()).catch(() => null),
    municipalities().catch(() => []),
  ]);
  if (!questionnaire) return null;
  return h('section', {class: 'answers-copy', 'aria-labelledby': 'answers-title', id: 'answers-copy'},
    h('h2', {id: 'answers-title'}, t('answers.title', {title: questionnaire.title})),
    h('p', {}, t('answers.intro')),
    h('div', {class: 'actions'},
      h('button', {type: 'button', class: ['button', 'button--secondary'], onclick: () => window.print()}, t('answers.print'))),
    ...answerSections(questionnaire, receipt.answers, {municipalities: list, level: 3}));
}

export async function renderReceipt(view, ctx) {
  // This render's own ticket: ctx.current is the newest navigation's.
  const current = ctx.current;
  const receipt = getReceipt();
  ctx.setTitle(t('receipt.title'));
  if (!receipt || receipt.stored === false) {
    clear(view).append(h('h1', {}, t('receipt.title')), h('p', {}, t('receipt.missing')));
    return;
  }
  const copy = await answersCopy(receipt);
  if (!current()) return;
  clear(view).append(
    h('h1', {}, t('receipt.title')),
    h('p', {class: 'lead'}, t('receipt.thanks')),
    receiptBox(receipt),
    copy);
}
