import type { SourceName } from "../domain/records.js";

/** Where a source's API is and the secret that opens it, from the environment only. */
export interface SourceConnection {
  secret: string;
  baseUrl: URL;
}

/** A source's connection, or why it has none: its token is not set, or an address is wrong. */
export type SourceConnectionState =
  { connection: SourceConnection } | { notConfigured: string } | { invalid: string };

/** The environment variables that configure each source: its secret and its address. */
export const SOURCE_VARIABLES = {
  hubspot: {
    secret: "HUBSPOT_ACCESS_TOKEN",
    baseUrl: "HUBSPOT_BASE_URL",
    defaultUrl: "https://api.hubapi.com",
  },
  stripe: {
    secret: "STRIPE_API_KEY",
    baseUrl: "STRIPE_API_BASE",
    defaultUrl: "https://api.stripe.com",
  },
  matomo: { secret: "MATOMO_TOKEN_AUTH", baseUrl: "MATOMO_URL", defaultUrl: undefined },
} as const satisfies Record<
  SourceName,
  { secret: string; baseUrl: string; defaultUrl: string | undefined }
>;

/**
 * Each source's connection as the environment sets it. A source is configured when its secret
 * is set; its address defaults to the vendor's own, except Matomo's, which every team hosts
 * somewhere of its own. An address that is not an http(s) URL is refused without repeating
 * it: a secret pasted into the wrong variable must not end up in a message.
 */
export function readSourceConnections(
  env: Readonly<Record<string, string | undefined>>,
): Record<SourceName, SourceConnectionState> {
  const read = (source: SourceName): SourceConnectionState => {
    const names = SOURCE_VARIABLES[source];
    const secret = env[names.secret]?.trim() ?? "";
    if (secret === "") return { notConfigured: `${names.secret} is not set` };
    const address = env[names.baseUrl]?.trim() || names.defaultUrl;
    if (address === undefined)
      return { invalid: `${names.secret} is set but ${names.baseUrl} is not` };

    let baseUrl: URL;
    try {
      baseUrl = new URL(address);
    } catch {
      return { invalid: `${names.baseUrl} is not a URL` };
    }
    if (baseUrl.protocol !== "http:" && baseUrl.protocol !== "https:") {
      return { invalid: `${names.baseUrl} must be an http:// or https:// URL` };
    }

    return { connection: { secret, baseUrl } };
  };

  return { hubspot: read("hubspot"), stripe: read("stripe"), matomo: read("matomo") };
}
