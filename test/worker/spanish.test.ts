/**
 * The server speaks the request's language (`?lang=` or Accept-Language): problem titles,
 * details and field messages in Spanish, with the same paths and codes; English exactly as it
 * was. Opportunities carry Spanish titles and descriptions that Spanish viewers see (English
 * when there is none) and that a search in Spanish finds, for every viewer.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { OpportunityDetail, OpportunityList } from '../../schema/api/opportunities.js';
import { DEMO } from '../../demo/seed/index.js';
import { as, COORDINATOR, read, retireTestOpportunities, uniqueWord, write } from './admin-helpers.js';
import { api, expectProblem, getJson, type ApiOptions } from './helpers.js';

const R = DEMO.riverside;
const ES_HEADER: ApiOptions = { headers: { 'Accept-Language': 'es-MX,es;q=0.9,en;q=0.5' } };

/** A list request wrong in four ways: too many rows, a grade that is no number, a long search, an unknown field. */
const BAD = { limit: 101, grade: 'abc', q: 'x'.repeat(201), bogus: '1' };

const byPath = (errors: { path: string; message: string; code?: string }[] = []) => Object.fromEntries(errors.map((e) => [e.path, e]));

describe('problems in Spanish', () => {
  for (const [how, opts] of [
    ['Accept-Language: es', { ...ES_HEADER, query: BAD }],
    ['?lang=es', { query: { ...BAD, lang: 'es' } }],
  ] as const) {
    it(`answers a bad public request in Spanish with ${how}, with the same paths and codes`, async () => {
      const res = await api('/opportunities', opts);
      assert.equal(res.headers.get('content-language'), 'es');
      const es = await expectProblem(res, 400);
      const en = await expectProblem(await api('/opportunities', { query: BAD }), 400);
      assert.equal(es.title, 'Algunos datos no son válidos');
      assert.equal(es.type, en.type);
      const [e, n] = [byPath(es.errors), byPath(en.errors)];
      assert.deepEqual(Object.keys(e).sort(), ['bogus', 'grade', 'limit', 'q']);
      assert.deepEqual(Object.keys(e).sort(), Object.keys(n).sort(), 'the same paths');
      for (const path of Object.keys(e)) assert.equal(e[path]!.code, n[path]!.code, `the same code for ${path}`);
      // Our own messages come from the table; zod's own from its Spanish locale.
      assert.equal(e.q!.message, 'Escribe menos de 200 caracteres en la búsqueda');
      assert.equal(e.bogus!.message, 'Campo desconocido');
      assert.match(e.limit!.message, /Demasiado grande/);
      assert.match(e.grade!.message, /se esperaba número/);
    });
  }

  it('keeps English exactly as it was', async () => {
    const res = await api('/opportunities', { query: BAD });
    assert.equal(res.headers.get('content-language'), 'en');
    const en = await expectProblem(res, 400);
    assert.equal(en.title, 'Some of the input is not valid');
    const e = byPath(en.errors);
    assert.equal(e.q!.message, 'Keep the search under 200 characters');
    assert.equal(e.bogus!.message, 'Unknown field');
    assert.match(e.limit!.message, /Too big/);
  });

  it('translates titles and details of other problems: not found, no site key, a wrong media type, a hand-made field error', async () => {
    const missing = await expectProblem(await api('/opportunities/opp_riv_nothing_here', ES_HEADER), 404);
    assert.equal(missing.title, 'No se encontró');
    assert.equal(missing.detail, 'Aquí no hay ninguna oportunidad publicada con ese id.');
    const english = await expectProblem(await api('/opportunities/opp_riv_nothing_here'), 404);
    assert.equal(english.title, 'Not found');
    assert.equal(english.detail, 'No published opportunity has that id here.');

    const noKey = await expectProblem(await api('/opportunities', { ...ES_HEADER, key: null }), 401);
    assert.equal(noKey.title, 'Se necesita una clave del sitio');
    assert.match(noKey.detail ?? '', /^Envía la clave pública del sitio/);

    const media = await expectProblem(
      await api('/opportunities/match', { method: 'POST', headers: { 'Content-Type': 'text/plain', 'Accept-Language': 'es' }, body: '{}' }),
      415,
    );
    assert.equal(media.title, 'Envía el cuerpo como application/json');

    const noPath = await expectProblem(await api('/nothing-here', { query: { lang: 'es' } }), 404);
    assert.equal(noPath.detail, 'No hay nada en /api/v1/nothing-here.');

    const cursor = await expectProblem(await api('/opportunities', { query: { cursor: 'not-a-cursor', lang: 'es' } }), 400);
    assert.deepEqual(cursor.errors, [
      { path: 'cursor', message: 'Este cursor no es válido; empieza otra vez desde la primera página', code: 'invalid_cursor' },
    ]);
  });
});

