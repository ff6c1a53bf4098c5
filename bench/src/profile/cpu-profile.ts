import { type CallFrame, fallbackPhase, type Phase, PHASES, phaseOfFrame } from './phases.js';

/** A V8 CPU profile (`--cpu-prof` files, `Profiler.stop`). */
export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: CallFrame;
    readonly children?: readonly number[];
  }[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  /** µs between a sample and the one before it. */
  readonly timeDeltas: readonly number[];
}

/** Busy CPU time of a profile by phase, and the heaviest functions. */
export interface ProfileSummary {
  /** Sampled busy time (idle left out), µs. */
  readonly busyUs: number;
  readonly byPhase: ReadonlyMap<Phase, number>;
  /** Self time by `function (file)`, heaviest first. */
  readonly topFunctions: readonly {
    readonly name: string;
    readonly us: number;
    readonly phase: Phase;
  }[];
}

const IDLE = new Set(['(idle)', '(root)']);

/** Sums the profile's samples by phase (innermost matching frame, see `phases.ts`). */
export function summariseProfile(profile: CpuProfile, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const phaseCache = new Map<number, Phase>();
  const phaseOf = (id: number): Phase => {
    const cached = phaseCache.get(id);
    if (cached) return cached;
    let phase: Phase | undefined;
    const stack: CallFrame[] = [];
    for (let at: number | undefined = id; at !== undefined && !phase; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame) stack.push(frame);
      if (frame) phase = phaseOfFrame(frame);
    }
    phase ??= fallbackPhase(stack);
    phaseCache.set(id, phase);
    return phase;
  };
  const byPhase = new Map<Phase, number>(PHASES.map((phase) => [phase, 0]));
  const self = new Map<string, { us: number; phase: Phase }>();
  let busyUs = 0;
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    // A sample's time is the delta to the next sample.
    const us = profile.timeDeltas[i + 1] ?? 0;
    if (!frame || IDLE.has(frame.functionName) || us <= 0) return;
    const phase = phaseOf(id);
    busyUs += us;
    byPhase.set(phase, (byPhase.get(phase) ?? 0) + us);
    const name = `${frame.functionName || '(anonymous)'} (${shortUrl(frame.url)})`;
    const entry = self.get(name) ?? { us: 0, phase };
    entry.us += us;
    self.set(name, entry);
  });
  const topFunctions = [...self.entries()]
    .map(([name, { us, phase }]) => ({ name, us, phase }))
    .sort((a, b) => b.us - a.us)
    .slice(0, top);
  return { busyUs, byPhase, topFunctions };
}

/** `file:///…/node_modules/pino/lib/x.js` → `pino/lib/x.js`; `…/bff/dist/app.js` → `bff/dist/app.js`. */
export function shortUrl(url: string): string {
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) return url.slice(modules + '/node_modules/'.length);
  const bff = url.lastIndexOf('/bff/dist/');
  if (bff >= 0) return url.slice(bff + 1);
  return url || '(native)';
}
