import { describe, expect, it } from "vitest";

import { createQueueFilter } from "./queue-filter.js";

describe("createQueueFilter", () => {
  it("writes itself into links, leaving out what is not set", () => {
    const filter = createQueueFilter({ owner: "Sam Patel", segment: " " });

    expect(filter.href("/tasks/T-1001")).toBe("/tasks/T-1001?owner=Sam+Patel");
    expect(filter.with({ segment: "follow_up" }).href("/")).toBe(
      "/?owner=Sam+Patel&segment=follow_up",
    );
    expect(createQueueFilter({}).href("/")).toBe("/");
  });
});
