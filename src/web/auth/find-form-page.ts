import { safeNextPath } from "./safe-next-path.js";

/**
 * The page a form was sent from, to go back to after signing in again or to reload a refused
 * form: the page the browser says it came from when that is this site, else the page of the
 * form the request was sent to (the outcome form's task page, the import page), else the queue.
 * A form that answered with a page of its own (an outcome asked again) leaves the browser on
 * the form's address, which has no page: that goes back to the form's page too.
 */
export function findFormPage(requestUrl: string, referer: string | undefined): string {
  const sent = new URL(requestUrl);
  const from = refererOnSite(referer, sent.origin);
  if (from !== undefined) {
    return safeNextPath(`${pageOfForm(from.pathname) ?? from.pathname}${from.search}`);
  }

  const page = pageOfForm(sent.pathname);
  return page === undefined ? "/" : safeNextPath(`${page}${sent.search}`);
}

/** The page that shows the form posted to `path`, for the forms that have one. */
function pageOfForm(path: string): string | undefined {
  const outcome = /^\/tasks\/([^/]+)\/outcome$/.exec(path);
  if (outcome !== null) return `/tasks/${outcome[1]}`;

  return path === "/import" || path === "/sign-in" ? path : undefined;
}

function refererOnSite(referer: string | undefined, origin: string): URL | undefined {
  if (referer === undefined) return undefined;
  try {
    const url = new URL(referer);
    return url.origin === origin ? url : undefined;
  } catch {
    return undefined;
  }
}
