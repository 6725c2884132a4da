// A round's comments in a municipality (#comments/CODE/ROUND): what its
// caregivers wrote, masked by the server, where the round and the consent
// they accepted say the municipality may read it; after the round has
// closed and from k responses on (docs/privacy.md, "Comments").
import {clear, h} from '../dom.js';
import {language} from '../i18n.js';
import {s} from './strings.js';
import {staff} from './staff-api.js';
import {failure} from './views.js';

export async function renderComments(view, ctx, code, wave) {
  ctx.setTitle(s('comments.title', {round: wave}));
  const back = h('p', {}, h('a', {href: '#home'}, s('comments.back')));
  let answer;
  try {
    answer = await staff.comments(code, wave, language());
  } catch (problem) {
    const text = problem.code === 'comments_not_shared' ? s('comments.not_shared') : failure(problem);
    clear(view).append(h('h1', {}, s('comments.title', {round: wave})), h('p', {role: 'alert'}, text), back);
    return;
  }
  const parts = [h('h1', {}, s('comments.title', {round: wave})), h('p', {}, s('comments.masked'))];
  if (answer.withheld === 'round_open') {
    parts.push(h('p', {class: 'notice'}, s('comments.round_open')));
  } else if (answer.withheld === 'fewer_than_k') {
    parts.push(h('p', {class: 'notice'}, s('comments.fewer_than', {k: answer.shown_from})));
  } else {
    for (const item of answer.items) {
      const texts = answer.comments.filter((comment) => comment.item === item.id);
      parts.push(h('section', {class: 'card', 'aria-labelledby': `q-${item.id}`},
        h('h2', {id: `q-${item.id}`}, item.question),
        texts.length
          ? h('ul', {class: 'comments'}, texts.map((comment) => h('li', {}, comment.text)))
          : h('p', {}, s('comments.none'))));
    }
  }
  parts.push(back);
  clear(view).append(...parts);
}
