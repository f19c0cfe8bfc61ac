import { basename } from "node:path";

/**
 * The command line's advice in an import message, and what the import form offers instead:
 * the kind select stands for `--source`, the encoding field for `--encoding`.
 */
const FORM_ADVICE: [RegExp, string][] = [
  [
    /Name the kind with --source if it is one of these/,
    "If it is one of these, choose its kind above and import it again",
  ],
  [
    /name it with --encoding \(for example --encoding ([\w-]+)\)/,
    "enter it under Encoding above and import it again (for example $1)",
  ],
  [/--source (\w+) was given/, 'the kind "$1" was chosen'],
  [/--encoding (\S+) is not an encoding csops knows/, '"$1" is not an encoding csops knows'],
];

/**
 * An import log message as the import page shows it: the file by the name it was uploaded
 * under (an upload is kept under that name), never its path on the server, and the command
 * line's advice in the form's words. The log itself (`csops imports`) keeps the message as the
 * import wrote it.
 */
export function describeImportMessage(message: string, file: string): string {
  const named = message.split(file).join(basename(file));

  return FORM_ADVICE.reduce((text, [advice, instead]) => text.replace(advice, instead), named);
}
