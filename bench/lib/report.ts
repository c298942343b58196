/**
 * The benchmark's figures, how they are judged against issue 5's targets, and the one table that
 * is printed (Markdown, so it can go into the README as is). Pure: unit-tested in
 * test/bench-report.test.ts.
 */
import type { LoadResult, Tool } from "./load";
import type { JsWeight } from "./js-weight";
import type { SaveResult } from "./saves";
import type { Rounds } from "./rounds";
import { ratio } from "./stats";

export type UrlResult = {
  name: string;
  path: string;
  status: number;
  /** The median round now (or the one load, without rounds). */
  load: LoadResult | null;
  /** The same URL on the build before this change, in the same run. */
  baseline?: LoadResult | null;
  /** Alternating rounds: now, the build before this change, and a plain `next start` of a static file of the same bytes (front, story). */
  rounds?: { now: Rounds; before?: Rounds; plain?: Rounds & { path: string } };
};

export type Report = {
  date: string;
  commit: string;
  /** Uncommitted changes in the work tree when the run started. */
  dirty: boolean;
  machine: { cores: number; cpu: string; memoryBytes: number; loadavgAtStart: number[]; platform: string };
  node: string;
  tool: Tool;
  mode: "default" | "quick";
  connections: number;
  secondsPerUrl: number;
  buildSeconds: number;
  urls: UrlResult[];
  limit: { bodyBytes: number; headerBytes: number; load: LoadResult };
  /** story rps ÷ limit rps */
  storyToLimit: number;
  js: JsWeight[];
  saves: SaveResult | { error: string };
  memory: { idleBytes: number; peakBytes: number; afterBytes: number };
  totalSeconds: number;
  /** Alternating rounds per URL and server (absent: one load per URL). */
  rounds?: { count: number; seconds: number };
  loadavgAtEnd?: number[];
  /** Memory after a long mixed load (bench/lib/mixed.ts), when wrk ran it. */
  mixed?: { seconds: number; load: LoadResult; peakBytes: number; afterBytes: number; cacheMemoryMB: number } | null;
};

/** The reference starter measured on this machine (issue 5). */
export const STARTER = { storyRps: 572, limitRps: 15_695, storyGzipKB: 208, idleMB: 248 };
export const TARGETS = {
  storyShareOfLimit: 0.2,
  storyRps: 3 * STARTER.storyRps,
  storyGzipBytes: 100 * 1024,
  saveP99Ms: 1000,
  idleRssBytes: 200 * 1024 * 1024,
};
/**
 * "Not slower" and "on par" are judged on the server's CPU time per request (median of the rounds),
 * the figure other tenants of the machine move least, with this much room for measurement noise.
 */
export const CPU_TOLERANCE = 1.05;

/** CPU per request now ÷ a comparison's, when both rounds exist. */
export function cpuRatio(now: Rounds | undefined, other: Rounds | undefined): number {
  return now && other ? ratio(now.median.cpuMsPerRequest, other.median.cpuMsPerRequest) : Number.NaN;
}

export const fmtInt = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "–");

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return "–";
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

/** Kilobytes of 1,024 bytes, one decimal. */
export const fmtKB = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
/** Megabytes of 1,024² bytes, whole. */
export const fmtMB = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
/** CPU milliseconds per request. */
export const fmtCpu = (ms: number) => (Number.isFinite(ms) ? `${ms.toFixed(2)} ms CPU/req` : "– CPU/req");
export const fmtPct = (r: number) => (Number.isFinite(r) ? `${(r * 100).toFixed(1)}%` : "–");

