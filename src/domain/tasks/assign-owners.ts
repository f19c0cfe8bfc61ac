/** A configured CS person (`team.cs_people`). */
export interface CsPerson {
  name: string;
  email?: string | undefined;
  hubspotOwnerId?: string | undefined;
}

/** A customer and its HubSpot company owner, as far as HubSpot says (API: id; UI export: name). */
export interface OwnedCustomer {
  customerId: string;
  ownerId?: string | undefined;
  /** The owner's name, from a UI export or from HubSpot's owners list for `ownerId`. */
  ownerName?: string | undefined;
  ownerEmail?: string | undefined;
}

/** `owner`: the company's owner is this person. `shared`: handed out to even the load. */
export interface OwnerAssignment {
  person: string;
  basis: "owner" | "shared";
}

/**
 * Who each customer's tasks belong to. The company's owner when that is a configured CS person
 * (by HubSpot owner id, name or e-mail, ignoring case and spacing); any other customer (no
 * owner, or an owner outside the CS team such as a sales rep) is shared: it stays with the
 * person it was shared to before (`existing`, customer id → name) while that person is still
 * configured, and new ones go, in customer id order, to whoever has the fewest shared
 * customers, so the shares stay even without ever moving a customer someone already has.
 * Returns nothing for a customer when no CS person is configured.
 */
export function assignOwners(
  customers: readonly OwnedCustomer[],
  people: readonly CsPerson[],
  existing: ReadonlyMap<string, string>,
): Map<string, OwnerAssignment> {
  const assignments = new Map<string, OwnerAssignment>();
  if (people.length === 0) return assignments;

  const sharedCounts = new Map(people.map((person) => [person.name, 0]));
  const toShare: OwnedCustomer[] = [];

  for (const customer of customers) {
    const owner = people.find((person) => isOwnedBy(customer, person));
    const previous = findPerson(people, existing.get(customer.customerId));
    if (owner !== undefined) {
      assignments.set(customer.customerId, { person: owner.name, basis: "owner" });
    } else if (previous !== undefined) {
      assignments.set(customer.customerId, { person: previous.name, basis: "shared" });
      sharedCounts.set(previous.name, (sharedCounts.get(previous.name) ?? 0) + 1);
    } else {
      toShare.push(customer);
    }
  }

  const byId = [...toShare].sort((a, b) => (a.customerId < b.customerId ? -1 : 1));
  for (const customer of byId) {
    const person = leastShared(people, sharedCounts);
    assignments.set(customer.customerId, { person, basis: "shared" });
    sharedCounts.set(person, (sharedCounts.get(person) ?? 0) + 1);
  }

  return assignments;
}

function isOwnedBy(customer: OwnedCustomer, person: CsPerson): boolean {
  if (person.hubspotOwnerId !== undefined && customer.ownerId === person.hubspotOwnerId) {
    return true;
  }
  const name = normalize(customer.ownerName);
  const email = normalize(customer.ownerEmail);
  const personEmail = normalize(person.email);
  if (name !== "" && name === normalize(person.name)) return true;

  return personEmail !== "" && (email === personEmail || name === personEmail);
}

function findPerson(people: readonly CsPerson[], name: string | undefined): CsPerson | undefined {
  const wanted = normalize(name);

  return wanted === "" ? undefined : people.find((person) => normalize(person.name) === wanted);
}

/** The first person, in configured order, with the fewest shared customers. */
function leastShared(people: readonly CsPerson[], counts: Map<string, number>): string {
  let best = people[0]?.name ?? "";
  for (const person of people) {
    if ((counts.get(person.name) ?? 0) < (counts.get(best) ?? 0)) best = person.name;
  }

  return best;
}

function normalize(text: string | undefined): string {
  return (text ?? "").trim().replace(/\s+/g, " ").toLowerCase();
}
