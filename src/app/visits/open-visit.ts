import { whyNotAllowed } from '../../domain/agenda-template.js';
import { NotAllowedError } from '../../domain/errors.js';
import type { Person } from '../../domain/person.js';
import { isEditable, isVisitorOf, whyMayNotRead } from '../../domain/visit.js';
import type { Zone } from '../../domain/time-zone.js';
import type { StoreReader } from '../ports/store.port.js';
import { loadVisit, viewVisit, type VisitContext, type VisitSummaryView } from './visit-view.js';
import { valuesOf, type VisitValues } from './visit-values.js';
import { withOpeningDefaults } from './visit-defaults.js';

/** A visit opened from `visits` or after starting it: the agenda to fill in while it is open, its summary once final. */
export type OpenedVisit = { kind: 'form'; ctx: VisitContext; values: VisitValues } | { kind: 'summary'; view: VisitSummaryView };

/**
 * Opens a visit for a person: its own visitor, while it is open, gets the form with everything saved so far
 * (if they may still use its agenda); a final visit (submitted or declined) gets the read-only summary, for
 * whoever may read it. A visit not yet saved starts with its defaults (`withOpeningDefaults`, `today` being the
 * organisation's today). Anyone else's draft is refused: a draft is its visitor's alone.
 */
export async function openVisit(store: StoreReader, tenantId: string, viewer: Person, visitId: string, timeZone: Zone, today: string): Promise<OpenedVisit> {
  const ctx = await loadVisit(store, tenantId, visitId);
  if (!isEditable(ctx.visit)) return { kind: 'summary', view: await viewVisit(store, tenantId, viewer, visitId, [], timeZone) };
  if (!isVisitorOf(ctx.visit, viewer)) throw new NotAllowedError(whyMayNotRead(ctx.visit));
  const refusal = whyNotAllowed(viewer, ctx.template);
  if (refusal) throw new NotAllowedError(refusal);
  const values = await withOpeningDefaults(store, tenantId, ctx.visit, ctx.template, ctx.school, valuesOf(ctx.visit, ctx.template), today);
  return { kind: 'form', ctx, values };
}
