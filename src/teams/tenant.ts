import type { Activity } from 'botbuilder';

/**
 * Every Entra tenant id the activity names. Teams puts it in `channelData.tenant.id` and, on newer clients,
 * in `conversation.tenantId`.
 */
export function activityTenantIds(activity: Partial<Activity>): string[] {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const ids = [channelData?.tenant?.id, activity.conversation?.tenantId];
  return ids.filter((id): id is string => typeof id === 'string' && id.length > 0);
}

/** The tenant an activity comes from, for logs. */
export function activityTenantId(activity: Partial<Activity>): string | undefined {
  return activityTenantIds(activity)[0];
}

/**
 * Whether the bot serves this activity. With BOT_TENANT_ID set, the activity must name that tenant and no
 * other (one that names none cannot show where it comes from); without it (local mode) all are served.
 */
export function isAllowedTenant(activity: Partial<Activity>, allowedTenantId: string | undefined): boolean {
  if (!allowedTenantId) return true;
  const ids = activityTenantIds(activity);
  return ids.length > 0 && ids.every((id) => id.toLowerCase() === allowedTenantId.toLowerCase());
}
