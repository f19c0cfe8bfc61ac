import type { Config } from "../config/config-schema.js";
import type { CalendarDate } from "../domain/dates.js";
import { decideSegment, type Decision } from "../domain/decide-segment.js";
import { deriveSignals } from "../domain/derive-signals.js";
import { FACT_NAMES, type CustomerFacts, type FactName } from "../domain/facts.js";
import type { Bucket, Rules } from "../domain/rules.js";
import type { Outcome, Resolution, Task } from "../domain/tasks/index.js";
import { describeFactValue } from "../domain/tasks/describe-fact-value.js";
import { isCoolingDown } from "../domain/tasks/index.js";
import type { CustomerState } from "../storage/customer-states.js";
import type { HistoryEntry } from "../storage/decision-history.js";
import type { Store } from "../storage/store.js";
import { buildCustomerFacts } from "./build-customer-facts.js";
import { findCustomerOrFail } from "./find-customer.js";
import { taskSettingsOf } from "./task-settings-of.js";

/** Everything csops knows about one customer on a date, for a person deciding what to do. */
export interface CustomerExplanation {
  customerId: string;
  name: string;
  date: CalendarDate;
  /**
   * `run`: the decision of the latest run on or before `date` (`asOf`), recomputed from the
   * facts it stored; `live`: no run has evaluated the customer yet, computed from the store now.
   */
  basis: "run" | "live";
  asOf: CalendarDate;
  decision: Decision;
  /** What the team sees: Healthy & Stable while a resolution cools down. */
  shown: {
    segment: Bucket;
    resolvedBy?: string | undefined;
    resolvedOn?: CalendarDate | undefined;
  };
  /** The run stored another segment than today's rules give: the rules changed since. */
  storedSegment?: Bucket | undefined;
  facts: CustomerFacts;
  /** Each fact as the rules read it on `asOf` (`unknown` when missing). */
  values: Record<FactName, string>;
  notes: string[];
  state?: CustomerState | undefined;
  resolution?: (Resolution & { coolingDown: boolean }) | undefined;
  openTasks: Task[];
  /** Closed tasks, newest first. */
  pastTasks: Task[];
  outcomes: Outcome[];
  /** Decision history, newest first: one entry per change. */
  history: HistoryEntry[];
}

export interface ExplainOptions {
  store: Store;
  config: Config;
  rules: Rules;
  /** History entries to list (default 30). */
  historyLimit?: number | undefined;
}

/**
 * One customer's facts, decision with reasons, tasks, outcomes and segment history, as of the
 * latest run on or before `date`. `idOrName` is a HubSpot company id, a name in any case, or a
 * unique part of a name (`customer_not_found` lists the candidates otherwise).
 */
export async function explainCustomer(
  idOrName: string,
  date: CalendarDate,
  options: ExplainOptions,
): Promise<CustomerExplanation> {
  const { store, config, rules } = options;
  const company = await findCustomerOrFail(store, idOrName);
  const id = company.companyId;

  const evaluated = await findEvaluation(id, date, options);
  const tasks = await store.listTasksOfCustomer(id);
  const resolution = (await store.findLatestResolutions([id])).get(id);
  const settings = taskSettingsOf(config);
  const signals = deriveSignals(evaluated.facts, evaluated.asOf, rules);
  const values = Object.fromEntries(
    FACT_NAMES.map((fact) => [fact, describeFactValue(fact, signals)]),
  ) as Record<FactName, string>;

  return {
    customerId: id,
    name: company.name,
    date,
    ...evaluated,
    values,
    state: (await store.listCustomerStates([id])).get(id),
    resolution: resolution && {
      ...resolution,
      coolingDown: isCoolingDown(resolution.resolvedOn, date, settings),
    },
    openTasks: tasks.filter((task) => task.status === "open"),
    pastTasks: tasks.filter((task) => task.status !== "open"),
    outcomes: await store.listOutcomesOf(id),
    history: await store.listHistory(id, { limit: options.historyLimit ?? 30 }),
  };
}

type Evaluation = Pick<
  CustomerExplanation,
  "basis" | "asOf" | "decision" | "shown" | "storedSegment" | "facts" | "notes"
>;

async function findEvaluation(
  customerId: string,
  date: CalendarDate,
  options: ExplainOptions,
): Promise<Evaluation> {
  const { store, config, rules } = options;
  const [run] = await store.listRuns({ limit: 1, onOrBefore: date, status: "completed" });
  const entry = run === undefined ? undefined : await store.findDecisionOn(customerId, run.date);

  if (run !== undefined && entry !== undefined) {
    const decision = decideSegment(entry.facts, run.date, rules);
    return {
      basis: "run",
      asOf: run.date,
      decision,
      shown: {
        segment: entry.shownSegment,
        resolvedBy: entry.resolvedBy,
        resolvedOn: entry.resolvedOn,
      },
      storedSegment: entry.segment === decision.segment ? undefined : entry.segment,
      facts: entry.facts,
      notes: entry.notes,
    };
  }

  const { build } = await buildCustomerFacts(store, config, rules, date);
  const row = build.customers.find((candidate) => candidate.facts.customerId === customerId);
  const facts = row?.facts ?? { customerId, name: "" };
  const decision = decideSegment(facts, date, rules);

  return {
    basis: "live",
    asOf: date,
    decision,
    shown: { segment: decision.segment },
    facts,
    notes: row?.notes ?? [],
  };
}
