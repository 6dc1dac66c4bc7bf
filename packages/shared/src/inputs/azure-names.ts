import { accept, reject, type Parser } from './parser.js';

function pattern(regex: RegExp, expected: string): Parser<string> {
  return { expected, parse: (raw) => (regex.test(raw.trim()) ? accept(raw.trim()) : reject(expected)) };
}

/** Azure's rules for resource group names: 1–90 of letters, digits, `_ - . ( )`, not ending in a period. */
export const resourceGroupName = pattern(
  /^[-\w.()]{0,89}[-\w()]$/u,
  "an Azure resource group name: 1 to 90 letters, digits, '_', '-', '.', '(' or ')', not ending in '.'",
);

/** App Service names become host names: 2–60 letters, digits and hyphens, no hyphen at either end. */
export const appServiceName = pattern(
  /^[A-Za-z0-9][A-Za-z0-9-]{0,58}[A-Za-z0-9]$/,
  'an App Service name: 2 to 60 letters, digits or hyphens, not starting or ending with a hyphen',
);

/** Slot names: letters, digits and hyphens, up to 59 characters. */
export const slotName = pattern(
  /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,57}[A-Za-z0-9])?$/,
  'a slot name: 1 to 59 letters, digits or hyphens, not starting or ending with a hyphen',
);

/** App setting names as App Service on Linux passes them to the container as environment variables. */
export const SETTING_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export const settingName = pattern(
  SETTING_NAME,
  "an app setting name (letters, digits, '_', '.', '-'; not starting with a digit)",
);

/** Static Web App names: up to 40 letters, digits and inner hyphens. */
export const staticWebAppName = pattern(
  /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}[A-Za-z0-9])?$/,
  'a Static Web App name: up to 40 letters, digits and inner hyphens',
);
