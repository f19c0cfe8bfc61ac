import { cpus, totalmem } from "node:os";

/** The machine and runtimes the numbers were measured on, in one line. */
export function describeBenchMachine(): string {
  const [cpu] = cpus();
  const gigabytes = Math.round(totalmem() / 1024 ** 3);

  const model = cpu?.model.trim() ?? "unknown CPU";

  return `${cpus().length} × ${model}, ${gigabytes} GB RAM, Node ${process.version}`;
}
