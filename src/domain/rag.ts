import { z } from 'zod/v4';

/**
 * A Red / Amber / Green rating: the health check's areas and a visit agenda's RAG items use the same one,
 * so a rating means the same wherever it is read.
 */
export const RagSchema = z.enum(['green', 'amber', 'red']);
export type Rag = z.infer<typeof RagSchema>;
