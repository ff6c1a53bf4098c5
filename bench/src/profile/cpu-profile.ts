import {
  type CallFrame,
  fallbackPhase,
  isSocketWrite,
  type Phase,
  PHASES,
  phaseOfFrame,
} from './phases.js';

/** A V8 CPU profile (`--cpu-prof` files, `Profiler.stop`). */
export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: CallFrame;
    readonly children?: readonly number[];
  }[];
  readonly startTime: number;
  readonly endTime: number;
  /** The node of each sample, one sample per sampling interval the thread ran. */
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/**
 * Busy samples of a profile by phase, and the heaviest functions. Samples are counted, not timed:
 * on a machine shared with other work a sample taken after the thread was descheduled carries the
 * whole wait as its time delta, whereas counts stay proportional to the CPU the thread used.
 */
export interface ProfileSummary {
  /** Busy samples (idle left out). */
  readonly busy: number;
  readonly byPhase: ReadonlyMap<Phase, number>;
  /** Samples by `function (file)` (self), heaviest first. */
  readonly topFunctions: readonly {
    readonly name: string;
    readonly samples: number;
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
  const self = new Map<string, { samples: number; phase: Phase }>();
  let busy = 0;
  for (const id of profile.samples) {
    const frame = byId.get(id)?.callFrame;
    if (!frame || IDLE.has(frame.functionName)) continue;
    const phase = isSocketWrite(frame) ? 'socket writes' : phaseOf(id);
    busy += 1;
    byPhase.set(phase, (byPhase.get(phase) ?? 0) + 1);
    const name = `${frame.functionName || '(anonymous)'} (${shortUrl(frame.url)})`;
    const entry = self.get(name) ?? { samples: 0, phase };
    entry.samples += 1;
    self.set(name, entry);
  }
  const topFunctions = [...self.entries()]
    .map(([name, { samples, phase }]) => ({ name, samples, phase }))
    .sort((a, b) => b.samples - a.samples)
    .slice(0, top);
  return { busy, byPhase, topFunctions };
}

/** `file:///…/node_modules/pino/lib/x.js` → `pino/lib/x.js`; `…/bff/dist/app.js` → `bff/dist/app.js`. */
export function shortUrl(url: string): string {
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) return url.slice(modules + '/node_modules/'.length);
  const bff = url.lastIndexOf('/bff/dist/');
  if (bff >= 0) return url.slice(bff + 1);
  return url || '(native)';
}
