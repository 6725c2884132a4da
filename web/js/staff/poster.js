// A round's open link as a printable A4 poster, in the municipality's
// written standard, with the QR code the server drew and the municipality's
// contact details; and the QR code as a PNG file, drawn from that SVG in
// the browser.
import {contactLines, escapeHtml, fill} from './letters.js';

const TEXT = {
  nb: {
    heading: 'Er du pårørende?',
    lead: 'Fortell {name} kommune hvordan du har det, og hva som hjelper deg.',
    how: 'Skann koden med mobilkameraet, eller gå til:',
    anonymous: 'Det er frivillig å svare, og svarene er anonyme: kommunen ser bare tall fra mange pårørende samlet.',
    until: 'Du kan svare til og med {date}.',
  },
  nn: {
    heading: 'Er du pårørande?',
    lead: 'Fortel {name} kommune korleis du har det, og kva som hjelper deg.',
    how: 'Skann koden med mobilkameraet, eller gå til:',
    anonymous: 'Det er friviljug å svare, og svara er anonyme: kommunen ser berre tal frå mange pårørande samla.',
    until: 'Du kan svare til og med {date}.',
  },
};

// The QR image as a data: URL (the pages' CSP allows data: images).
export function qrSource(link) {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(link.qr_svg)}`;
}

// home: the municipality ({name, written_standard}); link: the server's
// open link ({url, closes, qr_svg}).
export function posterDocument(home, link) {
  const lang = home.written_standard === 'nn' ? 'nn' : 'nb';
  const text = TEXT[lang];
  const values = {name: home.name, date: link.closes};
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(text.heading)} – ${escapeHtml(home.name)}</title>
<style>
  @page { size: A4; margin: 20mm; }
  body { font: 16pt/1.4 system-ui, sans-serif; color: #000; margin: 0; text-align: center; }
  main { max-width: 170mm; margin: 0 auto; padding: 1em; }
  h1 { font-size: 40pt; margin: 0.5em 0 0.3em; }
  .lead { font-size: 22pt; }
  img { width: 90mm; height: 90mm; }
  .link { font-family: ui-monospace, monospace; font-size: 13pt; overflow-wrap: anywhere; }
  .sender { font-weight: bold; margin-top: 2em; }
</style>
</head>
<body>
<main>
  <h1>${escapeHtml(text.heading)}</h1>
  <p class="lead">${fill(text.lead, values)}</p>
  <p><img src="${escapeHtml(qrSource(link))}" alt="QR: ${escapeHtml(link.url)}"></p>
  <p>${escapeHtml(text.how)}<br><span class="link" translate="no">${escapeHtml(link.url)}</span></p>
  <p>${escapeHtml(text.anonymous)}</p>
  <p>${fill(text.until, values)}</p>
  <p class="sender">${escapeHtml(home.name)} kommune</p>
  ${contactLines(home.contact, lang) ? `<p>${contactLines(home.contact, lang)}</p>` : ''}
</main>
</body>
</html>
`;
}

// The QR code as a PNG of `size` pixels, for web pages and documents.
export async function qrPng(link, size = 1024) {
  const image = new Image();
  image.src = qrSource(link);
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const context = canvas.getContext('2d');
  context.imageSmoothingEnabled = false;
  context.drawImage(image, 0, 0, size, size);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no PNG'))), 'image/png'));
}
