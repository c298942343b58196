/** Facts about the run (machine, commit) and small helpers shared by the default and --scale runs. */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, freemem, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { get } from "./http";
import { load, type Tool } from "./load";

function git(args: string[]): string {
  try {
    return execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "";
  }
}

export function machine() {
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model.trim() ?? "unknown",
    memoryBytes: totalmem(),
    freeBytesAtStart: freemem(),
    loadavgAtStart: loadavg(),
    platform: `${process.platform} ${process.arch}`,
  };
}

export function commitInfo() {
  return {
    commit: git(["rev-parse", "--short=12", "HEAD"]) || "unknown",
    dirty: git(["status", "--porcelain", "--untracked-files=no"]) !== "",
  };
}

export function writeResult(name: string, data: unknown): string {
  const dir = join(process.cwd(), "bench", "results");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  return file;
}

/** Warms a URL (JIT, caches) with a short light load. */
export async function warm(tool: Tool, url: string, seconds: number, headers?: Record<string, string>) {
  for (let i = 0; i < 5; i++) await (await get(url, { headers })).arrayBuffer();
  await load(tool, url, { connections: 10, seconds, headers });
}
