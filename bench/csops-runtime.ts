import type * as ConfigSchema from "../src/config/config-schema.js";
import type * as WriteDemoExports from "../src/demo/write-demo-exports.js";
import type * as AddDays from "../src/domain/add-days.js";
import type * as DecideSegment from "../src/domain/decide-segment.js";
import type * as Logger from "../src/logger.js";
import type * as LoadRules from "../src/rules/load-rules.js";
import type * as BuildCustomerFacts from "../src/services/build-customer-facts.js";
import type * as CreateJoinReportCache from "../src/services/create-join-report-cache.js";
import type * as ImportExports from "../src/services/import-exports.js";
import type * as RunDay from "../src/services/run-day.js";
import type * as Store from "../src/storage/store.js";
import type * as CreateWebApp from "../src/web/create-web-app.js";

/**
 * csops as it ships: the compiled JavaScript in dist/ that bin/csops.js runs, which
 * `npm run bench` builds first. Not the TypeScript sources through tsx: tsx compiles with
 * esbuild's keepNames, which names every closure as it is made and halves the speed of code
 * that makes many (the rules engine makes several per customer).
 */
async function load<T>(path: string): Promise<T> {
  return (await import(new URL(`../dist/${path}`, import.meta.url).href)) as T;
}

export const { configSchema } = await load<typeof ConfigSchema>("config/config-schema.js");
export const { writeDemoExports } = await load<typeof WriteDemoExports>(
  "demo/write-demo-exports.js",
);
export const { addDays } = await load<typeof AddDays>("domain/add-days.js");
export const { decideSegment } = await load<typeof DecideSegment>("domain/decide-segment.js");
export const { createSilentLogger } = await load<typeof Logger>("logger.js");
export const { loadRulesOrFail } = await load<typeof LoadRules>("rules/load-rules.js");
export const { buildCustomerFacts } = await load<typeof BuildCustomerFacts>(
  "services/build-customer-facts.js",
);
export const { createJoinReportCache } = await load<typeof CreateJoinReportCache>(
  "services/create-join-report-cache.js",
);
export const { importExports } = await load<typeof ImportExports>("services/import-exports.js");
export const { runDay } = await load<typeof RunDay>("services/run-day.js");
export const { openStore } = await load<typeof Store>("storage/store.js");
export const { createWebApp } = await load<typeof CreateWebApp>("web/create-web-app.js");
