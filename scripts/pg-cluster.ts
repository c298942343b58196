/**
 * A throwaway PostgreSQL 15 cluster on loopback, for tests, the benchmark and trying the portal on
 * PostgreSQL. It installs Debian's `postgresql` + `postgresql-contrib` when the server binaries are
 * missing (as root), runs the server as an ordinary OS user (PostgreSQL refuses root: as root it
 * uses the `postgres` user, or creates `ctm-pg`), initdb's its own folder, listens on 127.0.0.1:PORT
 * and on a Unix socket in that folder, with fsync on, creates a database and hands back its
 * postgres:// URL. `stop()` ends exactly that server (pg_ctl on its own data folder) and deletes
 * the folder. A watchdog process does the same if the process that started it dies without
 * stopping it (a crashed or killed test run), and SIGINT/SIGTERM stop it too.
 *
 *   npx tsx scripts/pg-cluster.ts [--port 5432] [--dir /tmp/ctm-pg] [--database ctm]
 *
 * starts one in the foreground, prints DATABASE_URL=… and stops it on Ctrl-C.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { appendFileSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

export const PG_VERSION = 15;
export const PG_BIN = `/usr/lib/postgresql/${PG_VERSION}/bin`;
/** The cluster's superuser (trust authentication on loopback and the socket only). */
export const PG_SUPERUSER = "postgres";

export type Cluster = {
  /** postgres://postgres@127.0.0.1:PORT/DATABASE */
  url: string;
  port: number;
  database: string;
  /** Data folder; the Unix socket lives here too. */
  dir: string;
  /** Connection URL for another database in the same cluster. */
  urlFor(database: string): string;
  /** Creates an empty database (UTF-8, C.UTF-8 collation: text sorts as SQLite's BINARY does) and returns its URL. */
  createDatabase(name: string): string;
  dropDatabase(name: string): void;
  /** Stops the server (fast shutdown) and removes its folder. Safe to call twice. */
  stop(): void;
  /** Kills the server as a crash would (SIGKILL to the postmaster), leaving the folder for a restart. */
  crash(): void;
  /** Starts the server again on the same folder and port (after `crash` or `stop({ keep: true })`). */
  restart(): void;
};

export type ClusterOptions = {
  /** TCP port on 127.0.0.1; default: a free one. */
  port?: number;
  /** Data folder; default: a new folder under the system temp folder. It must not exist or be empty. */
  dir?: string;
  /** Database to create; default `ctm`. */
  database?: string;
  /** Stop the cluster when this process exits without stopping it (default true). */
  watchdog?: boolean;
  /**
   * Stop the cluster on SIGINT/SIGTERM and then end this process with that signal (default true).
   * Off for callers that stop what they run in their own order on a signal (e2e/serve.ts stops its
   * app servers first); stopping on exit and the watchdog still apply.
   */
  signals?: boolean;
  log?: (line: string) => void;
};

const isRoot = () => process.getuid?.() === 0;

