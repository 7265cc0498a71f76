import { z } from 'zod/v4';
import { UrnSchema } from '../../domain/school.js';
import type { VisitStartOptions } from '../../app/visits/start-visit.js';
import { VISIT_VERBS } from './visit-agenda.card.js';
import { expandCard, type AdaptiveCard } from './template.js';

/**
 * Starting a visit at one school, or to a partnership as a whole: the agendas the officer may use (only those), the planned date, and the
 * agendas held back with why (training not recorded), so an untrained visitor knows what to ask for.
 */
export const VisitStartCardSchema = z
  .object({
    /** The school's name (with its URN) or the partnership's: the card's heading. */
    place: z.string().min(1),
    /** The school's URN, or empty for a partnership as a whole (then `partnership` names it). */
    urn: UrnSchema.or(z.literal('')),
    partnership: z.string().default(''),
    templates: z.array(z.object({ id: z.string().min(1), name: z.string().min(1) })),
    unavailable: z.array(z.object({ name: z.string().min(1), reason: z.string().min(1) })).default(() => []),
    today: z.string().min(1),
    /** The agenda offered first: the one the visitor used last at this school, else the first. */
    preselected: z.string().optional(),
  })
  .transform((d) => ({ ...d, firstTemplate: d.templates.find((t) => t.id === d.preselected)?.id ?? d.templates[0]?.id ?? '', verb: VISIT_VERBS.start }));
export type VisitStartCard = z.input<typeof VisitStartCardSchema>;

export function renderVisitStartCard(options: VisitStartOptions): AdaptiveCard {
  return expandCard('visit-start', VisitStartCardSchema, {
    place: options.school ? `${options.school.name} (${options.school.urn})` : `the ${options.partnership ?? ''} partnership, as a whole`,
    urn: options.school?.urn ?? '',
    partnership: options.school ? '' : (options.partnership ?? ''),
    templates: options.templates.map((t) => ({ id: t.id, name: t.name })),
    unavailable: options.unavailable,
    today: options.today,
    preselected: options.lastTemplateId,
  });
}

/** What Start visit sends: a school's URN, or (empty URN) the partnership visited as a whole. */
export const VisitStartDataSchema = z
  .object({ urn: UrnSchema.or(z.literal('')).optional(), partnership: z.string().optional(), templateId: z.string().min(1), 'visit.plannedDate': z.string().optional() })
  .transform(({ urn, partnership, ...rest }) => ({ ...rest, urn: urn || undefined, partnership: urn ? undefined : partnership?.trim() || undefined }))
  .refine((d) => d.urn || d.partnership, { message: 'a school or a partnership', path: ['urn'] });
