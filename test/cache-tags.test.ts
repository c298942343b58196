/**
 * Reads and writes agree on cache tags. Reads declare tags with `cacheTag(...)` inside the cached
 * loaders of db/queries; writes name the tags to expire in the server actions of app/(admin)
 * (returned to lib/auth/action.ts). A write that expires a tag no read declares does nothing; a
 * read that declares a tag no write expires is never refreshed by a save. This test scans both
 * sides' source for the kinds of tag they use (the keys of `tags` in lib/cache-tags.ts) and fails
 * on any kind found on one side only, or on a name that is not a kind.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import * as cacheTags from "@/lib/cache-tags";

const ROOT = join(__dirname, "..");
const KINDS = Object.keys(cacheTags.tags) as (keyof typeof cacheTags.tags)[];

/** The kind a concrete tag string belongs to ("figures:KOR" → "figures"), or null. */
function kindOf(tag: string): string | null {
  for (const k of KINDS) {
    const t = cacheTags.tags[k];
    if (typeof t === "string" ? t === tag : tag.startsWith(t("").replace(/$/, ""))) return k;
  }
  return null;
}

/** The argument text of every call to `fn(` in `src`, parentheses balanced. */
export function callArguments(src: string, fn: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`\\b${fn}\\(`, "g");
  for (let m = re.exec(src); m; m = re.exec(src)) {
    let depth = 1;
    let i = m.index + m[0].length;
    const start = i;
    for (; i < src.length && depth > 0; i++) {
      if (src[i] === "(") depth++;
      else if (src[i] === ")") depth--;
    }
    out.push(src.slice(start, i - 1));
  }
  return out;
}

/**
 * Kinds named in a piece of source: `tags.figures(...)`, `tags.allFigures`, `sourceTags(...)` (the
 * source kind), and identifiers spread into the call, followed through `const X = Y` in the same
 * file to arrays exported by lib/cache-tags.ts.
 */
export function kindsIn(text: string, file: string, problems: string[]): Set<string> {
  const kinds = new Set<string>();
  for (const m of text.matchAll(/\btags\.(\w+)/g)) {
    if ((KINDS as string[]).includes(m[1]!)) kinds.add(m[1]!);
    else problems.push(`unknown tag kind tags.${m[1]} in ${file}`);
  }
  if (/\bsourceTags\(/.test(text)) kinds.add("source");
  return kinds;
}

function spreadKinds(args: string, src: string, file: string, problems: string[]): Set<string> {
  const kinds = kindsIn(args, file, problems);
  // Spreads at the top level of the call only: `...sourceTags([...rows])` is a call, its inside is data.
  let topLevel = args;
  for (let prev = ""; prev !== topLevel;) {
    prev = topLevel;
    topLevel = topLevel.replace(/\([^()]*\)/g, "§");
  }
  for (const m of topLevel.matchAll(/\.\.\.([A-Za-z_]\w*)\b(?!\s*[(.§])/g)) {
    let name = m[1]!;
    for (let hops = 0; hops < 3; hops++) {
      const local = new RegExp(`const ${name}\\s*=\\s*([A-Za-z_]\\w*)\\s*;`).exec(src);
      if (!local) break;
      name = local[1]!;
    }
    const exported = (cacheTags as Record<string, unknown>)[name];
    if (!Array.isArray(exported)) {
      problems.push(`cannot tell which tags ...${m[1]} holds in ${file}`);
      continue;
    }
    for (const tag of exported) {
      const k = typeof tag === "string" ? kindOf(tag) : null;
      if (k) kinds.add(k);
      else problems.push(`${name} holds ${String(tag)}, which is no tag kind (${file})`);
    }
  }
  return kinds;
}

export type Side = { kinds: Map<string, string[]>; problems: string[] };

/** The kinds declared by `cacheTag(...)` calls in query files. */
export function readSide(files: { path: string; src: string }[]): Side {
  const kinds = new Map<string, string[]>();
  const problems: string[] = [];
  for (const { path, src } of files) {
    for (const args of callArguments(src, "cacheTag")) {
      for (const k of spreadKinds(args, src, path, problems)) kinds.set(k, [...(kinds.get(k) ?? []), path]);
    }
  }
  return { kinds, problems };
}

/** The kinds named by server-action files (every `tags.X` there is a tag the action expires). */
export function writeSide(files: { path: string; src: string }[]): Side {
  const kinds = new Map<string, string[]>();
  const problems: string[] = [];
  for (const { path, src } of files) {
    for (const k of kindsIn(src, path, problems)) kinds.set(k, [...(kinds.get(k) ?? []), path]);
  }
  return { kinds, problems };
}

/** Kinds declared but never expired, and expired but never declared. */
export function mismatches(reads: Side, writes: Side): string[] {
  const out = [...reads.problems, ...writes.problems];
  for (const [k, where] of reads.kinds) if (!writes.kinds.has(k)) out.push(`reads declare ${k} (${where[0]}) but no write expires it`);
  for (const [k, where] of writes.kinds) if (!reads.kinds.has(k)) out.push(`writes expire ${k} (${where[0]}) but no read declares it`);
  return out;
}

function filesUnder(dir: string, match: (name: string) => boolean): { path: string; src: string }[] {
  const out: { path: string; src: string }[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full, match));
    else if (match(name)) out.push({ path: relative(ROOT, full), src: readFileSync(full, "utf8") });
  }
  return out;
}

