/**
 * The build before this change, as a baseline measured in the same run: the tree of BASELINE_COMMIT
 * (`git archive`, no worktree registered), with this project's node_modules hard-linked, its own
 * database, built once and kept in the temporary folder for later runs (BENCH_BASELINE_DIR).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build, setupDb, type AppEnv } from "./app";

/** The last commit before the serving layer was rebuilt (issue 9). */
export const BASELINE_COMMIT = process.env.BENCH_BASELINE_COMMIT ?? "3084587";

export async function prepareBaseline(port: number, log: (s: string) => void): Promise<AppEnv> {
  const dir = process.env.BENCH_BASELINE_DIR ?? join(tmpdir(), `ctm-bench-baseline-${BASELINE_COMMIT}`);
  const app: AppEnv = { projectDir: dir, dbPath: join(dir, "bench-data", "portal.db"), port, logDir: join(dir, "bench-logs") };
  if (existsSync(join(dir, ".next", "BUILD_ID"))) {
    log(`baseline ${BASELINE_COMMIT}: reusing the build in ${dir}`);
  } else {
    log(`baseline ${BASELINE_COMMIT}: extracting the tree into ${dir} and building it once…`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const archive = spawnSync("git", ["archive", "--format=tar", BASELINE_COMMIT], { maxBuffer: 1 << 30 });
    if (archive.status !== 0) throw new Error(`git archive ${BASELINE_COMMIT} failed: ${archive.stderr.toString()}`);
    execFileSync("tar", ["-x", "-C", dir], { input: archive.stdout });
    try {
      execFileSync("cp", ["-al", join(process.cwd(), "node_modules"), join(dir, "node_modules")], { stdio: "ignore" });
    } catch {
      rmSync(join(dir, "node_modules"), { recursive: true, force: true });
      execFileSync("cp", ["-a", join(process.cwd(), "node_modules"), join(dir, "node_modules")], { stdio: "ignore" });
    }
  }
  // A fresh database each run, like the current build's.
  rmSync(join(dir, "bench-data"), { recursive: true, force: true });
  await setupDb(app);
  if (!existsSync(join(dir, ".next", "BUILD_ID"))) {
    const ms = await build(app);
    log(`baseline built in ${(ms / 1000).toFixed(0)} s`);
  }
  return app;
}
