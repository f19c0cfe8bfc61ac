/**
 * Measures how long each page takes on the 850-agency demo, through the real HTTP server:
 * `npx tsx test/e2e/measure-page-times.ts`. Not a test (tests never assert times); its output
 * is the table in the web app's notes. Each page is asked for 5 times to warm up, then 30
 * times one after another; the median, the 95th percentile and the slowest are printed.
 */
import { startTestServer } from "./browser-kit.js";

const WARM_UP = 5;
const SAMPLES = 30;

const server = await startTestServer({ date: "2026-12-03", customers: 850, isPublic: false });
try {
  const firstDashboard = await timeOnce(`${server.url}/dashboard`);
  const pages: [string, string][] = [
    ["queue, whole team", "/?owner=all"],
    ["queue, one person", "/?owner=Alex%20Morgan"],
    ["task", "/tasks/T-1050"],
    ["customers, first page", "/customers"],
    ["customers, search", "/customers?q=homes"],
    ["customers, filtered", "/customers?segment=healthy_stable&renewal=90&plan=Basic"],
    ["customer", "/customers/12502676358"],
    ["dashboard", "/dashboard"],
    ["import", "/import"],
  ];
  process.stdout.write(
    `dashboard, first visit (join report computed): ${firstDashboard.toFixed(1)} ms\n`,
  );
  process.stdout.write("page                     median    p95     max  (ms)\n");
  for (const [name, path] of pages) {
    for (let i = 0; i < WARM_UP; i += 1) await timeOnce(`${server.url}${path}`);
    const times: number[] = [];
    for (let i = 0; i < SAMPLES; i += 1) times.push(await timeOnce(`${server.url}${path}`));
    times.sort((a, b) => a - b);
    const pick = (q: number) =>
      times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
    process.stdout.write(
      `${name.padEnd(24)}${pick(0.5).toFixed(1).padStart(7)}${pick(0.95).toFixed(1).padStart(7)}` +
        `${(times.at(-1) ?? 0).toFixed(1).padStart(8)}\n`,
    );
  }
} finally {
  await server.close();
}

async function timeOnce(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url);
  await response.text();
  if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status}`);
  return performance.now() - started;
}
