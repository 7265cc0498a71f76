import { readdirSync, readFileSync } from 'node:fs';
import { plainText } from '../../../src/teams/cards/plain-text.js';
import { CARDS_DIR } from '../../../src/teams/cards/template.js';
import { walk } from '../../support/cards.js';

/** What a reader sees once Teams has taken the escapes away. */
const shown = (text: string) => text.replace(/\\(.)/g, '$1');

describe('plainText', () => {
  it.each([
    ['a link', '[Reset your password](https://evil.example)', '\\[Reset your password\\](https://evil.example)'],
    ['bold and italics', '**now** and _then_', '\\*\\*now\\*\\* and \\_then\\_'],
    ['a Teams date', '{{DATE(2026-11-23T09:30:00Z, SHORT)}}', '\\{\\{DATE(2026-11-23T09:30:00Z, SHORT)\\}\\}'],
    ['an autolink', '<https://evil.example>', '\\<https://evil.example\\>'],
    ['code', '`rm -rf`', '\\`rm -rf\\`'],
    ['a bulleted list', '- one\n+ two', '\\- one\n\\+ two'],
    ['a numbered list', '1. one\n  2) two', '1\\. one\n  2\\) two'],
    ['a heading and a quote', '# Title\n> quoted', '\\# Title\n\\> quoted'],
    ['a backslash', 'C:\\data', 'C:\\\\data'],
    ['ordinary text', "Mrs Khan (chair) said 3-4 pupils' work was good.", "Mrs Khan (chair) said 3-4 pupils' work was good."],
  ])('when the text holds %s, then it is escaped so that it reads exactly as typed', (_what, typed, escaped) => {
    expect(plainText(typed)).toBe(escaped);
    expect(shown(plainText(typed))).toBe(typed);
  });
});

describe('the card templates', () => {
  const templates = readdirSync(CARDS_DIR).filter((f) => f.endsWith('.json'));

  it.each(templates)('when %s has a box to type in, then the box says how much it takes', (file) => {
    const card = JSON.parse(readFileSync(`${CARDS_DIR}${file}`, 'utf8')) as unknown;
    const boxes = [...walk(card)].filter((n) => n.type === 'Input.Text');
    expect(boxes.filter((b) => b.maxLength === undefined).map((b) => b.id)).toEqual([]);
  });
});
