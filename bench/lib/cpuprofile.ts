/** Where a server's CPU time went, from a V8 .cpuprofile: self time summed by kind of work. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const CallFrame = z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number(), columnNumber: z.number() });
const Profile = z.object({
  nodes: z.array(z.object({ id: z.number(), callFrame: CallFrame, children: z.array(z.number()).optional() })),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});
type Frame = z.infer<typeof CallFrame>;

const sources = new Map<string, string[]>();
/** Is this frame Next's FNV-1a hash (bundled, minified: recognised by its multiplier 435)? */
function isFnvHash(f: Frame): boolean {
  if (!f.url.startsWith("file://") || f.lineNumber < 0) return false;
  let lines = sources.get(f.url);
  if (!lines) {
    try {
      lines = readFileSync(fileURLToPath(f.url), "utf8").split("\n");
    } catch {
      lines = [];
    }
    sources.set(f.url, lines);
  }
  const text = lines[f.lineNumber]?.slice(f.columnNumber, f.columnNumber + 300) ?? "";
  return /charCodeAt/.test(text) && /435\*/.test(text);
}

/** First rule whose test matches the stack (leaf first) names the work. */
const RULES: [string, (stack: Frame[]) => boolean][] = [
  ["garbage collection", (s) => s[0]!.functionName === "(garbage collector)"],
  // Next hashes the whole HTML (FNV-1a, one character at a time) for the ETag of every response.
  ["ETag hash of the HTML", (s) => isFnvHash(s[0]!)],
  ["HTML buffer → string, byte length", (s) => s.slice(0, 3).some((f) => /toUnchunkedString|byteLength/.test(f.functionName))],
  [
    "socket writes",
    (s) => s.slice(0, 3).some((f) => /^(writev|writevGeneric|writeGeneric|writeBuffer|writeUtf8String)$/.test(f.functionName)),
  ],
  [
    "routing, rewrites and header rules",
    (s) => s.some((f) => /resolve-routes|router-utils|prepare-destination|path-to-regexp/.test(f.url)),
  ],
  ["node:http parsing and headers", (s) => s.some((f) => f.url.startsWith("node:_http"))],
  ["other Next.js request handling", (s) => s.some((f) => f.url.includes("next/dist") || f.url.includes(".next/server"))],
];

export function summarizeProfile(json: unknown): { busyMs: number; shares: { work: string; share: number }[] } {
  const p = Profile.parse(json);
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const totals = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of self) {
    const stack: Frame[] = [];
    for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) stack.push(byId.get(x)!.callFrame);
    if (["(idle)", "(program)", "(root)"].includes(stack[0]!.functionName)) continue;
    busy += us;
    const work = RULES.find(([, test]) => test(stack))?.[0] ?? "other (node internals, promises)";
    totals.set(work, (totals.get(work) ?? 0) + us);
  }
  return {
    busyMs: busy / 1000,
    shares: [...totals].sort((a, b) => b[1] - a[1]).map(([work, us]) => ({ work, share: busy ? us / busy : 0 })),
  };
}