/** The server binaries, installing Debian's packages first when they are missing and we are root. */
export function serverBinaries(log: (line: string) => void = () => {}): string {
  if (existsSync(join(PG_BIN, "initdb")) && existsSync(join(PG_BIN, "pg_ctl"))) return PG_BIN;
  if (!isRoot()) {
    throw new Error(`PostgreSQL ${PG_VERSION} is not installed (${PG_BIN}); as root: apt-get install -y postgresql postgresql-contrib`);
  }
  log(`installing Debian's postgresql and postgresql-contrib (${PG_BIN} missing)`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  // Debian would create and start a cluster of its own on 5432; this harness never uses one.
  mkdirSync("/etc/postgresql-common", { recursive: true });
  const conf = "/etc/postgresql-common/createcluster.conf";
  if (!existsSync(conf) || !/^create_main_cluster/m.test(readFileSync(conf, "utf8"))) appendFileSync(conf, "create_main_cluster = false\n");
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-qq", "postgresql", "postgresql-contrib"], { stdio: "inherit", env });
  if (!existsSync(join(PG_BIN, "initdb"))) throw new Error(`apt-get installed PostgreSQL, but ${PG_BIN}/initdb is still missing`);
  return PG_BIN;
}

/** The OS user the server runs as: ourselves, or (as root) `postgres`, or a `ctm-pg` user made for the purpose. */
function serverUser(log: (line: string) => void): { name: string; uid: number; gid: number } | null {
  if (!isRoot()) return null;
  for (const name of ["postgres", "ctm-pg"]) {
    const id = spawnSync("id", ["-u", name], { encoding: "utf8" });
    if (id.status === 0) {
      const gid = Number(execFileSync("id", ["-g", name], { encoding: "utf8" }).trim());
      return { name, uid: Number(id.stdout.trim()), gid };
    }
  }
  log("creating the system user ctm-pg to run PostgreSQL (it refuses to run as root)");
  execFileSync("useradd", ["--system", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", "ctm-pg"]);
  return serverUser(log);
}

/** A free TCP port on 127.0.0.1 (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Processes whose working folder is `dir`: a server and all its backends run in their data folder. */
function processesIn(dir: string): number[] {
  const found: number[] = [];
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readlinkSync(`/proc/${pid}/cwd`) === dir) found.push(Number(pid));
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

/** False for a process that has exited, zombies included. */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const log = options.log ?? (() => {});
  const bin = serverBinaries(log);
  const user = serverUser(log);
  const port = options.port ?? (await freePort());
  const database = options.database ?? "ctm";
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(database)) throw new Error(`database name ${database} is not a plain identifier`);
  const dir = options.dir ? resolve(options.dir) : mkdtempSync(join(tmpdir(), "ctm-pg-"));
  mkdirSync(dir, { recursive: true });
  if (user) {
    chownSync(dir, user.uid, user.gid);
    // A folder above `dir` closed to other users (mkdtemp makes them 0700) would fail initdb with a
    // bare "Permission denied": say which user must pass and what to do.
    if (spawnSync("runuser", ["-u", user.name, "--", "test", "-x", dir]).status !== 0) {
      throw new Error(
        `PostgreSQL runs as ${user.name}, who cannot reach ${dir}: a folder above it is closed to other users; chmod o+x it or choose another --dir`,
      );
    }
  }

  /** Runs a server binary as the server's user. */
  const asServer = (tool: string, args: string[], opts: { quiet?: boolean } = {}) => {
    const [cmd, argv] = user ? ["runuser", ["-u", user.name, "--", join(bin, tool), ...args]] : [join(bin, tool), args];
    const r = spawnSync(cmd, argv, { encoding: "utf8", cwd: dir });
    if (r.status !== 0 && !opts.quiet) throw new Error(`${tool} ${args.join(" ")} failed (${r.status}): ${r.stderr || r.stdout}`);
    return r;
  };
  const psql = (sqlText: string, db = "postgres") =>
    execFileSync(
      join(bin, "psql"),
      ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", dir, "-p", String(port), "-U", PG_SUPERUSER, "-d", db, "-c", sqlText],
      {
        encoding: "utf8",
        // As root, psql needs a user that can read the socket folder: root can.
        env: { ...process.env, PGCONNECT_TIMEOUT: "10" },
      },
    );

  const started = performance.now();
  // C.UTF-8: text compares by code point, as SQLite's BINARY collation does, and the text-search
  // parser and lower() still know every script's letters.
  asServer("initdb", ["-D", dir, "-A", "trust", "-U", PG_SUPERUSER, "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"]);
  const serverOptions = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses=127.0.0.1",
    "-c fsync=on",
    "-c synchronous_commit=on",
    "-c full_page_writes=on",
    "-c max_connections=200",
    "-c shared_buffers=128MB",
  ].join(" ");
  const start = () => asServer("pg_ctl", ["-D", dir, "-o", serverOptions, "-l", join(dir, "server.log"), "-w", "-t", "60", "start"]);
  start();

  let stopped = false;
  const postmasterPid = () => {
    try {
      return Number(readFileSync(join(dir, "postmaster.pid"), "utf8").split("\n")[0]);
    } catch {
      return null;
    }
  };
  let watchdog: ReturnType<typeof spawn> | null = null;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.off("exit", stop);
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    if (existsSync(join(dir, "postmaster.pid"))) asServer("pg_ctl", ["-D", dir, "-m", "fast", "-w", "stop"], { quiet: true });
    watchdog?.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    stop();
    process.kill(process.pid, signal);
  };
  process.on("exit", stop);
  if (options.signals ?? true) {
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
  }

  if (options.watchdog ?? true) {
    // Outlives a SIGKILLed parent: polls it, then stops this cluster (by its data folder) and removes the folder.
    const stopCmd = user
      ? `runuser -u ${user.name} -- ${bin}/pg_ctl -D '${dir}' -m immediate stop`
      : `'${bin}/pg_ctl' -D '${dir}' -m immediate stop`;
    const script = `trap 'exit 0' TERM; while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; ${stopCmd} >/dev/null 2>&1; rm -rf '${dir}'`;
    watchdog = spawn("sh", ["-c", script], { detached: true, stdio: "ignore" });
    watchdog.unref();
  }

  const urlFor = (name: string) => `postgres://${PG_SUPERUSER}@127.0.0.1:${port}/${name}`;
  const createDatabase = (name: string) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`database name ${name} is not a plain identifier`);
    psql(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
    return urlFor(name);
  };
  createDatabase(database);
  log(`PostgreSQL ${PG_VERSION} on 127.0.0.1:${port} (${dir}) ready in ${(performance.now() - started).toFixed(0)} ms`);

  return {
    url: urlFor(database),
    port,
    database,
    dir,
    urlFor,
    createDatabase,
    dropDatabase: (name) => void psql(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`),
    stop,
    crash: () => {
      const pid = postmasterPid();
      if (!pid) throw new Error("no postmaster.pid: the cluster is not running");
      process.kill(pid, "SIGKILL");
      // The postmaster's children notice it is gone and exit; wait until none is left in the folder.
      for (let i = 0; i < 200 && processesIn(dir).length > 0; i++) spawnSync("sleep", ["0.05"]);
      // A killed postmaster whose parent was init may stay a zombie here (this machine's init reaps
      // late), and a zombie still answers kill(pid, 0): PostgreSQL would take it for a live server and
      // refuse to start. It is dead, so its lock file goes, as after a reboot.
      if (!isAlive(pid)) {
        for (const lock of ["postmaster.pid", `.s.PGSQL.${port}.lock`, `.s.PGSQL.${port}`]) rmSync(join(dir, lock), { force: true });
      }
    },
    restart: () => {
      stopped = false;
      start();
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: { port: { type: "string" }, dir: { type: "string" }, database: { type: "string" } },
    strict: true,
  });
  const cluster = await startCluster({
    port: values.port ? Number(values.port) : undefined,
    dir: values.dir,
    database: values.database,
    log: (line) => console.error(`pg-cluster: ${line}`),
  });
  console.log(`DATABASE_URL=${cluster.url}`);
  console.error("pg-cluster: running; Ctrl-C stops it and deletes its folder");
  setInterval(() => {}, 1 << 30);
}