/** A Markdown table with columns padded to line up in a terminal. */
export function markdownTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => `| ${widths.map((w, i) => (cells[i] ?? "").padEnd(w)).join(" | ")} |`;
  return [line(headers), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

export function loadCell(l: LoadResult | null, status: number): string {
  if (!l) return `n/a (${status})`;
  const bad = l.non2xx + l.errors;
  return `${fmtInt(l.rps)} req/s · p50 ${fmtMs(l.p50Ms)} · p99 ${fmtMs(l.p99Ms)} · ${fmtInt(bad)} non-2xx${l.errors ? ` (${fmtInt(l.errors)} socket errors)` : ""}`;
}

const verdict = (ok: boolean) => (ok ? "met" : "MISSED");

export type Judgement = { target: string; met: boolean; value: string };

/** Issue 5's targets that this benchmark measures, each met or missed. */
export function judge(r: Report): Judgement[] {
  const story = r.urls.find((u) => u.name === "story");
  const storyRps = story?.load?.rps ?? Number.NaN;
  const storyJs = r.js.find((j) => j.name === "story");
  const out: Judgement[] = [
    { target: "story ≥ 20% of the static limit", met: r.storyToLimit >= TARGETS.storyShareOfLimit, value: fmtPct(r.storyToLimit) },
    { target: `story ≥ 3 × ${STARTER.storyRps} req/s`, met: storyRps >= TARGETS.storyRps, value: `${fmtInt(storyRps)} req/s` },
    {
      target: "≤ 100 KB gzip JS on a story page",
      met: !!storyJs && storyJs.gzipBytes <= TARGETS.storyGzipBytes,
      value: storyJs ? fmtKB(storyJs.gzipBytes) : "–",
    },
  ];
  if ("error" in r.saves) out.push({ target: "save → visible p99 ≤ 1 s", met: false, value: r.saves.error });
  else
    out.push({
      target: "save → visible p99 ≤ 1 s",
      met: r.saves.failed === 0 && r.saves.visible.p99 <= TARGETS.saveP99Ms,
      value: fmtMs(r.saves.visible.p99),
    });
  out.push({ target: "idle RSS after load < 200 MB", met: r.memory.afterBytes < TARGETS.idleRssBytes, value: fmtMB(r.memory.afterBytes) });
  const compared = r.urls.filter((u) => u.rounds?.before);
  if (compared.length) {
    const slower = compared.filter((u) => !(cpuRatio(u.rounds!.now, u.rounds!.before) <= CPU_TOLERANCE));
    out.push({
      target: "no page type slower than before (CPU per request)",
      met: slower.length === 0,
      value: slower.length ? `slower: ${slower.map((u) => u.name).join(", ")}` : `${compared.length} page types`,
    });
  }
  for (const name of ["front", "story"]) {
    const u = r.urls.find((x) => x.name === name && x.rounds?.plain);
    if (!u) continue;
    const x = cpuRatio(u.rounds!.now, u.rounds!.plain);
    out.push({
      target: `${name} on par with plain next start of its bytes`,
      met: x <= CPU_TOLERANCE,
      value: `${x.toFixed(2)}× its CPU per request`,
    });
  }
  return out;
}

/** The one table `npm run bench` prints. */
export function reportTable(r: Report): string {
  const j = Object.fromEntries(judge(r).map((x) => [x.target, x]));
  const mark = (key: string) => (j[key] ? `${key}: ${verdict(j[key].met)}` : "");
  const rows: string[][] = [];
  const withBaseline = r.urls.some((u) => u.baseline);
  for (const u of r.urls) {
    const targets = [u.name === "story" ? mark(`story ≥ 3 × ${STARTER.storyRps} req/s`) : ""];
    const cpu = (l: LoadResult | null) => (l && "cpuMsPerRequest" in l ? ` · ${fmtCpu(l.cpuMsPerRequest as number)}` : "");
    let before = "–";
    if (u.baseline) {
      const x = cpuRatio(u.rounds?.now, u.rounds?.before);
      before = `${loadCell(u.baseline, 200)}${cpu(u.baseline)}; now ${fmtPct(ratio(u.load?.rps ?? Number.NaN, u.baseline.rps))} of its req/s${Number.isFinite(x) ? `, ${x.toFixed(2)}× its CPU/req` : ""}`;
      if (Number.isFinite(x)) targets.push(`not slower: ${verdict(x <= CPU_TOLERANCE)}`);
    }
    const load1 = u.load && "loadavg1" in u.load ? ` · load ${(u.load.loadavg1 as number).toFixed(1)}` : "";
    rows.push(
      withBaseline
        ? [`${u.name} \`${u.path}\``, loadCell(u.load, u.status) + cpu(u.load) + load1, before, targets.filter(Boolean).join("; ")]
        : [`${u.name} \`${u.path}\``, loadCell(u.load, u.status) + cpu(u.load), targets.filter(Boolean).join("; ")],
    );
    const plain = u.rounds?.plain;
    if (plain) {
      const x = cpuRatio(u.rounds?.now, plain);
      const cell = `${loadCell(plain.median, 200)}${cpu(plain.median)}; ${u.name} now ${fmtPct(ratio(u.load?.rps ?? Number.NaN, plain.median.rps))} of its req/s, ${x.toFixed(2)}× its CPU/req`;
      const target = `${u.name} on par: ${verdict(x <= CPU_TOLERANCE)}`;
      rows.push(
        withBaseline
          ? [`plain \`next start\`, static file of the ${u.name}'s bytes \`${plain.path}\``, cell, "", target]
          : [`plain \`next start\`, static file \`${plain.path}\``, cell, target],
      );
    }
  }
  rows.push([
    `static limit (same ${fmtKB(r.limit.bodyBytes)} + ${fmtInt(r.limit.headerBytes)} B headers, node:http)`,
    loadCell(r.limit.load, 200),
    "",
  ]);
  rows.push([
    "story ÷ limit",
    fmtPct(r.storyToLimit),
    `${mark("story ≥ 20% of the static limit")} (starter: ${fmtPct(ratio(STARTER.storyRps, STARTER.limitRps))})`,
  ]);
  for (const js of r.js) {
    const cell =
      js.status >= 400
        ? `n/a (${js.status})`
        : `${js.files} files · ${fmtKB(js.rawBytes)} raw · ${fmtKB(js.gzipBytes)} gzip (framework ${fmtKB(js.frameworkGzipBytes)}) · inline ${fmtKB(js.inlineBytes)}`;
    rows.push([
      `JS ${js.name} \`${js.path}\``,
      cell,
      js.name === "story" ? `${mark("≤ 100 KB gzip JS on a story page")} (starter: ${STARTER.storyGzipKB} KB)` : "",
    ]);
  }
  if ("error" in r.saves) rows.push(["save → visible", `failed: ${r.saves.error}`, mark("save → visible p99 ≤ 1 s")]);
  else {
    const s = r.saves;
    rows.push([
      `save → visible (${s.saves} saves, story + partner + figure page)`,
      `p50 ${fmtMs(s.visible.p50)} · p99 ${fmtMs(s.visible.p99)} · max ${fmtMs(s.visible.max)}${s.failed ? ` · ${s.failed} not visible in 10 s` : ""}`,
      mark("save → visible p99 ≤ 1 s"),
    ]);
  }
  rows.push(["RSS idle after warm-up", fmtMB(r.memory.idleBytes), ""]);
  rows.push(["RSS peak under load", fmtMB(r.memory.peakBytes), ""]);
  rows.push([
    "RSS idle 10 s after load",
    fmtMB(r.memory.afterBytes),
    `${mark("idle RSS after load < 200 MB")} (starter: ${STARTER.idleMB} MB)`,
  ]);
  if (r.mixed) {
    const m = r.mixed;
    rows.push([
      `long mixed load (${m.seconds} s, 20 connections: pages and distinct explorer, API, search queries; in-process cache ${m.cacheMemoryMB} MB)`,
      `${fmtInt(m.load.requests)} requests · ${fmtInt(m.load.non2xx + m.load.errors)} failed · RSS peak ${fmtMB(m.peakBytes)} · idle 10 s after ${fmtMB(m.afterBytes)}`,
      `idle < 200 MB: ${verdict(m.afterBytes < TARGETS.idleRssBytes)}`,
    ]);
  }
  if (!withBaseline) return markdownTable(["measure", "result", "target"], rows);
  // Rows past the URLs have no baseline: move their target to the last column.
  const widened = rows.map((row) => (row.length === 4 ? row : [row[0]!, row[1]!, "", row[2] ?? ""]));
  return markdownTable(["measure", "result", "before this change (same run)", "target"], widened);
}

/** The line above the table: when, what, where, with what. */
export function reportHeading(r: Report): string {
  const gb = (r.machine.memoryBytes / 1024 ** 3).toFixed(1);
  return (
    `${r.date} · commit ${r.commit}${r.dirty ? " (uncommitted changes)" : ""} · ${r.machine.cores} cores (${r.machine.cpu}) · ${gb} GB · ` +
    `Node ${r.node} · ${r.tool.name} ${r.tool.version} · ${r.connections} connections × ${r.rounds ? `${r.rounds.count} alternating rounds of ${r.rounds.seconds} s per URL and server (medians)` : `${r.secondsPerUrl} s per URL`} · ` +
    `load average at start ${r.machine.loadavgAtStart.map((l) => l.toFixed(2)).join(" ")}${r.loadavgAtEnd ? `, at end ${r.loadavgAtEnd.map((l) => l.toFixed(2)).join(" ")}` : ""}`
  );
}
