import { Writable } from "node:stream";

import { pino } from "pino";

import type { RequestSettings } from "../connectors/request-settings.js";
import type { RequestClock } from "../connectors/send-with-retries.js";
import type { Logger } from "../logger.js";
import { createEmptyBusiness, type FakeBusiness } from "./fake-business.js";
import { FULL_ACCESS, WRITE_BACK_SCOPES, type FakeCredentials } from "./fake-state.js";

/** Secrets the test fakes accept; tests look for them in logs, errors and the database. */
export const TEST_SECRETS = {
  hubspot: "pat-eu1-11111111-2222-3333-4444-555555555555",
  hubspotWithoutTickets: "pat-eu1-99999999-8888-7777-6666-555555555555",
  /** Reads all a sync needs, writes nothing: the write-back's scopes are missing. */
  hubspotReadOnly: "pat-eu1-77777777-aaaa-bbbb-cccc-dddddddddddd",
  stripe: "rk_test_51FakeCsopsKeyAAAAAAAAAAAAAAAAAAAA",
  stripeWithoutInvoices: "rk_test_51FakeCsopsKeyBBBBBBBBBBBBBBBBBBBB",
  matomo: "0123456789abcdef0123456789abcdef",
} as const;

export const TEST_CREDENTIALS: FakeCredentials = {
  hubspot: {
    [TEST_SECRETS.hubspot]: [...FULL_ACCESS.hubspot, ...WRITE_BACK_SCOPES],
    [TEST_SECRETS.hubspotWithoutTickets]: ["crm.objects.companies.read", "crm.objects.owners.read"],
    [TEST_SECRETS.hubspotReadOnly]: FULL_ACCESS.hubspot,
  },
  stripe: {
    [TEST_SECRETS.stripe]: FULL_ACCESS.stripe,
    [TEST_SECRETS.stripeWithoutInvoices]: ["customers", "subscriptions"],
  },
  matomo: [TEST_SECRETS.matomo],
};

/** A clock whose waits take no time: it records them and moves its own time on. */
export interface VirtualClock extends RequestClock {
  readonly waits: number[];
}

export function createVirtualClock(startMs = 1_796_000_000_000): VirtualClock {
  let now = startMs;
  const waits: number[] = [];

  return {
    waits,
    nowMs: () => now,
    sleep: async (ms) => {
      waits.push(ms);
      now += ms;
    },
  };
}

/** A logger that keeps every line it writes, to look for secrets in. */
export function createCapturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString("utf8"));
      done();
    },
  });

  return { logger: pino({ level: "debug" }, sink), lines };
}

/** Request settings for tests: few tries, short timeouts, a virtual clock. */
export function createTestRequests(
  overrides: Partial<Omit<RequestSettings, "retry">> & { maxAttempts?: number } = {},
): RequestSettings & { clock: VirtualClock } {
  const { maxAttempts = 3, ...rest } = overrides;

  return {
    retry: { maxAttempts, backoffMs: 100, maxBackoffMs: 1000, maxRetryAfterMs: 60_000 },
    timeoutMs: 2000,
    logger: pino({ level: "silent" }),
    ...rest,
    clock: (rest.clock as VirtualClock | undefined) ?? createVirtualClock(),
  };
}

/**
 * A small business whose every record is set by number: `companies` companies (ids from
 * 9000000001), one owner, a ticket and a Stripe customer with a subscription for every
 * company, and a visit a day for its user. Dates are in December 2026.
 */
export function createSampleBusiness(options: { companies: number }): FakeBusiness {
  const business = createEmptyBusiness("Europe/London");
  business.owners = [
    { ownerId: "750000001", firstName: "Alex", lastName: "Morgan", email: "alex@csops.example" },
  ];
  for (let i = 1; i <= options.companies; i++) {
    const companyId = String(9_000_000_000 + i);
    const domain = `agency${i}.example`;
    business.companies.push({
      companyId,
      name: `Agency ${i}`,
      domain,
      ownerId: "750000001",
      plan: i % 3 === 0 ? "Enterprise" : "Basic",
      contractEndDate: "2027-03-15",
      accountStartDate: "2024-06-01",
      modifiedAt: 1_795_000_000 + i,
    });
    business.tickets.push({
      ticketId: String(5_000_000 + i),
      companyId,
      companyIds: [companyId],
      createdDate: "2026-11-20",
      modifiedAt: 1_795_000_000 + i,
    });
    business.stripeCustomers.push({
      customerId: `cus_${String(i).padStart(6, "0")}`,
      email: `billing@${domain}`,
      hubspotCompanyId: companyId,
      createdAt: 1_700_000_000 + i,
      delinquent: false,
    });
  }

  return business;
}
