/**
 * One contract from router to widget: the OpenAPI document lacks no route the Worker serves
 * (and names none it doesn't), every operation says how it fails, strict outside validators
 * (Redocly's recommended rules, JSON Schema 2020-12 for every example) accept it, and a path
 * asked with a method it does not answer says 405 and what it does answer.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { PROBLEM_TYPES } from '../../schema/api/problem.js';
import { app } from '../../worker/app.js';
import { sampleOfPattern } from '../../worker/lib/openapi-examples.js';
import { registeredRoutes } from '../../worker/lib/openapi.js';
import { pathPattern, routeTable, samplesOf } from '../../worker/lib/route-table.js';
import { api, expectProblem, tokenFor } from './helpers.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
let doc: any;

before(async () => {
  const res = await api('/openapi.json', { key: null });
  assert.equal(res.status, 200);
  doc = await res.json();
});

describe('the OpenAPI document and the router', () => {
  const routes = routeTable(app.routes);
  const documented = registeredRoutes().map((r) => ({ method: r.method.toUpperCase(), path: r.path, pattern: pathPattern(r.path) }));

  it('documents every route the router serves', () => {
    const missing = routes.filter((r) => !samplesOf(r.path, sampleOfPattern).every((p) => documented.some((d) => d.method === r.method && d.pattern.test(p))));
    assert.deepEqual(
      missing.map((r) => `${r.method} ${r.path}`),
      [],
    );
  });

  it('documents no route the router does not serve', () => {
    const samples = routes.flatMap((r) => samplesOf(r.path, sampleOfPattern).map((p) => ({ method: r.method, p })));
    const stale = documented.filter((d) => !samples.some((s) => s.method === d.method && d.pattern.test(s.p)));
    assert.deepEqual(
      stale.map((d) => `${d.method} ${d.path}`),
      [],
    );
  });
});

describe('each operation', () => {
  const operations = () => Object.entries<any>(doc.paths).flatMap(([path, ops]) => Object.entries<any>(ops).map(([method, op]) => ({ path, method, op })));

  it('says how it fails, as application/problem+json', () => {
    for (const { path, method, op } of operations()) {
      const errors = Object.keys(op.responses).filter((s) => s === 'default' || Number(s) >= 400);
      assert.ok(errors.includes('default'), `${method} ${path} has a default problem`);
      if (op.security?.length)
        assert.ok(
          errors.some((s) => s === '401'),
          `${method} ${path} answers 401 without a key or session`,
        );
      if (op.requestBody) for (const s of ['400', '413', '415']) assert.ok(errors.includes(s), `${method} ${path} answers ${s}`);
    }
    const problem = doc.components.responses.BadRequest.content['application/problem+json'];
    assert.equal(problem.schema.$ref, '#/components/schemas/Problem');
  });

  it('gives an example for success that its own schema accepts', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    let checked = 0;
    for (const { path, method, op } of operations()) {
      for (const [status, res] of Object.entries<any>(op.responses)) {
        if (!/^2/.test(status) || !res.content) continue;
        for (const [type, media] of Object.entries<any>(res.content)) {
          if (!type.includes('json') || !media.schema || media.schema.type === 'string') continue;
          assert.ok(media.example !== undefined, `${method} ${path} ${status} has an example`);
          const ok = ajv.validate(media.schema, media.example);
          assert.ok(ok, `${method} ${path} ${status} example: ${ajv.errorsText(ajv.errors)}`);
          checked++;
        }
      }
    }
    assert.ok(checked > 60, `checked ${checked} examples`);
  });

  it('documents the media types that are not JSON', () => {
    const types = new Set(operations().flatMap(({ op }) => Object.values<any>(op.responses).flatMap((r) => Object.keys(r.content ?? {}))));
    for (const t of ['text/csv', 'image/svg+xml', 'text/calendar', 'application/problem+json']) assert.ok(types.has(t), t);
  });

  it('documents the Idempotency-Key a public write needs, the ?key= alternative and 304 for cached reads', () => {
    for (const path of ['/api/v1/host-offers', '/api/v1/applications', '/api/v1/events/{id}/rsvps']) {
      const header = doc.paths[path].post.parameters?.find((p: any) => p.name === 'Idempotency-Key');
      assert.ok(header?.required && header.in === 'header', `${path} documents Idempotency-Key`);
    }
    assert.deepEqual(doc.paths['/api/v1/opportunities'].get.security, [{ siteKey: [] }, { siteKeyQuery: [] }]);
    assert.equal(doc.components.securitySchemes.siteKeyQuery.name, 'key');
    for (const path of ['/api/v1/opportunities', '/api/v1/taxonomy', '/api/v1/events']) {
      assert.ok(doc.paths[path].get.responses['304'], `${path} documents 304`);
    }
  });
});

describe('Redocly lint (recommended rules)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'wbl-openapi-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('finds no problem that is not deliberately ignored', () => {
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(doc, null, 1));
    copyFileSync(join(root, 'redocly.yaml'), join(dir, 'redocly.yaml'));
    copyFileSync(join(root, '.redocly.lint-ignore.yaml'), join(dir, '.redocly.lint-ignore.yaml'));
    const r = spawnSync(process.execPath, [join(root, 'node_modules/@redocly/cli/bin/cli.js'), 'lint', 'openapi.json', '--format=json'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
    const report = JSON.parse(r.stdout.slice(r.stdout.indexOf('{')));
    const findings = report.problems.filter((p: any) => !p.ignored).map((p: any) => `${p.ruleId} ${p.location?.[0]?.pointer}: ${p.message}`);
    assert.deepEqual(findings, []);
  });
});

describe('methods a path does not answer', () => {
  it('answer 405 with Allow, not 404', async () => {
    const res = await api('/opportunities', { method: 'DELETE' });
    const problem = await expectProblem(res, 405);
    assert.equal(problem.type, PROBLEM_TYPES.methodNotAllowed);
    assert.equal(res.headers.get('Allow'), 'GET, HEAD, OPTIONS');
    const put = await api('/health', { method: 'PUT', key: null });
    await expectProblem(put, 405);
    assert.match(put.headers.get('Allow') ?? '', /GET/);
    const token = await tokenFor('coordinator@riverside.example');
    const admin = await api('/admin/students/stu_x', { method: 'POST', key: null, headers: { Authorization: `Bearer ${token}` } });
    assert.equal(admin.status, 405);
    assert.match(admin.headers.get('Allow') ?? '', /PATCH/);
  });

  it('while a path nothing serves stays 404', async () => {
    await expectProblem(await api('/nothing-here', { method: 'DELETE', key: null }), 404);
  });
});

describe('problem types', () => {
  it('name one kind of problem each', async () => {
    const values = Object.values(PROBLEM_TYPES);
    assert.equal(new Set(values).size, values.length);
    const noKey = await expectProblem(await api('/opportunities', { key: null }), 401);
    assert.equal(noKey.type, PROBLEM_TYPES.unauthorized);
    const noSession = await expectProblem(await api('/admin/students', { key: null }), 401);
    assert.equal(noSession.type, PROBLEM_TYPES.signInRequired);
    const wrong = await api('/auth/login', {
      key: null,
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': '198.51.100.77' },
      body: JSON.stringify({ email: 'nobody@riverside.example', password: 'not-the-password-1' }),
    });
    assert.equal((await expectProblem(wrong, 401)).type, PROBLEM_TYPES.badCredentials);
  });
});
