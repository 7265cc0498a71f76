import { afterAll, afterEach, expect, it } from '@jest/globals';
import { anOfficer, aSchool } from '../support/builders.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { cardText, validateCard } from '../support/cards.js';
import { describeWithPostgres, TestDatabases } from '../support/postgres.js';
import { openAgenda, pressOn, requiredAnswers } from '../support/visit-cards.js';

const databases = new TestDatabases();
afterAll(() => databases.dropAll());

const oakwood = aSchool(0);
const officer = anOfficer('Olivia Officer');
const colleague = anOfficer('Colin Colleague');

describeWithPostgres('two bot instances behind one load balancer, on one PostgreSQL database', () => {
  const bots: TestBot[] = [];
  afterEach(async () => {
    await Promise.all(bots.splice(0).map((b) => b.close()));
  });

  it('when an officer files a visit note through one instance, then a colleague reads it through the other, and it is stored once', async () => {
    const env = { DATABASE_URL: await databases.make(), DATABASE_POOL_SIZE: '3' };
    const one = await startTestBot({ env, schools: [oakwood], people: [officer, colleague] });
    bots.push(one);
    const two = await startTestBot({ env });
    bots.push(two);

    const agenda = await openAgenda(one, officer, oakwood.urn, 'la-annual-visit');
    const submitted = await pressOn(one, officer, agenda, 'Submit', { ...requiredAnswers(agenda), areasAgreed: 'Phonics and the reading curriculum' });
    expect(submitted.status).toBe(200);

    const [note] = await two.store.find('visits', two.tenantId);
    expect(note).toMatchObject({ status: 'submitted', schoolUrn: oakwood.urn });
    const read = await two.invoke(colleague, 'visit.open', { visitId: note!.id });
    expect(cardText(validateCard(read.card))).toContain('Phonics and the reading curriculum');
    expect(await one.store.find('visits', one.tenantId)).toHaveLength(1);
  });
});
