import { CsopsError } from "../errors.js";
import type { CompanyMatch } from "../storage/search-companies.js";
import type { Store } from "../storage/store.js";

/** Candidates listed when a name is ambiguous. */
const SHOWN_CANDIDATES = 10;

/**
 * The customer a person means by `idOrName`: a HubSpot company id, a name in any case, or a part
 * of a name that only one customer has. Throws `customer_not_found` naming the candidates when
 * there are none or several.
 */
export async function findCustomerOrFail(store: Store, idOrName: string): Promise<CompanyMatch> {
  const text = idOrName.trim();
  if (text === "") throw new CsopsError("usage", "name the customer: a company id or name");

  const matches = await store.searchCompanies(text, { limit: SHOWN_CANDIDATES + 1 });
  const [only] = matches;
  if (only !== undefined && matches.length === 1) return only;
  if (only === undefined) {
    throw new CsopsError("customer_not_found", `no customer has the id or a name like "${text}"`);
  }

  const listed = matches
    .slice(0, SHOWN_CANDIDATES)
    .map((match) => `${match.companyId} ${match.name}`)
    .join("; ");
  const more = matches.length > SHOWN_CANDIDATES ? "; and more" : "";
  throw new CsopsError(
    "customer_not_found",
    `"${text}" matches several customers: ${listed}${more}. Give the id or the full name`,
  );
}
