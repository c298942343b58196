export function buildId(): string;
export function surrogateKeyHeader(tags: readonly string[]): string;
export function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array>;
export function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Buffer>;
