import type { Activity } from 'botbuilder';

/**
 * The Entra tenant an activity comes from. Teams puts it in `channelData.tenant.id` and, on newer
 * clients, in `conversation.tenantId`; either is enough.
 */
export function activityTenantId(activity: Partial<Activity>): string | undefined {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const fromChannelData = typeof channelData?.tenant?.id === 'string' ? channelData.tenant.id : undefined;
  return fromChannelData ?? activity.conversation?.tenantId ?? undefined;
}

/**
 * Whether the bot serves this activity. With BOT_TENANT_ID set only that tenant is served, and an activity
 * that names no tenant is refused too (it cannot prove where it comes from); without it (local mode) all are.
 */
export function isAllowedTenant(activity: Partial<Activity>, allowedTenantId: string | undefined): boolean {
  if (!allowedTenantId) return true;
  return activityTenantId(activity)?.toLowerCase() === allowedTenantId.toLowerCase();
}
