import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth/config";
import { safeCallbackPath } from "@/lib/auth/redirect";
import { DOOR_MESSAGES } from "@/lib/auth/sign-in-door.mjs";
import { currentUser } from "@/lib/auth/session";
import { SignInForm, type SignInState } from "@/components/admin/SignInForm";

export const metadata = { title: "Sign in" };

const MESSAGES = { credentials: "That email and password do not match an active account.", ...DOOR_MESSAGES } as const;

async function signInAction(_prev: SignInState, fd: FormData): Promise<SignInState> {
  "use server";
  const email = String(fd.get("email") ?? "").slice(0, 254);
  const redirectTo = safeCallbackPath(fd.get("callbackUrl"));
  try {
    await signIn("credentials", { email, password: String(fd.get("password") ?? ""), redirectTo });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = "code" in error ? error.code : undefined;
      return { email, message: MESSAGES[code === "throttled" || code === "busy" ? code : "credentials"] };
    }
    throw error; // the redirect after a successful sign-in
  }
  return { email };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const sp = await searchParams;
  const callbackUrl = safeCallbackPath(typeof sp.callbackUrl === "string" ? sp.callbackUrl : undefined);
  if (await currentUser()) redirect(callbackUrl);
  const notice =
    sp.signedOut !== undefined
      ? "You are signed out."
      : sp.error === "CredentialsSignin"
        ? MESSAGES[sp.code === "throttled" || sp.code === "busy" ? sp.code : "credentials"]
        : undefined;
  return (
    <div className="mx-auto max-w-sm py-8">
      <h1 className="font-serif text-3xl font-bold">Sign in</h1>
      <p className="mt-2 text-sm text-(--color-muted)">For the portal&apos;s editors. Accounts are made by an admin.</p>
      <SignInForm action={signInAction} callbackUrl={callbackUrl} notice={notice} />
    </div>
  );
}
