import { describe, expect, it } from '@jest/globals';
import { fileNote } from '../../../src/app/notes/file-note.js';
import { InvalidInputError, NotAllowedError } from '../../../src/domain/errors.js';
import { schoolWorld } from '../school-world.js';

describe('fileNote', () => {
  it('when an officer files a note, then it is stored once with its source, school and author', async () => {
    const w = await schoolWorld();
    const first = await fileNote(w, w.tenantId, w.officer, { school: 'Elm', source: 'finance', text: ' Deficit forecast ' }, 'k1');
    const again = await fileNote(w, w.tenantId, w.officer, { school: 'Elm', source: 'finance', text: ' Deficit forecast ' }, 'k1');
    expect(first).toMatchObject({ kind: 'filed', replayed: false, note: { schoolUrn: '100002', source: 'finance', text: 'Deficit forecast', author: w.officer.id } });
    expect(again).toMatchObject({ kind: 'filed', replayed: true });
    expect(await w.store.find('notes', w.tenantId)).toHaveLength(1);
  });

  it('when the school is ambiguous or unknown, then nothing is stored and the lookup says so', async () => {
    const w = await schoolWorld();
    expect(await fileNote(w, w.tenantId, w.officer, { school: 'sch', source: 'hr', text: 'x' }, 'k')).toMatchObject({ kind: 'ambiguous' });
    expect(await fileNote(w, w.tenantId, w.officer, { school: 'Zebra', source: 'hr', text: 'x' }, 'k')).toMatchObject({ kind: 'none' });
    expect(await w.store.find('notes', w.tenantId)).toEqual([]);
  });

  it('when a headteacher files a note, or the note is empty, then it is refused', async () => {
    const w = await schoolWorld();
    await expect(fileNote(w, w.tenantId, w.head, { school: 'Elm', source: 'visit', text: 'x' }, 'k')).rejects.toThrow(NotAllowedError);
    await expect(fileNote(w, w.tenantId, w.officer, { school: 'Elm', source: 'visit', text: '   ' }, 'k')).rejects.toThrow(InvalidInputError);
  });
});
