export function buildId(): string;
export function encode(value: unknown): Buffer;
export function decode(bytes: Buffer): unknown;
export function surrogateKeyHeader(tags: readonly string[]): string;
export function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array>;
export function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Buffer>;
