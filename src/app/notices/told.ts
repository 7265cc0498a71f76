import type { Notice } from '../../domain/notice.js';
import type { DispatchedDelivery } from '../delivery/enqueue.js';

/** Who was told, how, and (when they could not be reached) why not, for the person who acted. */
export interface Told {
  name: string;
  notice: Notice;
  problem?: string;
}

/** How a dispatched notice went, in the terms records and cards keep: Teams, e-mail, queued, or not at all (and why). */
export function toldOf({ name, outcome }: Pick<DispatchedDelivery, 'name' | 'outcome'>): Told {
  switch (outcome.status) {
    case 'sent':
      return { name, notice: outcome.via };
    case 'queued':
      return { name, notice: 'queued' };
    case 'undeliverable':
      return { name, notice: 'none', problem: outcome.message };
  }
}
