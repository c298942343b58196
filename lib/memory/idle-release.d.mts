export function collector(): (() => void) | null;
export function mallocTrim(): (() => unknown) | null;
export type IdleRelease = {
  state: { releases: number; enabled: boolean };
  begin(): void;
  end(): void;
  flush(): void;
};
export function idleRelease(opts?: {
  quietMs?: number;
  gc?: (() => void) | null;
  trim?: (() => unknown) | null;
  now?: () => number;
  onRelease?: (info: { ms: number; before: number; after: number }) => void;
}): IdleRelease;
