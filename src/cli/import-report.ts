import type { CliContext } from './cli-command.js';

/** One line of an import report: the record's key (URN or e-mail), its name and, where useful, why. */
export interface ReportLine {
  key: string;
  name: string;
  detail?: string;
}

export interface ImportReportGroups {
  added: ReportLine[];
  updated: ReportLine[];
  unchanged: ReportLine[];
  /** Records closed by this import; counted only when there are some. */
  closed?: ReportLine[];
  skipped?: ReportLine[];
}

/**
 * Prints an import's report: a summary line of counts, then one line per record added, updated or
 * skipped (unchanged ones are only counted: re-importing the same file should not bury the news).
 */
export function printImportReport(ctx: Pick<CliContext, 'print'>, what: string, groups: ImportReportGroups, summaryOnly = false): void {
  const counts = [`${groups.added.length} added`, `${groups.updated.length} updated`, `${groups.unchanged.length} unchanged`];
  if (groups.closed?.length) counts.push(`${groups.closed.length} closed`);
  if (groups.skipped) counts.push(`${groups.skipped.length} skipped`);
  ctx.print(`${what}: ${counts.join(', ')}.`);
  if (summaryOnly) return;
  const width = Math.max(0, ...[...groups.added, ...groups.updated, ...(groups.closed ?? []), ...(groups.skipped ?? [])].map((l) => l.key.length));
  const line = (label: string, l: ReportLine) => ctx.print(`  ${label.padEnd(8)} ${l.key.padEnd(width)}  ${l.name}${l.detail ? ` (${l.detail})` : ''}`);
  for (const l of groups.added) line('added', l);
  for (const l of groups.updated) line('updated', l);
  for (const l of groups.closed ?? []) line('closed', l);
  for (const l of groups.skipped ?? []) line('skipped', l);
}
