"use client";

import { useActionState } from "react";
import { DOOR_MESSAGES } from "@/lib/auth/sign-in-door.mjs";

export type SignInState = { email?: string; message?: string };

export function SignInForm({
  action,
  callbackUrl,
  notice,
}: {
  action: (s: SignInState, fd: FormData) => Promise<SignInState>;
  callbackUrl: string;
  notice?: string;
}) {
  const [state, formAction, pending] = useActionState(async (prev: SignInState, fd: FormData): Promise<SignInState> => {
    try {
      return await action(prev, fd);
    } catch (error) {
      // The redirect after a successful sign-in travels as an error: let it through.
      if (error && typeof error === "object" && "digest" in error && String(error.digest).startsWith("NEXT_")) throw error;
      // server.mjs answers a sign-in it must refuse during a flood with 429 and one of these texts.
      const text = error instanceof Error ? error.message : "";
      const known = (Object.values(DOOR_MESSAGES) as string[]).includes(text);
      return {
        email: String(fd.get("email") ?? ""),
        message: known ? text : "The sign-in did not reach the server. Try again in a moment.",
      };
    }
  }, {});
  const message = state.message ?? notice;
  return (
    <form action={formAction} className="mt-6 space-y-4">
      {message ? (
        <p
          role="alert"
          className="rounded border border-red-700 bg-red-50 px-3 py-2 text-sm text-red-900 dark:bg-red-950 dark:text-red-100"
        >
          {message}
        </p>
      ) : null}
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <div>
        <label htmlFor="email" className="block text-sm font-semibold">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.email}
          className="mt-1 block w-full rounded border border-(--color-rule) bg-(--color-paper) px-2 py-1.5"
        />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-semibold">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="mt-1 block w-full rounded border border-(--color-rule) bg-(--color-paper) px-2 py-1.5"
        />
      </div>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded bg-(--color-ink) px-4 py-2 font-semibold text-(--color-paper) disabled:opacity-60"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
