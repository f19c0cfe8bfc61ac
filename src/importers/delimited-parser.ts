/** One record of a delimited file, with the line it starts on (from 1). */
export interface DelimitedRecord {
  line: number;
  cells: string[];
  /** Set when a quote opened on this line is never closed: the rest of the file was one cell. */
  unclosedQuote?: boolean;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

const State = {
  CellStart: 0,
  Unquoted: 1,
  Quoted: 2,
  /** A quote inside a quoted cell: it closes the cell, or doubles to stand for itself. */
  QuoteInQuoted: 3,
} as const;
type State = (typeof State)[keyof typeof State];

/**
 * A streaming reader of comma-, semicolon- or tab-separated text, fed in chunks of any size.
 * Quoted cells may hold separators, doubled quotes and line breaks (`\n`, `\r\n` or `\r`), and
 * every record knows the line it starts on, so problems point at the right line after them.
 * A stray quote inside an unquoted cell is kept as text, as spreadsheets write it. Blank lines,
 * and lines of separators only, are skipped.
 */
export class DelimitedParser {
  private state: State = State.CellStart;
  private cells: string[] = [];
  private cell = "";
  private line = 1;
  private recordLine = 1;
  private inRecord = false;
  private skipLineFeed = false;
  private lastWasCr = false;

  constructor(private readonly delimiter: string) {}

  /** Reads a chunk of text; returns the records it completed. */
  push(text: string): DelimitedRecord[] {
    const records: DelimitedRecord[] = [];
    const delimiter = this.delimiter.charCodeAt(0);
    let i = 0;
    while (i < text.length) {
      const code = text.charCodeAt(i);
      if (this.skipLineFeed) {
        this.skipLineFeed = false;
        if (code === LF) {
          i++;
          continue;
        }
      }
      if (this.state === State.Quoted) {
        i = this.readQuoted(text, i);
        continue;
      }
      if (this.state === State.QuoteInQuoted) {
        if (code === QUOTE) {
          this.cell += '"';
          this.state = State.Quoted;
          this.lastWasCr = false;
          i++;
        } else {
          this.state = State.Unquoted;
        }
        continue;
      }
      if (!this.inRecord && code !== CR && code !== LF) this.startRecord();
      if (code === QUOTE && this.state === State.CellStart) {
        this.state = State.Quoted;
        this.lastWasCr = false;
        i++;
      } else if (code === delimiter) {
        this.endCell();
        i++;
      } else if (code === CR || code === LF) {
        this.endRecord(records);
        this.line++;
        this.skipLineFeed = code === CR;
        i++;
      } else {
        let end = i + 1;
        while (end < text.length) {
          const next = text.charCodeAt(end);
          if (next === delimiter || next === CR || next === LF) break;
          end++;
        }
        this.cell += text.slice(i, end);
        this.state = State.Unquoted;
        i = end;
      }
    }

    return records;
  }

  /** Ends the text: returns the last record when the file has no final line break. */
  end(): DelimitedRecord[] {
    const records: DelimitedRecord[] = [];
    const unclosed = this.state === State.Quoted;
    this.endRecord(records);
    const last = records[0];
    if (unclosed && last) last.unclosedQuote = true;

    return records;
  }

  private readQuoted(text: string, from: number): number {
    const quote = text.indexOf('"', from);
    const end = quote === -1 ? text.length : quote;
    for (let i = from; i < end; i++) {
      const code = text.charCodeAt(i);
      if (code === CR || (code === LF && !this.lastWasCr)) this.line++;
      this.lastWasCr = code === CR;
    }
    this.cell += text.slice(from, end);
    if (quote === -1) return text.length;
    this.state = State.QuoteInQuoted;

    return quote + 1;
  }

  private startRecord(): void {
    this.inRecord = true;
    this.recordLine = this.line;
  }

  private endCell(): void {
    this.cells.push(this.cell);
    this.cell = "";
    this.state = State.CellStart;
  }

  private endRecord(records: DelimitedRecord[]): void {
    if (this.inRecord) {
      this.endCell();
      if (this.cells.some((cell) => cell.trim() !== "")) {
        records.push({ line: this.recordLine, cells: this.cells });
      }
    }
    this.cells = [];
    this.cell = "";
    this.state = State.CellStart;
    this.inRecord = false;
  }
}

/**
 * The separator of a file: whichever of comma, semicolon and tab its header line holds most
 * often outside quotes. A header line without any (a title line, as Matomo's e-mail reports
 * start with) defers to the next line; a comma when neither has one.
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
