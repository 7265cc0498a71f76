import { personAuditTrail, schoolAuditTrail, type AuditTrail } from '../app/data-protection/audit-trail.js';
import { WITHHELD, type AuditEvent } from '../domain/audit.js';
import { longDateTime } from '../domain/human-date.js';
import type { CliCommand } from './cli-command.js';

/** A value as one short phrase: lists joined, objects as compact JSON, long text cut. */
function shown(value: unknown): string {
  const s = typeof value === 'string' ? value : Array.isArray(value) && value.every((v) => typeof v !== 'object') ? value.join(', ') || '(none)' : JSON.stringify(value);
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
}

/** What changed, field by field: `status draft → submitted`, `answers changed` for a value the audit withholds. */
export function describeChange(event: Pick<AuditEvent, 'before' | 'after'>): string {
  const before = event.before ?? {};
  const after = event.after ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields
    .map((f) => {
      if (before[f] === WITHHELD || after[f] === WITHHELD) return f in before && f in after ? `${f} changed` : `${f} (withheld)`;
      if (!(f in before)) return `${f} ${shown(after[f])}`;
      if (!(f in after)) return `${f} was ${shown(before[f])}`;
      return `${f} ${shown(before[f])} → ${shown(after[f])}`;
    })
    .join('; ');
}

function actorOf(trail: AuditTrail, actor: string): string {
  const person = trail.actors.get(actor);
  if (person) return `${person.name} (${person.email})`;
  if (actor === 'system') return 'the bot (a job)';
  if (actor.startsWith('cli:')) return `the command line (${actor.slice(4)})`;
  return actor;
}

/** `audit <school|person>`: the audit trail of a school (URN or name) or a person (e-mail), oldest first, in people's dates. */
export const auditCommand: CliCommand = (program, action) => {
  program
    .command('audit')
    .description('Show the audit trail of a school (by URN or name) or a person (by e-mail): who changed what, when, before and after; never a confidential concern')
    .argument('<school-or-person>', 'a URN, (part of) a school name, or a person\'s e-mail')
    .action(
      action(async (ctx, subject: string) => {
        const trail = subject.includes('@') ? await personAuditTrail(ctx.store, ctx.tenantId, subject) : await schoolAuditTrail(ctx.store, ctx.tenantId, subject);
        ctx.print(`Audit trail of ${trail.subject}: ${trail.events.length} ${trail.events.length === 1 ? 'change' : 'changes'}.`);
        for (const e of trail.events) {
          const what = describeChange(e);
          ctx.print(`${longDateTime(e.at, ctx.timeZone)}  ${actorOf(trail, e.actor)}  ${e.action} (${e.collection} ${e.recordId})${what ? `: ${what}` : ''}`);
        }
      }),
    );
};
