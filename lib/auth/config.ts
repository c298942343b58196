import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import type { NextRequest } from "next/server";
import Credentials from "next-auth/providers/credentials";
import { beginAttempt, markSuccess } from "@/db/mutations/login-attempts";
import { findUserForSignIn } from "@/db/queries/users";
import { verifyPassword } from "./password";
import { relativeRedirect, safeCallbackPath } from "./redirect";
import { authSecret } from "./secret";
import { SignInSchema } from "@/lib/validation/auth";
import { env } from "@/lib/env";

/** Shown for too many tries; the code travels in the URL, so it says nothing about the account. */
export class ThrottledSignIn extends CredentialsSignin {
  code = "throttled";
}

/**
 * The client's address for throttling. `next start` fills X-Forwarded-For with the socket address
 * when no proxy set it; behind a reverse proxy, the proxy must overwrite it (README, Deploying).
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded && forwarded.length <= 64 ? forwarded : "unknown";
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
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/admin/sign-in", error: "/admin/sign-in" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = SignInSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const attempt = beginAttempt(email, clientAddress(request.headers));
        if (!attempt.allowed) throw new ThrottledSignIn();
        const user = findUserForSignIn(email);
        // Unknown, disabled and wrong-password all get the same answer after the same work.
        const ok = await verifyPassword(user && !user.disabled ? user.passwordHash : null, password);
        if (!ok || !user || user.disabled) return null;
        markSuccess(attempt.attemptId);
        return { id: String(user.id), name: user.name, email: user.email, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.sv = user.sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      session.uid = typeof token.uid === "number" ? token.uid : undefined;
      session.sv = typeof token.sv === "number" ? token.sv : undefined;
      return session;
    },
    // Never leave the site after sign-in or sign-out, whatever callbackUrl says.
    redirect({ url, baseUrl }) {
      if (url.startsWith(baseUrl + "/")) return baseUrl + safeCallbackPath(url.slice(baseUrl.length));
      return baseUrl + safeCallbackPath(url);
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

export const handlers = { GET: onSite(nextAuth.handlers.GET), POST: onSite(nextAuth.handlers.POST) };
