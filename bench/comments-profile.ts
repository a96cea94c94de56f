import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Where a server's CPU time went, from the V8 profile `node --cpu-prof` writes:
//   node --import tsx bench/comments-bench.ts --databases sqlite --cpu-prof /tmp/prof
//   node --import tsx bench/comments-profile.ts /tmp/prof [--top 25]
// Self time: spent in the function itself. Total time: with everything it called (each sample
// counted once per function, however deep the recursion), as Chrome DevTools' "Total" column.

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

const where = (url: string) => {
  const file = url.replace(/^file:\/\//, '');
  const modules = file.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = file.slice(modules + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? file);
  }
  const src = file.indexOf('/src/');
  if (src >= 0) return file.slice(src + 1);
  return file.startsWith('node:') || file === '' ? file || '(native)' : path.basename(file);
};

export function summariseProfile(profile: Profile, top = 25) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const keyOf = (node: ProfileNode) => {
    const { functionName, url, lineNumber } = node.callFrame;
    return `${functionName || '(anonymous)'} ${where(url)}:${lineNumber + 1}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const byPlace = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(id);
    if (!node) return;
    const name = node.callFrame.functionName;
    if (name === '(idle)' || name === '(program)') {
      idle += ms;
      return;
    }
    busy += ms;
    self.set(keyOf(node), (self.get(keyOf(node)) ?? 0) + ms);
    const place = name === '(garbage collector)' ? '(garbage collector)' : where(node.callFrame.url);
    byPlace.set(place, (byPlace.get(place) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const key = keyOf(byId.get(at) as ProfileNode);
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + ms);
    }
  });
  const ranked = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, ms]) => ({ key, ms: Math.round(ms), share: `${((ms / busy) * 100).toFixed(1)}%` }));
  return {
    busyMs: Math.round(busy),
    idleMs: Math.round(idle),
    byPlace: ranked(byPlace),
    self: ranked(self),
    total: ranked(total),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [target = '.', flag, value] = process.argv.slice(2);
  const top = flag === '--top' ? Number(value) : 25;
  const files = target.endsWith('.cpuprofile')
    ? [target]
    : readdirSync(target)
        .filter((f) => f.endsWith('.cpuprofile'))
        .map((f) => path.join(target, f));
  for (const file of files) {
    const summary = summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as Profile, top);
    console.log(`\n${file}: ${summary.busyMs} ms busy, ${summary.idleMs} ms idle or in (program)`);
    for (const [label, rows] of [
      ['self time by file or package', summary.byPlace],
      ['self time by function', summary.self],
      ['total time by function', summary.total],
    ] as const) {
      console.log(`\n${label}`);
      for (const row of rows)
        console.log(`  ${String(row.ms).padStart(7)} ms ${row.share.padStart(6)}  ${row.key}`);
    }
  }
}
