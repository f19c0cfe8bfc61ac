import type { Context } from "hono";

import { pageContextOf } from "./page-context.js";
import { SignInPage } from "./pages/sign-in-page.js";
import { renderPage } from "./render-page.js";
import type { WebDeps } from "./web-deps.js";
import type { WebEnv } from "./web-env.js";

/**
 * The sign-in page, coming back to `next` once signed in; `error` says why it is shown (a
 * wrong password, or a session that ended while a form was open).
 */
export async function showSignIn(
  c: Context<WebEnv>,
  deps: WebDeps,
  form: { next: string; email?: string; error?: string },
  status: 200 | 401 | 429 = 200,
): Promise<Response> {
  const hasUsers = (await deps.store.countUsers()) > 0;

  return renderPage(
    c,
    <SignInPage page={pageContextOf(c, deps)} hasUsers={hasUsers} {...form} />,
    status,
  );
}
