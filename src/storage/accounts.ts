import type { Kysely, Selectable } from "kysely";

import { readCount } from "./dialect-differences.js";
import type { UserRow } from "./account-tables.js";
import type { StorageTables } from "./storage-tables.js";

type Db = Kysely<StorageTables>;

/** `admin` may also import files from the browser; both work the queue. */
export type UserRole = "cs" | "admin";
export const USER_ROLES: readonly UserRole[] = ["cs", "admin"];

/** A person who signs in to the web app. */
export interface User {
  id: number;
  name: string;
  email: string;
  role: UserRole;
  createdAt: number;
}

export interface NewUser {
  name: string;
  /** Lower-cased by the caller. */
  email: string;
  role: UserRole;
  passwordHash: string;
  createdAt: number;
}

/** A session as stored: the SHA-256 of its id, never the id. */
export interface SessionRecord {
  idHash: string;
  userId: number;
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll().as("count"))
    .executeTakeFirstOrThrow();

  return readCount(row.count);
}

/** Every user, by name. */
export async function listUsers(db: Db): Promise<User[]> {
  const rows = await db.selectFrom("users").selectAll().orderBy("name").orderBy("id").execute();

  return rows.map(rowToUser);
}

/** A user and their password hash, by e-mail (lower-cased). */
export async function findUserByEmail(
  db: Db,
  email: string,
): Promise<(User & { passwordHash: string }) | undefined> {
  const row = await db
    .selectFrom("users")
    .selectAll()
    .where("email", "=", email)
    .executeTakeFirst();

  return row === undefined ? undefined : { ...rowToUser(row), passwordHash: row.password_hash };
}

/** Adds a user; returns their id. The unique e-mail makes a second insert of one fail. */
export async function insertUser(db: Db, user: NewUser): Promise<number> {
  const row = await db
    .insertInto("users")
    .values({
      name: user.name,
      email: user.email,
      role: user.role,
      password_hash: user.passwordHash,
      created_at: user.createdAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();

  return Number(row.id);
}

/** Sets a new password hash and ends the user's sessions, so an old password's sessions die. */
export async function replacePasswordHash(db: Db, userId: number, hash: string): Promise<void> {
  await db.updateTable("users").set({ password_hash: hash }).where("id", "=", userId).execute();
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}

/** Removes a user and ends their sessions; outcomes keep the name they logged under. */
export async function deleteUser(db: Db, userId: number): Promise<void> {
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
  await db.deleteFrom("users").where("id", "=", userId).execute();
}

export async function insertSession(db: Db, session: SessionRecord): Promise<void> {
  await db
    .insertInto("sessions")
    .values({
      id_hash: session.idHash,
      user_id: session.userId,
      csrf_token: session.csrfToken,
      created_at: session.createdAt,
      last_seen_at: session.lastSeenAt,
      expires_at: session.expiresAt,
    })
    .execute();
}

/** The session and its user, unless it expired by `now`. */
export async function findSession(
  db: Db,
  idHash: string,
  now: number,
): Promise<{ session: SessionRecord; user: User } | undefined> {
  const row = await db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .selectAll("s")
    .select(["u.id", "u.name", "u.email", "u.role", "u.created_at as user_created_at"])
    .where("s.id_hash", "=", idHash)
    .where("s.expires_at", ">", now)
    .executeTakeFirst();
  if (row === undefined) return undefined;

  return {
    session: {
      idHash: row.id_hash,
      userId: Number(row.user_id),
      csrfToken: row.csrf_token,
      createdAt: Number(row.created_at),
      lastSeenAt: Number(row.last_seen_at),
      expiresAt: Number(row.expires_at),
    },
    user: rowToUser({
      id: row.id,
      name: row.name,
      email: row.email,
      role: row.role,
      created_at: row.user_created_at,
    }),
  };
}

/** Records that the session was used, moving its idle expiry. */
export async function touchSession(
  db: Db,
  idHash: string,
  seen: { lastSeenAt: number; expiresAt: number },
): Promise<void> {
  await db
    .updateTable("sessions")
    .set({ last_seen_at: seen.lastSeenAt, expires_at: seen.expiresAt })
    .where("id_hash", "=", idHash)
    .execute();
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom("sessions").where("id_hash", "=", idHash).execute();
}

/** Removes sessions that expired by `now`; returns how many. */
export async function deleteExpiredSessions(db: Db, now: number): Promise<number> {
  const result = await db.deleteFrom("sessions").where("expires_at", "<=", now).executeTakeFirst();

  return Number(result.numDeletedRows);
}

function rowToUser(row: Omit<Selectable<UserRow>, "password_hash">): User {
  return {
    id: Number(row.id),
    name: row.name,
    email: row.email,
    role: row.role === "admin" ? "admin" : "cs",
    createdAt: Number(row.created_at),
  };
}
