import { AuthError, ServerError } from '@azure/msal-node';
import { GraphError } from '@microsoft/microsoft-graph-client';
import { DeliveryError } from '../domain/errors.js';
import { isRetryableStatus } from '../app/delivery/backoff.js';

/**
 * Microsoft Graph or Entra ID refused the app itself: a missing application permission, no admin consent,
 * a wrong or expired client secret, an unknown tenant. Retrying cannot help; an administrator can, and the
 * message says what to change. Not retryable, so the outbox does not keep knocking.
 */
export class GraphPermissionError extends DeliveryError {
  constructor(
    message: string,
    /** HTTP status from Graph, or undefined when the token request itself was refused. */
    readonly status?: number,
  ) {
    super(message, false);
  }
}

/** What a Graph call was for, so that a failure can name it and the permission it needs. */
export interface GraphCallDescription {
  /** In users' words, e.g. "send mail as office@school.example". */
  action: string;
  /** The application permission the call needs, e.g. `Mail.Send`. */
  permission: string;
  /** The app registration's client id, for the administrator's message. */
  clientId: string;
  /** Said after a refusal, where more than the one permission can be the cause (e.g. Teams meetings on events). */
  permissionNote?: string;
}

/** Entra ID token errors that mean the app's own settings are wrong rather than a passing fault. */
const CREDENTIAL_ERRORS = new Set(['invalid_client', 'unauthorized_client', 'invalid_tenant', 'invalid_scope', 'invalid_request', 'invalid_grant']);

/** Graph error text can be long; a line an administrator reads needs only its start. */
const brief = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim().slice(0, 200);

/**
 * Turns whatever a Graph call threw into a DeliveryError the caller can act on: GraphPermissionError for
 * 401/403 and refused credentials, a retryable DeliveryError for throttling, server errors and network
 * faults, and a non-retryable one for other refusals (a mailbox that does not exist, a malformed request).
 */
export function toDeliveryError(error: unknown, call: GraphCallDescription): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof ServerError && CREDENTIAL_ERRORS.has(error.errorCode)) {
    return new GraphPermissionError(
      `Microsoft Entra ID refused the app registration ${call.clientId} a token (${error.errorCode}), so the bot cannot ${call.action}. ` +
        'Check GRAPH_TENANT_ID, GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET (client secrets expire) in the bot settings.',
    );
  }
  if (error instanceof AuthError) {
    return new DeliveryError(`Could not get a Microsoft Graph token to ${call.action} (${error.errorCode || 'no answer'}); it will be tried again.`, true);
  }
  if (error instanceof GraphError && error.statusCode > 0) {
    const status = error.statusCode;
    const code = error.code ? ` ${error.code}` : '';
    if (status === 401 || status === 403) {
      return new GraphPermissionError(
        `Microsoft Graph refused to let the bot ${call.action} (${status}${code}): the app registration ${call.clientId} lacks the ` +
          `${call.permission} application permission, or an administrator has not granted consent for it, or an application access policy ` +
          `leaves this mailbox out. An Entra ID administrator can grant it under App registrations → API permissions.` +
          (call.permissionNote ? ` ${call.permissionNote}` : ''),
        status,
      );
    }
    const detail = brief(error.message);
    return new DeliveryError(`Microsoft Graph could not ${call.action} (${status}${code}${detail ? `: ${detail}` : ''}).`, isRetryableStatus(status));
  }
  // No HTTP status: the request never got an answer (connection refused, DNS, TLS), which may pass.
  const reason = error instanceof Error ? brief(error.message) : 'no answer';
  return new DeliveryError(`Could not reach Microsoft Graph to ${call.action} (${reason}); it will be tried again.`, true);
}
