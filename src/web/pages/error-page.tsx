import type { PageContext } from "../page-context.js";
import { Layout } from "./layout.js";

/** Where an error page leads: today's queue unless the page names a better place. */
export interface BackLink {
  href: string;
  label: string;
}

/** A page that could not be shown, in words: never a stack trace or a query. */
export function ErrorPage(props: {
  page: PageContext;
  title: string;
  message: string;
  back?: BackLink | undefined;
}) {
  const back = props.back ?? { href: "/", label: "Back to today's queue" };

  return (
    <Layout page={props.page} title={props.title} section="none">
      <h1>{props.title}</h1>
      <p>{props.message}</p>
      <p>
        <a href={back.href}>{back.label}</a>
      </p>
    </Layout>
  );
}
