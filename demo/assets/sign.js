// The training agreement's signing page: /demo/sign.html?token=…. The token in the address is
// the signer's credential (no account, no site key); the page shows the agreement and takes a
// typed-name signature. Plain DOM under the demo's strict CSP: no inline script or style, and
// every text is set with textContent, never as HTML.
const api = '/api/v1/agreements';
const token = new URLSearchParams(location.search).get('token') ?? '';
const $ = (id) => document.getElementById(id);
const ROLE = {
  student: 'the student',
  guardian: 'parent or guardian',
  supervisor: 'workplace supervisor',
  coordinator: 'district work-based learning coordinator',
};
const day = (iso) => (iso ? new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso.slice(0, 10)}T12:00:00Z`)) : '');
const when = (iso) => new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));

function problem(message) {
  const status = $('status');
  status.textContent = message;
  status.classList.add('problem');
  status.hidden = false;
}

function showSigned(view) {
  $('form').hidden = true;
  $('status').hidden = true;
  $('done').hidden = false;
  $('done-text').textContent =
    `Signed by ${view.signerName} as ${ROLE[view.role]} on ${when(view.signedAt)}. Thank you — the Career Center has your signature, and you can close this page.`;
}

function show(view) {
  const p = view.placement;
  document.title = `Sign: ${p.opportunityTitle} · ${p.districtName}`;
  $('district').textContent = `${p.districtName} · Work-Based Learning`;
  $('title').textContent = `Training agreement: ${p.opportunityTitle}`;
  $('student').textContent = p.studentPreferredName;
  $('opportunity').textContent = p.opportunityTitle;
  $('employer').textContent = p.employerName;
  $('dates').textContent = p.startsOn ? (p.endsOn && p.endsOn !== p.startsOn ? `${day(p.startsOn)} to ${day(p.endsOn)}` : day(p.startsOn)) : 'To be arranged';
  $('schedule').textContent = p.schedule ?? 'To be arranged';
  $('reference').textContent = p.reference;
  $('role').textContent = ROLE[view.role] ?? view.role;
  $('version').textContent = `Version ${view.text.version}`;
  const text = $('text');
  text.replaceChildren(
    ...view.text.body.split(/\n{2,}/).map((para, i) => {
      const el = document.createElement(i === 0 ? 'h3' : 'p');
      el.textContent = para.trim();
      return el;
    }),
  );
  $('agreement').hidden = false;
  if (view.signed) return showSigned(view);
  $('status').textContent = `Please read the agreement, then sign it below. This link works until ${when(view.expiresAt)}.`;
  $('form').hidden = false;
}

function fieldError(id, message) {
  const input = $(id);
  const error = $(`${id}-error`);
  error.textContent = message ?? '';
  error.hidden = !message;
  if (message) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
}

async function submit(event) {
  event.preventDefault();
  const typedName = $('typedName').value.trim();
  const agree = $('agree').checked;
  fieldError('typedName', typedName ? null : 'Type your full name to sign');
  fieldError('agree', agree ? null : 'Tick the box to agree to the training agreement');
  if (!typedName) return $('typedName').focus();
  if (!agree) return $('agree').focus();
  const button = $('submit');
  button.disabled = true;
  button.textContent = 'Signing…';
  try {
    const res = await fetch(`${api}/${encodeURIComponent(token)}/sign`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ typedName, agree: true }),
    });
    const body = await res.json().catch(() => ({}));
    if (res.ok) {
      showSigned(body);
      $('done').focus();
      return;
    }
    for (const e of body.errors ?? []) if (e.path === 'typedName' || e.path === 'agree') fieldError(e.path, e.message);
    problem([body.title, body.detail].filter(Boolean).join('. ') || 'Signing did not work. Please try again.');
  } catch {
    problem('We could not reach the server. Check your connection and try again.');
  } finally {
    button.disabled = false;
    button.textContent = 'Sign the agreement';
  }
}

async function load() {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) {
    problem('This signing link is not complete. Open the whole link from your email, or ask the Career Center for a new one.');
    return;
  }
  try {
    const res = await fetch(`${api}/${encodeURIComponent(token)}`);
    const body = await res.json().catch(() => ({}));
    if (!res.ok) {
      problem([body.title, body.detail].filter(Boolean).join('. ') || 'This signing link does not work.');
      return;
    }
    show(body);
  } catch {
    problem('We could not reach the server. Check your connection and reload the page.');
  }
}

$('form').addEventListener('submit', submit);
load();
