import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = new URL('../src/', import.meta.url).pathname;
const ADAPTERS = ['teams', 'jobs', 'store', 'graph', 'metrics', 'cli'] as const;
/** The CLI is a composition root, like src/server.ts: it wires the adapters together, so it may import them. */
const CHECKED = ADAPTERS.filter((a) => a !== 'cli');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** The adapter folders a file imports, other than its own. */
function otherAdaptersImportedBy(file: string, own: string): string[] {
  const specifiers = [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^'"]*from\s+'(\.{1,2}\/[^']+)'/gm)].map((m) => m[1]!);
  return specifiers.flatMap((s) => {
    const target = relative(SRC, join(file, '..', s)).split('/')[0]!;
    return target !== own && (ADAPTERS as readonly string[]).includes(target) ? [`${relative(SRC, file)} → ${s}`] : [];
  });
}

describe('the adapters', () => {
  it('when an adapter needs something another adapter has, then it gets it through src/app or the wiring, never by importing it', () => {
    const crossings = CHECKED.flatMap((folder) => filesUnder(join(SRC, folder)).flatMap((f) => otherAdaptersImportedBy(f, folder)));
    expect(crossings).toEqual([]);
  });
});

/** The files under src/app each file imports (type-only imports included: a circle of types is a circle of modules). */
function appImportGraph(): Map<string, string[]> {
  const files = filesUnder(join(SRC, 'app'));
  return new Map(
    files.map((f) => [
      f,
      [...readFileSync(f, 'utf8').matchAll(/^(?:import|export)[^'"]*?from\s+'(\.{1,2}\/[^']+)'/gms)].map((m) => join(f, '..', m[1]!.replace(/\.js$/, '.ts'))).filter((t) => t.startsWith(join(SRC, 'app'))),
    ]),
  );
}

describe('src/app', () => {
  it('when its modules import each other, then no import leads back to where it started (engines know ports, features register with them)', () => {
    const graph = appImportGraph();
    const state = new Map<string, 'open' | 'done'>();
    const path: string[] = [];
    const circles: string[] = [];
    const visit = (file: string) => {
      state.set(file, 'open');
      path.push(file);
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === 'open') circles.push([...path.slice(path.indexOf(next)), next].map((f) => relative(SRC, f)).join(' → '));
        else if (!state.has(next)) visit(next);
      }
      path.pop();
      state.set(file, 'done');
    };
    for (const file of graph.keys()) if (!state.has(file)) visit(file);
    expect(circles).toEqual([]);
  });
});
