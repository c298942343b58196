import { afterEach, describe, expect, it, vi } from "vitest";
import { collector, idleRelease, mallocTrim } from "@/lib/memory/idle-release.mjs";

afterEach(() => {
  vi.useRealTimers();
});

describe("memory given back after a burst (lib/memory/idle-release.mjs, server.mjs)", () => {
  it("collects garbage and trims the C heap once the process has been quiet, once per burst", () => {
    vi.useFakeTimers();
    const gc = vi.fn();
    const trim = vi.fn();
    const idle = idleRelease({ quietMs: 1000, gc, trim });
    // A burst: overlapping requests.
    idle.begin();
    idle.begin();
    idle.end();
    vi.advanceTimersByTime(5000);
    expect(gc).not.toHaveBeenCalled(); // one still in flight
    idle.end();
    vi.advanceTimersByTime(999);
    expect(gc).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(gc).toHaveBeenCalledTimes(2);
    expect(trim).toHaveBeenCalledTimes(1);
    expect(idle.state.releases).toBe(1);
    // Nothing served since: nothing to give back.
    vi.advanceTimersByTime(10_000);
    expect(idle.state.releases).toBe(1);
  });

  it("waits while requests keep arriving", () => {
    vi.useFakeTimers();
    const gc = vi.fn();
    const idle = idleRelease({ quietMs: 1000, gc, trim: null });
    for (let i = 0; i < 20; i++) {
      idle.begin();
      idle.end();
      vi.advanceTimersByTime(500);
    }
    expect(gc).not.toHaveBeenCalled();
    vi.advanceTimersByTime(500);
    expect(gc).toHaveBeenCalledTimes(2);
  });

  it("is off with quietMs 0, and when neither the collector nor the trim can be had", () => {
    vi.useFakeTimers();
    const gc = vi.fn();
    const off = idleRelease({ quietMs: 0, gc, trim: null });
    off.begin();
    off.end();
    vi.advanceTimersByTime(10_000);
    expect(gc).not.toHaveBeenCalled();
    expect(off.state.enabled).toBe(false);
    expect(idleRelease({ quietMs: 1000, gc: null, trim: null }).state.enabled).toBe(false);
  });

  it("reaches V8's collector and, on glibc, malloc_trim", () => {
    const gc = collector();
    expect(typeof gc).toBe("function");
    gc!();
    const trim = mallocTrim();
    const report = process.report.getReport() as { header?: { glibcVersionRuntime?: string } };
    if (process.platform === "linux" && report.header?.glibcVersionRuntime) {
      expect(typeof trim).toBe("function");
      expect([0, 1]).toContain(trim!());
    }
  });
});
