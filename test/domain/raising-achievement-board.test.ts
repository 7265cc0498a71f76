import { assertMayOpenSomeBoard, boardMembersFrom, mayRecordBoardProgress, maySetUpBoard, offersBoardAt } from '../../src/domain/raising-achievement-board.js';
import type { Role } from '../../src/domain/person.js';

describe('Raising Achievement Board rules', () => {
  const concern = { name: 'Ash Primary', causingConcern: true };
  const fine = { name: 'Beech Primary', causingConcern: false };

  it.each<[string, Role[], typeof concern, boolean]>([
    ['a committee member, for a school causing concern', ['escMember'], concern, true],
    ['a committee member, for a school not causing concern', ['escMember'], fine, false],
    ['an officer', ['officer'], concern, false],
    ['a headteacher', ['headteacher'], concern, false],
    ['the head of service', ['headOfService'], concern, false],
  ])('when %s sets one up, then allowed is %s', (_who, roles, school, allowed) => {
    expect(maySetUpBoard({ roles }, school).allowed).toBe(allowed);
  });

  const board = { members: [{ personId: 'p-mo', email: 'mo@x.org', name: 'Mo' }] };
  it.each<[string, { id: string; roles: Role[] }, boolean]>([
    ['a committee member not on the board', { id: 'p-erin', roles: ['escMember'] }, true],
    ['a board member without the role', { id: 'p-mo', roles: ['officer'] }, true],
    ['an officer not on the board', { id: 'p-olivia', roles: ['officer'] }, false],
    ['the headteacher', { id: 'p-hannah', roles: ['headteacher'] }, false],
  ])('when %s records progress, then allowed is %s', (_who, person, allowed) => {
    expect(mayRecordBoardProgress(person, board)).toBe(allowed);
  });

  it.each<[string, { id: string; roles: Role[] }, boolean]>([
    ['a committee member on no board', { id: 'p-erin', roles: ['escMember'] }, true],
    ['a board member without the role', { id: 'p-mo', roles: ['officer'] }, true],
    ['an officer on no board', { id: 'p-olivia', roles: ['officer'] }, false],
    ['a governor', { id: 'p-gordon', roles: ['governor'] }, false],
  ])('when %s asks for a board with no school named, then allowed is %s', (_who, person, allowed) => {
    const asked = () => assertMayOpenSomeBoard(person, [board]);
    if (allowed) expect(asked).not.toThrow();
    else expect(asked).toThrow('Only a member of the Education and Standards Committee can set up a Raising Achievement Board.');
  });

  it('when members are typed by e-mail, then each is found in the register once and the unknown are named', () => {
    const people = [{ id: 'p1', email: 'mo@x.org', name: 'Mo' }, { id: 'p2', email: 'erin@x.org', name: 'Erin' }];
    expect(boardMembersFrom('Mo@X.org; erin@x.org, mo@x.org nobody@y.org', people)).toEqual({
      members: [{ personId: 'p1', email: 'mo@x.org', name: 'Mo' }, { personId: 'p2', email: 'erin@x.org', name: 'Erin' }],
      unknown: ['nobody@y.org'],
    });
  });
  it.each<[string, { id: string; roles: Role[] }, { urn: string; causingConcern: boolean }, boolean]>([
    ['a committee member, a school causing concern with no board', { id: 'p-erin', roles: ['escMember'] }, { urn: '1', causingConcern: true }, true],
    ['a committee member, a school not causing concern with no board', { id: 'p-erin', roles: ['escMember'] }, { urn: '2', causingConcern: false }, false],
    ['a committee member, a school with a board', { id: 'p-erin', roles: ['escMember'] }, { urn: '3', causingConcern: false }, true],
    ['a board member off the committee, their board\'s school', { id: 'p-mo', roles: ['officer'] }, { urn: '3', causingConcern: false }, true],
    ['an officer on no board, a school causing concern', { id: 'p-olga', roles: ['officer'] }, { urn: '1', causingConcern: true }, false],
  ])('when rab alone is typed by %s, then offered is %s', (_who, person, school, offered) => {
    expect(offersBoardAt(person, school, [{ schoolUrn: '3', members: [{ personId: 'p-mo', email: 'mo@x.org', name: 'Mo' }] }])).toBe(offered);
  });
});
