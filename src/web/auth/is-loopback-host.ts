/**
 * Whether a host name or address is this machine's loopback interface, where only people on
 * the machine itself can connect: `localhost`, `127.0.0.0/8`, `::1`.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1");
  if (bare === "localhost" || bare.endsWith(".localhost")) return true;
  if (bare === "::1" || bare === "0:0:0:0:0:0:0:1") return true;

  return /^127(?:\.\d{1,3}){3}$/.test(bare) || /^::ffff:127(?:\.\d{1,3}){3}$/.test(bare);
}

/** The host part of a `Host` header (`localhost:3000`, `[::1]:3000`). */
export function hostOfHeader(header: string): string {
  const trimmed = header.trim();
  if (trimmed.startsWith("[")) return trimmed.slice(0, trimmed.indexOf("]") + 1);

  return trimmed.replace(/:\d+$/, "");
}
