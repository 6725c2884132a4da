// The front page's footer link to the dashboard (web/index.html): its text
// follows the page's language (<html lang>, set by app.js), and the link
// carries the language and the municipality along.
const TEXT = {nb: 'Resultater for kommunen', nn: 'Resultat for kommunen', en: 'Results for the municipality'};

function update() {
  const link = document.getElementById('footer-dashboard');
  if (!link) return;
  const lang = TEXT[document.documentElement.lang] ? document.documentElement.lang : 'nb';
  link.textContent = TEXT[lang];
  const params = new URLSearchParams(location.search);
  const target = new URLSearchParams();
  if (/^\d{4}$/.test(params.get('municipality') ?? '')) target.set('municipality', params.get('municipality'));
  if (params.get('lang')) target.set('lang', lang);
  link.href = `/dashboard.html${[...target].length ? `?${target}` : ''}`;
}

new MutationObserver(update).observe(document.documentElement, {attributes: true, attributeFilter: ['lang']});
window.addEventListener('hashchange', update);
document.addEventListener('click', (event) => { if (event.target.closest?.('#footer-dashboard')) update(); }, true);
update();
