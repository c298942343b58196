import "server-only";
import { randomBytes } from "node:crypto";
import { env } from "@/lib/env";
import {
  DEVICE_COOKIE_MAX_AGE_DAYS,
  DEVICE_COOKIE_NAMES,
  accountTag,
  deviceKey,
  makeDeviceCookieValue,
  readDeviceCookieValue,
} from "./device-cookie.mjs";
import { authSecret } from "./secret";

export { DEVICE_COOKIE_MAX_AGE_DAYS, cookieValue } from "./device-cookie.mjs";

/**
 * Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): a browser that
 * signed in successfully as an account carries a cookie, signed by the server, naming a random
 * device id bound to that account. Its sign-ins are throttled on their own (per device), so a
 * stranger's failed guesses, which lock out untrusted browsers, never lock out the account's owner.
 * The format and signature are in device-cookie.mjs (server.mjs reads them too).
 */
const secure = new URL(env.SITE_URL).protocol === "https:";
/** `__Host-` (secure, path /, no Domain) whenever the site is served over HTTPS. */
export const DEVICE_COOKIE = secure ? DEVICE_COOKIE_NAMES.secure : DEVICE_COOKIE_NAMES.plain;

let key: Buffer | undefined;
const keyNow = () => (key ??= deviceKey(authSecret()));

export function issueDeviceCookie(email: string, now = new Date()) {
  return {
    name: DEVICE_COOKIE,
    value: makeDeviceCookieValue(keyNow(), email, randomBytes(16).toString("base64url"), now),
    options: { httpOnly: true, sameSite: "lax" as const, secure, path: "/", maxAge: DEVICE_COOKIE_MAX_AGE_DAYS * 86_400 },
  };
}

/** The device id when `value` is a current device cookie issued for `email`; otherwise null. */
export function trustedDevice(value: string | undefined, email: string, now = new Date()): string | null {
  const read = readDeviceCookieValue(keyNow(), value, now);
  return read && read.tag === accountTag(keyNow(), email) ? read.id : null;
}
