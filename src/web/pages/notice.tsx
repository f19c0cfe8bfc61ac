/** A one-line message about what just happened ("Logged …"), read out by screen readers. */
export function Notice(props: { text: string; kind?: "ok" | "error" | undefined }) {
  return (
    <p
      class={`notice notice-${props.kind ?? "ok"}`}
      role={props.kind === "error" ? "alert" : "status"}
    >
      {props.text}
    </p>
  );
}
