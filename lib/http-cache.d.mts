export const PUBLIC_CACHE_CONTROL: string;
export const SURROGATE_CONTROL: string;
export const NO_STORE: string;
export const SURROGATE_KEY_HEADER: string;
export const publicCacheHeaders: { key: string; value: string }[];
