import type { Kysely, Migration } from "kysely";

import { generatedIdType, type DialectName } from "../dialect-differences.js";

/**
 * The people who sign in to the web app and their sessions. A session row is keyed by the
 * SHA-256 of the cookie's value, never the value itself: someone who reads the database (a
 * backup, a shared PostgreSQL) cannot take over a session. Passwords are argon2id hashes.
 */
export function createUsersSessionsMigration(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("users")
        .addColumn("id", generatedIdType(dialect), (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        // Stored lower-cased, so one address signs in however it is typed.
        .addColumn("email", "text", (c) => c.notNull().unique())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("password_hash", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("sessions")
        .addColumn("id_hash", "text", (c) => c.primaryKey())
        .addColumn("user_id", "bigint", (c) =>
          c.notNull().references("users.id").onDelete("cascade"),
        )
        .addColumn("csrf_token", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("last_seen_at", "bigint", (c) => c.notNull())
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .execute();
      // Signing out everywhere, and sweeping expired sessions.
      await db.schema.createIndex("sessions_user_id").on("sessions").column("user_id").execute();
      await db.schema
        .createIndex("sessions_expires_at")
        .on("sessions")
        .column("expires_at")
        .execute();
    },
  };
}
