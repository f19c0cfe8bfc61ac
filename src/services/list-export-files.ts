import { readdirSync, statSync } from "node:fs";
import { extname, join } from "node:path";

import { CsopsError } from "../errors.js";

/** What a folder may hold that is worth trying; XLSX is listed so that it is refused aloud. */
const EXPORT_EXTENSIONS = new Set([".csv", ".tsv", ".txt", ".json", ".xlsx", ".xls"]);

/**
 * The files to import from the paths given: a file as it is, a folder's export files (and its
 * sub-folders'), in name order so a run is repeatable. Hidden files are skipped: editors and
 * operating systems leave them there.
 */
export function listExportFilesOrFail(paths: readonly string[]): string[] {
  return paths.flatMap((path) => {
    let isFolder: boolean;
    try {
      isFolder = statSync(path).isDirectory();
    } catch (error) {
      throw new CsopsError("file_unreadable", `cannot read ${path} (no such file or folder)`, [], {
        cause: error,
      });
    }

    return isFolder ? listFolder(path) : [path];
  });
}

function listFolder(folder: string): string[] {
  const entries = readdirSync(folder, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith("."))
    .sort((a, b) => a.name.localeCompare(b.name));

  return entries.flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return listFolder(path);
    return entry.isFile() && EXPORT_EXTENSIONS.has(extname(entry.name).toLowerCase()) ? [path] : [];
  });
}
