/**
 * `next/cache` for unit tests. Outside a Next render, `cacheTag()` throws (there is no 'use cache'
 * scope), and in Vitest the directive is a plain string, so loaders run uncached. The stub records
 * the tags a loader declares, so a test can assert them (`declaredTags`).
 */
const declared: string[] = [];

export function cacheTag(...tags: string[]): void {
  declared.push(...tags);
}

export function cacheLife(_profile: unknown): void {}

/** Tags declared since the last call, then forgets them. */
export function declaredTags(): string[] {
  return declared.splice(0, declared.length);
}
