// What a batch of invitation codes becomes for the caregivers: a CSV for
// the municipality's own SMS or mail-merge tool, and a printable HTML
// document of letters, one per A4 page, in the municipality's written
// standard (nynorsk where it writes nynorsk, else bokmål).

// The labels of the municipality's contact details, for letters and posters.
export const CONTACT_LABELS = {
  nb: {contact_name: 'Pårørendekontakt', phone: 'Telefon', email: 'E-post', switchboard: 'Sentralbord', web_site: 'Nettside'},
  nn: {contact_name: 'Pårørandekontakt', phone: 'Telefon', email: 'E-post', switchboard: 'Sentralbord', web_site: 'Nettside'},
};

// The contact details given, as HTML lines "Label: value" (empty when none).
export function contactLines(contact, lang) {
  const labels = CONTACT_LABELS[lang];
  return Object.keys(labels).filter((name) => contact?.[name])
    .map((name) => `${escapeHtml(labels[name])}: <span translate="no">${escapeHtml(contact[name])}</span>`).join('<br>');
}

const TEXT = {
  nb: {
    title: 'Invitasjonsbrev',
    heading: 'Hvordan har du det som pårørende?',
    why: 'Du får dette brevet fordi du er pårørende til noen som får tjenester fra {name} kommune. Vi vil gjerne vite hvordan du har det, og hvordan kommunen støtter deg.',
    anonymous: 'Det er frivillig å svare. Svarene dine kobles ikke til koden eller til navnet ditt. Kommunen ser bare tall fra mange pårørende samlet.',
    how: 'Slik svarer du',
    step1: 'Gå til {site} på mobil, nettbrett eller PC.',
    step2: 'Velg «Svar med kode fra brev».',
    step3: 'Skriv inn koden din:',
    or: 'Eller åpne denne lenken direkte:',
    once: 'Koden kan brukes én gang.',
    help: 'Trenger du hjelp?',
    contact: 'Ta kontakt med {name} kommune og spør etter pårørendekontakten. Du kan også få hjelp av noen du stoler på til å lese eller svare.',
  },
  nn: {
    title: 'Invitasjonsbrev',
    heading: 'Korleis har du det som pårørande?',
    why: 'Du får dette brevet fordi du er pårørande til nokon som får tenester frå {name} kommune. Vi vil gjerne vite korleis du har det, og korleis kommunen støttar deg.',
    anonymous: 'Det er friviljug å svare. Svara dine blir ikkje kopla til koden eller til namnet ditt. Kommunen ser berre tal frå mange pårørande samla.',
    how: 'Slik svarer du',
    step1: 'Gå til {site} på mobil, nettbrett eller PC.',
    step2: 'Vel «Svar med kode frå brev».',
    step3: 'Skriv inn koden din:',
    or: 'Eller opne denne lenkja direkte:',
    once: 'Koden kan brukast éin gong.',
    help: 'Treng du hjelp?',
    contact: 'Ta kontakt med {name} kommune og spør etter pårørandekontakten. Du kan òg få hjelp av nokon du stolar på til å lese eller svare.',
  },
};

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
}

// The template with {key}s filled, each value escaped for HTML.
export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, key) => escapeHtml(values[key] ?? whole));
}

function csvField(text) {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

// codes: [{code, link}], in the batch's order.
export function csvText(codes) {
  const lines = ['number,code,link', ...codes.map((entry, index) =>
    [String(index + 1), entry.code, entry.link].map(csvField).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

// home: the municipality ({name, written_standard}); codes as for csvText.
export function lettersDocument(home, codes) {
  const lang = home.written_standard === 'nn' ? 'nn' : 'nb';
  const text = TEXT[lang];
  const site = `${location.origin}/`;
  const values = {name: home.name, site};
  const contact = contactLines(home.contact, lang);
  const letters = codes.map((entry, index) => `
<section class="letter" aria-label="${escapeHtml(text.title)} ${index + 1}">
  <p class="sender">${escapeHtml(home.name)} kommune</p>
  <h1>${escapeHtml(text.heading)}</h1>
  <p>${fill(text.why, values)}</p>
  <p>${escapeHtml(text.anonymous)}</p>
  <h2>${escapeHtml(text.how)}</h2>
  <ol>
    <li>${fill(text.step1, values)}</li>
    <li>${escapeHtml(text.step2)}</li>
    <li>${escapeHtml(text.step3)}<br><span class="code" translate="no">${escapeHtml(entry.code)}</span></li>
  </ol>
  <p>${escapeHtml(text.or)}<br><span class="link" translate="no">${escapeHtml(entry.link)}</span></p>
  <p>${escapeHtml(text.once)}</p>
  <h2>${escapeHtml(text.help)}</h2>
  <p>${fill(text.contact, values)}</p>
  ${contact ? `<p>${contact}</p>` : ''}
  <p class="number">${index + 1}</p>
</section>`).join('\n');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(text.title)} – ${escapeHtml(home.name)}</title>
<style>
  @page { size: A4; margin: 20mm; }
  body { font: 12pt/1.5 system-ui, sans-serif; color: #000; margin: 0; }
  .letter { break-after: page; page-break-after: always; padding: 1em; max-width: 170mm; }
  .letter:last-child { break-after: auto; page-break-after: auto; }
  .sender { font-weight: bold; }
  h1 { font-size: 18pt; }
  h2 { font-size: 14pt; margin-top: 1.2em; }
  .code { display: inline-block; font: bold 16pt/1.4 ui-monospace, monospace; letter-spacing: 0.05em; margin-top: 0.3em; }
  .link { font-family: ui-monospace, monospace; overflow-wrap: anywhere; }
  .number { color: #555; font-size: 9pt; text-align: right; }
</style>
</head>
<body>
<main>
${letters}
</main>
</body>
</html>
`;
}
