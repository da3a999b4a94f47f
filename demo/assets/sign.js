// The training agreement's signing page: /demo/sign.html?token=…[&lang=es]. The token in the
// address is the signer's credential (no account, no site key); the page shows the agreement and
// takes a typed-name signature. English or Spanish: from the link's `lang`, else the browser's,
// switchable at the top; the API is asked in that language and says which language its text is
// in. Plain DOM under the demo's strict CSP: no inline script or style, and every text is set
// with textContent, never as HTML.
const api = '/api/v1/agreements';
const params = new URLSearchParams(location.search);
const token = params.get('token') ?? '';
const $ = (id) => document.getElementById(id);

const T = {
  en: {
    pageTitle: 'Sign the training agreement · Work-Based Learning',
    skip: 'Skip to the agreement',
    brand: 'Work-Based Learning',
    langs: 'Language',
    title: 'Training agreement',
    loading: 'Loading the agreement…',
    summary: 'The placement',
    student: 'Student',
    opportunity: 'Opportunity',
    employer: 'Host employer',
    dates: 'Dates',
    schedule: 'Schedule',
    reference: 'Reference',
    signAs: 'You sign as',
    textTitle: 'The agreement',
    formTitle: 'Sign with your typed name',
    nameLabel: 'Your full name',
    nameHint: 'Typing your name is your signature.',
    agreeLabel: 'I have read this training agreement and agree to my part in it.',
    submit: 'Sign the agreement',
    signing: 'Signing…',
    doneTitle: 'Signed',
    nameMissing: 'Type your full name to sign',
    agreeMissing: 'Tick the box to agree to the training agreement',
    tba: 'To be arranged',
    range: (a, b) => `${a} to ${b}`,
    version: (v) => `Version ${v}`,
    onlyEnglish: 'This agreement is not available in Spanish yet, so it is shown in English.',
    titled: (t) => `Training agreement: ${t}`,
    docTitle: (t, d) => `Sign: ${t} · ${d}`,
    brandOf: (d) => `${d} · Work-Based Learning`,
    read: (until) => `Please read the agreement, then sign it below. This link works until ${until}.`,
    signed: (name, role, on) => `Signed by ${name} as the ${role} on ${on}. Thank you — the Career Center has your signature, and you can close this page.`,
    incomplete: 'This signing link is not complete. Open the whole link from your email, or ask the Career Center for a new one.',
    broken: 'This signing link does not work.',
    failed: 'Signing did not work. Please try again.',
    offline: 'We could not reach the server. Check your connection and try again.',
    offlineLoad: 'We could not reach the server. Check your connection and reload the page.',
  },
  es: {
    pageTitle: 'Firme el acuerdo de formación · Aprendizaje basado en el trabajo',
    skip: 'Ir al acuerdo',
    brand: 'Aprendizaje basado en el trabajo',
    langs: 'Idioma',
    title: 'Acuerdo de formación',
    loading: 'Cargando el acuerdo…',
    summary: 'La práctica',
    student: 'Estudiante',
    opportunity: 'Oportunidad',
    employer: 'Empleador anfitrión',
    dates: 'Fechas',
    schedule: 'Horario',
    reference: 'Referencia',
    signAs: 'Usted firma como',
    textTitle: 'El acuerdo',
    formTitle: 'Firme escribiendo su nombre',
    nameLabel: 'Su nombre completo',
    nameHint: 'Escribir su nombre es su firma.',
    agreeLabel: 'Leí este acuerdo de formación y acepto la parte que me corresponde.',
    submit: 'Firmar el acuerdo',
    signing: 'Firmando…',
    doneTitle: 'Firmado',
    nameMissing: 'Escriba su nombre completo para firmar',
    agreeMissing: 'Marque la casilla para aceptar el acuerdo de formación',
    tba: 'Por acordar',
    range: (a, b) => `Del ${a} al ${b}`,
    version: (v) => `Versión ${v}`,
    onlyEnglish: 'Este acuerdo todavía no está disponible en español, por eso se muestra en inglés.',
    titled: (t) => `Acuerdo de formación: ${t}`,
    docTitle: (t, d) => `Firmar: ${t} · ${d}`,
    brandOf: (d) => `${d} · Aprendizaje basado en el trabajo`,
    read: (until) => `Lea el acuerdo y luego fírmelo abajo. Este enlace funciona hasta el ${until}.`,
    signed: (name, role, on) => `Firmado por ${name} como ${role} el ${on}. Gracias: el Centro de Carreras ya tiene su firma y puede cerrar esta página.`,
    incomplete: 'Este enlace para firmar está incompleto. Abra el enlace completo desde su correo o pida uno nuevo al Centro de Carreras.',
    broken: 'Este enlace para firmar no funciona.',
    failed: 'No se pudo firmar. Inténtelo de nuevo.',
    offline: 'No pudimos comunicarnos con el servidor. Revise su conexión e inténtelo de nuevo.',
    offlineLoad: 'No pudimos comunicarnos con el servidor. Revise su conexión y vuelva a cargar la página.',
  },
};

const LANGS = Object.keys(T);
const fromBrowser = () => (navigator.languages ?? [navigator.language]).map((l) => String(l).toLowerCase().split('-')[0]).find((l) => LANGS.includes(l));
let lang = LANGS.includes(params.get('lang')) ? params.get('lang') : (fromBrowser() ?? 'en');
const t = () => T[lang];
const locale = () => (lang === 'es' ? 'es-US' : 'en-US');

