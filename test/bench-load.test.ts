import { describe, expect, it } from "vitest";
import { parseAutocannon, parseWrk, parseWrkDuration } from "@/bench/lib/load";

// Output of `wrk -t1 -c50 -d3s --timeout 10s --latency URL` (wrk 4.1, Debian).
const WRK = `Running 3s test @ http://127.0.0.1:3230/articles/ckfta-explainer
  1 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    48.31ms   10.07ms 143.52ms   83.41%
    Req/Sec     1.04k    91.18     1.21k    73.33%
  Latency Distribution
     50%   46.12ms
     75%   51.07ms
     90%   59.73ms
     99%    1.02s
  3108 requests in 3.01s, 250.97MB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 7
Requests/sec:   1032.74
Transfer/sec:     83.39MB
`;

describe("wrk output", () => {
  it("reads durations in every unit wrk prints", () => {
    expect(parseWrkDuration("812.00us")).toBeCloseTo(0.812, 10);
    expect(parseWrkDuration("9.80ms")).toBe(9.8);
    expect(parseWrkDuration("1.02s")).toBe(1020);
    expect(parseWrkDuration("2.00m")).toBe(120_000);
    expect(() => parseWrkDuration("fast")).toThrow(/unrecognised/);
  });

  it("reads requests, rate, percentiles and failures", () => {
    expect(parseWrk(WRK)).toEqual({ requests: 3108, seconds: 3.01, rps: 1032.74, p50Ms: 46.12, p99Ms: 1020, non2xx: 7, errors: 5 });
  });

  it("counts no failures when wrk prints none", () => {
    const clean = WRK.replace(/ {2}Socket errors.*\n/, "").replace(/ {2}Non-2xx.*\n/, "");
    expect(parseWrk(clean)).toMatchObject({ non2xx: 0, errors: 0 });
  });

  it("fails loudly on output without a latency distribution", () => {
    expect(() => parseWrk(WRK.replace(/ {5}99%.*\n/, ""))).toThrow(/99% latency/);
  });
});

describe("autocannon output", () => {
  it("reads the JSON summary", () => {
    const json = JSON.stringify({
      latency: { p50: 12, p99: 80, average: 14 },
      requests: { average: 995.5, total: 3000 },
      duration: 3.02,
      non2xx: 1,
      errors: 2,
      timeouts: 1,
    });
    const r = parseAutocannon(json);
    expect(r).toMatchObject({ requests: 3000, seconds: 3.02, p50Ms: 12, p99Ms: 80, non2xx: 1, errors: 3 });
    expect(r.rps).toBeCloseTo(3000 / 3.02, 10);
  });

  it("refuses output that is not autocannon's", () => {
    expect(() => parseAutocannon("{}")).toThrow();
  });
});
