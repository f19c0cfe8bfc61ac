import { defineCommand } from "citty";

import { addUser, MIN_PASSWORD_LENGTH } from "../services/add-user.js";
import { changePassword } from "../services/change-password.js";
import { removeUser } from "../services/remove-user.js";
import { CONTEXT_ARGS, nowInSeconds, withCommandContext } from "./command-context.js";
import { readPasswordOrFail } from "./read-password.js";

const stdio = { input: process.stdin, output: process.stderr };

const add = defineCommand({
  meta: {
    name: "add",
    description:
      "Add a person who signs in to the web app; the password is prompted for, or read from " +
      "the first line of standard input (never from the command line)",
  },
  args: {
    name: { type: "string", description: "their name, as outcomes record it", required: true },
    email: { type: "string", description: "the e-mail they sign in with", required: true },
    role: { type: "string", description: "cs or admin (admins also import files)", default: "cs" },
    ...CONTEXT_ARGS,
  },
  async run({ args }) {
    const password = await readPasswordOrFail(
      stdio,
      `Password (${MIN_PASSWORD_LENGTH}+ characters)`,
    );
    await withCommandContext(args, async ({ store, config }) => {
      const user = await addUser(
        { name: args.name, email: args.email, role: args.role, password },
        { store, now: nowInSeconds },
      );
      process.stdout.write(`Added ${user.name} <${user.email}> as ${user.role}.\n`);
      const people = config.team.cs_people.map((person) => person.name.toLowerCase());
      if (user.role === "cs" && !people.includes(user.name.toLowerCase())) {
        process.stdout.write(
          `Note: "${user.name}" is not one of team.cs_people in the configuration, so no task ` +
            `is theirs and "my tasks" shows nothing; use the same name there.\n`,
        );
      }
      if ((await store.countUsers()) === 1) {
        process.stdout.write("From now on the web app asks everyone to sign in.\n");
      }
    });
  },
});

const list = defineCommand({
  meta: { name: "list", description: "List the people who can sign in" },
  args: { ...CONTEXT_ARGS },
  async run({ args }) {
    const users = await withCommandContext(args, ({ store }) => store.listUsers());
    if (users.length === 0) {
      process.stdout.write("No users: on localhost the web app runs as an open demo.\n");
      return;
    }
    for (const user of users) {
      process.stdout.write(`${user.name} <${user.email}> ${user.role}\n`);
    }
  },
});

const password = defineCommand({
  meta: {
    name: "password",
    description:
      "Set a new password for a user (prompted or from standard input) and sign them out",
  },
  args: {
    email: { type: "string", description: "the user's e-mail", required: true },
    ...CONTEXT_ARGS,
  },
  async run({ args }) {
    const newPassword = await readPasswordOrFail(stdio, "New password");
    await withCommandContext(args, ({ store }) =>
      changePassword({ email: args.email, password: newPassword }, { store }),
    );
    process.stdout.write(`Changed the password of ${args.email}; their sessions ended.\n`);
  },
});

const remove = defineCommand({
  meta: { name: "remove", description: "Remove a user, ending their sessions at once" },
  args: {
    email: { type: "string", description: "the user's e-mail", required: true },
    ...CONTEXT_ARGS,
  },
  async run({ args }) {
    const { user, usersLeft } = await withCommandContext(args, ({ store }) =>
      removeUser({ email: args.email }, { store }),
    );
    process.stdout.write(`Removed ${user.name} <${user.email}>; their sessions ended.\n`);
    if (usersLeft === 0) {
      process.stdout.write(
        "No users are left: on localhost the web app runs as an open demo again.\n",
      );
    }
  },
});

export default defineCommand({
  meta: { name: "user", description: "Manage who signs in to the web app" },
  subCommands: { add, list, password, remove },
});
