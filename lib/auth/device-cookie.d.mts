export const DEVICE_COOKIE_MAX_AGE_DAYS: number;
export const DEVICE_COOKIE_NAMES: { secure: string; plain: string };
export function deviceKey(authSecret: string): Buffer;
export function accountTag(key: Buffer, email: string): string;
export function makeDeviceCookieValue(key: Buffer, email: string, id: string, now?: Date): string;
export function readDeviceCookieValue(key: Buffer, value: string | undefined, now?: Date): { id: string; tag: string } | null;
export function cookieValue(header: string | null | undefined, name: string): string | undefined;
