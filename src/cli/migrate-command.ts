import { defineCommand } from "citty";

import { maskDatabaseUrl } from "../storage/database-url.js";
import { migrateToLatest } from "../storage/migrate-to-latest.js";
import { openDatabase } from "../storage/open-database.js";

export default defineCommand({
  meta: {
    name: "migrate",
    description: "Bring the database DATABASE_URL names up to the current schema",
  },
  args: {
    verbose: { type: "boolean", description: "show stack traces on errors", default: false },
  },
  async run() {
    const database = await openDatabase({ url: process.env.DATABASE_URL, cwd: process.cwd() });
    try {
      const { applied } = await migrateToLatest(database);
      const where = `${database.dialect} ${maskDatabaseUrl(database.location)}`;
      process.stdout.write(
        applied.length === 0
          ? `${where}: already up to date\n`
          : `${where}: applied ${applied.join(", ")}\n`,
      );
    } finally {
      await database.close();
    }
  },
});
