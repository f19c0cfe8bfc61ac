import type { PageContext } from "../page-context.js";
import { FormToken, Layout } from "./layout.js";
import { Notice } from "./notice.js";

/** The sign-in form; before the first user exists it says how to create one. */
export function SignInPage(props: {
  page: PageContext;
  next: string;
  email?: string | undefined;
  error?: string | undefined;
  hasUsers: boolean;
}) {
  return (
    <Layout page={props.page} title="Sign in" section="none">
      <div class="sign-in">
        <h1>Sign in to csops</h1>
        {props.error === undefined ? null : <Notice text={props.error} kind="error" />}
        {props.hasUsers ? null : (
          <p class="callout">
            Nobody can sign in yet. On the server, create the first admin with{" "}
            <code>csops user add --name "Your Name" --email you@example.com --role admin</code> (it
            asks for the password).
          </p>
        )}
        <form method="post" action="/sign-in">
          <FormToken page={props.page} />
          <input type="hidden" name="next" value={props.next} />
          <label for="email">E-mail</label>
          <input
            type="email"
            id="email"
            name="email"
            value={props.email ?? ""}
            autocomplete="username"
            required
            autofocus={props.email === undefined || props.email === ""}
          />
          <label for="password">Password</label>
          <input
            type="password"
            id="password"
            name="password"
            autocomplete="current-password"
            required
            autofocus={props.email !== undefined && props.email !== ""}
          />
          <button type="submit" class="primary">
            Sign in
          </button>
        </form>
      </div>
    </Layout>
  );
}
