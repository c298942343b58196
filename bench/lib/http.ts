import { request } from "node:http";

export type RawResponse = { status: number; headers: [string, string][]; body: Buffer };

/** A plain GET with no Accept-Encoding, as wrk and autocannon send it: the bytes they receive. */
export function rawGet(url: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "GET" }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const headers: [string, string][] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) headers.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
        resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

/** Headers Node sets by itself on every response; the rest are copied to the static server. */
const PER_CONNECTION = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length"]);

export function replayableHeaders(headers: [string, string][]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of headers) if (!PER_CONNECTION.has(k.toLowerCase())) out[k.toLowerCase()] = v;
  return out;
}

/** Size of a header block on the wire: "Name: value\r\n" per header. */
export const headerBytes = (headers: [string, string][]) => headers.reduce((n, [k, v]) => n + k.length + v.length + 4, 0);

/**
 * fetch with one retry when a kept-alive connection turns out to be closed: the server drops idle
 * connections after a few seconds, and a request can race that close ("other side closed").
 */
export async function get(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return fetch(url, init);
  }
}
