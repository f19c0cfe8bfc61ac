import type { CalendarDate } from "../../domain/dates.js";
import type { CellParser } from "../../importers/cell-value.js";
import type { RowProblem } from "../../importers/opened-export.js";
import { dateCell, instantCell } from "../../importers/time-cell.js";
import { createZoneClock } from "../../importers/zone-clock.js";
import type { HubspotObject } from "./hubspot-api.js";

const UTC = createZoneClock("UTC");
const instantText = instantCell(UTC);

/**
 * Reads one object's properties with the importers' cell parsers, so a value means the same
 * through the API as in an export; every value that does not parse is listed as a problem.
 */
export class HubspotProperties {
  readonly problems: RowProblem[] = [];

  constructor(private readonly object: HubspotObject) {}

  /** The property's text, trimmed; undefined when absent, null or empty. */
  text(name: string): string | undefined {
    const value = this.object.properties[name]?.trim();
    return value === undefined || value === "" ? undefined : value;
  }

  parse<T>(name: string, parser: CellParser<T>, text = this.text(name)): T | undefined {
    if (text === undefined) return undefined;
    const parsed = parser(text);
    if ("value" in parsed) return parsed.value;
    this.problems.push({ column: name, value: text, message: `expected ${parsed.expected}` });

    return undefined;
  }

  /**
   * A date property (contract end, customer since). v3 writes `YYYY-MM-DD`; older portals and
   * APIs write epoch milliseconds of midnight UTC. Either way it is a calendar date as it is,
   * never shifted through a time zone.
   */
  date(name: string): CalendarDate | undefined {
    const text = this.text(name);
    if (text !== undefined && /^\d{11,14}$/.test(text)) {
      return new Date(Number(text)).toISOString().slice(0, 10);
    }

    return this.parse(name, dateCell, text);
  }

  /** A datetime property (`createdate`, `hs_lastmodifieddate`): ISO 8601 UTC, or epoch ms. */
  instant(name: string): number | undefined {
    const text = this.text(name);
    if (text !== undefined && /^\d{11,14}$/.test(text)) return Math.floor(Number(text) / 1000);

    return this.parse(name, instantText, text);
  }

  /** Marks a value the record cannot do without. */
  required<T>(name: string, value: T | undefined): T {
    if (value === undefined && !this.problems.some((problem) => problem.column === name)) {
      this.problems.push({ column: name, value: "", message: "expected a value" });
    }

    return value as T;
  }
}
