/** Replaces every secret in a text with ***; longest first, so a password inside a URL cannot leave the rest behind. */
export function redact(text: string, secrets: readonly string[]): string {
  return [...secrets]
    .filter((secret) => secret.length >= 3)
    .sort((a, b) => b.length - a.length)
    .reduce((acc, secret) => acc.split(secret).join('***'), text);
}
