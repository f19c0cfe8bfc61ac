import type { PageContext } from "../page-context.js";
import { Layout } from "./layout.js";

/** A page that could not be shown, in words: never a stack trace or a query. */
export function ErrorPage(props: { page: PageContext; title: string; message: string }) {
  return (
    <Layout page={props.page} title={props.title} section="none">
      <h1>{props.title}</h1>
      <p>{props.message}</p>
      <p>
        <a href="/">Back to today's queue</a>
      </p>
    </Layout>
  );
}
