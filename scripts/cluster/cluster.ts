/**
 * The production topology on one machine: Redis (Next's shared cache), N app processes started the
 * way `npm start` starts one, and Varnish in front, all on loopback. Used by `npm run start:cluster`
 * (scripts/cluster.ts), the cluster e2e run (e2e/serve.ts), the fault tests and `npm run bench --
 * --cluster`. Each service gets its own folder under `dir`; `stop()` stops exactly what was started.
 *
 * An app process that exits while the cluster runs is started again (its port stays the same), and
 * Varnish's health probe keeps requests away from it until it answers again.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export type ClusterOptions = {
  /** Folder for logs, pid files, Redis's and Varnish's working folders. */
  dir: string;
  /** The project (where package.json and .next are). */
  projectDir?: string;
  /** Number of app processes (default 2). */
  apps?: number;
  /** Varnish's public port. */
  port: number;
  /** Ports of the app processes (default port+11, port+12, …). */
  appPorts?: number[];
  redisPort?: number;
  /** Environment of the app processes (DATABASE_URL, SITE_URL…); the cluster adds REDIS_URL, purge settings, TRUST_PROXY_HOPS. */
  env: NodeJS.ProcessEnv;
  /** Varnish's cache size (default 256m). */
  varnishStorage?: string;
  log?: (line: string) => void;
  /** Restart app processes that exit (default true). */
  supervise?: boolean;
};

type Service = { name: string; child: ChildProcess; exited: Promise<number | null>; logFile: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function portOpen(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      done(true);
    });
    socket.once("error", () => done(false));
  });
}

/** Sends `line` to a TCP port and returns the first reply (for Redis's PING). */
function ask(port: number, line: string, timeoutMs = 1000): Promise<string> {
  return new Promise((done) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    const timer = setTimeout(() => {
      socket.destroy();
      done("");
    }, timeoutMs);
    socket.once("connect", () => socket.write(line));
    socket.once("data", (d) => {
      clearTimeout(timer);
      socket.destroy();
      done(d.toString());
    });
    socket.once("error", () => {
      clearTimeout(timer);
      done("");
    });
  });
}

const XKEY_VMOD_DIRS = [
  "/usr/lib/x86_64-linux-gnu/varnish/vmods",
  "/usr/lib/aarch64-linux-gnu/varnish/vmods",
  "/usr/lib/varnish/vmods",
  "/usr/local/lib/varnish/vmods",
];

function haveCommand(cmd: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
}

/**
 * Redis, Varnish and its xkey module, from Debian's packages. As root on Debian they are installed
 * when missing; otherwise a message says what to install.
 */
export function ensureServices(log: (s: string) => void = console.error): void {
  const missing = () => {
    const out: string[] = [];
    if (!haveCommand("redis-server")) out.push("redis-server");
    if (!haveCommand("varnishd")) out.push("varnish");
    if (!XKEY_VMOD_DIRS.some((d) => existsSync(join(d, "libvmod_xkey.so")))) out.push("varnish-modules");
    return out;
  };
  let need = missing();
  if (need.length === 0) return;
  if (process.getuid?.() === 0 && haveCommand("apt-get")) {
    log(`installing ${need.join(", ")} with apt-get (Debian packages)…`);
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    spawnSync("apt-get", ["install", "-y", "-qq", ...need], { stdio: "inherit", env });
    need = missing();
  }
  if (need.length) {
    throw new Error(
      `the cluster needs ${need.join(", ")}: install ${need.length > 1 ? "them" : "it"} with \`apt-get install -y ${need.join(" ")}\` (Debian; varnish-modules brings the xkey module), then run again`,
    );
  }
}

/** The command `npm start` runs (package.json), so the cluster's app processes start the same way. */
export function startCommand(projectDir: string): string {
  const pkg = JSON.parse(readFileSync(join(projectDir, "package.json"), "utf8")) as { scripts?: Record<string, string> };
  const cmd = pkg.scripts?.start;
  if (!cmd) throw new Error("package.json has no start script");
  return cmd;
}

export class Cluster {
  readonly dir: string;
  readonly projectDir: string;
  readonly port: number;
  readonly appPorts: number[];
  readonly redisPort: number;
  readonly purgeToken = randomBytes(24).toString("base64url");
  private readonly opts: ClusterOptions;
  private readonly log: (line: string) => void;
  private redis: Service | null = null;
  private varnish: Service | null = null;
  private readonly apps: (Service | null)[] = [];
  private stopping = false;
  /**
   * Varnish's run-time parameters (`-p`). Gzip and plain variants are stored side by side
   * (deploy/varnish.vcl), never converted per request. The thread pools keep Varnish's defaults
   * (2 pools of 100–5,000 threads): under the benchmark's 50 connections no session ever waited for a
   * thread (MAIN.sess_queued and MAIN.sess_dropped stay 0; `npm run bench -- --cluster` prints them).
   */
  readonly varnishParams = ["http_gzip_support=off"];
  /** How many times each app process was started again after exiting. */
  readonly restarts: number[];
  /** When each app process last became healthy (ms, performance.now()). */
  readonly readyAt: number[];

