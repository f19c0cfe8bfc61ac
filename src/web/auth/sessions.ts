import { createHash } from "node:crypto";

import type { SessionRecord, User } from "../../storage/accounts.js";
import type { Store } from "../../storage/store.js";

/** A session ends after 12 hours without use: a working day, with a lunch break. */
export const SESSION_IDLE_SECONDS = 12 * 60 * 60;
/** And after 7 days whatever happens, so a stolen cookie does not live for ever. */
export const SESSION_MAX_SECONDS = 7 * 24 * 60 * 60;
/** Use is recorded at most this often, not on every page. */
const TOUCH_EVERY_SECONDS = 5 * 60;
const SESSION_ID_BYTES = 32;

export interface SessionDeps {
  store: Store;
  now: () => number;
  randomBytes: (size: number) => Uint8Array;
}

/** A random token, URL- and cookie-safe. */
export function createToken(randomBytes: (size: number) => Uint8Array): string {
  return Buffer.from(randomBytes(SESSION_ID_BYTES)).toString("base64url");
}

/** What the sessions table keys a session by: a leaked table names no usable session. */
export function hashSessionId(sessionId: string): string {
  return createHash("sha256").update(sessionId).digest("hex");
}

/** Starts a session for `user`; the returned id goes into the cookie and nowhere else. */
export async function startSession(
  user: User,
  deps: SessionDeps,
): Promise<{ sessionId: string; session: SessionRecord }> {
  const now = deps.now();
  const sessionId = createToken(deps.randomBytes);
  const session: SessionRecord = {
    idHash: hashSessionId(sessionId),
    userId: user.id,
    csrfToken: createToken(deps.randomBytes),
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now + SESSION_IDLE_SECONDS,
  };
  // Sweeping here keeps the table small without a timer of its own.
  await deps.store.deleteExpiredSessions(now);
  await deps.store.insertSession(session);

  return { sessionId, session };
}

/**
 * The session a cookie names and its user, unless it ended: idle too long, past its maximum
 * age, or deleted (signed out, password changed). Moves the idle expiry forward.
 */
export async function resumeSession(
  sessionId: string,
  deps: Pick<SessionDeps, "store" | "now">,
): Promise<{ session: SessionRecord; user: User } | undefined> {
  const now = deps.now();
  const idHash = hashSessionId(sessionId);
  const found = await deps.store.findSession(idHash, now);
  if (found === undefined) return undefined;
  const endsAt = found.session.createdAt + SESSION_MAX_SECONDS;
  if (now >= endsAt) {
    await deps.store.deleteSession(idHash);
    return undefined;
  }

  if (now - found.session.lastSeenAt >= TOUCH_EVERY_SECONDS) {
    const seen = { lastSeenAt: now, expiresAt: Math.min(now + SESSION_IDLE_SECONDS, endsAt) };
    await deps.store.touchSession(idHash, seen);
    return { ...found, session: { ...found.session, ...seen } };
  }

  return found;
}

/** Ends the session a cookie names. */
export async function endSession(sessionId: string, store: Store): Promise<void> {
  await store.deleteSession(hashSessionId(sessionId));
}
