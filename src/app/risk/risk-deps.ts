import type { RiskScale } from '../../domain/risk.js';
import type { DeliveryDeps } from '../delivery/attempt.js';

/** What the risk and inspection use cases need: the store, clock and delivery, the configured risk scale and report-card areas. */
export interface RiskDeps extends DeliveryDeps {
  scale: RiskScale;
  /** The report-card areas graded when an inspection is recorded: configuration, Ofsted's list by default. */
  areas?: readonly string[];
}
