// The machine's limit: one page's bytes served from memory by Node's http module, nothing else.
// Usage: node bench/static-server.mjs PORT BODY_FILE HEADERS_JSON_FILE
import { createServer } from "node:http";
import { readFileSync } from "node:fs";

const [port, bodyFile, headersFile] = process.argv.slice(2);
const body = readFileSync(bodyFile);
/** The story's own response headers, so both servers send about the same bytes per response. */
const headers = { ...JSON.parse(readFileSync(headersFile, "utf8")), "content-length": String(body.length) };

createServer((req, res) => {
  res.writeHead(200, headers);
  res.end(body);
}).listen(Number(port), "127.0.0.1", () => console.log(`static limit server on ${port}`));
