import { parentPort, workerData } from "node:worker_threads";

import { CsopsError } from "../errors.js";
import {
  writeVisitsFile,
  type VisitsFileOptions,
  type VisitsWorkerMessage,
} from "./write-visits-file.js";

// The worker thread startVisitsFile runs: writes the visits log and posts back the outcome.
const message: VisitsWorkerMessage = await writeVisitsFile(workerData as VisitsFileOptions).then(
  (written) => ({ written }),
  (error: unknown) => ({
    failure:
      error instanceof CsopsError
        ? { code: error.code, message: error.message }
        : { code: "file_unwritable", message: `cannot write the visits log: ${String(error)}` },
  }),
);
parentPort?.postMessage(message);
