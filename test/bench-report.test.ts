import { describe, expect, it } from "vitest";
import { fmtKB, fmtMB, fmtMs, judge, loadCell, markdownTable, reportTable, type Report } from "@/bench/lib/report";
import { buildFailure, scaleTable } from "@/bench/lib/scale-run";
import { millionsField, setMultipartField } from "@/bench/lib/saves";

const load = (rps: number, p50Ms = 10, p99Ms = 40, non2xx = 0, errors = 0) => ({
  requests: rps * 10,
  seconds: 10,
  rps,
  p50Ms,
  p99Ms,
  non2xx,
  errors,
});
const summary = (p50: number, p99: number) => ({ n: 50, min: p50 / 2, p50, p99, max: p99, mean: p50 });

function report(over: Partial<Report> = {}): Report {
  return {
    date: "2026-11-21T08:00:00.000Z",
    commit: "abc123def456",
    dirty: false,
    machine: { cores: 2, cpu: "Test CPU", memoryBytes: 8 * 1024 ** 3, loadavgAtStart: [0.5, 0.4, 0.3], platform: "linux x64" },
    node: "v20.20.2",
    tool: { name: "wrk", version: "4.1.0" },
    mode: "default",
    connections: 50,
    secondsPerUrl: 10,
    buildSeconds: 90,
    urls: [
      { name: "story", path: "/articles/x", status: 200, load: load(2000) },
      { name: "explorer", path: "/data?partner=KOR", status: 404, load: null },
    ],
    limit: { bodyBytes: 80 * 1024, headerBytes: 900, load: load(8000) },
    storyToLimit: 0.25,
    js: [
      {
        name: "story",
        path: "/articles/x",
        status: 200,
        files: 8,
        rawBytes: 300 * 1024,
        gzipBytes: 90 * 1024,
        inlineBytes: 20 * 1024,
        frameworkGzipBytes: 80 * 1024,
        scripts: [],
      },
    ],
    saves: { method: "replay", saves: 50, failed: 0, visible: summary(120, 480), perPage: {}, save: summary(30, 60) },
    memory: { idleBytes: 150 * 2 ** 20, peakBytes: 260 * 2 ** 20, afterBytes: 170 * 2 ** 20 },
    totalSeconds: 400,
    ...over,
  };
}

describe("formatting", () => {
  it("prints milliseconds with sensible precision", () => {
    expect(fmtMs(1.234)).toBe("1.23 ms");
    expect(fmtMs(12.34)).toBe("12.3 ms");
    expect(fmtMs(123.4)).toBe("123 ms");
    expect(fmtMs(1234)).toBe("1.23 s");
    expect(fmtMs(Number.NaN)).toBe("–");
  });

  it("prints sizes in binary units", () => {
    expect(fmtKB(102_400)).toBe("100.0 KB");
    expect(fmtMB(200 * 1024 * 1024)).toBe("200 MB");
  });

  it("lines up a Markdown table", () => {
    expect(markdownTable(["a", "long header"], [["wide cell", "x"], ["y"]])).toBe(
      ["| a         | long header |", "|-----------|-------------|", "| wide cell | x           |", "| y         |             |"].join(
        "\n",
      ),
    );
  });

  it("says n/a with the status for a URL that is missing, and counts socket errors as failures", () => {
    expect(loadCell(null, 404)).toBe("n/a (404)");
    expect(loadCell(load(1234.4, 5, 50, 2, 1), 200)).toBe("1,234 req/s · p50 5.00 ms · p99 50.0 ms · 3 non-2xx (1 socket errors)");
  });

  it("encodes a value as the figure form takes it", () => {
    expect(millionsField(1_033_500_000)).toBe("1033.500000");
    expect(millionsField(2_500_001)).toBe("2.500001");
  });

  it("replaces one field of a captured multipart body", () => {
    const body =
      '------x\r\nContent-Disposition: form-data; name="1_value"\r\n\r\n12.5\r\n------x\r\nContent-Disposition: form-data; name="_1_version"\r\n\r\n3\r\n------x--\r\n';
    const out = setMultipartField(setMultipartField(body, "value", "13.8"), "version", "4");
    expect(out).toContain('name="1_value"\r\n\r\n13.8\r\n');
    expect(out).toContain('name="_1_version"\r\n\r\n4\r\n');
    expect(() => setMultipartField(body, "note", "x")).toThrow(/note/);
  });
});

describe("targets", () => {
  it("meets every target on good figures", () => {
    expect(judge(report()).every((j) => j.met)).toBe(true);
  });

  it("misses each target on its own bad figure", () => {
    const missed = (r: Report) =>
      judge(r)
        .filter((j) => !j.met)
        .map((j) => j.target);
    expect(missed(report({ storyToLimit: 0.19 }))).toEqual(["story ≥ 20% of the static limit"]);
    expect(missed(report({ urls: [{ name: "story", path: "/s", status: 200, load: load(1715) }] }))).toEqual(["story ≥ 3 × 572 req/s"]);
    expect(
      missed(
        report({
          js: [
            {
              name: "story",
              path: "/s",
              status: 200,
              files: 1,
              rawBytes: 1,
              gzipBytes: 100 * 1024 + 1,
              inlineBytes: 0,
              frameworkGzipBytes: 0,
              scripts: [],
            },
          ],
        }),
      ),
    ).toEqual(["≤ 100 KB gzip JS on a story page"]);
    expect(
      missed(report({ saves: { method: "m", saves: 50, failed: 0, visible: summary(100, 1001), perPage: {}, save: summary(1, 1) } })),
    ).toEqual(["save → visible p99 ≤ 1 s"]);
    expect(
      missed(report({ saves: { method: "m", saves: 50, failed: 1, visible: summary(100, 200), perPage: {}, save: summary(1, 1) } })),
    ).toEqual(["save → visible p99 ≤ 1 s"]);
    expect(missed(report({ memory: { idleBytes: 0, peakBytes: 0, afterBytes: 200 * 1024 * 1024 } }))).toEqual([
      "idle RSS after load < 200 MB",
    ]);
  });
});

