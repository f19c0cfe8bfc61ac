import type { Context, Hono } from "hono";
import { Temporal } from "temporal-polyfill";

import type { MatomoVisitRecord } from "../domain/records.js";
import type { FakeState } from "./fake-state.js";
import { useVendorMiddleware } from "./vendor-middleware.js";

/**
 * Matomo's Reporting API at `/index.php` (VENDOR-NOTES §3): `SitesManager.getSiteFromId` and
 * `Live.getLastVisitsDetails` for one day in the site's zone, oldest first with `filter_limit`
 * and `filter_offset`. Errors come back as Matomo sends them, with HTTP 200 and
 * `{"result":"error"}`; a token sent in the URL rather than the POST body is refused, as
 * Matomo refuses secure-only tokens.
 */
export function registerFakeMatomo(app: Hono, state: FakeState): void {
  useVendorMiddleware(app, "/index.php", "matomo", state, async (c) => {
    const fields: Record<string, unknown> = await paramsOf(c);
    delete fields.token_auth;
    return fields;
  });

  app.on(["GET", "POST"], "/index.php", async (c) => {
    const params = await paramsOf(c);
    if (new URL(c.req.url).searchParams.has("token_auth")) {
      return reportError(
        c,
        "Unable to authenticate with the provided token. It is either invalid, expired or is " +
          "required to be sent as a POST parameter.",
      );
    }
    if (!state.credentials.matomo.includes(params.token_auth ?? "")) {
      return reportError(
        c,
        "Unable to authenticate with the provided token. It is either invalid or expired.",
      );
    }
    const { siteId, timeZone } = state.business.matomo;
    if (params.idSite !== String(siteId)) {
      return reportError(
        c,
        `You can't access this resource as it requires 'view' access for the website id = ${params.idSite}.`,
      );
    }

    switch (params.method) {
      case "SitesManager.getSiteFromId":
        return c.json({
          idsite: String(siteId),
          name: "csops demo app",
          main_url: "https://app.csops-fake.example",
          timezone: timeZone,
          currency: "GBP",
        });
      case "Live.getLastVisitsDetails":
        return listVisits(c, state, params);
      default:
        return reportError(
          c,
          `The method '${params.method ?? ""}' does not exist or is not available in the module 'API'.`,
        );
    }
  });
}

async function paramsOf(c: Context): Promise<Record<string, string>> {
  const query = Object.fromEntries(new URL(c.req.url).searchParams);
  if (c.req.method !== "POST") return query;
  const form = await c.req.parseBody();

  return { ...query, ...Object.fromEntries(Object.entries(form).map(([k, v]) => [k, String(v)])) };
}

/** Matomo's JSON renderer reports errors with HTTP 200. */
function reportError(c: Context, message: string): Response {
  return c.json({ result: "error", message });
}

function listVisits(c: Context, state: FakeState, params: Record<string, string>): Response {
  const { timeZone, visits } = state.business.matomo;
  const day = params.date ?? "";
  if (params.period !== "day" || !/^\d{4}-\d{2}-\d{2}$/.test(day)) {
    return reportError(c, "This fake answers period=day&date=YYYY-MM-DD only.");
  }
  const ofDay = visits
    .filter((visit) => siteDateOf(visit.visitedAt, timeZone) === day)
    .sort((a, b) => a.visitedAt - b.visitedAt || idOf(a) - idOf(b));
  if (params.filter_sort_order !== "asc") ofDay.reverse();

  const limit = Number(params.filter_limit ?? 100);
  let offset = Number(params.filter_offset ?? 0);
  if (state.behaviour.matomoOverlappingPages && offset > 0) offset -= 1;
  const window = limit < 0 ? ofDay.slice(offset) : ofDay.slice(offset, offset + limit);
  const every = state.behaviour.matomoHiddenEvery;
  const shown = every === undefined ? window : window.filter((visit) => idOf(visit) % every !== 0);

  return c.json(shown.map((visit) => renderVisit(visit, timeZone)));
}

function idOf(visit: MatomoVisitRecord): number {
  return Number(visit.visitId.split(":")[1]);
}

function siteDateOf(unixSeconds: number, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(unixSeconds * 1000)
    .toZonedDateTimeISO(timeZone)
    .toPlainDate()
    .toString();
}

/**
 * A visit as the Live API writes it: true Unix seconds at the visit level, UTC text in
 * `lastActionDateTime`, and action timestamps shifted to the site's wall-clock time.
 */
function renderVisit(visit: MatomoVisitRecord, timeZone: string) {
  const [idSite = "1", idVisit = "0"] = visit.visitId.split(":");
  const at = visit.visitedAt;
  const utc = new Date(at * 1000).toISOString();
  const offsetSeconds =
    Temporal.Instant.fromEpochMilliseconds(at * 1000).toZonedDateTimeISO(timeZone)
      .offsetNanoseconds / 1e9;

  return {
    idSite: Number(idSite),
    idVisit: Number(idVisit),
    visitorId: idVisit.padStart(16, "0").slice(-16),
    userId: visit.userId ?? null,
    visitorType: "returning",
    serverDate: utc.slice(0, 10),
    serverTimestamp: at,
    firstActionTimestamp: at,
    lastActionTimestamp: at,
    lastActionDateTime: `${utc.slice(0, 10)} ${utc.slice(11, 19)}`,
    actions: String(visit.events.length),
    events: String(visit.events.length),
    actionDetails: visit.events.map((event) => ({
      type: "event",
      eventCategory: event.category,
      eventAction: event.action,
      ...(event.name === undefined ? {} : { eventName: event.name }),
      timestamp: at + offsetSeconds,
    })),
  };
}
