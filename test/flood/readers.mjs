// Readers for the sign-in flood test (test/flood/flood.ts), in their own process so that the
// attackers' work in the parent does not sit on the readers' event loop.
//   node test/flood/readers.mjs URL CONNECTIONS
// Each of CONNECTIONS keep-alive connections GETs URL back to back until a line arrives on stdin;
// then prints one JSON line: { latencies: ms[], statuses: { code: count }, errors }.
import { Agent, get } from "node:http";
import { createInterface } from "node:readline";

const [url, connectionsArg] = process.argv.slice(2);
const connections = Number(connectionsArg ?? 20);
const agent = new Agent({ keepAlive: true, maxSockets: connections });
const latencies = [];
const statuses = {};
let errors = 0;
let running = true;

function once() {
  return new Promise((resolve) => {
    const t = performance.now();
    const req = get(url, { agent }, (res) => {
      res.resume();
      res.on("end", () => {
        latencies.push(performance.now() - t);
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        resolve();
      });
    });
    req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
    req.on("error", () => {
      errors++;
      resolve();
    });
  });
}

async function loop() {
  while (running) await once();
}

const loops = Array.from({ length: connections }, loop);
createInterface({ input: process.stdin }).once("line", async () => {
  running = false;
  await Promise.all(loops);
  agent.destroy();
  // A pipe is written asynchronously: exit only once the whole line is out.
  process.stdout.write(JSON.stringify({ latencies: latencies.map((ms) => Math.round(ms * 10) / 10), statuses, errors }) + "\n", () =>
    process.exit(0),
  );
});
