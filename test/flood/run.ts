/**
 * `npm run test:flood`: the sign-in flood (test/flood/flood.ts) on its own production server and
 * database: 2,000 wrong-password sign-ins from 64 parallel clients, sprayed over 200 accounts from
 * 2,000 addresses as if through the cluster's proxy (TRUST_PROXY_HOPS=1), while 20 readers load
 * the front page; the same readers alone first. About a minute after the build, on loopback only.
 * Prints the figures and a PASS/FAIL table; exits 1 if an answer was wrong (the readers' p99 ratio
 * is a measurement, printed as met or missed: timing targets are not test assertions).
 *
 * Environment: FLOOD_PORT (default 3250), FLOOD_SKIP_BUILD=1 (reuse .next), FLOOD_ATTEMPTS,
 * FLOOD_CLIENTS, FLOOD_READERS, FLOOD_BASELINE_SECONDS, FLOOD_KEEP=1 (keep the temporary folder).
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build, createUser, setupDb, start, type AppEnv } from "../../bench/lib/app";
import { table } from "../faults/protocol";
import { floodChecks, floodRows, signInFlood, untrustedChecks } from "./flood";
import { THROTTLE } from "@/lib/auth/limits";

const dir = mkdtempSync(join(tmpdir(), "ctm-flood-"));
const app: AppEnv = {
  projectDir: process.cwd(),
  dbPath: join(dir, "portal.db"),
  port: Number(process.env.FLOOD_PORT ?? 3250),
  logDir: dir,
};
const EDITOR = { email: "flood.editor@example.org", name: "Flood Editor", password: "the flood editor's long passphrase" };
const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

async function main(): Promise<number> {
  console.log(`sign-in flood: folder ${dir}, port ${app.port}`);
  await setupDb(app);
  if (process.env.FLOOD_SKIP_BUILD) {
    if (!existsSync(".next/BUILD_ID")) throw new Error("FLOOD_SKIP_BUILD is set but there is no .next build");
  } else {
    console.log(`built in ${((await build(app)) / 1000).toFixed(0)} s`);
  }
  await createUser(app, EDITOR.email, EDITOR.name, "editor", EDITOR.password);
  const server = await start(app, [], { TRUST_PROXY_HOPS: "1" });
  try {
    const r = await signInFlood({
      base: server.url,
      editor: EDITOR,
      attempts: num("FLOOD_ATTEMPTS", 2000),
      clients: num("FLOOD_CLIENTS", 64),
      readers: num("FLOOD_READERS", 20),
      baselineSeconds: num("FLOOD_BASELINE_SECONDS", 10),
      log: (l) => console.log(l),
    });
    const checks = floodChecks(r, await untrustedChecks(`file:${app.dbPath}`), THROTTLE.free.everyone);
    console.log(`\n${table(["measure", "value"], floodRows(r))}`);
    console.log(
      `\n${table(
        ["check", "result", "detail"],
        checks.map((c) => [c.name, c.pass ? "PASS" : "FAIL", c.detail]),
      )}`,
    );
    return checks.every((c) => c.pass) ? 0 : 1;
  } finally {
    await server.stop();
  }
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(`sign-in flood: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
}
if (process.env.FLOOD_KEEP || code !== 0) console.log(`kept ${dir}`);
else rmSync(dir, { recursive: true, force: true });
process.exit(code);
