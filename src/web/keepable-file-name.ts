import { basename, extname } from "node:path";

/** File systems allow 255 bytes per name; the rest is room to spare. */
const MAX_NAME_BYTES = 200;
/** Characters some file system (Windows, mostly) does not allow in a name. */
const FORBIDDEN = new Set(["<", ">", ":", '"', "|", "?", "*"]);

/**
 * The name an uploaded file is kept under: the name it was uploaded with, so the import page
 * and log show what the person chose, with only what cannot be in a file name replaced. No
 * folder part survives and no name starts with a dot, so nothing lands outside its upload
 * folder or hidden; a name too long loses the end of its stem, not its extension.
 */
export function keepableFileName(uploaded: string): string {
  const name = [...basename(uploaded.replaceAll("\\", "/"))]
    .map((char) => (isForbidden(char) ? "_" : char))
    .join("")
    .replace(/^[.\s]+/, "")
    .trimEnd();
  const found = extname(name);
  const extension = found.length <= 10 ? found : "";
  let stem = [...name.slice(0, name.length - extension.length)];
  while (stem.length > 0 && Buffer.byteLength(stem.join("") + extension) > MAX_NAME_BYTES) {
    stem = stem.slice(0, -1);
  }
  const kept = stem.join("") + extension;

  return kept === "" ? "upload" : kept;
}

function isForbidden(char: string): boolean {
  const code = char.charCodeAt(0);

  return code < 0x20 || code === 0x7f || FORBIDDEN.has(char);
}
