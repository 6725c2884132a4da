// The receipt: shown once after a complete response, with the code that
// erases it and how.
import {announce, clear, h} from './dom.js';
import {t} from './i18n.js';
import {getReceipt} from './state.js';

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

export function renderReceipt(view, ctx) {
  const receipt = getReceipt();
  ctx.setTitle(t('receipt.title'));
  if (!receipt) {
    clear(view).append(h('h1', {}, t('receipt.title')), h('p', {}, t('receipt.missing')));
    return;
  }
  clear(view).append(
    h('h1', {}, t('receipt.title')),
    h('p', {class: 'lead'}, t('receipt.thanks')),
    receiptBox(receipt));
}
