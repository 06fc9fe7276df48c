/** Small statistics and measurement helpers shared by the scenarios. */
import { performance } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Linear interpolation between closest ranks; NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

export function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** Milliseconds on a clock shared by the main thread and workers (epoch-based, sub-millisecond). */
export const now = (): number => performance.timeOrigin + performance.now();

/** Milliseconds taken by `run`. */
export async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = now();
  const value = await run();
  return { ms: now() - start, value };
}

/**
 * Both paths `samples` times each, alternating which goes first, after `warmUp` rounds that are not
 * counted: drift on a busy machine hits both, and neither always runs on a warmer server.
 */
export async function alternating<E, R>(samples: number, ext: () => Promise<E>, raw: () => Promise<R>, warmUp = 1): Promise<{ ext: E[]; raw: R[] }> {
  const out = { ext: [] as E[], raw: [] as R[] };
  for (let i = -warmUp; i < samples; i++) {
    let e: E;
    let r: R;
    if (i % 2 === 0) {
      e = await ext();
      r = await raw();
    } else {
      r = await raw();
      e = await ext();
    }
    if (i >= 0) {
      out.ext.push(e);
      out.raw.push(r);
    }
  }
  return out;
}

let collect: (() => void) | undefined;

/** A full garbage collection, with or without `--expose-gc`. */
export function gc(): void {
  if (!collect) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed) collect = exposed;
    else {
      setFlagsFromString("--expose-gc");
      collect = runInNewContext("gc") as () => void;
    }
  }
  // Twice: the first pass can leave objects that only die once finalizers ran.
  collect();
  collect();
}

/**
 * Heap in use after a full collection, taken once pending timers and socket callbacks had a turn to
 * drop what they hold (a closed jsdom window, for one, is only released on the next turn).
 */
export async function settledHeap(): Promise<number> {
  await sleep(20);
  gc();
  await sleep(0);
  gc();
  return process.memoryUsage().heapUsed;
}

/** CPU time (user + system) of this process, in milliseconds. */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
