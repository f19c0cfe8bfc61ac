import { CsopsError } from "../errors.js";
import type { User } from "../storage/accounts.js";
import type { Store } from "../storage/store.js";
import { normalizeEmail } from "./add-user.js";

/**
 * Removes the user with `email`, ending their sessions at once: how someone who leaves the team
 * loses access. Outcomes they logged keep their name. Returns who was removed and how many
 * users are left (none: on localhost the web app is an open demo again).
 */
export async function removeUser(
  request: { email: string },
  options: { store: Store },
): Promise<{ user: User; usersLeft: number }> {
  const email = normalizeEmail(request.email);
  const found = await options.store.findUserByEmail(email);
  if (found === undefined)
    throw new CsopsError("user_not_found", `no user has the e-mail ${email}`);

  await options.store.deleteUser(found.id);
  const { id, name, email: address, role, createdAt } = found;
  const user: User = { id, name, email: address, role, createdAt };

  return { user, usersLeft: await options.store.countUsers() };
}
