import { whyNotAllowed } from '../../domain/agenda-template.js';
import { NotAllowedError } from '../../domain/errors.js';
import { isOfficer, type Person } from '../../domain/person.js';
import { isEditable } from '../../domain/visit.js';
import type { StoreReader } from '../ports/store.port.js';
import { loadVisit, viewVisit, type VisitContext, type VisitSummaryView } from './visit-view.js';
import { valuesOf, type VisitValues } from './visit-values.js';

/** A visit opened from `visits` or after starting it: the agenda to fill in while it is open, its summary once final. */
export type OpenedVisit = { kind: 'form'; ctx: VisitContext; values: VisitValues } | { kind: 'summary'; view: VisitSummaryView };

/**
 * Opens a visit for a person: an officer who may use its agenda gets the form with everything saved so far;
 * a final visit (submitted or declined), or a reader who may not edit, gets the summary (if they may read it).
 */
export async function openVisit(store: StoreReader, tenantId: string, viewer: Person, visitId: string): Promise<OpenedVisit> {
  const ctx = await loadVisit(store, tenantId, visitId);
  if (isEditable(ctx.visit) && isOfficer(viewer)) {
    const refusal = whyNotAllowed(viewer, ctx.template);
    if (refusal) throw new NotAllowedError(refusal);
    return { kind: 'form', ctx, values: valuesOf(ctx.visit, ctx.template) };
  }
  return { kind: 'summary', view: await viewVisit(store, tenantId, viewer, visitId) };
}
