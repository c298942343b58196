// Helpers shared by the two cache handlers: the build id that namespaces entries, byte encoding of
// entries, and the surrogate keys a page's tags become.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";

/** The build being served (`.next/BUILD_ID`), so entries of another build are never read. */
export function buildId() {
  try {
    return readFileSync(join(process.cwd(), ".next", "BUILD_ID"), "utf8").trim();
  } catch {
    return "dev";
  }
}

/**
 * Entries hold strings, Buffers, Maps of Buffers and plain objects; V8's serializer keeps all of
 * them (a Buffer comes back as a Buffer), faster than JSON with base64.
 * @param {unknown} value @returns {Buffer}
 */
export const encode = (value) => serialize(value);
/** @param {Buffer} bytes @returns {any} */
export const decode = (bytes) => deserialize(bytes);

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