describe('opportunities in Spanish', () => {
  for (const q of ['enfermería', 'enfermeria', 'Enfermería']) {
    it(`finds the nursing rotation by its Spanish title with q=${q}, for Spanish and English viewers`, async () => {
      const es = OpportunityList.parse(await getJson('/opportunities', { query: { q, lang: 'es' } }));
      assert.equal(es.items[0]?.id, R.nursingId);
      assert.match(es.items[0]!.title, /enfermería/);
      assert.equal(es.items[0]!.lang, 'es');
      const en = OpportunityList.parse(await getJson('/opportunities', { query: { q } }));
      assert.equal(en.items[0]?.id, R.nursingId, 'an English viewer finds it too');
      assert.equal(en.items[0]!.title, 'Certified Nursing Assistant Clinical Rotation');
      assert.equal(en.items[0]!.lang, 'en');
    });
  }

  it('still finds English words for a Spanish viewer', async () => {
    const es = await getJson('/opportunities', { query: { q: 'nurs', lang: 'es' } });
    assert.equal(es.items[0]?.id, R.nursingId);
  });

  it('shows a Spanish viewer the Spanish title and description, an English viewer the English ones', async () => {
    const es = OpportunityDetail.parse(await getJson(`/opportunities/${R.nursingId}`, ES_HEADER));
    assert.equal(es.title, 'Rotación clínica de enfermería: asistente de enfermería certificado');
    assert.match(es.description, /^Cumple horas clínicas supervisadas/);
    assert.deepEqual([es.lang, es.descriptionLang], ['es', 'es']);
    const en = OpportunityDetail.parse(await getJson(`/opportunities/${R.nursingId}`));
    assert.equal(en.title, 'Certified Nursing Assistant Clinical Rotation');
    assert.match(en.description, /^Spend supervised clinical hours/);
    assert.deepEqual([en.lang, en.descriptionLang], ['en', 'en']);
  });

  it('falls back to English where an opportunity has no Spanish', async () => {
    const es = OpportunityList.parse(await getJson('/opportunities', { query: { lang: 'es', limit: 100 } }));
    const en = OpportunityList.parse(await getJson('/opportunities', { query: { limit: 100 } }));
    const english = new Map(en.items.map((i) => [i.id, i.title]));
    const fallback = es.items.filter((i) => i.lang === 'en');
    const spanish = es.items.filter((i) => i.lang === 'es');
    assert.ok(fallback.length > 0 && spanish.length > 0, 'the seed has both');
    for (const i of fallback) assert.equal(i.title, english.get(i.id));
    for (const i of spanish) assert.notEqual(i.title, english.get(i.id));
  });
});

describe('the console edits both languages', () => {
  after(retireTestOpportunities);

  it('creates, reads, searches and clears the Spanish title and description', async () => {
    const word = uniqueWord('Farmacia');
    const spanishWord = uniqueWord('boticaria').toLowerCase();
    const created = await write(
      COORDINATOR,
      'POST',
      '/admin/opportunities',
      {
        employerId: 'emp_riv_arroyo_medical',
        title: `${word} pharmacy shadow`,
        description: 'Spend a morning with the pharmacy team.',
        titleEs: `Observación en la farmacia ${spanishWord}`,
        descriptionEs: 'Pasa una mañana con el equipo de la farmacia.',
        type: 'job_shadowing',
        cluster: 'healthcare_human_services',
        mode: 'in_person',
        compensation: { type: 'unpaid' },
      },
      201,
    );
    assert.equal(created.titleEs, `Observación en la farmacia ${spanishWord}`);
    assert.equal(created.descriptionEs, 'Pasa una mañana con el equipo de la farmacia.');
    const detail = await read(COORDINATOR, `/admin/opportunities/${created.id}`);
    assert.equal(detail.titleEs, created.titleEs);
    await write(COORDINATOR, 'POST', `/admin/opportunities/${created.id}/publish`, undefined);

    const found = await getJson('/opportunities', { query: { q: spanishWord } });
    assert.deepEqual(
      found.items.map((i: { id: string }) => i.id),
      [created.id],
      'the Spanish title is searchable at once',
    );
    assert.equal((await getJson(`/opportunities/${created.id}`, ES_HEADER)).title, created.titleEs);

    const tooLong = await expectProblem(await as(COORDINATOR, 'PATCH', `/admin/opportunities/${created.id}`, { titleEs: 'x'.repeat(141) }, ES_HEADER), 400);
    assert.equal(byPath(tooLong.errors).titleEs?.message, 'Escribe menos de 140 caracteres');

    const cleared = await write(COORDINATOR, 'PATCH', `/admin/opportunities/${created.id}`, { titleEs: '', descriptionEs: null });
    assert.deepEqual([cleared.titleEs, cleared.descriptionEs], [null, null]);
    const fallback = await getJson(`/opportunities/${created.id}`, ES_HEADER);
    assert.equal(fallback.title, `${word} pharmacy shadow`);
    assert.deepEqual([fallback.lang, fallback.descriptionLang], ['en', 'en']);
    const gone = await getJson('/opportunities', { query: { q: spanishWord } });
    assert.deepEqual(gone.items, [], 'the cleared Spanish title leaves the index');
  });
});
