import type { Composer } from '../delivery/composer.js';
import { composeHealthCheckNotice, HEALTH_CHECK_NOTICE_COMPOSER } from '../health-checks/health-check-notice.js';
import { composeSelfEvaluationNotice, SELF_EVALUATION_NOTICE_COMPOSER } from '../self-evaluation/self-evaluation-notice.js';
import { composeRiskNotice, RISK_NOTICE_COMPOSER } from '../risk/risk-notice.js';
import { composeVisitCopy, composeVisitResponse, VISIT_COPY_COMPOSER, VISIT_RESPONSE_COMPOSER } from '../visits/visit-notices.js';

/**
 * Every composer a `composed` delivery may name, by name. A feature that sends what people wrote adds its
 * composer here (one line), so the outbox holds a reference and the text is read when it is sent.
 * Names are stored in outbox items: rename one only with its old name kept for items still waiting.
 */
export const composers: Readonly<Record<string, Composer>> = {
  [VISIT_COPY_COMPOSER]: composeVisitCopy,
  [VISIT_RESPONSE_COMPOSER]: composeVisitResponse,
  [HEALTH_CHECK_NOTICE_COMPOSER]: composeHealthCheckNotice,
  [SELF_EVALUATION_NOTICE_COMPOSER]: composeSelfEvaluationNotice,
  [RISK_NOTICE_COMPOSER]: composeRiskNotice,
};
