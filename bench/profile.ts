/** Reads the .cpuprofile files `node --cpu-prof` wrote and lists where the time went: by function (self time) and by package or source folder. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** `node_modules/<package>` or the source folder (`dist/store`), or what V8 calls it (`(garbage collector)`). */
function placeOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const own = /\/dist\/(.+)\/[^/]+$/.exec(url) ?? /\/dist\/([^/]+)$/.exec(url);
  if (own) return `dist/${own[1]}`;
  return url.startsWith('node:') ? url : url.replace(/^file:\/\/.*\//, '');
}

/** The bot's own files by their path in dist, others by their place. */
const fileOf = (url: string, name: string) => /\/dist\/(.+)$/.exec(url)?.[1] ?? placeOf(url, name);

export async function summariseProfile(dir: string, top = 25): Promise<string> {
  const selfByFunction = new Map<string, number>();
  const selfByPlace = new Map<string, number>();
  const inclusiveOurs = new Map<string, number>();
  let total = 0;
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const nameOf = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${fileOf(n.callFrame.url, n.callFrame.functionName)}:${n.callFrame.lineNumber + 1}`;
    profile.samples.forEach((id, i) => {
      const node = byId.get(id)!;
      const us = profile.timeDeltas[i] ?? 0;
      if (node.callFrame.functionName === '(idle)') return;
      total += us;
      const place = placeOf(node.callFrame.url, node.callFrame.functionName);
      const fn = nameOf(node);
      selfByFunction.set(fn, (selfByFunction.get(fn) ?? 0) + us);
      selfByPlace.set(place, (selfByPlace.get(place) ?? 0) + us);
      // Inclusive time of the bot's own functions: each counted once per sample however deep it recurses.
      const seen = new Set<string>();
      for (let at: ProfileNode | undefined = node; at; at = byId.get(parent.get(at.id) ?? -1)) {
        if (!at.callFrame.url.includes('/dist/')) continue;
        const name = nameOf(at);
        if (seen.has(name)) continue;
        seen.add(name);
        inclusiveOurs.set(name, (inclusiveOurs.get(name) ?? 0) + us);
      }
    });
  }
  const list = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => `${((us / total) * 100).toFixed(1).padStart(5)}%  ${k}`)
      .join('\n');
  return `CPU time (not idle): ${(total / 1e6).toFixed(1)} s\n\nSelf time by package or folder:\n${list(selfByPlace)}\n\nSelf time by function:\n${list(selfByFunction)}\n\nTotal time (with callees) of the bot's own functions:\n${list(inclusiveOurs)}`;
}
