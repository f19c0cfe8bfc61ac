/**
 * Where to go after signing in: a path on this site, never another site (`//evil.example`,
 * `/\evil.example` and absolute URLs are open redirects), else the queue.
 */
export function safeNextPath(next: string | undefined): string {
  if (next === undefined || !next.startsWith("/") || next.startsWith("//")) return "/";
  if (next.includes("\\") || [...next].some((char) => char.charCodeAt(0) < 0x20)) return "/";

  return next;
}
