// Hands text made in the page to the browser as a file to save.
import {h} from '../dom.js';

export function download(name, type, text) {
  const link = h('a', {href: URL.createObjectURL(new Blob([text], {type})), download: name, hidden: true});
  document.body.append(link);
  link.click();
  setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
}
