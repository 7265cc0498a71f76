import { z } from 'zod/v4';

/**
 * How a person was told of something that asks them to act (a health check to acknowledge, a self-evaluation
 * to judge or sign): in Teams, by e-mail, queued for retry, or not at all (nobody to tell, or unreachable).
 */
export const NoticeSchema = z.enum(['teams', 'mail', 'queued', 'none']);
export type Notice = z.infer<typeof NoticeSchema>;
