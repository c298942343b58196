/**
 * A sign-in flood against a running server, on loopback, bounded in count: ATTEMPTS wrong-password
 * sign-ins from CLIENTS parallel clients, sprayed over many accounts from as many addresses (each
 * attempt arrives as if through the cluster's proxy from another client: the server must run with
 * TRUST_PROXY_HOPS=1), while READERS load the front page. The same readers alone first give the
 * baseline (before, and again after). Used by `npm run test:flood` (test/flood/run.ts) and by the fault tests.
 *
 * What it expects of the server: every attempt answered at once, 302 (wrong password) or 429 with
 * Retry-After (throttled, or every password-check slot busy), never an error; password checks
 * bounded by the global limit; the readers served throughout; and an editor whose browser signed in
 * before (a trusted device) signing in during the flood.
 */
import { openRawSql } from "../support/raw-sql";
import { spawn } from "node:child_process";
import { Agent, request } from "node:http";
import { createInterface } from "node:readline";
import { maxOf, percentile } from "../faults/protocol";

export type FloodOptions = {
  base: string;
  attempts?: number;
  clients?: number;
  readers?: number;
  baselineSeconds?: number;
  /** An existing editor, to sign in from a trusted device during the flood. */
  editor: { email: string; password: string };
  log?: (line: string) => void;
};

export type ReaderStats = { requests: number; p50: number; p99: number; max: number; non200: number; errors: number };
export type FloodResult = {
  attempts: number;
  seconds: number;
  outcomes: Record<string, number>;
  /** Answer time of attempts by outcome: p50 / p99 in ms. */
  answerMs: Record<string, { p50: number; p99: number }>;
  retryAfterMissing: number;
  /** The readers alone, before the flood and after it. */
  baseline: ReaderStats;
  after: ReaderStats;
  flood: ReaderStats;
  /** flood p99 ÷ the readers' p99 alone (the mean of before and after). */
  ratio: number;
  trustedSignIn: { outcome: string; ms: number };
  loadAverageAtStart: number[];
};

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

function send(agent: Agent, base: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        headers: body ? { ...headers, "content-length": String(Buffer.byteLength(body)) } : headers,
        agent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error("timeout after 30 s")));
    req.on("error", reject);
    req.end(body);
  });
}

const cookiesOf = (a: Answer) => ([] as string[]).concat(a.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]!);

/** One sign-in client: its own CSRF cookie and token, as next-auth requires. */
async function client(agent: Agent, base: string, extraCookies: string[] = [], headers: Record<string, string> = {}) {
  const csrf = await send(agent, base, "GET", "/api/auth/csrf", { cookie: extraCookies.join("; "), ...headers });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const cookie = [...extraCookies, ...cookiesOf(csrf)].join("; ");
  return async (email: string, password: string, forwardedFor: string) => {
    const body = new URLSearchParams({ csrfToken, email, password, callbackUrl: "/admin" }).toString();
    const t = performance.now();
    const a = await send(
      agent,
      base,
      "POST",
      "/api/auth/callback/credentials",
      { cookie, "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": forwardedFor, ...headers },
      body,
    );
    return { answer: a, ms: performance.now() - t, outcome: outcomeOf(a) };
  };
}

export function outcomeOf(a: Answer): string {
  if (a.status === 429) {
    try {
      return (JSON.parse(a.body) as { error: string }).error;
    } catch {
      return "429 without a reason";
    }
  }
  if (a.status === 302) {
    const code = new URL(String(a.headers.location ?? "/"), "http://x.invalid").searchParams.get("code");
    if (code) return code;
    if (cookiesOf(a).some((c) => c.startsWith("authjs.session-token="))) return "signed-in";
  }
  return `HTTP ${a.status}`;
}

function readerStats(latencies: number[], statuses: Record<string, number>, errors: number): ReaderStats {
  const non200 = Object.entries(statuses).reduce((n, [code, count]) => n + (code === "200" ? 0 : count), 0);
  return {
    requests: latencies.length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: maxOf(latencies),
    non200,
    errors,
  };
}

