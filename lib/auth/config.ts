import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import type { NextRequest } from "next/server";
import Credentials from "next-auth/providers/credentials";
import { writeTransaction } from "@/db/client";
import { signOutSession } from "@/db/mutations/sessions";
import { relativeRedirect, safeCallbackPath } from "./redirect";
import { authSecret } from "./secret";
import { SESSION_LIFETIME_MS, authorizeSignIn, hashSessionToken, signInOutcome } from "./sign-in";
import { env } from "@/lib/env";

/** Ends the session a cookie names; other sessions of the same user stay open. */
export async function endSessionOfToken(token: string): Promise<void> {
  await writeTransaction((tx) => signOutSession(tx, hashSessionToken(token)));
}

// Lazy config: the secret is read (or generated) on the first request, not at build time.
const nextAuth = NextAuth(() => ({
  secret: authSecret(),
  trustHost: true,
  // A refused sign-in is expected and already recorded in login_attempts: no stack trace per try.
  logger: {
    error(error: Error) {
      if (error instanceof CredentialsSignin) return;
      console.error("[auth]", error);
    },
  },
  // The cookie lives as long as the session row; nothing re-issues it (see `handlers` below), and
  // the row's own expiry, checked on every request (lib/auth/session.ts), is what ends it.
  session: { strategy: "jwt", maxAge: Math.floor(SESSION_LIFETIME_MS / 1000) },
  pages: { signIn: "/admin/sign-in", error: "/admin/sign-in" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      authorize: (raw, request) => authorizeSignIn(raw, request),
    }),
  ],
  callbacks: {
    // The cookie carries the session token and the user id, nothing else: no name, no email.
    jwt({ token, user }) {
      if (user) return { sid: user.sessionToken, uid: Number(user.id) };
      return token;
    },
    session({ session, token }) {
      session.uid = typeof token.uid === "number" ? token.uid : undefined;
      session.sid = typeof token.sid === "string" ? token.sid : undefined;
      return session;
    },
    // Never leave the site after sign-in or sign-out, whatever callbackUrl says.
    redirect({ url, baseUrl }) {
      if (url.startsWith(baseUrl + "/")) return baseUrl + safeCallbackPath(url.slice(baseUrl.length));
      return baseUrl + safeCallbackPath(url);
    },
  },
  events: {
    // POST /api/auth/signout and the desk's sign-out button: the session row ends here, so a copy
    // of the cookie is refused from now on.
    async signOut(message) {
      if ("token" in message && typeof message.token?.sid === "string") await endSessionOfToken(message.token.sid);
    },
  },
}));

export const { auth, signIn, signOut } = nextAuth;

/**
 * Next hands route handlers a request URL on http://localhost:PORT (it even rewrites 127.0.0.1 to
 * localhost), whatever address the browser used, and next-auth builds the redirects of /api/auth/*
 * from it. Made relative, they stay on the origin the browser is on.
 */
const onSite = (handler: (request: NextRequest) => Promise<Response>) => async (request: NextRequest) =>
  relativeRedirect(await handler(request), [new URL(request.url).origin, new URL(env.SITE_URL).origin]);

const notFound = () => new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });

/**
 * A sign-in refused for too many tries, or because every password-check slot is busy, answers
 * 429 with Retry-After instead of next-auth's redirect, so a client knows to back off. (The desk's
 * own form signs in through a server action and shows a message instead.)
 */
async function signInCallback(handler: (request: NextRequest) => Promise<Response>, request: NextRequest): Promise<Response> {
  const outcome: { retryAfterSeconds?: number } = {};
  const response = await signInOutcome.run(outcome, () => handler(request));
  const code = new URL(response.headers.get("location") ?? "/", "http://site.invalid").searchParams.get("code");
  if (code === "throttled" || code === "busy") {
    const retryAfterSeconds = outcome.retryAfterSeconds ?? 30;
    return Response.json(
      { error: code, retryAfterSeconds },
      { status: 429, headers: { "Retry-After": String(retryAfterSeconds), "Cache-Control": "no-store" } },
    );
  }
  return response;
}

const route = (handler: (request: NextRequest) => Promise<Response>) =>
  onSite(async (request: NextRequest) => {
    const path = new URL(request.url).pathname;
    // Nothing on the site reads the session over HTTP (no SessionProvider, no useSession), and
    // next-auth answers this endpoint by re-issuing the cookie with a fresh expiry: closed.
    if (path.endsWith("/api/auth/session")) return notFound();
    if (request.method === "POST" && path.endsWith("/api/auth/callback/credentials")) return signInCallback(handler, request);
    return handler(request);
  });

export const handlers = { GET: route(nextAuth.handlers.GET), POST: route(nextAuth.handlers.POST) };
