import { sql, type Kysely } from "kysely";
import { describe, expect, it } from "vitest";

import type { Task } from "../../domain/tasks/index.js";
import { describeEachDatabase } from "../test-databases.js";
import { taskToRow } from "../task-rows.js";
import { createSourceRecordsMigration } from "./001-source-records.js";
import { createCsWorkflowMigration } from "./002-cs-workflow.js";
import { createUsersSessionsMigration } from "./003-users-sessions.js";
import { createHubspotLedgerMigration } from "./004-hubspot-ledger.js";
import { createQueueOrderMigration } from "./005-queue-order.js";

function makeTask(id: string, context: Partial<Task["context"]>): Task {
  return {
    id,
    customerId: "9001",
    kind: "alert",
    segment: "revenue_at_risk",
    label: "Revenue at Risk",
    title: "URGENT: Call them",
    action: "call",
    priority: 1,
    dueAt: 1_796_374_800,
    dueDate: "2026-12-04",
    status: "open",
    reasons: [],
    signals: [],
    context: { asOf: "2026-12-03", companyName: "", unknown: [], possibly: [], ...context },
    createdOn: "2026-12-03",
  };
}

describe("migration 005_queue_order", () => {
  describeEachDatabase(
    "on tasks stored before it",
    (testDatabase) => {
      it("copies each task's company name and contract end out of its context", async () => {
        const { dialect, kysely } = testDatabase.database;
        const db = kysely as Kysely<unknown>;
        for (const create of [
          createSourceRecordsMigration,
          createCsWorkflowMigration,
          createUsersSessionsMigration,
          createHubspotLedgerMigration,
        ]) {
          await create(dialect).up(db);
        }
        const tasks = [
          makeTask("T-1001", { companyName: "Derras Real Estate", contractEndDate: "2027-01-31" }),
          makeTask("T-1002", { companyName: "Élan “Homes”" }),
        ];
        for (const task of tasks) {
          // The row as it was before the migration: without the two columns it adds.
          const before = Object.entries(taskToRow(task)).filter(
            ([column]) => column !== "company_name" && column !== "contract_end_date",
          );
          const columns = before.map(([column]) => column);
          await sql`insert into tasks (${sql.join(columns.map((c) => sql.ref(c)))})
            values (${sql.join(before.map(([, value]) => value))})`.execute(db);
        }

        await createQueueOrderMigration(dialect).up(db);

        const { rows } = await sql<{
          id: string;
          company_name: string;
          contract_end_date: string | null;
        }>`select id, company_name, contract_end_date from tasks order by id`.execute(db);
        expect(rows).toEqual([
          { id: "T-1001", company_name: "Derras Real Estate", contract_end_date: "2027-01-31" },
          { id: "T-1002", company_name: "Élan “Homes”", contract_end_date: null },
        ]);
        // The store reads them back as it wrote them.
        expect(await testDatabase.store.findTask("T-1001")).toEqual(tasks[0]);
      });
    },
    { migrate: false },
  );
});
