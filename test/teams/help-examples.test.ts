import { exampleFor, isListedFor, SCHOOL_PLACEHOLDER } from '../../src/teams/handler.js';
import { commands } from '../../src/teams/routes.js';
import { aHeadteacherOf, anOfficer, aPerson, aSchool, type NewPerson } from '../support/builders.js';
import { cardsOf, startTestBot, type TestBot } from '../support/bot.js';
import { cardText } from '../support/cards.js';

/** The examples of `help` that name a school, for this person, naming `school`. */
const schoolExamples = (person: NewPerson, school: string) =>
  commands
    .filter((c) => isListedFor(person, c))
    .map((c) => exampleFor(person, c))
    .filter((e): e is string => !!e?.includes(SCHOOL_PLACEHOLDER))
    .map((e) => `e.g. ${e.replaceAll(SCHOOL_PLACEHOLDER, school)}`);

const DEMO_NAMES = /oakfield|hilltop|brookside|st joseph|castle view|riverside|meadowbank/i;

async function helpText(bot: TestBot, person: NewPerson): Promise<string> {
  return cardText(cardsOf(await bot.say(person, 'help'))[0]!);
}

describe('help examples name a school of the reader', () => {
  it("when an officer asks for help, then the examples name the first of their link schools, by the shortest start of its name that finds it alone", async () => {
    const officer = anOfficer();
    const bot = await startTestBot({
      schools: [aSchool(0), aSchool(1, { linkOfficerEmail: officer.email }), aSchool(5, { linkOfficerEmail: officer.email })],
      people: [officer],
    });
    try {
      const text = await helpText(bot, officer);
      const examples = schoolExamples(officer, "st joseph's");
      expect(examples).toContain("e.g. visit st joseph's");
      for (const e of examples) expect(text).toContain(e);
      expect(text).toContain("e.g. note st joseph's finance: budget deficit forecast for 2027/28");
      expect(text).not.toContain('oakwood');
      expect(text).not.toMatch(/e\.g\. .*‹school›/);
    } finally {
      await bot.close();
    }
  });

  it('when a headteacher asks for help, then the commands that take a school name their own, and the ones for their school alone name none', async () => {
    const oakwood = aSchool(0);
    const head = aHeadteacherOf(oakwood);
    const bot = await startTestBot({ schools: [aSchool(1), oakwood, aSchool(2)], people: [head] });
    try {
      const text = await helpText(bot, head);
      for (const c of commands.filter((c) => isListedFor(head, c))) expect(text).toContain(`e.g. ${exampleFor(head, c, 'oakwood')}`);
      expect(text).toMatch(/e\.g\. plan(\n|$)/m);
      expect(text).not.toMatch(/e\.g\. .*(‹school›|st mary's|hillside)/);
    } finally {
      await bot.close();
    }
  });

  it('when a committee member who is also an officer asks for help, then the rab example is rab alone, which asks which school, while the officer examples name their school', async () => {
    const trustee = aPerson('Ella Link', ['officer', 'escMember']);
    const bot = await startTestBot({ schools: [aSchool(0, { linkOfficerEmail: trustee.email })], people: [trustee] });
    try {
      const text = await helpText(bot, trustee);
      expect(text).toMatch(/e\.g\. rab(\n|$)/m);
      expect(text).not.toMatch(/e\.g\. rab \S/);
      expect(text).toContain('e.g. visit oakwood');
    } finally {
      await bot.close();
    }
  });

  it("when the register holds none of the demo schools and the officer links none, then the examples name the register's first school alphabetically and no demo school", async () => {
    const officer = anOfficer();
    const bot = await startTestBot({ schools: [aSchool(8), aSchool(9), aSchool(10), aSchool(11)], people: [officer] });
    try {
      const text = await helpText(bot, officer);
      for (const e of schoolExamples(officer, 'edith')) expect(text).toContain(e);
      expect(text).toContain('e.g. visit edith');
      expect(text).not.toMatch(DEMO_NAMES);
    } finally {
      await bot.close();
    }
  });

  it('when the register holds no school, then the examples show ‹school› as the usage lines do', async () => {
    const officer = anOfficer();
    const bot = await startTestBot({ schools: [], people: [officer] });
    try {
      const text = await helpText(bot, officer);
      expect(text).toContain('e.g. visit ‹school›');
      expect(text).toContain('e.g. risk ‹school›');
      expect(text).not.toMatch(DEMO_NAMES);
    } finally {
      await bot.close();
    }
  });
});
