import type { SessionRecord, User } from "../storage/accounts.js";

/**
 * Who is looking at a page. `user`: signed in. `demo`: localhost with no user yet, where the
 * app is open; `actingAs` is the CS person picked in the "you are" box, remembered in a cookie.
 * `anonymous`: sign-in is required and nobody is signed in (only the sign-in page sees this).
 */
export type Viewer =
  | { kind: "user"; user: User; session: SessionRecord }
  | { kind: "demo"; actingAs?: string | undefined }
  | { kind: "anonymous" };

/** The name outcomes are logged under and "my tasks" looks for; undefined when unknown. */
export function nameOf(viewer: Viewer): string | undefined {
  if (viewer.kind === "user") return viewer.user.name;
  if (viewer.kind === "demo") return viewer.actingAs;

  return undefined;
}

/** Importing files changes everyone's data: admins do it, and anyone in the localhost demo. */
export function canImport(viewer: Viewer): boolean {
  return viewer.kind === "demo" || (viewer.kind === "user" && viewer.user.role === "admin");
}
