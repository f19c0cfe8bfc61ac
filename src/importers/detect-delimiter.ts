/**
 * The separator of a file: whichever of comma, semicolon and tab its header line holds most
 * often outside quotes. A header line without any (a title line, as Matomo's e-mail reports
 * start with) defers to the next line; a comma when neither has one. csv-parse could be given
 * all three as separators at once, but a semicolon file then splits its decimal commas too.
 */
export function detectDelimiter(text: string): "," | ";" | "\t" {
  const counts = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  let lines = 0;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (char === "," || char === ";" || char === "\t") counts[char]++;
    else if (char === "\n" && (++lines >= 2 || counts[","] + counts[";"] + counts["\t"] > 0)) break;
  }
  const candidates = Object.keys(counts) as (keyof typeof counts)[];

  return candidates.reduce((best, next) => (counts[next] > counts[best] ? next : best));
}
