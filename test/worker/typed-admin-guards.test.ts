/**
 * The console's writes through drizzle keep their guards: a change the batch refuses leaves no
 * audit row behind; a partial update sets exactly the fields sent (null clears one); and the
 * LIKE searches take the wildcards a person types literally.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ADMIN, as, COORDINATOR, read, retireTestOpportunities, uniqueWord, write } from './admin-helpers.js';
import { expectProblem } from './helpers.js';

after(retireTestOpportunities);

const actionsOn = async (entityId: string): Promise<string[]> =>
  (await read<{ items: { action: string }[] }>(ADMIN, '/admin/audit', { entityId, limit: 100 })).items.map((e) => e.action);

async function newEmployer(name = `${uniqueWord('Guard')} Works`): Promise<{ id: string; name: string }> {
  return write(COORDINATOR, 'POST', '/admin/employers', { name, clusters: ['advanced_manufacturing'], city: 'Riverside', state: 'ca' }, 201);
}

async function newDraft(employerId: string, title = `${uniqueWord('Guard')} Shadow Day`): Promise<{ id: string; title: string }> {
  return write(
    COORDINATOR,
    'POST',
    '/admin/opportunities',
    {
      employerId,
      title,
      description: 'A morning on the shop floor.',
      type: 'job_shadowing',
      cluster: 'advanced_manufacturing',
      mode: 'in_person',
      schedule: 'Weekday mornings',
      tasks: ['Watch a shift start'],
      skills: ['communication'],
      transitAccessible: true,
      requirements: { backgroundCheck: true, guardianConsent: false, documents: ['permit'] },
    },
    201,
  );
}

describe('a refused change leaves no audit row', () => {
  it('publishing for an employer still pending vetting', async () => {
    const employer = await newEmployer();
    const draft = await newDraft(employer.id);
    await expectProblem(await as(COORDINATOR, 'POST', `/admin/opportunities/${draft.id}/publish`), 409);
    const actions = await actionsOn(draft.id);
    assert.deepEqual(actions, ['opportunity.create'], 'only the creation is in the log');
    assert.equal((await read(COORDINATOR, `/admin/opportunities/${draft.id}`)).status, 'draft');
  });

  it('deleting an opportunity that is no longer a draft', async () => {
    const employer = await write(COORDINATOR, 'POST', '/admin/employers', { name: `${uniqueWord('Guard')} Labs`, clusters: ['advanced_manufacturing'] }, 201);
    await write(COORDINATOR, 'POST', `/admin/employers/${employer.id}/vetting`, { status: 'approved' });
    const draft = await newDraft(employer.id);
    await write(COORDINATOR, 'POST', `/admin/opportunities/${draft.id}/archive`, undefined);
    await expectProblem(await as(COORDINATOR, 'DELETE', `/admin/opportunities/${draft.id}`), 409);
    assert.deepEqual((await actionsOn(draft.id)).sort(), ['opportunity.archive', 'opportunity.create']);
  });
});

describe('a partial update sets the fields sent, and only those', () => {
  it('an opportunity keeps its lists and yes/no fields when its capacity changes', async () => {
    const employer = await newEmployer();
    const draft = await newDraft(employer.id);
    const changed = await write(COORDINATOR, 'PATCH', `/admin/opportunities/${draft.id}`, { capacity: 3, schedule: null });
    assert.equal(changed.capacity, 3);
    assert.equal(changed.schedule, null);
    assert.deepEqual(changed.tasks, ['Watch a shift start']);
    assert.equal(changed.transitAccessible, true);
    assert.deepEqual(changed.requirements, { backgroundCheck: true, guardianConsent: false, documents: ['permit'] });
  });

  it('null clears an employer’s field; the others stay', async () => {
    const employer = await write(
      COORDINATOR,
      'POST',
      '/admin/employers',
      {
        name: `${uniqueWord('Guard')} Studio`,
        website: 'https://guard.example',
        clusters: ['arts_entertainment_design'],
        city: 'Corona',
        state: 'ca',
      },
      201,
    );
    assert.equal(employer.state, 'CA', 'a state is kept in capitals');
    const changed = await write(COORDINATOR, 'PATCH', `/admin/employers/${employer.id}`, { website: null });
    assert.equal(changed.website, null);
    assert.equal(changed.city, 'Corona');
    assert.deepEqual(changed.clusters, ['arts_entertainment_design']);
    assert.deepEqual(await actionsOn(employer.id), ['employer.update', 'employer.create']);
  });
});

describe('searches take wildcards literally', () => {
  it('an employer search for % or _ finds only names holding one', async () => {
    const word = uniqueWord('Pct');
    const literal = await newEmployer(`${word} 100% Solar`);
    const found = await read(COORDINATOR, '/admin/employers', { q: `${word} 100%`, limit: 100 });
    assert.deepEqual(
      found.items.map((e: { id: string }) => e.id),
      [literal.id],
    );
    const percent = await read(COORDINATOR, '/admin/employers', { q: '%', limit: 100 });
    assert.ok(percent.items.length > 0 && percent.items.every((e: { name: string }) => e.name.includes('%')), 'a % matches itself, not everything');
    const under = await read(COORDINATOR, '/admin/employers', { q: '_', limit: 100 });
    assert.ok(under.items.every((e: { name: string }) => e.name.includes('_')));
  });

  it('a staff search for _ finds no account without one', async () => {
    const page = await read(ADMIN, '/admin/users', { q: '_', limit: 100 });
    assert.ok(page.items.every((u: { name: string; email: string }) => u.name.includes('_') || u.email.includes('_')));
  });

  it('an audit action prefix with _ in it matches only an underscore there', async () => {
    // Were _ a wildcard, `opportunit_.` would find every `opportunity.` action.
    assert.ok((await read(ADMIN, '/admin/audit', { action: 'opportunity.' })).items.length > 0, 'a real prefix finds its actions');
    assert.equal((await read(ADMIN, '/admin/audit', { action: 'opportunit_.' })).items.length, 0);
  });
});
