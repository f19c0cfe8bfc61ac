import type { EngagementType } from "../connectors/hubspot/hubspot-api.js";
import { CsopsError } from "../errors.js";
import type { WriteBackContext } from "./write-back-context.js";

/**
 * Reads back a created task's or note's companies, since HubSpot may create it without its
 * association and still answer 201 (hubspot-api-nodejs#376): when the company is missing, the
 * association is made and read back again. `gone`: it was deleted in HubSpot meanwhile. Throws,
 * saying what is wrong, when the association cannot be made; the next write-back tries again.
 */
export async function verifyAssociation(
  context: WriteBackContext,
  type: EngagementType,
  hubspotId: string,
  companyId: string,
): Promise<"verified" | "gone"> {
  const { api } = context;
  const companies = await api.readAssociatedCompanies(type, hubspotId);
  if (companies === undefined) return "gone";
  if (companies.includes(companyId)) return "verified";

  const what = `HubSpot ${type === "tasks" ? "task" : "note"} ${hubspotId} was created without its association with company ${companyId}`;
  try {
    await api.associateWithCompany(
      type,
      hubspotId,
      companyId,
      await context.associationTypeOf(type),
    );
  } catch (error) {
    if (!(error instanceof CsopsError)) throw error;
    throw new CsopsError(error.code, `${what}, and associating it failed: ${error.message}`, [], {
      cause: error.cause,
    });
  }
  const after = await api.readAssociatedCompanies(type, hubspotId);
  if (after === undefined) return "gone";
  if (!after.includes(companyId)) {
    throw new CsopsError("source_unavailable", `${what}, and associating it did not take`);
  }
  context.report.associationsRepaired += 1;

  return "verified";
}
