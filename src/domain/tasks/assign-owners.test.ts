import { describe, expect, it } from "vitest";

import { assignOwners, type CsPerson, type OwnedCustomer } from "./assign-owners.js";

const ALEX: CsPerson = {
  name: "Alex Morgan",
  email: "alex@csops.example",
  hubspotOwnerId: "750122779",
};
const SAM: CsPerson = { name: "Sam Patel" };
const NO_HISTORY = new Map<string, string>();

const unowned = (...ids: string[]): OwnedCustomer[] => ids.map((customerId) => ({ customerId }));
const people = (assignments: Map<string, { person: string }>) =>
  Object.fromEntries([...assignments].map(([id, a]) => [id, a.person]));

describe("assignOwners", () => {
  it.each([
    ["HubSpot owner id", { ownerId: "750122779" }, "Alex Morgan"],
    ["name, ignoring case and spacing", { ownerName: "  sam   PATEL " }, "Sam Patel"],
    ["e-mail", { ownerEmail: "Alex@csops.example" }, "Alex Morgan"],
    ["e-mail given as the owner's name", { ownerName: "alex@csops.example" }, "Alex Morgan"],
  ])("gives a customer to its owner by %s", (_how, owner, person) => {
    const result = assignOwners([{ customerId: "1", ...owner }], [ALEX, SAM], NO_HISTORY);
    expect(result.get("1")).toEqual({ person, basis: "owner" });
  });

  it("shares customers without a CS owner evenly, in customer id order", () => {
    const customers = [
      ...unowned("5", "3", "1", "4", "2"),
      { customerId: "6", ownerName: "Jordan Sales" },
      { customerId: "7", ownerId: "750122779" },
    ];

    const result = assignOwners(customers, [ALEX, SAM], NO_HISTORY);

    expect(people(result)).toEqual({
      "1": "Alex Morgan",
      "2": "Sam Patel",
      "3": "Alex Morgan",
      "4": "Sam Patel",
      "5": "Alex Morgan",
      "6": "Sam Patel",
      "7": "Alex Morgan",
    });
    expect(result.get("6")?.basis).toBe("shared");
  });

  it("keeps shared customers with whoever got them, and evens out with the new ones", () => {
    const before = new Map([
      ["1", "Alex Morgan"],
      ["2", "Alex Morgan"],
      ["3", "Alex Morgan"],
    ]);

    const result = assignOwners(unowned("1", "2", "3", "4", "5", "6"), [ALEX, SAM], before);

    expect(people(result)).toEqual({
      "1": "Alex Morgan",
      "2": "Alex Morgan",
      "3": "Alex Morgan",
      "4": "Sam Patel",
      "5": "Sam Patel",
      "6": "Sam Patel",
    });
  });

  it("hands on the customers of someone who left the team, and lets an owner take over", () => {
    const before = new Map([
      ["1", "Robin Left"],
      ["2", "Sam Patel"],
    ]);
    const customers = [...unowned("1"), { customerId: "2", ownerName: "Alex Morgan" }];

    const result = assignOwners(customers, [ALEX, SAM], before);

    expect(result.get("1")).toEqual({ person: "Alex Morgan", basis: "shared" });
    expect(result.get("2")).toEqual({ person: "Alex Morgan", basis: "owner" });
  });

  it("gives the same answer whatever order the customers come in", () => {
    const customers = unowned("10", "2", "33", "4", "51");
    const forward = people(assignOwners(customers, [ALEX, SAM], NO_HISTORY));
    const backward = people(assignOwners([...customers].reverse(), [ALEX, SAM], NO_HISTORY));
    expect(backward).toEqual(forward);
  });

  it("assigns nobody when no CS person is configured", () => {
    expect(assignOwners(unowned("1"), [], NO_HISTORY).size).toBe(0);
  });
});
