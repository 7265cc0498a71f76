import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { configAs } from '../../scripts/playground-user.js';

/** `npm run playground -- --as <name>`: the Playground opened as another of the demo people. */
const CONFIG = readFileSync(new URL('../../.m365agentsplayground.yml', import.meta.url), 'utf8');
const currentUserOf = (config: string) => /^currentUser:\n((?: {2}\w+: .*\n)+)/m.exec(config)?.[1] ?? '';
const usersOf = (config: string) => [...config.matchAll(/^ {2}- id: .*\n {4}name: (.*)$/gm)].map((m) => m[1]);

describe('opening the Agents Playground as another demo person', () => {
  it('when asked for Adele by first name, then she is the current user and Alex is among the users, everyone else kept', () => {
    const swapped = configAs(CONFIG, 'adele');
    if ('error' in swapped) throw new Error(swapped.error);
    expect(swapped.name).toBe('Adele Vance');
    expect(currentUserOf(swapped.config)).toContain('name: Adele Vance\n');
    expect(currentUserOf(swapped.config)).toContain('aadObjectId: 00000000-0000-0000-0000-0000000000022\n');
    expect(usersOf(swapped.config).sort()).toEqual(['Alex Wilber', 'Isaiah Langer', 'Lynne Robbins', 'Megan Bowen', 'Patti Fernandez']);
    expect(swapped.config).toContain('name: School Improvement Bot');
    expect(swapped.config).toContain('name: School Improvement Team');
  });

  it('when asked by full name or e-mail, then the same person is chosen', () => {
    expect(configAs(CONFIG, 'Megan Bowen')).toMatchObject({ name: 'Megan Bowen' });
    expect(configAs(CONFIG, 'isaiahl')).toMatchObject({ name: 'Isaiah Langer' });
  });

  it('when asked for the current user, then nothing is swapped', () => {
    const same = configAs(CONFIG, 'Alex');
    expect(same).toMatchObject({ name: 'Alex Wilber' });
    if ('config' in same) expect(currentUserOf(same.config)).toContain('name: Alex Wilber\n');
  });

  it('when nobody has that name, then the answer names who can be chosen', () => {
    expect(configAs(CONFIG, 'Nobody')).toEqual({ error: 'No one called "Nobody" in the Playground config: try Alex, Megan, Adele, Isaiah, Patti, Lynne.' });
  });
});
