import { z } from 'zod/v4';
import { CRITERION_WORDING, RiskCriterionSchema } from '../../domain/risk.js';
import { ReportCardCategorySchema, ReportCardGradeSchema } from '../../domain/inspection.js';
import { capitalise } from './self-evaluation.card.js';
import { UrnSchema } from '../../domain/school.js';

/** The Action.Execute verbs of the inspection, risk and concern-list cards. */
export const RISK_VERBS = {
  /** A school chosen on the school choice card for `inspection`. */
  openInspection: 'inspection.open',
  recordInspection: 'inspection.record',
  /** A school chosen on the school choice card for `risk`. */
  open: 'risk.open',
  propose: 'risk.propose',
  /** The proposal card asking for the viewer's own view. */
  refresh: 'risk.refresh',
  agree: 'risk.agree',
  dispute: 'risk.dispute',
  revise: 'risk.revise',
  withdraw: 'risk.withdraw',
} as const;

/** Every start and end criterion as a choice, in users' words. */
export const CRITERION_CHOICES = RiskCriterionSchema.options
  .flatMap((o) => o.options)
  .map((value) => ({ value, title: CRITERION_WORDING[value] }));

export const GRADE_CHOICES = ReportCardGradeSchema.options.map((g) => ({ value: g, title: capitalise(g) }));
export const CATEGORY_CHOICES = [{ value: 'none', title: 'None' }, ...ReportCardCategorySchema.options.map((c) => ({ value: c, title: capitalise(c) }))];

/** What a proposal form sends (propose or revise), beside the action's own data. */
export const ProposalDataSchema = z.object({
  level: z.string().optional(),
  criterion: z.string().optional(),
  evidence: z.string().optional(),
  nextMonitoringMeetingOn: z.string().optional(),
});

/** Teams shows per-person views to at most 60 people named in a card's refresh. */
export const MAX_REFRESH_USERS = 60;

export const levelChoices = (levels: readonly string[]) => levels.map((l) => ({ value: l, title: capitalise(l) }));

/** What the inspection and the risk-proposal forms both open with: the school, its level, and the form's own id. */
export const schoolRiskFormShape = {
  urn: UrnSchema,
  /** One id per opened form: a repeated press of it is stored once. */
  formId: z.string().min(1),
  schoolName: z.string().min(1),
  riskLevel: z.string(),
  causingConcern: z.boolean(),
};
