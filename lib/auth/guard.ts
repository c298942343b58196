import "server-only";
import { redirect } from "next/navigation";
import { allows, type Permission } from "./access";
import { currentUser, type SessionUser } from "./session";

/**
 * For admin pages: the signed-in user (checked against the database) or a redirect to sign in.
 * Pages check for themselves; the proxy only sets headers and is never the authorization.
 */
export async function requirePageUser(permission: Permission, returnTo: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(`/admin/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (!allows(permission, user)) redirect("/admin?denied=1");
  return user;
}
