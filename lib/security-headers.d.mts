export function publicCsp(options?: { frameable?: boolean }): string;
export function adminCsp(nonce: string): string;
export const baseHeaders: { key: string; value: string }[];
export const feedCsp: string;
