import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { summarizeProfile } from "@/bench/lib/cpuprofile";

const dir = mkdtempSync(join(tmpdir(), "ctm-cpuprofile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("summarizeProfile", () => {
  it("sums self time by kind of work, leaving idle time out", () => {
    // A bundled chunk whose line 1 holds a minified FNV-1a hash, as Next's ETag code does.
    const chunk = join(dir, "chunk.js");
    writeFileSync(
      chunk,
      `"use strict";\nlet h=a=>{let b=a.length,c=0,e=8997;for(;c<b;)e^=a.charCodeAt(c++),d=435*e;return e};\nfunction d(a){return h(a)}\n`,
    );
    const url = pathToFileURL(chunk).href;
    const frame = (functionName: string, u = "", lineNumber = -1, columnNumber = -1) => ({
      functionName,
      url: u,
      lineNumber,
      columnNumber,
    });
    const profile = {
      nodes: [
        { id: 1, callFrame: frame("(root)"), children: [2, 3, 4, 5] },
        { id: 2, callFrame: frame("(idle)") },
        { id: 3, callFrame: frame("d", url, 2, 0), children: [6] },
        { id: 4, callFrame: frame("(garbage collector)") },
        { id: 5, callFrame: frame("writev") },
        { id: 6, callFrame: frame("", url, 1, 6) },
      ],
      samples: [2, 6, 6, 4, 5, 3],
      timeDeltas: [5000, 1000, 1000, 1000, 500, 500],
    };
    const { busyMs, shares } = summarizeProfile(profile);
    expect(busyMs).toBe(4);
    expect(shares).toEqual([
      { work: "ETag hash of the HTML", share: 0.5 },
      { work: "garbage collection", share: 0.25 },
      { work: "socket writes", share: 0.125 },
      { work: "other (node internals, promises)", share: 0.125 },
    ]);
  });

  it("refuses a file that is not a CPU profile", () => {
    expect(() => summarizeProfile({ nodes: [] })).toThrow();
  });
});
