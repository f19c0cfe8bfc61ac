import type { Child } from "hono/jsx";

import { FORM_TOKEN_FIELD } from "../auth/check-form-token.js";
import type { PageContext } from "../page-context.js";
import { canImport } from "../viewer.js";

export type Section = "queue" | "customers" | "dashboard" | "import" | "none";

const SECTIONS: { id: Exclude<Section, "none">; href: string; label: string }[] = [
  { id: "queue", href: "/", label: "Today's queue" },
  { id: "customers", href: "/customers", label: "Customers" },
  { id: "dashboard", href: "/dashboard", label: "Dashboard" },
  { id: "import", href: "/import", label: "Import" },
];

/** Every page: the navigation, who is signed in (or the demo's notice), then the page. */
export function Layout(props: {
  page: PageContext;
  title: string;
  section: Section;
  children?: Child;
}) {
  const { page } = props;
  const sections = SECTIONS.filter((section) => section.id !== "import" || canImport(page.viewer));

  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · csops`}</title>
        <link rel="stylesheet" href="/static/app.css" />
        <script src="/static/app.js" defer></script>
      </head>
      <body>
        <header class="top">
          <a class="brand" href="/">
            csops
          </a>
          {page.viewer.kind === "anonymous" ? null : (
            <nav aria-label="Main">
              {sections.map((section) => (
                <a
                  href={section.href}
                  aria-current={props.section === section.id ? "page" : undefined}
                >
                  {section.label}
                </a>
              ))}
            </nav>
          )}
          <Who page={page} />
        </header>
        {page.viewer.kind === "demo" ? <DemoBanner page={page} /> : null}
        <main>{props.children}</main>
      </body>
    </html>
  );
}

/** The hidden token every form carries. */
export function FormToken(props: { page: PageContext }) {
  return <input type="hidden" name={FORM_TOKEN_FIELD} value={props.page.csrfToken} />;
}

function Who(props: { page: PageContext }) {
  const { viewer } = props.page;
  if (viewer.kind !== "user") return null;

  return (
    <form class="who" method="post" action="/sign-out">
      <FormToken page={props.page} />
      <span>
        {viewer.user.name}
        {viewer.user.role === "admin" ? " (admin)" : ""}
      </span>
      <button type="submit" class="link">
        Sign out
      </button>
    </form>
  );
}

/** On localhost with no user, the app is open: it says so, and asks who is working. */
function DemoBanner(props: { page: PageContext }) {
  const { page } = props;
  const actingAs = page.viewer.kind === "demo" ? page.viewer.actingAs : undefined;

  return (
    <div class="demo-banner" role="note">
      <p>
        <strong>Demo mode: no sign-in on localhost.</strong> Anyone on this machine can use it. Add
        the first user with <code>csops user add --role admin</code> to require sign-in.
      </p>
      <form method="post" action="/you-are" class="inline">
        <FormToken page={page} />
        <input type="hidden" name="back" value={page.currentPath} />
        <label for="you-are">You are</label>
        <select id="you-are" name="name" data-autosubmit>
          <option value="">(pick your name)</option>
          {page.deps.config.team.cs_people.map((person) => (
            <option value={person.name} selected={person.name === actingAs}>
              {person.name}
            </option>
          ))}
        </select>
        <button type="submit">Save</button>
      </form>
    </div>
  );
}
