import type { Role } from "@/db/schema";

/**
 * Who may do what, in one table. Pages, actions and the in-transaction re-check (assertActor)
 * all read it, so a permission cannot mean one thing in the UI and another at the database.
 */
export type Permission = "content" | "users";
export const ROLES_FOR: Record<Permission, readonly Role[]> = { content: ["editor", "admin"], users: ["admin"] };

type Who = { role: Role } | null;

export const allows = (permission: Permission, user: Who): boolean => !!user && ROLES_FOR[permission].includes(user.role);
export const canManageUsers = (user: Who): boolean => allows("users", user);
