/**
 * Load generation: wrk (Debian's package) when present, else autocannon (a devDependency), each
 * run as its own process so the benchmark script never competes with it on the event loop.
 * The parsers are pure and unit-tested (test/bench-load.test.ts).
 */
import { spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { z } from "zod";

export type Tool = { name: "wrk" | "autocannon"; version: string };

export type LoadResult = {
  requests: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Responses outside 2xx (wrk: outside 2xx and 3xx; our URLs never redirect). */
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
};

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** "812.00us" | "9.80ms" | "1.20s" | "2.00m" → milliseconds. */
export function parseWrkDuration(text: string): number {
  const m = /^([\d.]+)(us|ms|s|m|h)$/.exec(text.trim());
  if (!m) throw new Error(`unrecognised wrk duration "${text}"`);
  return Number(m[1]) * UNIT_MS[m[2]!]!;
}

/** Reads `wrk --latency` output. */
export function parseWrk(out: string): LoadResult {
  const num = (re: RegExp) => {
    const m = re.exec(out);
    return m ? Number(m[1]) : Number.NaN;
  };
  const pct = (p: number) => {
    const m = new RegExp(`^\\s*${p}%\\s+(\\S+)\\s*$`, "m").exec(out);
    if (!m) throw new Error(`wrk output has no ${p}% latency line:\n${out}`);
    return parseWrkDuration(m[1]!);
  };
  const total = /(\d+) requests in ([\d.]+)(us|ms|s|m)/.exec(out);
  if (!total) throw new Error(`wrk output has no request count:\n${out}`);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const errors = socket ? socket.slice(1).reduce((s, v) => s + Number(v), 0) : 0;
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(out);
  return {
    requests: Number(total[1]),
    seconds: parseWrkDuration(`${total[2]}${total[3]}`) / 1000,
    rps: num(/Requests\/sec:\s+([\d.]+)/),
    p50Ms: pct(50),
    p99Ms: pct(99),
    non2xx: non2xx ? Number(non2xx[1]) : 0,
    errors,
  };
}

const AutocannonJson = z.object({
  latency: z.object({ p50: z.number(), p99: z.number() }),
  requests: z.object({ average: z.number(), total: z.number() }),
  duration: z.number(),
  non2xx: z.number(),
  errors: z.number(),
  timeouts: z.number(),
});

/** Reads `autocannon --json` output (latencies already in milliseconds). */
export function parseAutocannon(out: string): LoadResult {
  const r = AutocannonJson.parse(JSON.parse(out));
  return {
    requests: r.requests.total,
    seconds: r.duration,
    rps: r.requests.total / r.duration,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

const require = createRequire(import.meta.url);

function wrkVersion(): string | null {
  const r = spawnSync("wrk", ["--version"], { encoding: "utf8" });
  if (r.error) return null;
  return /wrk (\S+)/.exec(`${r.stdout}${r.stderr}`)?.[1] ?? "unknown";
}

/**
 * wrk if installed; as root on Debian, installs it first (apt-get); otherwise autocannon.
 * `BENCH_TOOL=autocannon` forces the fallback.
 */
export function pickTool(log: (s: string) => void): Tool {
  if (process.env.BENCH_TOOL !== "autocannon") {
    let version = wrkVersion();
    if (!version && process.getuid?.() === 0 && spawnSync("apt-get", ["--version"]).status === 0) {
      log("wrk is missing; installing it with apt-get (Debian package wrk)…");
      const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
      spawnSync("apt-get", ["update", "-qq"], { stdio: "ignore", env });
      spawnSync("apt-get", ["install", "-y", "-qq", "wrk"], { stdio: "ignore", env });
      version = wrkVersion();
    }
    if (version) return { name: "wrk", version };
    log("wrk not available (install it with `apt-get install wrk`); falling back to autocannon.");
  }
  const pkg = z.object({ version: z.string() }).parse(require("autocannon/package.json"));
  return { name: "autocannon", version: pkg.version };
}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} exited with ${code}: ${err || out}`))));
  });
}

export type LoadOptions = { connections: number; seconds: number; headers?: Record<string, string> };

/** One bounded load run against one URL. */
export async function load(tool: Tool, url: string, opts: LoadOptions): Promise<LoadResult> {
  if (tool.name === "wrk") {
    // One thread: on a two-core machine the other core is the server's. The timeout is long
    // enough that slow responses count in the latency instead of as errors.
    const headers = Object.entries(opts.headers ?? {}).flatMap(([k, v]) => ["-H", `${k}: ${v}`]);
    return parseWrk(
      await run("wrk", ["-t1", `-c${opts.connections}`, `-d${opts.seconds}s`, "--timeout", "10s", "--latency", ...headers, url]),
    );
  }
  const bin = require.resolve("autocannon/autocannon.js");
  const headers = Object.entries(opts.headers ?? {}).flatMap(([k, v]) => ["-H", `${k}=${v}`]);
  return parseAutocannon(
    await run(process.execPath, [bin, "--json", "-c", String(opts.connections), "-d", String(opts.seconds), "-t", "10", ...headers, url]),
  );
}
