// Riverside Unified's family page: `?lang=es` shows the Spanish text. It runs before the
// calendar's script, so the calendar, which follows the page's `lang`, starts in Spanish too.
const lang = new URLSearchParams(location.search).get('lang') === 'es' ? 'es' : 'en';
if (lang === 'es') {
  document.documentElement.lang = 'es';
  document.title = 'Conexiones familiares con las carreras · Distrito Escolar Unificado de Riverside';
  for (const el of document.querySelectorAll('[data-lang]')) el.hidden = el.dataset.lang !== lang;
}
