import type { Composers } from '../delivery/composer.js';
import { composeConcernNotice, CONCERN_NOTICE_COMPOSER } from '../concerns/concern-notice.js';
import { composeHealthCheckNotice, HEALTH_CHECK_NOTICE_COMPOSER } from '../health-checks/health-check-notice.js';
import { composeSelfEvaluationNotice, SELF_EVALUATION_NOTICE_COMPOSER } from '../self-evaluation/self-evaluation-notice.js';
import { BOARD_INVITATION_COMPOSER, composeBoardInvitation } from '../raising-achievement-boards/board-view.js';
import { composeRiskNotice, RISK_NOTICE_COMPOSER } from '../risk/risk-notice.js';
import { composeMilestoneNotice, MILESTONE_NOTICE_COMPOSER } from '../milestones/milestone-notice.js';
import { composePlanTermSummary, PLAN_TERM_SUMMARY_COMPOSER } from '../milestones/term-summary.js';
import { composeVisitCopy, composeVisitForEveryone, composeVisitResponse, VISIT_COPY_COMPOSER, VISIT_FOR_EVERYONE_COMPOSER, VISIT_RESPONSE_COMPOSER } from '../visits/visit-notices.js';

/**
 * The features' composers, as the composition roots (src/server.ts, the CLI's `jobs run-due`) register them with
 * delivery (`DeliveryDeps.composers`): delivery itself imports none of them. A feature that sends what people
 * wrote adds its composer here (one line), so the outbox holds a reference and the text is read when it is sent.
 * Names are stored in outbox items: rename one only with its old name kept for items still waiting.
 */
export function featureComposers(): Composers {
  return Object.freeze({
    [VISIT_COPY_COMPOSER]: composeVisitCopy,
    [VISIT_RESPONSE_COMPOSER]: composeVisitResponse,
    [VISIT_FOR_EVERYONE_COMPOSER]: composeVisitForEveryone,
    [HEALTH_CHECK_NOTICE_COMPOSER]: composeHealthCheckNotice,
    [SELF_EVALUATION_NOTICE_COMPOSER]: composeSelfEvaluationNotice,
    [CONCERN_NOTICE_COMPOSER]: composeConcernNotice,
    [RISK_NOTICE_COMPOSER]: composeRiskNotice,
    [BOARD_INVITATION_COMPOSER]: composeBoardInvitation,
    [MILESTONE_NOTICE_COMPOSER]: composeMilestoneNotice,
    [PLAN_TERM_SUMMARY_COMPOSER]: composePlanTermSummary,
  });
}
