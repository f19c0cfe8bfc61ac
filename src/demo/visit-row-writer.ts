import { createRandom, mixPair, mixSeed } from "./create-random.js";
import type { DayVisits } from "./collect-day-visits.js";
import { dateOfDayNumber, formatClock } from "./day-numbers.js";
import { FEATURE_EVENT_NAMES, FEATURES } from "./demo-vocabulary.js";
import type { LoginCalendar } from "./login-calendar.js";
import { userLocalPartOf } from "./name-user.js";
import type { ExportCell, ExportFile } from "./open-export-file.js";
import type { PlantedProblem } from "./planted-problem.js";
import { STREAM } from "./random-streams.js";

/** The most actions a visit has; the file's action columns are numbered 0 to this minus one. */
export const MAX_ACTIONS = 8;

/** What the writer needs besides the visits: the run, and where to plant broken rows. */
export interface VisitRowSettings {
  seed: number;
  customers: number;
  calendar: LoginCalendar;
  /** Visits with a broken timestamp to plant, spread over the file. */
  brokenRows: number;
  /** The file's name, for the planted rows' report. */
  fileName: string;
}

const SECONDS_PER_DAY = 86_400;
const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));
const FEATURE_NAMES = FEATURES.map((feature) => FEATURE_EVENT_NAMES[feature] ?? [""]);
/** The timestamps of a visit whose raw data was partly deleted. */
const BROKEN_TIMES = ["0000-00-00", "", "", "", "0000-00-00 00:00:00"] as const;

/**
 * Turns a day's sorted visits into rows of `Live.getLastVisitsDetails`, numbering the visits
 * and counting each user's. It runs millions of times, so it reuses its buffers.
 */
export class VisitRowWriter {
  /** The site zone's offset on the day being written: Matomo shifts action timestamps by it. */
  siteOffset = 0;
  private visits = 0;
  private anonymousVisits = 0;
  private readonly planted: PlantedProblem[] = [];
  private readonly plantAt: number[];
  private readonly visitCounts: Uint16Array;
  private readonly firstVisitId: number;
  private readonly random = createRandom(0);
  /** The visit's actions: -1 a page view, else the feature's index in FEATURES. */
  private readonly actions: number[] = [];
  private cachedDay = -1;
  private cachedDate = "";
  private lastActionAt = 0;

  constructor(
    private readonly file: ExportFile,
    private readonly settings: VisitRowSettings,
  ) {
    const { calendar, brokenRows } = settings;
    const logins = calendar.loginsPerDay.reduce((sum, count) => sum + count, 0);
    this.plantAt = Array.from({ length: brokenRows }, (_, at) =>
      Math.floor(((at + 0.5) * logins) / brokenRows),
    );
    this.visitCounts = new Uint16Array(settings.customers * 6);
    // Matomo numbers visits across its whole history; these are the latest of many.
    this.firstVisitId = 1_000 + settings.customers * 420;
  }

  /** Writes visit `entry` of `day`, whose times count from `anchor`; true when the buffer is full. */
  write(day: DayVisits, entry: number, anchor: number): boolean {
    this.random.reseed(day.seeds[entry] ?? 0);
    const customer = day.customers[entry] ?? -1;
    const slot = day.slots[entry] ?? 0;
    const isAnonymous = day.anonymous[entry] === 1;
    const start = anchor + (day.starts[entry] ?? 0);
    // The first visit has the most actions, so every action column of the header is used.
    const events = isAnonymous
      ? this.drawPageViews(this.visits === 0)
      : this.drawLoginActions(day, entry, this.visits === 0);
    const actionCells = this.buildActionCells(start);
    const last = this.lastActionAt;

    const idVisit = this.firstVisitId + this.visits;
    const isBroken = isAnonymous && this.shouldPlant();
    if (isBroken) this.recordPlanted(idVisit);
    const date = this.dateOf(last);
    const hash = this.settings.calendar.userHashes[customer] ?? 0;
    // After the actions, the visitor id, user id and visit count draw from `random` in this
    // order: the same seed must give the same file.
    const row: ExportCell[] = [
      1,
      idVisit,
      this.visitorIdOf(customer, hash, slot, isAnonymous),
      isAnonymous ? "" : this.userIdOf(customer, hash, slot),
      this.countVisit(customer, hash, slot, isAnonymous),
      ...(isBroken
        ? BROKEN_TIMES
        : [date, last, start, last, `${date} ${formatClock(last % SECONDS_PER_DAY)}`]),
      this.actions.length,
      events,
      ...actionCells,
    ];

    this.visits += 1;
    if (isAnonymous) this.anonymousVisits += 1;

    return this.file.writeRow(row);
  }

  outcome(): { visits: number; anonymous: number; planted: PlantedProblem[] } {
    return { visits: this.visits, anonymous: this.anonymousVisits, planted: this.planted };
  }

  /** A visit of page views only; returns its number of events, none. */
  private drawPageViews(isLongest: boolean): number {
    this.actions.length = 0;
    const count = isLongest ? MAX_ACTIONS : this.random.int(1, 2);
    for (let at = 0; at < count; at += 1) this.actions.push(-1);

    return 0;
  }

