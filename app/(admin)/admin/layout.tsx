import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { canManageUsers } from "@/lib/auth/access";
import { auth, endSessionOfToken, signOut } from "@/lib/auth/config";
import { currentUser } from "@/lib/auth/session";

// The editors' desk is rendered whole for each request, never prerendered: its pages depend on the
// session, and its scripts must carry this request's CSP nonce (proxy.ts), which a prerendered
// shell could not. `instant = false` allows the route to wait for the request.
export const instant = false;
export const metadata: Metadata = {
  title: { default: "Editors' desk", template: "%s · Editors' desk" },
  robots: { index: false, follow: false },
};

/** Ends this session on the server first (a failure there stops the sign-out), then clears the cookie. */
async function signOutAction() {
  "use server";
  const session = await auth();
  if (session?.sid) await endSessionOfToken(session.sid);
  await signOut({ redirectTo: "/admin/sign-in?signedOut=1" });
}

const NAV = [
  ["/admin", "Dashboard"],
  ["/admin/rounds", "Rounds"],
  ["/admin/updates", "Updates"],
  ["/admin/figures", "Figures"],
  ["/admin/sources", "Sources"],
  ["/admin/audit", "Audit log"],
] as const;

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await connection();
  const user = await currentUser();
  return (
    <div className="min-h-screen">
      <header className="border-b border-(--color-rule) bg-(--color-ink) text-(--color-paper)">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <p className="font-serif text-lg font-bold">
            <Link href="/admin">Editors&apos; desk</Link>
            <span className="ml-2 text-xs font-normal opacity-80">Cambodia Trade Monitor</span>
          </p>
          {user ? (
            <nav aria-label="Admin" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
              {NAV.map(([href, label]) => (
                <Link key={href} href={href} className="hover:underline">
                  {label}
                </Link>
              ))}
              {canManageUsers(user) ? (
                <Link href="/admin/users" className="hover:underline">
                  Users
                </Link>
              ) : null}
              <Link href="/" className="hover:underline">
                View site
              </Link>
            </nav>
          ) : null}
          {user ? (
            <form action={signOutAction} className="ml-auto flex items-center gap-3 text-sm">
              <span data-user-role={user.role}>
                {user.name} · {user.role}
              </span>
              <button type="submit" className="rounded border border-current px-2 py-1">
                Sign out
              </button>
            </form>
          ) : null}
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
