import type { Generated } from "kysely";

/** The web app's people and sessions (migration 003). */
export interface AccountTables {
  users: UserRow;
  sessions: SessionRow;
}

export interface UserRow {
  id: Generated<number>;
  name: string;
  /** Lower-cased. */
  email: string;
  /** `cs` or `admin`. */
  role: string;
  /** argon2id, in the PHC string format (`$argon2id$v=19$m=…`). */
  password_hash: string;
  created_at: number;
}

/** A signed-in browser. The cookie holds the session id; the table only its SHA-256. */
export interface SessionRow {
  id_hash: string;
  user_id: number;
  /** Put in every form of the session and compared on every POST. */
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}
