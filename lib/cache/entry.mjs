// Helpers shared by the two cache handlers: the build id that namespaces entries, streams of
// bytes, and the surrogate keys a page's tags become.
import { readFileSync } from "node:fs";
import { join } from "node:path";

let served;

/**
 * The build being served (`.next/BUILD_ID`), so entries of another build are never read. Read once
 * per process: Next makes a cache handler for every request, and reading the file each time cost
 * two or three file reads per request (strace; bench/README.md, "Where the time goes").
 */
export function buildId() {
  if (served === undefined) {
    try {
      served = readFileSync(join(process.cwd(), ".next", "BUILD_ID"), "utf8").trim();
    } catch {
      return "dev";
    }
  }
  return served;
}

/** Next's implicit tags (`_N_T_/path`) mark paths for revalidatePath; surrogate keys are the data tags. */
const IMPLICIT = "_N_T_";

/**
 * The `xkey` value for a list of tags: the data tags, space-separated, as Varnish's xkey module reads them.
 * @param {readonly string[]} tags
 */
export function surrogateKeyHeader(tags) {
  return [...new Set(tags.filter((t) => t && !t.startsWith(IMPLICIT)))].join(" ");
}

/** @param {Uint8Array} bytes @returns {ReadableStream<Uint8Array>} */
export function streamOf(bytes) {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

/** @param {ReadableStream<Uint8Array>} stream @returns {Promise<Buffer>} */
export async function bytesOf(stream) {
  const chunks = [];
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  return Buffer.concat(chunks);
}
