import { parse } from 'yaml';
import { accept, reject, type Parser } from '../inputs/parser.js';
import { SETTING_NAME } from '../inputs/azure-names.js';

const EXPECTED =
  "app settings as a YAML map (NAME: value) or KEY=VALUE lines, with names of letters, digits, '_', '.' or '-'";
const KEY_VALUE = /^([^=\s]+)=(.*)$/;

/**
 * The app-settings input: a YAML map, or KEY=VALUE lines as dotenv files and `az webapp config appsettings`
 * write them. Values are taken as text, so Key Vault references (`@Microsoft.KeyVault(...)`) pass through
 * untouched and App Service resolves them.
 */
export const appSettings: Parser<Record<string, string>> = {
  expected: EXPECTED,
  parse(raw) {
    const lines = raw.split(/\r?\n/).filter((line) => line.trim() !== '' && !line.trim().startsWith('#'));
    const settings = lines.every((line) => KEY_VALUE.test(line.trim())) ? fromLines(lines) : fromYaml(raw);
    if (!settings || Object.keys(settings).some((name) => !SETTING_NAME.test(name))) return reject(EXPECTED);
    return accept(settings);
  },
};

function fromLines(lines: string[]): Record<string, string> {
  return Object.fromEntries(
    lines.map((line) => {
      const [, name = '', value = ''] = KEY_VALUE.exec(line.trim()) ?? [];
      return [name, value];
    }),
  );
}

function fromYaml(raw: string): Record<string, string> | undefined {
  let value: unknown;
  try {
    value = parse(raw);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const settings: Record<string, string> = {};
  for (const [name, setting] of Object.entries(value)) {
    if (!['string', 'number', 'boolean'].includes(typeof setting)) return undefined;
    settings[name] = String(setting);
  }
  return settings;
}
