import { CsopsError } from "../errors.js";
import { USER_ROLES, type User, type UserRole } from "../storage/accounts.js";
import type { Store } from "../storage/store.js";
import { hashPassword } from "./password-hash.js";

/** Passphrases are encouraged: 12 characters is NIST's floor for a password used alone. */
export const MIN_PASSWORD_LENGTH = 12;
/** Hashing is costly; a megabyte-long "password" is an attack, not a person. */
const MAX_PASSWORD_LENGTH = 1024;
const MAX_NAME_LENGTH = 100;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface NewUserRequest {
  name: string;
  email: string;
  role: string;
  password: string;
}

export interface AddUserOptions {
  store: Store;
  /** Unix seconds now. */
  now: () => number;
}

/**
 * Adds a person who signs in to the web app, with an argon2id hash of their password. The name
 * is what outcomes they log record and what "my tasks" matches against the configured CS
 * people, so names are unique (any case) as e-mails are. Throws `usage` for an invalid name,
 * e-mail, role or password and `user_exists` for a name or e-mail already taken.
 */
export async function addUser(request: NewUserRequest, options: AddUserOptions): Promise<User> {
  const { store } = options;
  const name = request.name.trim();
  const email = normalizeEmail(request.email);
  const role = parseRoleOrFail(request.role);
  checkNameOrFail(name);
  if (!EMAIL.test(email)) {
    throw new CsopsError("usage", `"${request.email}" is not an e-mail address`);
  }
  checkPasswordOrFail(request.password);

  const users = await store.listUsers();
  const taken = users.find(
    (user) => user.email === email || user.name.toLowerCase() === name.toLowerCase(),
  );
  if (taken !== undefined) {
    const what = taken.email === email ? `the e-mail ${email}` : `the name "${taken.name}"`;
    throw new CsopsError("user_exists", `a user with ${what} already exists`);
  }

  const createdAt = options.now();
  const id = await store.insertUser({
    name,
    email,
    role,
    passwordHash: await hashPassword(request.password),
    createdAt,
  });

  return { id, name, email, role, createdAt };
}

/** E-mail addresses are compared lower-cased and trimmed. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Throws `usage` unless the password is long enough (and not absurdly long). */
export function checkPasswordOrFail(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new CsopsError(
      "usage",
      `the password is too short: at least ${MIN_PASSWORD_LENGTH} characters (a few words will do)`,
    );
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw new CsopsError("usage", `the password is too long: at most ${MAX_PASSWORD_LENGTH}`);
  }
}

function checkNameOrFail(name: string): void {
  if (name === "" || name.length > MAX_NAME_LENGTH) {
    throw new CsopsError("usage", `a user's name is 1 to ${MAX_NAME_LENGTH} characters`);
  }
}

function parseRoleOrFail(role: string): UserRole {
  const wanted = role.trim().toLowerCase();
  const found = USER_ROLES.find((candidate) => candidate === wanted);
  if (found !== undefined) return found;

  throw new CsopsError("usage", `role "${role}" is not one of: ${USER_ROLES.join(", ")}`);
}