describe("the printed table", () => {
  it("has one row per measure with its verdict", () => {
    const table = reportTable(report());
    const lines = table.split("\n");
    expect(lines[0]).toMatch(/^\| measure +\| result +\| target +\|$/);
    expect(lines.every((l) => l.length === lines[0]!.length)).toBe(true);
    expect(table).toContain("| explorer `/data?partner=KOR`");
    expect(table).toContain("n/a (404)");
    expect(table).toMatch(/story ÷ limit +\| 25\.0% +\| story ≥ 20% of the static limit: met \(starter: 3\.6%\)/);
    expect(table).toContain("90.0 KB gzip (framework 80.0 KB)");
    expect(table).toContain("p50 120 ms · p99 480 ms");
    expect(table).toMatch(/RSS idle 10 s after load +\| 170 MB +\| idle RSS after load < 200 MB: met/);
  });

  it("shows a failed save measurement instead of numbers", () => {
    expect(reportTable(report({ saves: { error: "sign-in failed" } }))).toMatch(
      /failed: sign-in failed +\| save → visible p99 ≤ 1 s: MISSED/,
    );
  });

  it("compares the seed with the scaled archive", () => {
    const size = (label: string, stories: number, p50: number) => ({
      label,
      stories,
      figures: stories * 500,
      buildSeconds: stories / 10,
      urls: [{ name: "story", path: "/a", status: 200, load: load(1000, p50, p50 * 4) }],
      sitemap: { firstMs: 20, medianMs: 10, urls: stories + 50, bytes: 1, overLimit: false },
    });
    const table = scaleTable([size("seed", 6, 10), size("scaled", 2006, 12)]);
    expect(table).toMatch(/\| stories +\| 6 +\| 2,006 +\| 334\.33× +\|/);
    expect(table).toMatch(/p50 1\.20×/);
    expect(table).toContain("2,056 URLs");
    const failed = scaleTable([
      size("seed", 6, 10),
      { ...size("scaled", 2006, 12), buildError: "failed: /partners/AUS", buildSeconds: Number.NaN, urls: [], sitemap: null },
    ]);
    expect(failed).toMatch(/\| next build +\| 1 s +\| failed: \/partners\/AUS +\| – +\|/);
  });

  it("names the pages a failed build could not prerender", () => {
    const log = [
      "Failed to build /(site)/partners/[code]/page: /partners/AUS (attempt 1 of 3) because it took more than 60 seconds. Retrying again shortly.",
      "Failed to build /(site)/partners/[code]/page: /partners/AUS (attempt 2 of 3) because it took more than 60 seconds. Retrying again shortly.",
      "Failed to build /(site)/page: / (attempt 1 of 3) because it took more than 60 seconds. Retrying again shortly.",
    ].join("\n");
    expect(buildFailure(new Error(log))).toBe("failed: /partners/AUS, / took more than 60 seconds to prerender");
    expect(buildFailure(new Error("build failed\nType error: x"))).toBe("failed: Type error: x");
  });
});

describe("alternating rounds and the proxy's counters", () => {
  it("takes the median of each figure over the rounds", async () => {
    const { medianOf } = await import("@/bench/lib/rounds");
    const round = (rps: number, cpu: number) => ({ ...load(rps), cpuMsPerRequest: cpu, loadavg1: 2 });
    const m = medianOf([round(100, 1.2), round(300, 0.8), round(200, 1.0)]);
    expect(m.rps).toBe(200);
    expect(m.cpuMsPerRequest).toBe(1.0);
    expect(m.requests).toBe(6000);
  });

  it("judges 'not slower' and 'on par' on CPU per request", () => {
    const rounds = (cpu: number) => {
      const r = { ...load(1000), cpuMsPerRequest: cpu, loadavg1: 1 };
      return { rounds: [r], median: r };
    };
    const urls = [
      {
        name: "front",
        path: "/",
        status: 200,
        load: rounds(0.6).median,
        baseline: rounds(0.6).median,
        rounds: { now: rounds(0.6), before: rounds(0.6), plain: { ...rounds(0.5), path: "/front.html" } },
      },
      {
        name: "tracker",
        path: "/t",
        status: 200,
        load: rounds(0.9).median,
        baseline: rounds(0.6).median,
        rounds: { now: rounds(0.9), before: rounds(0.6) },
      },
    ];
    const j = judge(report({ urls }));
    expect(j.find((x) => x.target.startsWith("no page type slower"))).toMatchObject({ met: false, value: "slower: tracker" });
    expect(j.find((x) => x.target.startsWith("front on par"))).toMatchObject({ met: false, value: "1.20× its CPU per request" });
    const table = reportTable(report({ urls }));
    expect(table).toContain("1.50× its CPU/req");
    expect(table).toMatch(/plain `next start`, static file of the front's bytes `\/front\.html`/);
  });

  it("counts what Varnish served from its cache and what reached an app process", async () => {
    const { varnishDelta } = await import("@/bench/lib/cluster-run");
    const before = { "MAIN.cache_hit": 10, "MAIN.cache_miss": 2, "MAIN.backend_req": 2 };
    const after = { "MAIN.cache_hit": 1010, "MAIN.cache_miss": 3, "MAIN.cache_hitpass": 4, "MAIN.backend_req": 7, "MAIN.sess_queued": 1 };
    expect(varnishDelta(before, after)).toEqual({ hits: 1000, misses: 1, passes: 4, backendRequests: 5, queued: 1, dropped: 0 });
  });
});
