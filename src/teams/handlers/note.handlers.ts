import { z } from 'zod/v4';
import { fileNote, type FileNoteResult } from '../../app/notes/file-note.js';
import { InvalidInputError } from '../../domain/errors.js';
import { IntelligenceSourceSchema, type IntelligenceSource } from '../../domain/intelligence-note.js';
import { parseCardData } from '../card-data.js';
import { SchoolChoiceDataSchema, schoolLookupReply } from '../cards/school-choice.card.js';
import type { CardAction, Command, Reply } from '../handler.js';

/** The verb of the school choice card when a note names several schools. */
export const NOTE_VERBS = { chooseSchool: 'note.chooseSchool' } as const;

const SOURCES = IntelligenceSourceSchema.options;
const USAGE = `note ‹school› [${SOURCES.join('|')}]: ‹text›`;
const SOURCE_WORDS: Record<IntelligenceSource, string> = { visit: 'a visit', finance: 'finance', operations: 'operations', hr: 'HR' };

/** What rides on the school choice card, so the note is filed once the school is picked. */
const PendingNoteSchema = z.object({ source: IntelligenceSourceSchema, text: z.string().min(1) });

/**
 * Reads `<school> [source]: <text>`: the school as typed, an optional source (from a visit unless said), then a
 * colon and the note. The source may be written in square brackets (`note Oakwood [finance]: …`) or as the last
 * word before the colon (`note Oakwood finance: …`), as people naturally type it; no school name ends in one.
 */
export function parseNote(args: string): { school: string; source: IntelligenceSource; text: string } {
  const m = /^([^:[]+?)\s*(?:\[\s*([A-Za-z]+)\s*\])?\s*:\s*([\s\S]+)$/.exec(args.trim());
  if (!m) throw new InvalidInputError(`Write it as ${USAGE}, e.g. note Oakwood finance: deficit budget forecast for next year.`, 'text');
  let school = m[1]!.trim();
  let sourceWord = m[2];
  const lastWord = /\s([A-Za-z]+)$/.exec(school);
  if (!sourceWord && lastWord && IntelligenceSourceSchema.safeParse(lastWord[1]!.toLowerCase()).success) {
    sourceWord = lastWord[1];
    school = school.slice(0, -lastWord[0].length).trim();
  }
  const source = IntelligenceSourceSchema.safeParse((sourceWord ?? 'visit').toLowerCase());
  if (!source.success) throw new InvalidInputError(`"${sourceWord}" is not a source: use one of ${SOURCES.join(', ')}.`, 'source');
  return { school, source: source.data, text: m[3]!.trim() };
}

function noteReply(result: FileNoteResult, pending: z.infer<typeof PendingNoteSchema>): Reply {
  if (result.kind !== 'filed') return schoolLookupReply(result, NOTE_VERBS.chooseSchool, JSON.stringify(pending));
  return `Noted for ${result.school.name} (${result.school.urn}), from ${SOURCE_WORDS[result.note.source]}: it goes into the SIT's next digest.`;
}

/** `note`: a short piece of intelligence about a school, with its source. Officers and SIT members. */
export const noteCommand: Command = {
  name: 'note',
  usage: USAGE,
  example: 'note ‹school› finance: budget deficit forecast for 2027/28',
  roles: ['officer', 'sit'],
  privacy: 'namesSchools',
  summary: 'File a short intelligence note about a school, from a visit (the default) or from finance, operations or HR, for the SIT digest.',
  async handler({ turn, deps, person, args, reply }) {
    const input = parseNote(args);
    const result = await fileNote(deps, deps.tenantId, person, input, `note:${turn.activity.id}`);
    await reply(noteReply(result, { source: input.source, text: input.text }));
  },
};

/** The school picked on the choice card: the note rides along in the card's context. */
export const noteCardActions: CardAction[] = [
  {
    verb: NOTE_VERBS.chooseSchool,
    roles: ['officer', 'sit'],
    async handler({ turn, deps, person, data }) {
      const { school, context } = parseCardData(SchoolChoiceDataSchema, data);
      let pending: unknown;
      try {
        pending = JSON.parse(context ?? '');
      } catch {
        pending = undefined;
      }
      const note = parseCardData(PendingNoteSchema, pending);
      const result = await fileNote(deps, deps.tenantId, person, { school, ...note }, `note:${person.id}:${turn.activity.replyToId ?? turn.activity.id}:${school}`);
      const said = noteReply(result, note);
      return typeof said === 'string' ? said : said.card;
    },
  },
];
