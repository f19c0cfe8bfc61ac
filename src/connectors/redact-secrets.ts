/**
 * `text` with every secret in it replaced by `[secret]`. Vendors' error messages are shown to
 * the user and kept in the import log, and some echo what they were sent: nothing a vendor says
 * reaches a message before it has been through here. Stripe keys are masked whatever their
 * value, since Stripe's own messages quote a key with only some of it starred out.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let redacted = text;
  for (const secret of secrets) {
    if (secret.length >= 4) redacted = redacted.split(secret).join("[secret]");
  }

  return redacted.replace(/\b(sk|rk|pk)_(test|live)_[\w*]+/g, "[secret]");
}

/**
 * The error to keep as a CsopsError's `cause` (shown with `--verbose`): its message and stack
 * redacted, its other fields (a vendor's raw answer, request options) left behind.
 */
export function redactError(error: unknown, secrets: readonly string[]): Error {
  const original = error instanceof Error ? error : new Error(String(error));
  const redacted = new Error(redactSecrets(original.message, secrets));
  redacted.name = original.name;
  redacted.stack = redactSecrets(original.stack ?? "", secrets);

  return redacted;
}
