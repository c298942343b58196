/**
 * The bylines stories may carry: the portal's own newsroom desks, never a named person the portal
 * does not employ. A story's frontmatter must use one of these exactly (lib/content/schema.ts).
 */
export const STAFF_BYLINES = ["Cambodia Trade Monitor staff", "Cambodia Trade Monitor data desk"] as const;
export type StaffByline = (typeof STAFF_BYLINES)[number];
