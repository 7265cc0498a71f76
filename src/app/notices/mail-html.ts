/** Escapes text for an HTML mail body: everything a person typed goes through this. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A short HTML mail: a heading, paragraphs and an optional table of label/value rows, all escaped. */
export function mailHtml(heading: string, paragraphs: readonly string[], rows: ReadonlyArray<readonly [string, string]> = []): string {
  const table = rows.length
    ? `<table>${rows.map(([k, v]) => `<tr><th align="left" valign="top">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`
    : '';
  return `<h2>${escapeHtml(heading)}</h2>${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}${table}`;
}
