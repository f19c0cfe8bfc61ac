import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";

/** A weekly Matomo visits log for a few thousand customers is tens of megabytes. */
export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;
/** Every other form is a few fields and a note. */
const MAX_FORM_BYTES = 1024 * 1024;

/**
 * Limits request bodies before anything reads them: uploads to /import to 256 MB, every other
 * form to 1 MB, so nobody fills the server's memory with one request.
 */
export function limitBody(): MiddlewareHandler {
  const upload = bodyLimit({
    maxSize: MAX_UPLOAD_BYTES,
    onError: (c) => c.text(`Uploads are limited to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`, 413),
  });
  const form = bodyLimit({
    maxSize: MAX_FORM_BYTES,
    onError: (c) => c.text("This form is too large.", 413),
  });

  return (c, next) => (c.req.path === "/import" ? upload(c, next) : form(c, next));
}
