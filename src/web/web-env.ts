import type { Viewer } from "./viewer.js";

/** What the middleware puts on every request's context for the pages. */
export interface WebEnv {
  Variables: {
    viewer: Viewer;
    /** The token every form of this browser carries, checked on every POST. */
    csrfToken: string;
  };
}
