import type { Context } from "hono";

import type { FakeState } from "./fake-state.js";

/** A 401 for a token HubSpot does not know, a 403 naming the scope it lacks. */
export function authorize(c: Context, state: FakeState, scope: string): Response | undefined {
  const token = /^Bearer (.+)$/.exec(c.req.header("authorization") ?? "")?.[1];
  const scopes = token === undefined ? undefined : state.credentials.hubspot[token];
  if (scopes === undefined) {
    return c.json(
      {
        status: "error",
        message:
          "Authentication credentials not found. This API supports OAuth 2.0 authentication " +
          "and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview",
        correlationId: "0f1e2d3c-fake-4b5a-9c8d-000000000401",
        category: "INVALID_AUTHENTICATION",
      },
      401,
    );
  }
  if (scopes.includes(scope)) return undefined;

  return c.json(
    {
      status: "error",
      message:
        "This app hasn't been granted all required scopes to make this call. Read more about " +
        "required scopes here: https://developers.hubspot.com/scopes.",
      correlationId: "0f1e2d3c-fake-4b5a-9c8d-000000000403",
      errors: [
        {
          message: "One or more of the following scopes are required.",
          context: { requiredGranularScopes: [scope] },
        },
      ],
      category: "MISSING_SCOPES",
    },
    403,
  );
}

/** HubSpot's error body: `category` says what kind (VALIDATION_ERROR, OBJECT_NOT_FOUND, …). */
export function error(
  c: Context,
  status: 400 | 404 | 409,
  message: string,
  category = "VALIDATION_ERROR",
): Response {
  return c.json({ status: "error", message, correlationId: "fake", category }, status);
}

export function notFound(c: Context): Response {
  return error(c, 404, `no such endpoint: ${c.req.path}`);
}
