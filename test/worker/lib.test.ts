import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeCursor, encodeCursor } from '../../worker/lib/paging.js';
import { todayIn } from '../../worker/lib/dates.js';
import { toFtsQuery } from '../../worker/lib/fts.js';
import { boundingBox, haversineKm } from '../../worker/lib/geo.js';
import { rankMatches, type Candidate } from '../../worker/lib/matching.js';
import type { OpportunitySummary } from '../../schema/api/opportunities.js';

describe('search terms', () => {
  it('quotes each word as a prefix so FTS syntax in the input is plain text', () => {
    assert.equal(toFtsQuery('nurs'), '"nurs"*');
    assert.equal(toFtsQuery('Medical  Assistant'), '"medical"* "assistant"*');
    assert.equal(toFtsQuery('title:nurse OR "x" NEAR(a b)'), '"title"* "nurse"* "or"* "x"* "near"* "a"* "b"*');
    assert.equal(toFtsQuery("'; DROP TABLE x; --"), '"drop"* "table"* "x"*');
  });
  it('keeps letters with accents and leaves nothing searchable as null', () => {
    assert.equal(toFtsQuery('enfermería'), '"enfermería"*');
    for (const q of ['', '   ', '"', '*', '-- ;', '💉']) assert.equal(toFtsQuery(q), null);
  });
});

describe('cursors', () => {
  it('round-trip and reject garbage', () => {
    for (const c of [
      { k: '2026-11-01T00:00:00.000Z', s: 12 },
      { k: -3.25, s: 1 },
      { k: null, s: 9 },
    ])
      assert.deepEqual(decodeCursor(encodeCursor(c)), c);
    for (const bad of ['', 'x', btoa('{"k":1}'), btoa('[]'), btoa('{"k":{},"s":1}')]) assert.equal(decodeCursor(bad), null);
  });
});

describe('geography', () => {
  it('measures great-circle distance', () => {
    // Riverside to Los Angeles City Hall is about 82 km as the crow flies.
    const d = haversineKm({ lat: 33.9533, lng: -117.3962 }, { lat: 34.0537, lng: -118.2427 });
    assert.ok(d > 78 && d < 82, String(d));
  });
  it('boxes every point within the radius', () => {
    const p = { lat: 33.95, lng: -117.4 };
    const box = boundingBox(p, 10);
    for (let bearing = 0; bearing < 360; bearing += 15) {
      const rad = (bearing * Math.PI) / 180;
      const q = { lat: p.lat + (9.9 / 111.32) * Math.cos(rad), lng: p.lng + (9.9 / (111.32 * Math.cos((p.lat * Math.PI) / 180))) * Math.sin(rad) };
      assert.ok(q.lat >= box.minLat && q.lat <= box.maxLat && q.lng >= box.minLng && q.lng <= box.maxLng);
    }
  });
});

describe('dates', () => {
  it('gives today in the tenant’s zone, not the server’s', () => {
    const instant = new Date('2026-11-24T05:30:00Z');
    assert.equal(todayIn('America/Los_Angeles', instant), '2026-11-23');
    assert.equal(todayIn('Europe/Madrid', instant), '2026-11-24');
  });
});

describe('matching', () => {
  const base: OpportunitySummary = {
    id: 'opp_x',
    title: 'X',
    lang: 'en',
    employer: { id: 'emp_x', name: 'E' },
    stage: 'preparation',
    type: 'paid_internship',
    cluster: 'healthcare_human_services',
    compensation: { type: 'hourly', amountCents: 1800, currency: 'USD' },
    mode: 'in_person',
    city: 'Riverside',
    transitAccessible: true,
    distanceKm: 2,
    applicationDeadline: '2026-12-15',
    startsOn: null,
    endsOn: null,
    gradeMin: 10,
    gradeMax: 12,
    skills: ['communication'],
    open: true,
    publishedAt: null,
  };
  const cand = (over: Partial<OpportunitySummary>, distanceKm: number | null = 2, timeSlots = ['after_school']): Candidate => ({
    summary: { ...base, ...over },
    distanceKm,
    timeSlots,
  });
  const req = {
    clusters: ['healthcare_human_services'] as const,
    skills: ['communication'] as const,
    stages: [] as const,
    availability: ['after_school'] as const,
    paid: 'preferred' as const,
    locale: 'en' as const,
    grade: 11,
    travel: 'public_transit' as const,
    maxDistanceKm: 15,
  };

  it('puts the closest fit first and explains it', () => {
    const ranked = rankMatches(
      [cand({ id: 'opp_far', cluster: 'construction' }, 14), cand({ id: 'opp_fit' })],
      { ...req, clusters: [...req.clusters], skills: [...req.skills], stages: [], availability: [...req.availability] },
      true,
      5,
    );
    assert.equal(ranked[0]?.opportunity.id, 'opp_fit');
    const texts = ranked[0]!.reasons.map((r) => r.text);
    assert.ok(texts.includes('Matches your interest in Healthcare & Human Services'));
    assert.ok(texts.includes('2 km from your school, on a bus or train line'), texts.join(' | '));
    assert.ok(texts.includes('Paid: $18.00/hour'));
    assert.ok(texts.includes('Fits your availability: after school'));
  });
  it('leaves out what the student cannot take', () => {
    const r = { ...req, clusters: [...req.clusters], skills: [], stages: [], availability: [], paid: 'required' as const };
    const ranked = rankMatches(
      [
        cand({ id: 'opp_grade', gradeMin: 12 }),
        cand({ id: 'opp_unpaid', compensation: { type: 'unpaid', amountCents: null, currency: 'USD' } }),
        cand({ id: 'opp_too_far' }, 40),
        cand({ id: 'opp_ok' }),
      ],
      r,
      true,
      10,
    );
    assert.deepEqual(
      ranked.map((m) => m.opportunity.id),
      ['opp_ok'],
    );
  });
});
