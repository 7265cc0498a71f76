import type { ActionPlan } from './action-plan.js';
import type { AgendaTemplate } from './agenda-template.js';
import { isEditable, type Visit } from './visit.js';

/**
 * What an export shows in place of names of staff: the answers to agenda items marked as holding names
 * (`holdsNames`), and the names on a visit's attendee list (its roles are kept).
 */
export const REDACTED = '[redacted]';

/**
 * The items of each template (by template id) whose answers name staff. An item marked in any version counts for
 * every version, so visits filled in before the mark was added are redacted too.
 */
export function nameItemsByTemplate(templates: readonly Pick<AgendaTemplate, 'id' | 'items'>[]): Map<string, Set<string>> {
  const byTemplate = new Map<string, Set<string>>();
  for (const t of templates) {
    const items = byTemplate.get(t.id) ?? new Set<string>();
    for (const item of t.items) if (item.holdsNames) items.add(item.id);
    byTemplate.set(t.id, items);
  }
  return byTemplate;
}

/** Whether an export holds the visit: final ones only, since a draft (or a planned visit) is its visitor's alone. */
export function isExported(visit: Pick<Visit, 'status'>): boolean {
  return !isEditable(visit);
}

type Redactable = Pick<Visit, 'attendees' | 'answers' | 'themes'>;

/**
 * A visit as an export holds it: the attendees' names and the answers to the items in `nameItems` (with the
 * digest theme entries copied from them) read "[redacted]"; everything else as stored.
 */
export function redactVisit<V extends Redactable>(visit: V, nameItems: ReadonlySet<string>): V {
  const answers = Object.fromEntries(Object.entries(visit.answers).map(([id, value]) => [id, nameItems.has(id) ? REDACTED : value]));
  return {
    ...visit,
    attendees: visit.attendees.map((a) => ({ ...a, name: REDACTED })),
    answers,
    themes: visit.themes.map((t) => (nameItems.has(t.itemId) ? { ...t, text: REDACTED } : t)),
  };
}

type PlanContent = Pick<ActionPlan, 'kind' | 'title' | 'priorities' | 'actions' | 'monitoring' | 'changes'>;

/**
 * A plan as an export holds it. A school's action plan is exported as stored. An individual staff support plan is
 * about one member of staff and read only by the headteacher and their officer, so only its frame is exported (its
 * school, status, dates, agreement, how many priorities, actions and milestones and where each milestone stands):
 * every word written in it reads "[redacted]", since any of them may name or describe the person.
 */
export function redactPlan<P extends PlanContent>(plan: P): P {
  if (plan.kind !== 'individual') return plan;
  return {
    ...plan,
    title: REDACTED,
    monitoring: plan.monitoring === undefined ? undefined : REDACTED,
    priorities: plan.priorities.map((p) => ({ ...p, text: REDACTED })),
    actions: plan.actions.map((a) => ({
      ...a,
      text: REDACTED,
      ownerName: REDACTED,
      successCriteria: REDACTED,
      schoolResources: a.schoolResources === undefined ? undefined : REDACTED,
      milestones: a.milestones.map((m) => ({
        ...m,
        target: REDACTED,
        confirmation: m.confirmation ? { ...m.confirmation, evidence: m.confirmation.evidence === undefined ? undefined : REDACTED, link: undefined } : undefined,
        queries: m.queries.map((q) => ({ ...q, text: REDACTED, answer: q.answer ? { ...q.answer, text: REDACTED } : undefined })),
      })),
    })),
    changes: plan.changes.map((c) => ({ ...c, what: [REDACTED] })),
  };
}