  /**
   * A signed-in visit: a page view first, then page views and one or two feature events in a
   * random order. Cycling through the customer's features of that part of the log (the
   * profile's 30 days or the days before) by login number uses all of them. Returns the number
   * of events.
   */
  private drawLoginActions(day: DayVisits, entry: number, isLongest: boolean): number {
    const random = this.random;
    const { calendar } = this.settings;
    const customer = day.customers[entry] ?? -1;
    const used = (day.isInWindow ? calendar.features : calendar.earlierFeatures)[customer] ?? 0;
    const ordinal = day.ordinals[entry] ?? 0;
    const walk = mixSeed(this.settings.seed, STREAM.featureOrder, customer);
    const first = used > 0 ? pickFeature(walk, ordinal % used) : -1;
    let second = used > 1 && random.chance(0.35) ? pickFeature(walk, random.int(0, used - 1)) : -1;
    if (second === first) second = -1;
    const events = (first < 0 ? 0 : 1) + (second < 0 ? 0 : 1);

    const actions = this.actions;
    actions.length = 0;
    const pageViews = isLongest ? MAX_ACTIONS - events : random.int(1, 4);
    for (let at = 0; at < pageViews; at += 1) actions.push(-1);
    if (first >= 0) actions.push(first);
    if (second >= 0) actions.push(second);
    for (let at = actions.length - 1; at > 1; at -= 1) {
      const other = random.int(1, at);
      const swap = actions[at] ?? -1;
      actions[at] = actions[other] ?? -1;
      actions[other] = swap;
    }

    return events;
  }

  /** The action cells, padded to the header; sets `lastActionAt`. */
  private buildActionCells(start: number): ExportCell[] {
    const cells: ExportCell[] = [];
    let at = start;
    for (let position = 0; position < this.actions.length; position += 1) {
      if (position > 0) at += this.random.int(15, 240);
      const feature = this.actions[position] ?? -1;
      if (feature < 0) cells.push("action", "", "", "", at + this.siteOffset);
      else {
        const name = this.random.pick(FEATURE_NAMES[feature] ?? [""]);
        cells.push("event", "Feature", FEATURES[feature] ?? "", name, at + this.siteOffset);
      }
    }
    for (let position = this.actions.length; position < MAX_ACTIONS; position += 1) {
      cells.push("", "", "", "", "");
    }
    this.lastActionAt = at;

    return cells;
  }

  private dateOf(unixSeconds: number): string {
    const day = Math.floor(unixSeconds / SECONDS_PER_DAY);
    if (day !== this.cachedDay) {
      this.cachedDay = day;
      this.cachedDate = dateOfDayNumber(day);
    }

    return this.cachedDate;
  }

  /**
   * `jane.doe@derras-realestate.co.uk`. Names and domains are lower-case letters, digits, dots
   * and hyphens, never first: Matomo would neither guard nor quote them.
   */
  private userIdOf(customer: number, hash: number, slot: number): string {
    return `${userLocalPartOf(hash, slot)}@${this.settings.calendar.domains[customer] ?? ""}`;
  }

  /**
   * Matomo derives a signed-in visitor's id from the user id; the same person's visit before
   * signing in keeps the browser's own id (VENDOR-NOTES §3.9).
   */
  private visitorIdOf(customer: number, hash: number, slot: number, isAnonymous: boolean) {
    if (customer < 0)
      return formatHex(this.random.next() * 2 ** 32) + formatHex(this.random.next() * 2 ** 32);

    const device = slot * 4 + (isAnonymous ? 2 : 0);

    return formatHex(mixPair(hash, device)) + formatHex(mixPair(hash, device + 1));
  }

  private countVisit(customer: number, hash: number, slot: number, isAnonymous: boolean) {
    if (customer < 0) return this.random.int(1, 3);

    const earlier = 1 + (mixPair(hash, 64 + slot) % 150);
    if (isAnonymous) return 1 + (earlier % 40);

    const counter = customer * 6 + slot;
    this.visitCounts[counter] = (this.visitCounts[counter] ?? 0) + 1;

    return earlier + (this.visitCounts[counter] ?? 0);
  }

  private shouldPlant(): boolean {
    const next = this.plantAt[this.planted.length];

    return next !== undefined && this.visits >= next;
  }

  private recordPlanted(idVisit: number): void {
    this.planted.push({
      file: this.settings.fileName,
      line: this.file.lines + 1,
      column: "lastActionDateTime",
      value: "0000-00-00 00:00:00",
      reason:
        `visit ${idVisit} lost its timestamps: the Unix ones are empty and the dates are ` +
        "MySQL's zero date, as a visit whose raw data was partly deleted exports",
    });
  }
}

/**
 * The `index`th of a customer's features: a walk through FEATURES from a seeded start by a
 * seeded odd step, which (the list having 8 entries) never repeats a feature.
 */
function pickFeature(walk: number, index: number): number {
  const step = 1 + 2 * ((walk >>> 8) % 4);

  return (walk + index * step) % FEATURES.length;
}

function formatHex(value: number): string {
  const word = value >>> 0;

  return (
    (HEX_BYTES[word >>> 24] as string) +
    HEX_BYTES[(word >>> 16) & 255] +
    HEX_BYTES[(word >>> 8) & 255] +
    HEX_BYTES[word & 255]
  );
}