const day = (iso) => new Intl.DateTimeFormat(locale(), { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso.slice(0, 10)}T12:00:00Z`));
const when = (iso) => new Intl.DateTimeFormat(locale(), { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));

/** The last answer, and the page's own messages by key, so a language switch can say them again. */
let view = null;
let shown = null; // { key } for the page's own message, { text } for the server's
const fieldErrors = {};

function problem(message) {
  const status = $('status');
  status.textContent = message;
  status.classList.add('problem');
  status.hidden = false;
}
const own = (key) => {
  shown = { key };
  problem(t()[key]);
};
const server = (body, fallback) => {
  const text = [body.title, body.detail].filter(Boolean).join('. ');
  shown = text ? { text } : { key: fallback };
  problem(text || t()[fallback]);
};

/** Every fixed label in the current language. */
function label() {
  document.documentElement.lang = lang;
  document.title = t().pageTitle;
  for (const el of document.querySelectorAll('[data-t]')) el.textContent = t()[el.dataset.t];
  $('langs').setAttribute('aria-label', t().langs);
  for (const b of document.querySelectorAll('#langs button')) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
  for (const [id, key] of Object.entries(fieldErrors)) fieldError(id, key);
}

function showSigned(v) {
  $('form').hidden = true;
  $('status').hidden = true;
  $('done').hidden = false;
  $('done-text').textContent = t().signed(v.signerName, v.roleWords, when(v.signedAt));
}

function show(v) {
  view = v;
  shown = null;
  const p = v.placement;
  const status = $('status');
  status.classList.remove('problem');
  document.title = t().docTitle(p.opportunityTitle, p.districtName);
  $('district').textContent = t().brandOf(p.districtName);
  $('title').textContent = t().titled(p.opportunityTitle);
  $('student').textContent = p.studentPreferredName;
  $('opportunity').textContent = p.opportunityTitle;
  $('employer').textContent = p.employerName;
  $('dates').textContent = p.startsOn ? (p.endsOn && p.endsOn !== p.startsOn ? t().range(day(p.startsOn), day(p.endsOn)) : day(p.startsOn)) : t().tba;
  $('schedule').textContent = p.schedule ?? t().tba;
  $('reference').textContent = p.reference;
  $('role').textContent = v.roleWords;
  $('version').textContent = t().version(v.text.version);
  // The text may be in another language than the page (no translation stored): say so, and mark it.
  const note = $('text-note');
  note.hidden = v.textLang === lang;
  note.textContent = v.textLang === lang ? '' : t().onlyEnglish;
  const text = $('text');
  text.lang = v.textLang;
  text.replaceChildren(
    ...v.text.body.split(/\n{2,}/).map((para, i) => {
      const el = document.createElement(i === 0 ? 'h3' : 'p');
      el.textContent = para.trim();
      return el;
    }),
  );
  $('agreement').hidden = false;
  if (v.signed) return showSigned(v);
  status.textContent = t().read(when(v.expiresAt));
  status.hidden = false;
  $('form').hidden = false;
}

/** Shows (or clears, with no key) a field's error, by message key. */
function fieldError(id, key) {
  const input = $(id);
  const error = $(`${id}-error`);
  if (key) fieldErrors[id] = key;
  else delete fieldErrors[id];
  error.textContent = key ? (t()[key] ?? key) : '';
  error.hidden = !key;
  if (key) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
}

async function submit(event) {
  event.preventDefault();
  const typedName = $('typedName').value.trim();
  const agree = $('agree').checked;
  fieldError('typedName', typedName ? null : 'nameMissing');
  fieldError('agree', agree ? null : 'agreeMissing');
  if (!typedName) return $('typedName').focus();
  if (!agree) return $('agree').focus();
  const button = $('submit');
  button.disabled = true;
  button.textContent = t().signing;
  try {
    const res = await fetch(`${api}/${encodeURIComponent(token)}/sign?lang=${lang}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      // The language of the text the signer read is recorded with the signature.
      body: JSON.stringify({ typedName, agree: true, ...(view ? { textLang: view.textLang } : {}) }),
    });
    const body = await res.json().catch(() => ({}));
    if (res.ok) {
      view = body;
      showSigned(body);
      $('done').focus();
      return;
    }
    for (const e of body.errors ?? []) if (e.path === 'typedName' || e.path === 'agree') fieldError(e.path, e.message);
    server(body, 'failed');
  } catch {
    own('offline');
  } finally {
    button.disabled = false;
    button.textContent = t().submit;
  }
}

async function load() {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return own('incomplete');
  try {
    const res = await fetch(`${api}/${encodeURIComponent(token)}?lang=${lang}`);
    const body = await res.json().catch(() => ({}));
    if (!res.ok) return server(body, 'broken');
    show(body);
  } catch {
    own('offlineLoad');
  }
}

/** Another language: every label now, then the agreement again in it (its text, the server's words). */
function switchTo(next) {
  if (next === lang || !LANGS.includes(next)) return;
  lang = next;
  const url = new URL(location.href);
  url.searchParams.set('lang', lang);
  history.replaceState(null, '', url);
  label();
  if (shown?.key) problem(t()[shown.key]);
  else if (view && !view.signed) $('status').textContent = t().loading;
  load();
}

for (const b of document.querySelectorAll('#langs button')) b.addEventListener('click', () => switchTo(b.dataset.lang));
$('form').addEventListener('submit', submit);
label();
load();
