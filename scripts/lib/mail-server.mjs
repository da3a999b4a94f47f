// A real local SMTP server with a web inbox, for `npm start` and the tests: what the Worker
// delivers over SMTP lands here, exactly as sent. The inbox at its HTTP address lists the mail
// and shows each message's text, HTML and attachments (parsed by mailparser); tests read the raw
// messages from its JSON API and parse them themselves. The SMTP side can be stopped and started
// again without losing the inbox, so tests can take the mail server away and bring it back.
//   node scripts/lib/mail-server.mjs [--smtp 1025] [--http 1080]
import { createServer } from 'node:http';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function startMailServer({ smtpPort = 0, httpPort = 0, host = '127.0.0.1', keep = 5000 } = {}) {
  /** @type {{ id: number, receivedAt: string, from: string, to: string[], raw: string }[]} */
  const messages = [];
  let nextId = 1;
  let smtp = null;
  let boundSmtpPort = smtpPort;

  const newSmtp = () =>
    new SMTPServer({
      name: 'openwbl-mail.localhost',
      banner: 'Open WBL local mail server',
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      size: 10 * 1024 * 1024,
      logger: false,
      onData(stream, session, callback) {
        const chunks = [];
        stream.on('data', (c) => chunks.push(c));
        stream.on('end', () => {
          const id = nextId++;
          messages.push({
            id,
            receivedAt: new Date().toISOString(),
            from: session.envelope.mailFrom?.address ?? '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          if (messages.length > keep) messages.shift();
          callback(null, `Message queued as ${id}`);
        });
      },
    });

  const listen = () =>
    new Promise((resolve, reject) => {
      smtp = newSmtp();
      smtp.on('error', () => {});
      smtp.server.once('error', reject);
      smtp.listen(boundSmtpPort, host, () => {
        boundSmtpPort = smtp.server.address().port;
        resolve();
      });
    });
  const stopSmtp = () =>
    new Promise((resolve) => {
      if (!smtp) return resolve();
      const s = smtp;
      smtp = null;
      // Refuse new connections now and drop the open ones, like a server that went away.
      for (const conn of s.connections ?? []) conn._socket?.destroy?.();
      s.close(() => resolve());
      setTimeout(resolve, 1000);
    });
  await listen();

  const json = (res, status, body) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const page = (res, title, body) => {
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; img-src data:",
      'Cache-Control': 'no-store',
    });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${esc(title)}</title><style>body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:900px;padding:16px;color:#1d1d1b}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:6px 8px;border-bottom:1px solid #ddd;vertical-align:top}
a{color:#0b5cad}pre{white-space:pre-wrap;background:#f6f6f4;padding:12px}iframe{width:100%;height:480px;border:1px solid #ddd}
dt{font-weight:600}dd{margin:0 0 6px}</style></head><body>${body}</body></html>`);
  };

  const http = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, `http://${req.headers.host}`);
      const path = url.pathname;
      if (req.method === 'GET' && path === '/api/messages') {
        const to = url.searchParams.get('to')?.toLowerCase();
        const after = Number(url.searchParams.get('after') ?? 0);
        return json(
          res,
          200,
          messages.filter((m) => m.id > after && (!to || m.to.some((t) => t.toLowerCase() === to))).map(({ raw, ...m }) => ({ ...m, size: raw.length })),
        );
      }
      const raw = path.match(/^\/api\/messages\/(\d+)\/raw$/);
      if (req.method === 'GET' && raw) {
        const m = messages.find((x) => x.id === Number(raw[1]));
        if (!m) return json(res, 404, { error: 'no such message' });
        res.writeHead(200, { 'Content-Type': 'message/rfc822' });
        return res.end(m.raw);
      }
      if (req.method === 'DELETE' && path === '/api/messages') {
        messages.length = 0;
        return json(res, 200, { ok: true });
      }
      if (req.method === 'POST' && path === '/api/smtp/stop') {
        await stopSmtp();
        return json(res, 200, { smtp: 'stopped' });
      }
      if (req.method === 'POST' && path === '/api/smtp/start') {
        if (!smtp) await listen();
        return json(res, 200, { smtp: 'listening', port: boundSmtpPort });
      }
      if (req.method === 'GET' && path === '/api/status')
        return json(res, 200, { smtp: smtp ? 'listening' : 'stopped', port: boundSmtpPort, messages: messages.length });
      const html = path.match(/^\/messages\/(\d+)\/html$/);
      if (req.method === 'GET' && html) {
        const m = messages.find((x) => x.id === Number(html[1]));
        const parsed = m && (await simpleParser(m.raw));
        // The message's own HTML, sandboxed: no scripts, no requests, links open outside.
        res.writeHead(200, {
          'Content-Type': 'text/html; charset=utf-8',
          'Content-Security-Policy': "sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:",
        });
        return res.end(parsed?.html || '<p>No HTML part.</p>');
      }
      const one = path.match(/^\/messages\/(\d+)$/);
      if (req.method === 'GET' && one) {
        const m = messages.find((x) => x.id === Number(one[1]));
        if (!m) return page(res, 'Not found', '<p>No such message. <a href="/">Inbox</a></p>');
        const p = await simpleParser(m.raw);
        const header = (k) => p.headers.get(k);
        const fields = [
          ['From', p.from?.text],
          ['To', p.to?.text ?? m.to.join(', ')],
          ['Reply-To', p.replyTo?.text],
          ['Date', p.date?.toISOString()],
          ['Language', header('content-language')],
          ['List-Unsubscribe', p.headers.get('list-unsubscribe')?.url ?? header('list-unsubscribe')],
          ['Message-ID', p.messageId],
        ].filter(([, v]) => v);
        const files = p.attachments
          .map((a) => `<li>${esc(a.filename)} (${esc(a.contentType)}, ${a.size} bytes)<pre>${esc(a.content.toString('utf8').slice(0, 4000))}</pre></li>`)
          .join('');
        return page(
          res,
          p.subject ?? '(no subject)',
          `<p><a href="/">← Inbox</a></p><h1>${esc(p.subject)}</h1><dl>${fields.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>
<h2>HTML</h2><iframe title="The message as HTML" sandbox src="/messages/${m.id}/html"></iframe><h2>Plain text</h2><pre>${esc(p.text)}</pre>
${files ? `<h2>Attachments</h2><ul>${files}</ul>` : ''}`,
        );
      }
      if (req.method === 'GET' && path === '/') {
        const rows = await Promise.all(
          [...messages]
            .reverse()
            .slice(0, 200)
            .map(async (m) => {
              const p = await simpleParser(m.raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
              return `<tr><td>${esc(m.receivedAt.replace('T', ' ').slice(0, 19))}</td><td>${esc(m.to.join(', '))}</td><td><a href="/messages/${m.id}">${esc(p.subject || '(no subject)')}</a></td></tr>`;
            }),
        );
        return page(
          res,
          'Open WBL — local inbox',
          `<h1>Local inbox</h1><p>Everything the Worker sends over SMTP (port ${boundSmtpPort}) arrives here; nothing leaves this machine. SMTP is ${smtp ? 'listening' : 'stopped'}; ${messages.length} message(s).</p>
<table><thead><tr><th>Received</th><th>To</th><th>Subject</th></tr></thead><tbody>${rows.join('') || '<tr><td colspan="3">No mail yet.</td></tr>'}</tbody></table>`,
        );
      }
      json(res, 404, { error: 'not found' });
    } catch (e) {
      json(res, 500, { error: String(e?.message ?? e) });
    }
  });
  await new Promise((resolve) => http.listen(httpPort, host, resolve));
  const httpUrl = `http://${host}:${http.address().port}`;
  return {
    smtpUrl: `smtp://${host}:${boundSmtpPort}`,
    httpUrl,
    messages,
    stopSmtp,
    startSmtp: () => (smtp ? Promise.resolve() : listen()),
    close: async () => {
      await stopSmtp();
      await new Promise((resolve) => http.close(resolve));
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const server = await startMailServer({ smtpPort: arg('--smtp', 1025), httpPort: arg('--http', 1080) });
  console.log(`SMTP ${server.smtpUrl}\ninbox ${server.httpUrl}`);
}
