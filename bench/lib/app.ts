/** The app under test: its own database, a production build, and the production server (`npm start`: server.mjs) on 127.0.0.1. */
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * `databaseUrl` (postgres://…) runs the app on PostgreSQL instead of the SQLite file at `dbPath`;
 * `env` adds variables (AUTH_SECRET, which PostgreSQL requires).
 */
export type AppEnv = {
  projectDir: string;
  dbPath: string;
  port: number;
  logDir: string;
  databaseUrl?: string;
  env?: Record<string, string>;
};

/** The DATABASE_URL the app runs on. */
export const databaseUrlOf = (app: AppEnv) => app.databaseUrl ?? `file:${app.dbPath}`;

function envFor(app: AppEnv): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...app.env,
    DATABASE_URL: databaseUrlOf(app),
    SITE_URL: `http://127.0.0.1:${app.port}`,
    NEXT_TELEMETRY_DISABLED: "1",
  };
}

const bin = (app: AppEnv, name: string) => join(app.projectDir, "node_modules", ".bin", name);

/** Runs a command to completion with its output in logDir/<log>.log; throws with the log's tail. */
export function runLogged(app: AppEnv, log: string, cmd: string, args: string[], extraEnv: Record<string, string> = {}): Promise<number> {
  mkdirSync(app.logDir, { recursive: true });
  const file = join(app.logDir, `${log}.log`);
  const fd = openSync(file, "w");
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: app.projectDir, env: { ...envFor(app), ...extraEnv }, stdio: ["ignore", fd, fd] });
    child.on("error", reject);
    child.on("exit", (code) => {
      closeSync(fd);
      if (code === 0) return resolve(performance.now() - start);
      const tail = readFileSync(file, "utf8").split("\n").slice(-40).join("\n");
      reject(new Error(`${log} failed (exit ${code}); see ${file}:\n${tail}`));
    });
  });
}

/** Migrate, seed and index a fresh database (db/setup.ts, as `npm run db:setup` does). */
export function setupDb(app: AppEnv): Promise<number> {
  return runLogged(app, "db-setup", bin(app, "tsx"), ["db/setup.ts"]);
}

/** `next build`; resolves to the wall time in ms. */
export function build(app: AppEnv): Promise<number> {
  return runLogged(app, "build", bin(app, "next"), ["build"]);
}

/** `npm run user:create` against this database, password on stdin. */
export function createUser(app: AppEnv, email: string, name: string, role: "editor" | "admin", password: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      bin(app, "tsx"),
      ["--conditions=react-server", "scripts/user-create.ts", "--email", email, "--name", name, "--role", role],
      {
        cwd: app.projectDir,
        env: envFor(app),
        stdio: ["pipe", "ignore", "pipe"],
      },
    );
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`user:create failed: ${err}`))));
    child.stdin.end(password);
  });
}

export type Server = { pid: number; url: string; stop: () => Promise<void> };

/**
 * `node server.mjs -H 127.0.0.1 -p PORT` (what `npm start` runs; `next start` for a tree without server.mjs, such as the
 * baseline's) in its own process group; waits until / answers 200.
 * `nodeArgs` go to node itself (e.g. `--cpu-prof`, which NODE_OPTIONS refuses).
 */
export function start(app: AppEnv, nodeArgs: string[] = [], extraEnv: Record<string, string> = {}): Promise<Server> {
  // A tree from before server.mjs (the baseline build) is served as `npm start` served it then: `next start`.
  const entry = existsSync(join(app.projectDir, "server.mjs"))
    ? [join(app.projectDir, "server.mjs")]
    : [join(app.projectDir, "node_modules", "next", "dist", "bin", "next"), "start"];
  return spawnServer(app, [...nodeArgs, ...entry, "-H", "127.0.0.1", "-p", String(app.port)], extraEnv);
}

/** `node ARGS…` in the app's folder and its own process group; waits until / answers 200. */
export async function spawnServer(app: AppEnv, args: string[], extraEnv: Record<string, string> = {}): Promise<Server> {
  mkdirSync(app.logDir, { recursive: true });
  const fd = openSync(join(app.logDir, "server.log"), "a");
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: app.projectDir,
    env: { ...envFor(app), ...extraEnv },
    stdio: ["ignore", fd, fd],
    detached: true,
  });
  closeSync(fd);
  const pid = child.pid;
  if (pid === undefined) throw new Error("the server did not start");
  let exited = false;
  child.on("exit", () => (exited = true));
  const stop = async () => {
    if (exited) return;
    const gone = new Promise<void>((r) => child.once("exit", () => r()));
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }, 5000);
    await gone;
    clearTimeout(timer);
  };
  const url = `http://127.0.0.1:${app.port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exited) throw new Error(`the server exited early; see ${join(app.logDir, "server.log")}`);
    try {
      const res = await fetch(`${url}/`);
      await res.arrayBuffer();
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error("the server did not answer within 90 s");
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { pid, url, stop };
}
