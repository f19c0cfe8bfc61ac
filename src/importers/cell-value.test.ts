import { describe, expect, it } from "vitest";

import {
  booleanCell,
  choiceCell,
  countCell,
  hubspotIdCell,
  hubspotIdListCell,
  idCell,
} from "./cell-value.js";

describe("cells", () => {
  it.each(["1.23457E+11", "1,23457E+11", "1.8734E10", "2e5"])(
    "rejects the spreadsheet-rounded id %j on any id column",
    (text) => {
      expect(idCell(text)).toEqual({ expected: expect.stringContaining("scientific notation") });
      expect(hubspotIdCell(text)).toEqual({
        expected: expect.stringContaining("scientific notation"),
      });
    },
  );

  it("keeps ids as text, leading zeros and all", () => {
    expect(idCell("cus_Q1derras")).toEqual({ value: "cus_Q1derras" });
    expect(hubspotIdCell("018734299351")).toEqual({ value: "018734299351" });
    expect(hubspotIdCell("18734299351.0")).toEqual({ expected: "a HubSpot record id (digits)" });
  });

  it("splits associated ids on ; and drops repeats", () => {
    expect(hubspotIdListCell("1;2; 2 ;3")).toEqual({ value: ["1", "2", "3"] });
    expect(hubspotIdListCell("1;1.2E+10")).toEqual({
      expected: expect.stringContaining("scientific notation"),
    });
  });

  it.each([
    ["0", 0],
    ["42", 42],
  ])("reads the count %j", (text, value) => {
    expect(countCell(text)).toEqual({ value });
  });

  it.each(["-1", "1.5", "twelve", "1e3"])("rejects the count %j", (text) => {
    expect(countCell(text)).toEqual({ expected: "a whole number, 0 or more" });
  });

  it.each([
    ["true", true],
    ["TRUE", true],
    ["yes", true],
    ["false", false],
    ["FALSE", false],
    ["No", false],
  ])("reads the boolean %j", (text, value) => {
    expect(booleanCell(text)).toEqual({ value });
  });

  it("rejects a boolean it cannot read, naming the forms", () => {
    expect(booleanCell("maybe")).toEqual({ expected: "true or false (or yes or no)" });
  });

  it("reads choices in any case, with spaces or underscores", () => {
    const status = choiceCell({ past_due: "past_due" }, "a status");

    expect(status("Past due")).toEqual({ value: "past_due" });
    expect(status("PAST_DUE")).toEqual({ value: "past_due" });
    expect(status("late")).toEqual({ expected: "a status" });
  });
});