/** Starts the readers; `stop()` ends them and returns their figures. */
function startReaders(url: string, connections: number) {
  const child = spawn(process.execPath, ["test/flood/readers.mjs", url, String(connections)], { stdio: ["pipe", "pipe", "inherit"] });
  const line = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`readers exited with ${code}`)));
  });
  return {
    async stop(): Promise<ReaderStats> {
      child.stdin!.write("stop\n");
      const r = JSON.parse(await line) as { latencies: number[]; statuses: Record<string, number>; errors: number };
      return readerStats(r.latencies, r.statuses, r.errors);
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const addressOf = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

export async function signInFlood(opts: FloodOptions): Promise<FloodResult> {
  const { base, editor } = opts;
  const attempts = opts.attempts ?? 2000;
  const clients = opts.clients ?? 64;
  const readers = opts.readers ?? 20;
  const baselineSeconds = opts.baselineSeconds ?? 10;
  const log = opts.log ?? (() => {});
  const { loadavg } = await import("node:os");
  const loadAverageAtStart = loadavg();
  const agent = new Agent({ keepAlive: true, maxSockets: clients + 4 });

  // The editor's browser signs in once, from its own address, and keeps its device cookie.
  const editorAgent = new Agent({ keepAlive: true, maxSockets: 2 });
  const first = await (await client(editorAgent, base))(editor.email, editor.password, "192.0.2.50");
  if (first.outcome !== "signed-in") throw new Error(`the editor could not sign in before the flood: ${first.outcome}`);
  const deviceCookie = cookiesOf(first.answer).filter((c) => /^(__Host-)?ctm-device=/.test(c));
  if (deviceCookie.length !== 1) throw new Error("no device cookie after the editor's sign-in");

  // Warm the front page, then the baseline: the readers alone.
  for (let i = 0; i < 20; i++) await send(agent, base, "GET", "/", {});
  log(`baseline: ${readers} readers on / for ${baselineSeconds} s`);
  const alone = startReaders(`${base}/`, readers);
  await sleep(baselineSeconds * 1000);
  const baseline = await alone.stop();

  // The flood: attackers spray a common password over many accounts (some real) from many addresses.
  const accounts = [editor.email, ...Array.from({ length: 199 }, (_, i) => `staff${i}@flood.example`)];
  const signIns = await Promise.all(Array.from({ length: clients }, () => client(agent, base)));
  const outcomes: Record<string, number> = {};
  const answerTimes: Record<string, number[]> = {};
  let retryAfterMissing = 0;
  let next = 0;
  let trustedSignIn = { outcome: "not tried", ms: 0 };
  log(`flood: ${attempts} sign-in attempts from ${clients} clients while ${readers} readers load /`);
  const during = startReaders(`${base}/`, readers);
  await sleep(250);
  const t0 = performance.now();
  const trusted = (async () => {
    while (next < attempts / 2) await sleep(20);
    const own = await client(editorAgent, base, deviceCookie);
    const r = await own(editor.email, editor.password, "192.0.2.50");
    trustedSignIn = { outcome: r.outcome, ms: r.ms };
  })();
  await Promise.all(
    signIns.map(async (signIn) => {
      for (let i = next++; i < attempts; i = next++) {
        let outcome: string;
        let ms: number;
        try {
          const r = await signIn(accounts[i % accounts.length]!, "Winter2026!", `203.0.113.9, ${addressOf(i + 1)}`);
          outcome = r.outcome;
          ms = r.ms;
          if (r.answer.status === 429 && !/^\d+$/.test(String(r.answer.headers["retry-after"] ?? ""))) retryAfterMissing++;
        } catch (error) {
          outcome = `network: ${error instanceof Error ? error.message : String(error)}`;
          ms = 0;
        }
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        (answerTimes[outcome] ??= []).push(ms);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  await trusted;
  const flood = await during.stop();
  // The readers alone again: on a shared machine the load moves, so the baseline is taken twice.
  log(`after: ${readers} readers on / for ${baselineSeconds} s`);
  const again = startReaders(`${base}/`, readers);
  await sleep(baselineSeconds * 1000);
  const after = await again.stop();
  agent.destroy();
  editorAgent.destroy();
  const answerMs = Object.fromEntries(Object.entries(answerTimes).map(([k, v]) => [k, { p50: percentile(v, 50), p99: percentile(v, 99) }]));
  const ratio = flood.p99 / ((baseline.p99 + after.p99) / 2);
  return { attempts, seconds, outcomes, answerMs, retryAfterMissing, baseline, after, flood, ratio, trustedSignIn, loadAverageAtStart };
}

export type FloodCheck = { name: string; pass: boolean; detail: string };

/** What must hold whatever the machine's load: the answers, not their timing. */
export function floodChecks(r: FloodResult, passwordChecks: number, maxPasswordChecks: number): FloodCheck[] {
  const bad = Object.entries(r.outcomes).filter(([k]) => !["credentials", "throttled", "busy"].includes(k));
  const refused = (r.outcomes.throttled ?? 0) + (r.outcomes.busy ?? 0);
  return [
    {
      name: "flood: every attempt answered 302 or 429, no error",
      pass: bad.length === 0,
      detail: `${Object.entries(r.outcomes)
        .map(([k, n]) => `${n} ${k}`)
        .join(", ")} in ${r.seconds.toFixed(1)} s`,
    },
    {
      name: "flood: refused attempts answered 429 with Retry-After",
      pass: refused > 0 && r.retryAfterMissing === 0,
      detail: `${refused} × 429, ${r.retryAfterMissing} without Retry-After`,
    },
    {
      name: "flood: password checks bounded by the global limit",
      pass: passwordChecks <= maxPasswordChecks,
      detail: `${passwordChecks} checked of ${r.attempts} attempts (limit ${maxPasswordChecks})`,
    },
    {
      name: "flood: readers served throughout",
      pass: r.flood.non200 === 0 && r.flood.errors === 0 && r.flood.requests > 0,
      detail: `${r.flood.requests} pages, ${r.flood.non200} not 200, ${r.flood.errors} errors`,
    },
    {
      name: "flood: an editor's trusted browser signs in during the flood",
      pass: r.trustedSignIn.outcome === "signed-in",
      detail: `${r.trustedSignIn.outcome} in ${r.trustedSignIn.ms.toFixed(0)} ms`,
    },
  ];
}

const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;

/** The measured figures, as table rows. */
export function floodRows(r: FloodResult): [string, string][] {
  return [
    ["load average at start (1, 5, 15 min)", r.loadAverageAtStart.map((l) => l.toFixed(2)).join(", ")],
    ["readers alone, before: pages, p50 / p99", `${r.baseline.requests}, ${fmt(r.baseline.p50)} / ${fmt(r.baseline.p99)}`],
    ["readers during the flood: pages, p50 / p99", `${r.flood.requests}, ${fmt(r.flood.p50)} / ${fmt(r.flood.p99)}`],
    ["readers alone, after: pages, p50 / p99", `${r.after.requests}, ${fmt(r.after.p50)} / ${fmt(r.after.p99)}`],
    [
      "readers' p99 during the flood ÷ alone (mean of before and after; target ≤ 2)",
      `${r.ratio.toFixed(2)} (${r.ratio <= 2 ? "met" : "missed"})`,
    ],
    ["flood", `${r.attempts} attempts in ${r.seconds.toFixed(1)} s (${(r.attempts / r.seconds).toFixed(0)}/s)`],
    ...Object.entries(r.answerMs).map(([k, v]): [string, string] => [`answer time, ${k}: p50 / p99`, `${fmt(v.p50)} / ${fmt(v.p99)}`]),
  ];
}

/** Wrong passwords actually checked (recorded before the check) from untrusted clients. */
export async function untrustedChecks(databaseUrl: string): Promise<number> {
  const db = openRawSql(databaseUrl);
  try {
    return await db.value<number>("SELECT count(*) FROM login_attempts WHERE device IS NULL AND success = false");
  } finally {
    await db.close();
  }
}
