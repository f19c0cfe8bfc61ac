import { expect, it } from "vitest";

import { CsopsError } from "../errors.js";
import { describeEachDatabase } from "../storage/test-databases.js";
import { addUser } from "./add-user.js";
import { changePassword } from "./change-password.js";
import { removeUser } from "./remove-user.js";
import { verifyPassword } from "./password-hash.js";

const NOW = () => 1_796_288_400;
const PAT = {
  name: "Pat Admin",
  email: " Pat@Example.COM ",
  role: "Admin",
  password: "correct horse battery",
};

async function codeOf(work: Promise<unknown>): Promise<string | undefined> {
  try {
    await work;
    return undefined;
  } catch (error) {
    return error instanceof CsopsError ? error.code : String(error);
  }
}

describeEachDatabase("adding users", (database) => {
  it("keeps an argon2id hash, never the password, and the e-mail lower-cased", async () => {
    const user = await addUser(PAT, { store: database.store, now: NOW });

    expect(user).toMatchObject({ name: "Pat Admin", email: "pat@example.com", role: "admin" });
    const stored = await database.store.findUserByEmail("pat@example.com");
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored?.passwordHash).not.toContain(PAT.password);
    expect(await verifyPassword(stored?.passwordHash ?? "", PAT.password)).toBe(true);
    expect(await verifyPassword(stored?.passwordHash ?? "", "correct horse batterY")).toBe(false);
  });

  it("refuses a taken e-mail or name, and invalid input, adding nobody", async () => {
    const store = database.store;
    const other = { ...PAT, name: "Someone Else", email: "PAT@example.com" };
    expect(await codeOf(addUser(other, { store, now: NOW }))).toBe("user_exists");
    expect(
      await codeOf(
        addUser({ ...PAT, email: "new@example.com", name: "pat admin" }, { store, now: NOW }),
      ),
    ).toBe("user_exists");
    expect(await codeOf(addUser({ ...PAT, email: "not-an-address" }, { store, now: NOW }))).toBe(
      "usage",
    );
    expect(
      await codeOf(addUser({ ...PAT, email: "a@b.example", role: "boss" }, { store, now: NOW })),
    ).toBe("usage");
    expect(
      await codeOf(
        addUser({ ...PAT, email: "a@b.example", password: "short" }, { store, now: NOW }),
      ),
    ).toBe("usage");
    expect(
      await codeOf(addUser({ ...PAT, email: "a@b.example", name: "  " }, { store, now: NOW })),
    ).toBe("usage");

    expect(await store.listUsers()).toHaveLength(1);
  });

  it("changes a password, and the old one stops working", async () => {
    await changePassword(
      { email: "PAT@example.com", password: "a brand new passphrase" },
      { store: database.store },
    );
    const stored = await database.store.findUserByEmail("pat@example.com");

    expect(await verifyPassword(stored?.passwordHash ?? "", "a brand new passphrase")).toBe(true);
    expect(await verifyPassword(stored?.passwordHash ?? "", PAT.password)).toBe(false);
    expect(
      await codeOf(
        changePassword(
          { email: "nobody@example.com", password: "a brand new passphrase" },
          { store: database.store },
        ),
      ),
    ).toBe("user_not_found");
  });

  it("removes a user, ending their sessions, and says how many are left", async () => {
    const { store } = database;
    const stored = await store.findUserByEmail("pat@example.com");
    await store.insertSession({
      idHash: "a".repeat(64),
      userId: stored?.id ?? 0,
      csrfToken: "t",
      createdAt: NOW(),
      lastSeenAt: NOW(),
      expiresAt: NOW() + 3600,
    });

    const removed = await removeUser({ email: " PAT@example.com" }, { store });

    expect(removed).toMatchObject({ user: { email: "pat@example.com" }, usersLeft: 0 });
    expect(await store.findUserByEmail("pat@example.com")).toBeUndefined();
    expect(await store.findSession("a".repeat(64), NOW())).toBeUndefined();
    expect(await codeOf(removeUser({ email: "pat@example.com" }, { store }))).toBe(
      "user_not_found",
    );
  });
});
