import { CsopsError } from "../errors.js";
import type { Store } from "../storage/store.js";
import { checkPasswordOrFail, normalizeEmail } from "./add-user.js";
import { hashPassword } from "./password-hash.js";

/**
 * Sets a new password for the user with `email` and signs them out everywhere, so a leaked
 * password's sessions end with it. Throws `user_not_found` for an unknown e-mail and `usage`
 * for a password that is too short.
 */
export async function changePassword(
  request: { email: string; password: string },
  options: { store: Store },
): Promise<void> {
  const email = normalizeEmail(request.email);
  const user = await options.store.findUserByEmail(email);
  if (user === undefined) throw new CsopsError("user_not_found", `no user has the e-mail ${email}`);
  checkPasswordOrFail(request.password);

  await options.store.replacePasswordHash(user.id, await hashPassword(request.password));
}
