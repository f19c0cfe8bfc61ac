import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import type { Env, Hono } from "hono";

/** A file served under /static/, read once at start-up. */
interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

/**
 * The stylesheet and script beside the sources (src/web/static, found from dist/web as well:
 * both are two folders below the repository), and Chart.js's UMD build from node_modules: the
 * machine the team runs csops on may have no internet, so nothing comes from a CDN.
 */
function loadAssets(): Map<string, Asset> {
  const here = dirname(fileURLToPath(import.meta.url));
  const staticDir = join(here, "..", "..", "src", "web", "static");
  const chartDir = dirname(createRequire(import.meta.url).resolve("chart.js"));
  const files: [string, string, string][] = [
    ["app.css", join(staticDir, "app.css"), "text/css; charset=utf-8"],
    ["app.js", join(staticDir, "app.js"), "text/javascript; charset=utf-8"],
    ["chart.js", join(chartDir, "chart.umd.min.js"), "text/javascript; charset=utf-8"],
  ];

  return new Map(
    files.map(([name, path, type]) => {
      const body = readFileSync(path);
      const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 16)}"`;
      return [name, { body, type, etag }];
    }),
  );
}

/** Serves /static/app.css, /static/app.js and /static/chart.js, revalidated by ETag. */
export function serveStaticAssets<E extends Env>(app: Hono<E>): void {
  const assets = loadAssets();

  app.get("/static/:name", (c) => {
    const asset = assets.get(c.req.param("name"));
    if (asset === undefined) return c.notFound();
    if (c.req.header("if-none-match") === asset.etag) return c.body(null, 304);

    return c.body(new Uint8Array(asset.body), 200, {
      "content-type": asset.type,
      etag: asset.etag,
      "cache-control": "no-cache",
    });
  });
}
