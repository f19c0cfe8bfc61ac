/**
 * A domain as the join compares it: lower-case, without a scheme, `www.`, path, port or
 * trailing dot, so `https://www.Acme.com/about` and `acme.com` name the same company.
 * Undefined when what is left cannot be a domain (no dot, spaces, an `@`).
 */
export function normalizeDomain(text: string): string | undefined {
  let domain = text.trim().toLowerCase();
  domain = domain.replace(/^[a-z][a-z0-9+.-]*:\/\//, "");
  domain = (domain.split(/[/?#]/, 1)[0] ?? "").replace(/:\d+$/, "").replace(/\.$/, "");
  if (domain.startsWith("www.")) domain = domain.slice("www.".length);

  const labels = domain.split(".");
  const isDomain = labels.length >= 2 && labels.every((label) => label !== "");

  return isDomain && !/[\s@]/.test(domain) ? domain : undefined;
}

/**
 * The normalized domain of an e-mail address (`Jane <Jane@WWW.Acme.com>` → `acme.com`), or
 * undefined when the text is not an address with a usable domain.
 */
export function emailDomainOf(email: string): string | undefined {
  const address = email.trim().replace(/^.*<([^>]*)>$/, "$1");
  const at = address.lastIndexOf("@");
  if (at < 1) return undefined;

  return normalizeDomain(address.slice(at + 1));
}
