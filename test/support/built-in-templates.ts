import { loadBuiltInTemplates } from '../../src/store/built-in-templates.js';

/**
 * The agenda templates shipped in `templates/`, read once per test file as the bot and the CLI read them
 * once at start-up, for tests that call the use cases directly.
 */
export const builtInTemplates = Object.freeze(await loadBuiltInTemplates());
