import { describe, expect, it } from "vitest";

import { findFormPage } from "./find-form-page.js";

const SITE = "http://localhost:3000";

describe("findFormPage", () => {
  it.each([
    ["/tasks/T-1143/outcome", undefined, "/tasks/T-1143"],
    ["/tasks/T-1143/outcome?owner=all", undefined, "/tasks/T-1143?owner=all"],
    ["/import", undefined, "/import"],
    ["/you-are", undefined, "/"],
    ["/sign-out", undefined, "/"],
    ["/you-are", `${SITE}/customers?segment=expansion`, "/customers?segment=expansion"],
    ["/tasks/T-1143/outcome", `${SITE}/tasks/T-1143?owner=all`, "/tasks/T-1143?owner=all"],
    // Asked again after a missing choice, the browser stayed on the form's address.
    ["/tasks/T-1143/outcome", `${SITE}/tasks/T-1143/outcome?owner=all`, "/tasks/T-1143?owner=all"],
    ["/tasks/T-1143/outcome", "https://evil.example/tasks/T-9", "/tasks/T-1143"],
    ["/you-are", "https://evil.example/x", "/"],
    ["/you-are", "not a url", "/"],
    ["/you-are", `${SITE}//evil.example/`, "/"],
  ])("%s from %s goes back to %s", (path, referer, expected) => {
    expect(findFormPage(`${SITE}${path}`, referer)).toBe(expected);
  });
});
