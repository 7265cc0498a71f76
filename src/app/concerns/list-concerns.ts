import type { AgendaTemplate } from '../../domain/agenda-template.js';
import type { Person } from '../../domain/person.js';
import type { StoreReader } from '../ports/store.port.js';
import { requireConcernsLead, viewConcerns, type ConcernView } from './concern-view.js';

/** One line of the lead's list: who, where and when, never what (the text and the lead's note stay in `openConcern`). */
export type ConcernListRow = Omit<ConcernView, 'text' | 'handled'> & { handledOn?: string };

/**
 * `concerns`, for the concerns lead: every confidential concern of the tenant, newest first. There is one
 * lead (DESIGN.md), and every concern is sent to whoever holds the role, so the lead's concerns are all of
 * them, including those raised before they took the role on.
 */
export async function listConcerns(store: StoreReader, tenantId: string, actor: Person, timeZone: string, builtIns: readonly AgendaTemplate[]): Promise<ConcernListRow[]> {
  requireConcernsLead(actor);
  const concerns = (await store.find('concerns', tenantId)).sort((a, b) => Date.parse(b.raisedAt) - Date.parse(a.raisedAt));
  return (await viewConcerns(store, tenantId, concerns, timeZone, builtIns)).map(({ text: _text, handled, ...row }) => ({ ...row, handledOn: handled?.on }));
}
