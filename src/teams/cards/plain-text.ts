import { z } from 'zod/v4';

/** The characters `plainText` escapes, and a list or heading marker at the start of a line (its space kept apart). */
const CHARACTERS = '[\\\\`*_[\\]<>{}~|]';
const LINE_MARKER = '^(\\s*)([-+#>]|\\d+[.)])(?=\\s|$)';
/** Anything `plainText` escapes: built from the same two patterns as its replacements, so they cannot drift apart. */
const MARKDOWN = new RegExp(`${CHARACTERS}|${LINE_MARKER}`, 'm');
const EVERY_CHARACTER = new RegExp(CHARACTERS, 'g');
const EVERY_LINE_MARKER = new RegExp(LINE_MARKER, 'gm');

/**
 * What people type is shown, never obeyed. Teams reads a TextBlock's (and a fact's) text as markdown and
 * expands `{{DATE(…)}}` and `{{TIME(…)}}`, so text typed by one person and shown to another could otherwise
 * become a link that says one thing and goes elsewhere (`[Reset your password](https://…)`), bold, a list, or a
 * date in the reader's own format. Every such field goes through `plainText` where card data is bound (the card
 * schemas: `shownText` for a field that is only displayed, `plainText(…)` where a line is composed from one).
 *
 * It backslash-escapes the markdown that Adaptive Cards renders (emphasis, links, code, lists at the start of a
 * line, autolinks) and the braces of the date macros: the escapes vanish when Teams renders the text, so the
 * reader sees exactly what was typed. Input values are never escaped: an input shows its text as it is.
 */
export function plainText(text: string): string {
  // Most of what people type holds none of it: one test answers that, where the two replacements would each scan.
  if (!MARKDOWN.test(text)) return text;
  return text
    .replace(EVERY_CHARACTER, (c) => `\\${c}`)
    .replace(EVERY_LINE_MARKER, (_m, space: string, marker: string) => `${space}${marker.replace(/([-+#>.)])$/, '\\$1')}`);
}

/** A card data field holding what a person typed, shown as plain text (see `plainText`). */
export const shownText = z.string().transform(plainText);
