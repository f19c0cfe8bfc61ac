import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { BodyData, ParseBodyOptions } from "hono/utils/body";

/**
 * A POST's form fields (hono parses the body once and keeps it for later readers). A body that
 * is not the form its Content-Type announces, such as a multipart body cut short or without its
 * boundary, is the sender's mistake: a 400 for the edge to show, not a 500 with a stack trace.
 */
export async function readFormOrFail<Options extends Partial<ParseBodyOptions>>(
  c: Context,
  options?: Options,
): Promise<BodyData<Options>> {
  try {
    return await c.req.parseBody(options);
  } catch (error) {
    throw new HTTPException(400, {
      message: "the request body is not a readable form",
      cause: error,
    });
  }
}
