/**
 * Whether a parameter or output name says it holds a secret. The name's last word decides — adminPassword,
 * clientSecret, sasToken, apiKey, storageConnectionString — so names that only mention one (keyVaultName,
 * secretUri, tokenAudience) do not count.
 */
const secretLastWords = new Set(['password', 'passwd', 'pwd', 'secret', 'secrets', 'token', 'tokens', 'key', 'keys']);

export function looksLikeSecret(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_\-.]+/)
    .map((word) => word.toLowerCase())
    .filter((word) => word !== '');
  const last = words.at(-1) ?? '';
  if (secretLastWords.has(last)) return true;
  return words.slice(-2).join('') === 'connectionstring' || last === 'connectionstring';
}