const queryFiles = () => filesUnder(join(ROOT, "db", "queries"), (n) => n.endsWith(".ts"));
const actionFiles = () => filesUnder(join(ROOT, "app", "(admin)"), (n) => n === "actions.ts");

describe("cache tags", () => {
  it("every tag kind a read declares is expired by some write, and every kind a write expires is declared by some read", () => {
    const reads = readSide(queryFiles());
    const writes = writeSide(actionFiles());
    expect(mismatches(reads, writes)).toEqual([]);
    // The scan found both sides (a renamed folder would otherwise pass on nothing).
    expect(reads.kinds.size).toBeGreaterThanOrEqual(5);
    expect([...reads.kinds.keys()].sort()).toEqual([...KINDS].sort());
  });

  it("catches a write expiring a tag no read declares, and a read declaring a tag no write expires", () => {
    const reads = readSide([
      { path: "db/queries/a.ts", src: `async function a() { "use cache"; cacheTag(tags.figures(code), ...sourceTags(rows)); }` },
      { path: "db/queries/b.ts", src: `async function b() { "use cache"; cacheTag(tags.allUpdates); }` },
    ]);
    const writes = writeSide([
      { path: "app/(admin)/x/actions.ts", src: `return { tags: [tags.figures(c), tags.source(s), tags.allAgreements] };` },
    ]);
    expect(mismatches(reads, writes)).toEqual([
      "reads declare allUpdates (db/queries/b.ts) but no write expires it",
      "writes expire allAgreements (app/(admin)/x/actions.ts) but no read declares it",
    ]);
  });

  it("follows spread constants to the lists of lib/cache-tags.ts, and refuses names it cannot resolve", () => {
    const problems: string[] = [];
    const src = `const SEARCH_TAGS = searchTags;\nasync function s() { "use cache"; cacheTag(...SEARCH_TAGS); cacheTag(...mystery); cacheTag(tags.nonsense); }`;
    const reads = readSide([{ path: "db/queries/s.ts", src }]);
    problems.push(...reads.problems);
    expect([...reads.kinds.keys()].sort()).toEqual(["allAgreements", "allUpdates"]);
    expect(problems).toEqual([
      "cannot tell which tags ...mystery holds in db/queries/s.ts",
      "unknown tag kind tags.nonsense in db/queries/s.ts",
    ]);
  });

  it("reads declare tags only inside cached loaders", () => {
    for (const { path, src } of queryFiles()) {
      if (!src.includes("cacheTag(")) continue;
      expect(src, `${path} declares cache tags but has no 'use cache' function`).toMatch(/["']use cache["']/);
    }
  });
});
