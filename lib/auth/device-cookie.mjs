// The device cookie's format and signature (OWASP, "Slow Down Online Guessing Attacks with Device
// Cookies"): plain JavaScript, because server.mjs checks that a cookie is genuine before Next sees
// a sign-in (lib/auth/sign-in-door.mjs), and lib/auth/device.ts issues and reads it in the app.
//
//   <device id>.<issued, unix seconds>.<account tag>.<MAC>
//
// The account tag is an HMAC of the email, so the cookie names its account without revealing it;
// the MAC covers the other three parts. server.mjs can tell a genuine, current cookie from a forged
// one without knowing the email; the app also checks the tag against the email being signed in.

import { createHmac, timingSafeEqual } from "node:crypto";

export const DEVICE_COOKIE_MAX_AGE_DAYS = 180;
export const DEVICE_COOKIE_NAMES = { secure: "__Host-ctm-device", plain: "ctm-device" };

/** Its own key, derived from the session secret, so the two uses never share one. */
export function deviceKey(authSecret) {
  return createHmac("sha256", authSecret).update("ctm device cookie v1").digest();
}

const hmac = (key, text) => createHmac("sha256", key).update(text).digest("base64url");

export function accountTag(key, email) {
  return hmac(key, `account\n${email.toLowerCase()}`).slice(0, 22);
}

/** A new cookie value for `email`, with a new random device id. */
export function makeDeviceCookieValue(key, email, id, now = new Date()) {
  const body = `${id}.${Math.floor(now.getTime() / 1000)}.${accountTag(key, email)}`;
  return `${body}.${hmac(key, body)}`;
}

const SHAPE = /^([A-Za-z0-9_-]{22})\.(\d{1,12})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

/** `{ id, tag }` when `value` is a cookie this server issued and it has not expired; else null. */
export function readDeviceCookieValue(key, value, now = new Date()) {
  if (typeof value !== "string" || value.length > 200) return null;
  const m = SHAPE.exec(value);
  if (!m) return null;
  const [, id, issued, tag, mac] = m;
  const age = now.getTime() / 1000 - Number(issued);
  if (age < -300 || age > DEVICE_COOKIE_MAX_AGE_DAYS * 86_400) return null;
  const expected = Buffer.from(hmac(key, `${id}.${issued}.${tag}`));
  const given = Buffer.from(mac);
  return given.length === expected.length && timingSafeEqual(given, expected) ? { id, tag } : null;
}

/** One cookie's value from a Cookie header. */
export function cookieValue(header, name) {
  if (!header) return undefined;
  for (const part of String(header).split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
