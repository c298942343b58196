import type { Role } from "@/db/schema";

/** Small named rules; every admin page and action asks one of these. */
type Who = { role: Role } | null;

export const canEditContent = (user: Who): boolean => user?.role === "editor" || user?.role === "admin";
export const canManageUsers = (user: Who): boolean => user?.role === "admin";
export const canManageSources = (user: Who): boolean => canEditContent(user);

export type Permission = "content" | "users";
export const PERMISSIONS: Record<Permission, (user: Who) => boolean> = { content: canEditContent, users: canManageUsers };