  constructor(opts: ClusterOptions) {
    this.opts = opts;
    this.dir = resolve(opts.dir);
    this.projectDir = resolve(opts.projectDir ?? process.cwd());
    this.port = opts.port;
    const n = opts.apps ?? 2;
    this.appPorts = opts.appPorts ?? Array.from({ length: n }, (_, i) => opts.port + 11 + i);
    this.redisPort = opts.redisPort ?? opts.port + 1;
    this.log = opts.log ?? ((s) => console.error(`[cluster] ${s}`));
    this.restarts = this.appPorts.map(() => 0);
    this.readyAt = this.appPorts.map(() => 0);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get redisUrl(): string {
    return `redis://127.0.0.1:${this.redisPort}`;
  }

  appUrl(i: number): string {
    return `http://127.0.0.1:${this.appPorts[i]}`;
  }

  /** The pid of app process `i` (its process group leader), if running. */
  appPid(i: number): number | undefined {
    return this.apps[i]?.child.pid;
  }

  redisPid(): number | undefined {
    return this.redis?.child.pid;
  }

  /** Environment each app process gets. */
  appEnv(): NodeJS.ProcessEnv {
    return {
      ...this.opts.env,
      REDIS_URL: this.redisUrl,
      VARNISH_PURGE_URL: this.url,
      PURGE_TOKEN: this.purgeToken,
      // Behind Varnish the client's address is the last X-Forwarded-For entry Varnish appended.
      TRUST_PROXY_HOPS: "1",
      NEXT_TELEMETRY_DISABLED: "1",
    };
  }

  private spawnService(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd = this.projectDir): Service {
    const logFile = join(this.dir, `${name}.log`);
    const fd = openSync(logFile, "a");
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", fd, fd], detached: true });
    closeSync(fd);
    const exited = new Promise<number | null>((done) => {
      child.once("exit", (code, signal) => done(code ?? (signal ? 128 : null)));
      child.once("error", () => done(127));
    });
    return { name, child, exited, logFile };
  }

  private tail(file: string, lines = 20): string {
    try {
      return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
    } catch {
      return "";
    }
  }

  async startRedis(): Promise<void> {
    if (await portOpen(this.redisPort)) throw new Error(`port ${this.redisPort} (Redis) is in use`);
    const data = join(this.dir, "redis");
    mkdirSync(data, { recursive: true });
    this.redis = this.spawnService(
      "redis",
      "redis-server",
      [join(this.projectDir, "deploy", "redis.conf"), "--port", String(this.redisPort), "--dir", data],
      process.env,
    );
    const deadline = Date.now() + 10_000;
    while (!(await ask(this.redisPort, "PING\r\n")).startsWith("+PONG")) {
      if (Date.now() > deadline) throw new Error(`Redis did not answer on ${this.redisPort}:\n${this.tail(this.redis.logFile)}`);
      await sleep(50);
    }
    this.log(`Redis on 127.0.0.1:${this.redisPort} (pid ${this.redis.child.pid})`);
  }

  /** Stops Redis the hard way (SIGKILL), for fault tests. */
  async killRedis(): Promise<void> {
    const r = this.redis;
    if (!r?.child.pid) return;
    this.redis = null;
    try {
      process.kill(-r.child.pid, "SIGKILL");
    } catch {
      /* gone */
    }
    await r.exited;
  }

  private async startApp(i: number): Promise<void> {
    const port = this.appPorts[i]!;
    if (await portOpen(port)) throw new Error(`port ${port} (app ${i + 1}) is in use`);
    const bin = join(this.projectDir, "node_modules", ".bin");
    const env = { ...this.appEnv(), PORT: String(port), PATH: `${bin}:${process.env.PATH ?? ""}` };
    // `exec`: the shell becomes the app process, so signals reach it.
    const svc = this.spawnService(`app${i + 1}`, "sh", ["-c", `exec ${startCommand(this.projectDir)} -H 127.0.0.1 -p ${port}`], env);
    this.apps[i] = svc;
    void svc.exited.then((code) => this.onAppExit(i, svc, code));
    await this.waitHealthy(i, svc);
  }

  private async waitHealthy(i: number, svc: Service): Promise<void> {
    const deadline = Date.now() + 120_000;
    let dead = false;
    void svc.exited.then(() => (dead = true));
    for (;;) {
      if (dead) throw new Error(`app ${i + 1} exited during start-up:\n${this.tail(svc.logFile)}`);
      try {
        const res = await fetch(`${this.appUrl(i)}/api/health`, { signal: AbortSignal.timeout(5000) });
        await res.arrayBuffer();
        if (res.ok) break;
      } catch {
        /* not yet */
      }
      if (Date.now() > deadline) throw new Error(`app ${i + 1} did not answer within 120 s:\n${this.tail(svc.logFile)}`);
      await sleep(100);
    }
    this.readyAt[i] = performance.now();
    this.log(`app ${i + 1} on 127.0.0.1:${this.appPorts[i]} (pid ${svc.child.pid})`);
  }

  /**
   * Makes every cached page and entry invalid: Redis's floor (lib/cache/store.mjs) and a ban of
   * everything in Varnish. For when an app process died: it may have committed a save and died
   * before expiring its tags and purging its keys, and nothing else would ever refresh those pages.
   */
  async invalidateAll(): Promise<void> {
    const now = String(Date.now());
    const reply = await ask(this.redisPort, `*3\r\n$3\r\nSET\r\n$9\r\nctm:floor\r\n$${now.length}\r\n${now}\r\n`);
    if (!reply.startsWith("+OK"))
      this.log(
        `could not raise Redis's floor (${reply.trim() || "no answer"}); entries written before the crash stay until their tags change`,
      );
    if (!this.varnish) return;
    try {
      const res = await fetch(this.url, {
        method: "BAN",
        headers: { "x-purge-token": this.purgeToken },
        signal: AbortSignal.timeout(2000),
      });
      if (!res.ok) this.log(`Varnish refused the ban: HTTP ${res.status}`);
    } catch (error) {
      this.log(`could not ban Varnish's cache: ${error instanceof Error ? error.message : error}`);
    }
  }

  private onAppExit(i: number, svc: Service, code: number | null): void {
    if (this.stopping || this.apps[i] !== svc || this.opts.supervise === false) return;
    this.apps[i] = null;
    this.restarts[i]!++;
    this.log(`app ${i + 1} (pid ${svc.child.pid}) exited (${code}); dropping what the caches hold from before, then starting it again`);
    void (async () => {
      await this.invalidateAll();
      for (let attempt = 0; !this.stopping; attempt++) {
        // Its port must be free first (a killed process's socket closes with it).
        for (let w = 0; w < 100 && (await portOpen(this.appPorts[i]!)); w++) await sleep(50);
        try {
          await this.startApp(i);
          return;
        } catch (error) {
          this.log(`app ${i + 1} failed to start again (${error instanceof Error ? error.message.split("\n")[0] : error}); retrying`);
          await sleep(Math.min(1000 * 2 ** attempt, 10_000));
        }
      }
    })();
  }

  /** Kills app process `i` (its whole process group) with `signal`, as a crash would. */
  killApp(i: number, signal: NodeJS.Signals = "SIGKILL"): number | undefined {
    const pid = this.apps[i]?.child.pid;
    if (pid) {
      try {
        process.kill(-pid, signal);
      } catch {
        /* gone */
      }
    }
    return pid;
  }

  /** Resolves once app process `i` has been restarted and answers (after killApp). */
  async waitAppBack(i: number, since: number, timeoutMs = 120_000): Promise<number> {
    const deadline = performance.now() + timeoutMs;
    while (this.readyAt[i]! <= since) {
      if (performance.now() > deadline) throw new Error(`app ${i + 1} was not back within ${timeoutMs} ms`);
      await sleep(50);
    }
    return this.readyAt[i]! - since;
  }

  /**
   * Until Varnish itself routes requests again: its health probe needs two good answers in a row
   * (deploy's backends: 1 s apart) before a process that came back is used, so for a moment after
   * the whole app tier restarted the proxy still answers 503. Returns the ms waited.
   */
  async waitProxyServes(timeoutMs = 30_000): Promise<number> {
    const since = performance.now();
    for (;;) {
      try {
        const res = await fetch(`${this.url}/api/health`, { signal: AbortSignal.timeout(2000) });
        await res.arrayBuffer();
        if (res.ok) return performance.now() - since;
      } catch {
        /* not yet */
      }
      if (performance.now() - since > timeoutMs) throw new Error(`Varnish did not route to an app process within ${timeoutMs} ms`);
      await sleep(100);
    }
  }

  /**
   * Varnish's own folder: the generated backends and its working directory. Separate from `dir`
   * and readable by all, because varnishd compiles VCL as an unprivileged user (vcache) that may
   * not enter `dir` (a private temporary folder, say).
   */
  private varnishDir: string | null = null;

  async startVarnish(): Promise<void> {
    if (await portOpen(this.port)) throw new Error(`port ${this.port} (Varnish) is in use`);
    this.varnishDir ??= mkdtempSync(join(tmpdir(), "ctm-varnish-"));
    chmodSync(this.varnishDir, 0o755);
    const work = join(this.varnishDir, "work");
    mkdirSync(work, { recursive: true });
    const backends = this.appPorts
      .map(
        (p, i) => `backend app${i + 1} {
    .host = "127.0.0.1";
    .port = "${p}";
    .connect_timeout = 1s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 30s;
    .probe = { .url = "/api/health"; .interval = 1s; .timeout = 2s; .window = 3; .threshold = 2; .initial = 2; }
}`,
      )
      .join("\n");
    writeFileSync(
      join(this.varnishDir, "backends.vcl"),
      `# Written by scripts/cluster/cluster.ts for this run: the app processes.\n${backends}\n\nsub vcl_init {\n    new app = directors.round_robin();\n${this.appPorts.map((_, i) => `    app.add_backend(app${i + 1});`).join("\n")}\n}\n`,
    );
    const args = [
      "-F",
      "-a",
      `127.0.0.1:${this.port}`,
      "-f",
      join(this.projectDir, "deploy", "varnish.vcl"),
      "-p",
      `vcl_path=${this.varnishDir}:${join(this.projectDir, "deploy")}`,
      "-n",
      work,
      "-s",
      `malloc,${this.opts.varnishStorage ?? "256m"}`,
      ...this.varnishParams.flatMap((p) => ["-p", p]),
      // No management port: this instance is configured by its files alone.
      "-T",
      "none",
    ];
    this.varnish = this.spawnService("varnish", "varnishd", args, { ...process.env, PURGE_TOKEN: this.purgeToken });
    const deadline = Date.now() + 30_000;
    let dead = false;
    void this.varnish.exited.then(() => (dead = true));
    for (;;) {
      if (dead) throw new Error(`varnishd exited:\n${this.tail(this.varnish.logFile)}`);
      try {
        const res = await fetch(`${this.url}/api/health`, { signal: AbortSignal.timeout(5000) });
        await res.arrayBuffer();
        if (res.ok) break;
      } catch {
        /* not yet */
      }
      if (Date.now() > deadline) throw new Error(`Varnish did not answer on ${this.port}:\n${this.tail(this.varnish.logFile)}`);
      await sleep(100);
    }
    this.log(`Varnish on 127.0.0.1:${this.port} (pid ${this.varnish.child.pid}), in front of ${this.appPorts.length} app processes`);
  }

  /**
   * Varnish's counters (`varnishstat -1 -j`), name → value, e.g. MAIN.cache_hit, MAIN.backend_req;
   * empty when Varnish is not running or varnishstat is missing.
   */
  varnishStats(): Record<string, number> {
    if (!this.varnishDir) return {};
    const run = spawnSync("varnishstat", ["-n", join(this.varnishDir, "work"), "-1", "-j"], { encoding: "utf8", timeout: 5000 });
    if (run.status !== 0 || !run.stdout) return {};
    try {
      const json = JSON.parse(run.stdout) as Record<string, unknown>;
      // Varnish 7 nests the counters under "counters"; older versions list them at the top level.
      const counters = (json.counters ?? json) as Record<string, { value?: number }>;
      const out: Record<string, number> = {};
      for (const [name, c] of Object.entries(counters)) if (c && typeof c === "object" && typeof c.value === "number") out[name] = c.value;
      return out;
    } catch {
      return {};
    }
  }

  /** Redis, the app processes (one after another: they share the build's first renders), then Varnish. */
  async start(): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    await this.startRedis();
    for (let i = 0; i < this.appPorts.length; i++) await this.startApp(i);
    await this.startVarnish();
  }

  private async stopService(svc: Service | null, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
    const pid = svc?.child.pid;
    if (!svc || !pid) return;
    try {
      process.kill(-pid, signal);
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        /* gone */
      }
    }, 10_000);
    await svc.exited;
    clearTimeout(timer);
  }

  /** Stops Varnish, the app processes, then Redis: exactly what this cluster started. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.stopService(this.varnish);
    this.varnish = null;
    await Promise.all(this.apps.map((a) => this.stopService(a)));
    this.apps.fill(null);
    await this.stopService(this.redis);
    this.redis = null;
    if (this.varnishDir) rmSync(this.varnishDir, { recursive: true, force: true });
    this.varnishDir = null;
  }
}
