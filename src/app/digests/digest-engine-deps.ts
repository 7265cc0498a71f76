import type { DeliveryDeps } from '../delivery/delivery-deps.js';
import type { AgendaTemplate } from '../../domain/agenda-template.js';
import type { DigestComposers, DigestReadContext, DigestSettings } from './digest-composer.port.js';

/** What the digest engine needs: delivery (store, Teams, mail, clock, logger), the tenant, the settings and the registered composers. */
export interface DigestEngineDeps extends DeliveryDeps {
  tenantId: string;
  digestSettings: DigestSettings;
  digestComposers: DigestComposers;
}

export const readContextOf = (deps: DigestEngineDeps): DigestReadContext => ({ store: deps.store, tenantId: deps.tenantId, timeZone: deps.timeZone, settings: deps.digestSettings });

/** The settings digests compose with, from the validated config and the built-in templates loaded at start-up. */
export function digestSettingsOf(config: Omit<DigestSettings, 'builtInTemplates'>, builtInTemplates: readonly AgendaTemplate[]): DigestSettings {
  return { riskScale: config.riskScale, visitEntitlementDefault: config.visitEntitlementDefault, coverage: config.coverage, builtInTemplates };
}
