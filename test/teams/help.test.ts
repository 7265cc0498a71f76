import { exampleFor, isListedFor } from '../../src/teams/handler.js';
import { commands } from '../../src/teams/routes.js';
import { aConcernsLead, aHeadteacherOf, anAdmin, anOfficer, aSchool, aStranger } from '../support/builders.js';
import { cardsOf, startTestBot, texts, type TestBot } from '../support/bot.js';
import { cardText, validateCard } from '../support/cards.js';

describe('help and whoami', () => {
  const school = aSchool(0);
  const officer = anOfficer();
  const head = aHeadteacherOf(school);
  const admin = anAdmin();
  const lead = aConcernsLead();
  let bot: TestBot;

  beforeAll(async () => {
    bot = await startTestBot({ schools: [school], people: [officer, head, admin, lead] });
  });
  afterAll(() => bot.close());

  it.each([
    ['an officer', officer],
    ['a headteacher', head],
    ['an admin', admin],
    ['the concerns lead', lead],
  ])('when %s asks for help, then the reply lists exactly the registered commands their roles allow', async (_who, person) => {
    const [reply] = texts(await bot.say(person, 'help'));
    const allowed = commands.filter((c) => isListedFor(person, c)).map((c) => c.name);
    expect(reply).toBe(`You can use: ${allowed.join(', ')}.`);
  });

  it('when an officer asks for help, then the card lists what officers may do and no admin command', async () => {
    const replies = await bot.say(officer, 'help');
    const [card] = cardsOf(replies);
    validateCard(card);
    expect(cardText(card)).toContain('whoami');
    expect(cardText(card)).not.toContain('register sit');
  });

  it('when an admin asks for help, then the card lists channel registration and what is done on the server, in words, pointing to the README, with no shell command', async () => {
    const [card] = cardsOf(await bot.say(admin, 'help'));
    validateCard(card);
    const text = cardText(card);
    expect(text).toContain('register sit');
    expect(text).toContain('Done on the server, not in Teams');
    expect(text).toContain('"Admin CLI" in the bot\'s README');
    expect(text).not.toMatch(/npm run|import-schools <file>|templates add <file>/);
  });

  it('when any command is described (help, the manifest command list, usage lines), then its usage carries no <placeholder>', () => {
    expect(commands.filter((c) => /</.test(c.usage ?? '')).map((c) => c.usage)).toEqual([]);
  });

  it('when an officer or a headteacher asks for help, then no usage carries a <placeholder> Teams would read as markup and drop', async () => {
    for (const person of [officer, head, admin]) {
      const text = cardText(cardsOf(await bot.say(person, 'help'))[0]!);
      expect(text).not.toMatch(/<[a-z]/);
    }
    expect(cardText(cardsOf(await bot.say(officer, 'help'))[0]!)).toContain('note ‹school›');
  });

  it('when a headteacher asks for help, then each line is written for a headteacher, and an officer reads only the officers\' part', async () => {
    const headText = cardText(cardsOf(await bot.say(head, 'help'))[0]!);
    expect(headText).not.toContain('Officers:');
    expect(headText).toContain('Agree or dispute');
    const officerText = cardText(cardsOf(await bot.say(officer, 'help'))[0]!);
    expect(officerText).not.toContain('Headteachers:');
    expect(officerText).toContain("Propose a school's risk level");
  });

  it.each([
    ['an officer', officer],
    ['a headteacher', head],
  ])('when %s asks for help, then every command listed shows an example that starts with its name', async (_who, person) => {
    const text = cardText(cardsOf(await bot.say(person, 'help'))[0]!);
    const listed = commands.filter((c) => isListedFor(person, c));
    for (const c of listed) {
      const example = exampleFor(person, c, 'oakwood');
      expect(example).toMatch(new RegExp(`^${c.name}( |$)`));
      expect(text).toContain(`e.g. ${example}`);
    }
    expect(text.match(/e\.g\. /g)).toHaveLength(listed.length);
  });

  it('when an officer and a headteacher ask for help, then each sees the example written for their role', async () => {
    const officerText = cardText(cardsOf(await bot.say(officer, 'help'))[0]!);
    expect(officerText).toContain('e.g. visit oakwood');
    expect(officerText).toContain('e.g. note oakwood finance: budget deficit forecast for 2027/28');
    expect(officerText).toContain('e.g. plan oakwood');
    const headText = cardText(cardsOf(await bot.say(head, 'help'))[0]!);
    expect(headText).not.toContain('e.g. plan oakwood');
    expect(headText).toMatch(/e\.g\. plan(\n|$)/m);
  });

  it('when an officer or a headteacher asks for help, then nothing done on the server is mentioned', async () => {
    for (const person of [officer, head]) expect(cardText(cardsOf(await bot.say(person, 'help'))[0]!)).not.toContain('Done on the server');
  });

  it('when help is asked, then the answer is the card alone, its list of commands only its notification preview', async () => {
    const replies = await bot.say(officer, 'help');
    expect(replies).toHaveLength(1);
    expect(replies[0]!.activity.text).toBeUndefined();
    expect(replies[0]!.activity.summary).toMatch(/^You can use: help, whoami, visit/);
  });

  it('when a headteacher asks whoami, then they see their school by name and URN', async () => {
    const replies = await bot.say(head, 'whoami');
    const [card] = cardsOf(replies);
    validateCard(card);
    expect(cardText(card)).toContain('Oakwood Primary School');
    expect(cardText(card)).toContain('110001');
    expect(texts(replies)[0]).toContain('Headteacher');
  });

  it('when someone unregistered writes, then they are told to ask their administrator', async () => {
    expect(texts(await bot.say(aStranger(), 'help'))).toEqual(["You're not registered with School Improvement Bot yet — ask your administrator to add you."]);
  });
});
