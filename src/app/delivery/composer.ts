/** The port features plug their notices into delivery by (see `Composers`). */
export type { ComposedMessage, ComposeFor, Composer, Composers } from './delivery-deps.js';
