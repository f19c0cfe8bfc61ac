import argon2 from "argon2";

/**
 * argon2id with the library's defaults (64 MiB, 3 passes, 4 lanes): above OWASP's minimum for
 * argon2id, and about a tenth of a second per sign-in on a small machine. The hash string
 * carries its parameters, so raising them later still verifies older hashes.
 */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

/** Whether `password` matches `hash`; a malformed hash is a mismatch, not an error. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/**
 * A hash of no one's password, verified when an e-mail is unknown, so that signing in takes
 * as long for an unknown address as for a wrong password and does not reveal who has an
 * account.
 */
export const DUMMY_HASH =
  "$argon2id$v=19$m=65536,t=3,p=4$c2lnbi1pbi1kdW1teQ$0M5Xn8ylKHn5C3rRvxb3P2U0z0f2gG6u2I0b2l6mY3A";
