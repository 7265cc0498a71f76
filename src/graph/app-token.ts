import { ConfidentialClientApplication, LogLevel, type Configuration } from '@azure/msal-node';
import type { AuthenticationProvider } from '@microsoft/microsoft-graph-client';
import type { Logger } from '../app/ports/logger.port.js';

/** Where and as whom the bot gets app-only tokens for Microsoft Graph. */
export interface AppTokenSettings {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** e.g. `https://login.microsoftonline.com`, or any https host that plays Entra ID. */
  authorityHost: string;
  /** The Graph base URL (e.g. `https://graph.microsoft.com/v1.0`): its origin is the token's audience. */
  graphBaseUrl: string;
}

/** The public cloud's authority host, whose metadata msal already knows; any other host is trusted as configured. */
export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';

/** `https://graph.microsoft.com/.default`: every application permission granted to the app, for the host that receives the token. */
export function graphScope(graphBaseUrl: string): string {
  return `${new URL(graphBaseUrl).origin}/.default`;
}

/** The msal configuration: a non-default authority host is a known authority, so no instance discovery goes to Microsoft. */
export function msalConfiguration(settings: AppTokenSettings, logger: Logger): Configuration {
  const host = new URL(settings.authorityHost);
  const authority = `${host.origin}/${encodeURIComponent(settings.tenantId)}`;
  const isDefault = host.origin === new URL(DEFAULT_AUTHORITY_HOST).origin;
  return {
    auth: {
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      authority,
      // With the host listed here msal builds the cloud metadata from the host itself instead of asking
      // login.microsoftonline.com (instance discovery); endpoints then come from this host's own
      // `/{tenant}/v2.0/.well-known/openid-configuration`.
      ...(isDefault ? {} : { knownAuthorities: [host.host] }),
    },
    system: {
      loggerOptions: {
        piiLoggingEnabled: false,
        logLevel: LogLevel.Warning,
        // msal's own lines carry no personal data with PII logging off; keep them at debug.
        loggerCallback: (_level, message) => logger.debug({ component: 'msal' }, message),
      },
    },
  };
}

/**
 * Client-credentials tokens for Graph from @azure/msal-node. msal caches the token in memory and renews it
 * shortly before it expires, so each Graph call asks here without a round trip to Entra ID.
 */
export class AppTokenProvider implements AuthenticationProvider {
  private readonly msal: ConfidentialClientApplication;
  private readonly scope: string;

  constructor(settings: AppTokenSettings, logger: Logger) {
    this.msal = new ConfidentialClientApplication(msalConfiguration(settings, logger));
    this.scope = graphScope(settings.graphBaseUrl);
  }

  async getAccessToken(): Promise<string> {
    const result = await this.msal.acquireTokenByClientCredential({ scopes: [this.scope] });
    if (!result?.accessToken) throw new Error('Entra ID answered the token request without a token.');
    return result.accessToken;
  }
}
