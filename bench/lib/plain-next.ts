/**
 * The comparison the issue asks for: a plain `next start` serving a static file of the same bytes
 * as our front page and story. A throwaway Next app (one trivial page, the two files in public/)
 * in a temporary folder, with this project's node_modules hard-linked in, built and served on 127.0.0.1.
 * Next serves public/ files from disk with its own static-file handler: the least work `next start`
 * does for a page of that size.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build, type AppEnv } from "./app";
import { spawnServer, type Server } from "./app";

export type PlainNext = { server: Server; paths: Record<string, string> };

/** Builds the throwaway app in `dir` with `files` (name → bytes) in public/, and serves it on `port`. */
export async function plainNext(projectDir: string, dir: string, port: number, files: Record<string, Buffer>): Promise<PlainNext> {
  mkdirSync(join(dir, "app"), { recursive: true });
  mkdirSync(join(dir, "public"), { recursive: true });
  // Hard links, as bench/lib/scale.ts does: Turbopack refuses a symlink leading outside the app.
  try {
    execFileSync("cp", ["-al", join(projectDir, "node_modules"), join(dir, "node_modules")], { stdio: "ignore" });
  } catch {
    rmSync(join(dir, "node_modules"), { recursive: true, force: true });
    execFileSync("cp", ["-a", join(projectDir, "node_modules"), join(dir, "node_modules")], { stdio: "ignore" });
  }
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "plain-next", private: true, type: "module" }));
  writeFileSync(join(dir, "next.config.mjs"), "export default { poweredByHeader: false };\n");
  writeFileSync(
    join(dir, "app", "layout.js"),
    'export default function Layout({ children }) { return <html lang="en"><body>{children}</body></html>; }\n',
  );
  writeFileSync(join(dir, "app", "page.js"), "export default function Page() { return <p>plain</p>; }\n");
  const paths: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(files)) {
    writeFileSync(join(dir, "public", `${name}.html`), bytes);
    paths[name] = `/${name}.html`;
  }
  const app: AppEnv = { projectDir: dir, dbPath: join(dir, "unused.db"), port, logDir: join(dir, "logs") };
  await build(app);
  const server = await spawnServer(app, [
    join(projectDir, "node_modules", "next", "dist", "bin", "next"),
    "start",
    "-H",
    "127.0.0.1",
    "-p",
    String(port),
  ]);
  return { server, paths };
}
