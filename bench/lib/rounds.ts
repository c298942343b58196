/**
 * Alternating rounds: the same URL on two or three servers, one after another, several times, so
 * that a burst of load from another tenant of the machine falls on all of them rather than on one.
 * Each round also records the server's CPU time per request (user + system time of its process
 * tree over the round ÷ requests served), which the machine's noise moves much less than req/s:
 * a page that costs more CPU per request is slower, whatever the other tenants do.
 */
import { loadavg } from "node:os";
import { load, type LoadResult, type Tool } from "./load";
import { treeCpuMs } from "./proc";
import { percentile } from "./stats";

export type Round = LoadResult & { cpuMsPerRequest: number; loadavg1: number };
/** Rounds of one server, and their medians. */
export type Rounds = { rounds: Round[]; median: Round };

export type Contender = { label: string; url: string; pid: number };

/** One bounded load on `url`, with the CPU time `pid` and its children used meanwhile. */
export async function measureRound(
  tool: Tool,
  url: string,
  pid: number,
  opts: { connections: number; seconds: number; headers?: Record<string, string> },
): Promise<Round> {
  const load1 = loadavg()[0]!;
  const cpu0 = treeCpuMs(pid);
  const result = await load(tool, url, opts);
  const cpu1 = treeCpuMs(pid);
  return { ...result, cpuMsPerRequest: result.requests > 0 ? (cpu1 - cpu0) / result.requests : Number.NaN, loadavg1: load1 };
}

/** The median of each figure over the rounds (requests and errors summed). */
export function medianOf(rounds: Round[]): Round {
  const med = (f: (r: Round) => number) => percentile(rounds.map(f).filter(Number.isFinite), 50);
  return {
    requests: rounds.reduce((s, r) => s + r.requests, 0),
    seconds: rounds.reduce((s, r) => s + r.seconds, 0),
    rps: med((r) => r.rps),
    p50Ms: med((r) => r.p50Ms),
    p99Ms: med((r) => r.p99Ms),
    non2xx: rounds.reduce((s, r) => s + r.non2xx, 0),
    errors: rounds.reduce((s, r) => s + r.errors, 0),
    cpuMsPerRequest: med((r) => r.cpuMsPerRequest),
    loadavg1: med((r) => r.loadavg1),
  };
}

/**
 * `rounds` rounds of every contender on its URL; the order turns each round (A B C, B C A, …) so
 * none is always measured first or last.
 */
export async function alternate(
  tool: Tool,
  contenders: Contender[],
  opts: { rounds: number; connections: number; seconds: number; headers?: Record<string, string> },
): Promise<Rounds[]> {
  const out: Round[][] = contenders.map(() => []);
  for (let r = 0; r < opts.rounds; r++) {
    for (let k = 0; k < contenders.length; k++) {
      const i = (k + r) % contenders.length;
      const c = contenders[i]!;
      out[i]!.push(await measureRound(tool, c.url, c.pid, opts));
    }
  }
  return out.map((rounds) => ({ rounds, median: medianOf(rounds) }));
}
