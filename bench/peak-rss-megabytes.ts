/** The process's peak resident set size so far, in megabytes (the kernel's high-water mark). */
export function peakRssMegabytes(): number {
  return process.resourceUsage().maxRSS / 1024;
}
