import { azureInputs } from '../blue-green/blue-green-inputs.js';
import { resourceGroupName } from '../inputs/azure-names.js';
import { duration } from '../inputs/duration.js';
import { oneOf } from '../inputs/one-of.js';
import { defineInputs, optional, withDefault } from '../inputs/schema.js';
import { text } from '../inputs/text.js';
import { hourRange, timeZone, weekdays } from './business-hours.js';

export const SCHEDULE_ACTIONS = ['auto', 'stop', 'start'] as const;

/** dev-schedule's inputs; action.yml declares exactly these. */
export const devScheduleInputs = defineInputs({
  environment: withDefault(
    text,
    'dev',
    'Environment whose App Service and PostgreSQL are stopped and started. Only `dev` is accepted: the action ' +
      'refuses staging and production before it signs in.',
  ),
  action: withDefault(
    oneOf(SCHEDULE_ACTIONS),
    'auto',
    '`auto` (start within business hours, stop outside them), `stop` or `start`.',
  ),
  'time-zone': withDefault(timeZone, 'UTC', 'IANA time zone business hours are in, e.g. Europe/Amsterdam.'),
  'business-hours': withDefault(hourRange, '08:00-19:00', 'Opening hours on that clock, HH:MM-HH:MM.'),
  'business-days': withDefault(weekdays, 'mon-fri', 'Days with business hours, e.g. mon-fri.'),
  'resource-group': optional(resourceGroupName, 'Resource group of the environment. Default: augeo-<environment>-rg.'),
  'app-name': optional(text, 'App Service to stop and start. Default: augeo-<environment>-api.'),
  'database-server': optional(text, 'PostgreSQL flexible server to stop and start. Default: augeo-<environment>-db.'),
  timeout: withDefault(
    duration({ minMs: 1000, maxMs: 60 * 60_000 }),
    '20m',
    'Deadline of each stop or start (a flexible server takes minutes).',
  ),
  ...azureInputs,
});
