/** Starts the production server (`npm start`: server.mjs) in its own process group so a test can SIGKILL the whole tree at once. */
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { createConnection } from "node:net";

export class Server {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
    private readonly logFile: string,
  ) {}

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the server and resolves once `/` answers; returns how long that took in ms. */
  async start(): Promise<number> {
    if (this.child) throw new Error("server already running");
    if (await portOpen(this.port)) throw new Error(`port ${this.port} is in use; free it or set FAULTS_PORT`);
    const t0 = performance.now();
    const log = openSync(this.logFile, "a");
    const child = spawn(process.execPath, ["server.mjs", "-H", "127.0.0.1", "-p", String(this.port)], {
      env: this.env,
      stdio: ["ignore", log, log],
      detached: true,
    });
    closeSync(log);
    this.child = child;
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
    let dead = false;
    void this.exited.then(() => (dead = true));
    for (;;) {
      if (dead) throw new Error(`the server exited during start-up; see ${this.logFile}`);
      try {
        const res = await fetch(`${this.base}/`, { signal: AbortSignal.timeout(10_000) });
        await res.arrayBuffer();
        if (res.ok) return performance.now() - t0;
      } catch {
        // not listening yet
      }
      if (performance.now() - t0 > 120_000) throw new Error(`server not ready after 120 s; see ${this.logFile}`);
      await sleep(100);
    }
  }

  /** Sends `signal` to every process in the server's group and waits until the port is closed. */
  async stop(signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // gone
      }
    }, 10_000);
    await this.exited;
    clearTimeout(timer);
    // Any grandchild left in the group goes too.
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // none left
    }
    this.child = null;
    for (let i = 0; i < 100 && (await portOpen(this.port)); i++) await sleep(50);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
