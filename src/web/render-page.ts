import type { Context } from "hono";
import type { HtmlEscapedString } from "hono/utils/html";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/**
 * Sends a page rendered with hono/jsx, which escapes every text and attribute value: whatever
 * HubSpot, Stripe or Matomo call a company is shown as text, never run as markup.
 */
export async function renderPage(
  c: Context,
  element: HtmlEscapedString | Promise<HtmlEscapedString>,
  status: ContentfulStatusCode = 200,
): Promise<Response> {
  const html = String(await element);

  return c.html(`<!doctype html>\n${html}`, status);
}
