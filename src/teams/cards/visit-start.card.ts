import { z } from 'zod';
import { UrnSchema } from '../../domain/school.js';
import type { VisitStartOptions } from '../../app/visits/start-visit.js';
import { VISIT_VERBS } from './visit-agenda.card.js';
import { expandCard, type AdaptiveCard } from './template.js';

/**
 * Starting a visit at one school: the agendas the officer may use (only those), the planned date, and the
 * agendas held back with why (training not recorded), so an untrained visitor knows what to ask for.
 */
export const VisitStartCardSchema = z
  .object({
    schoolName: z.string().min(1),
    urn: UrnSchema,
    templates: z.array(z.object({ id: z.string().min(1), name: z.string().min(1) })),
    unavailable: z.array(z.object({ name: z.string().min(1), reason: z.string().min(1) })).default([]),
    today: z.string().min(1),
  })
  .transform((d) => ({ ...d, firstTemplate: d.templates[0]?.id ?? '', verb: VISIT_VERBS.start }));
export type VisitStartCard = z.input<typeof VisitStartCardSchema>;

export function renderVisitStartCard(options: VisitStartOptions): AdaptiveCard {
  return expandCard('visit-start', VisitStartCardSchema, {
    schoolName: options.school.name,
    urn: options.school.urn,
    templates: options.templates.map((t) => ({ id: t.id, name: t.name })),
    unavailable: options.unavailable,
    today: options.today,
  });
}

/** What Start visit sends. */
export const VisitStartDataSchema = z.object({ urn: UrnSchema, templateId: z.string().min(1), 'visit.plannedDate': z.string().optional() });
