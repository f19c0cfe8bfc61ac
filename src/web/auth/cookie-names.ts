/** The signed-in session's id. */
export const SESSION_COOKIE = "csops_session";
/** A browser without a session: the token its forms carry (the sign-in form, the demo). */
export const VISITOR_TOKEN_COOKIE = "csops_visitor";
/** Localhost demo: the CS person picked in the "you are" box. */
export const ACTING_AS_COOKIE = "csops_as";
