import type { Role } from '../domain/person.js';

/** A role as a person would name someone holding it, for refusals: "Only an administrator can …". */
export const roleNames: Record<Role, string> = {
  admin: 'an administrator',
  officer: 'a school improvement officer',
  sit: 'a school improvement team (SIT) member',
  headteacher: 'a headteacher',
  governor: 'a governor',
  concernsLead: 'the confidential-concerns lead',
  diocese: 'a diocese contact',
  partnershipLead: 'a partnership lead',
  sacreVisitor: 'a SACRE visitor',
  headOfService: 'the head of service',
  escMember: 'a member of the Education and Standards Committee',
};

/** A role as a title, for cards: "Administrator", "SIT member". */
export const roleTitles: Record<Role, string> = {
  admin: 'Administrator',
  officer: 'School improvement officer',
  sit: 'SIT member',
  headteacher: 'Headteacher',
  governor: 'Governor',
  concernsLead: 'Confidential-concerns lead',
  diocese: 'Diocese contact',
  partnershipLead: 'Partnership lead',
  sacreVisitor: 'SACRE visitor',
  headOfService: 'Head of service',
  escMember: 'Education and Standards Committee member',
};
