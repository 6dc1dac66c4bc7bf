import { get as getSite, start as startSite, stop as stopSite } from '@azure/arm-appservice/api/webApps';
import { armCall } from '../azure/arm-call.js';
import type { IdTokenSource } from '../azure/github-oidc-credential.js';
import { runPhase } from '../azure/long-running.js';
import { resourceMissing, scheduleOutsideDev } from '../errors.js';
import type { ActionIO } from '../io/action-io.js';
import { markdownTable } from '../summary/markdown-table.js';
import { describeBusinessHours, withinBusinessHours } from './business-hours.js';
import { devScheduleInputs } from './dev-schedule-inputs.js';
import { environmentResources } from './environment-resources.js';
import { openOperationsSession } from './operations-session.js';

interface ScheduleStep {
  resource: string;
  before: string;
  after: string;
  did: string;
}

/**
 * dev-schedule's core: stops the dev App Service and PostgreSQL outside business hours and starts them within (or
 * does what `action` says). Only dev: any other environment is refused before signing in, and the dev identity's
 * role reaches only the dev resource group, so Azure would refuse too. Stopping takes the app down first and the
 * database second; starting goes the other way, so the app never runs without its database.
 */
export async function runDevSchedule(
  io: ActionIO,
  adapters: { idTokens: IdTokenSource },
  now: () => Date = () => new Date(),
): Promise<void> {
  const values = devScheduleInputs.read(io.inputs);
  if (values.environment !== 'dev') throw scheduleOutsideDev(values.environment);
  const names = environmentResources('dev');
  const resourceGroup = values.resourceGroup ?? names.resourceGroup;
  const appName = values.appName ?? names.appName;
  const serverName = values.databaseServer ?? names.databaseServer;
  const hours = { timeZone: values.timeZone, hours: values.businessHours, days: values.businessDays };
  const clock = withinBusinessHours(now(), hours);
  const action = values.action === 'auto' ? (clock.open ? 'start' : 'stop') : values.action;
  io.log.info(
    `${clock.localTime}: ${clock.open ? 'within' : 'outside'} business hours; ${values.action === 'auto' ? '' : 'asked to '}${action}.`,
  );

  const session = openOperationsSession(io, adapters.idTokens);
  const servers = session.flexibleServers(resourceGroup);
  const phase = (name: string) => ({ phase: name, timeoutMs: values.timeout, log: io.log });
  const steps: ScheduleStep[] = [];

  const appState = async () => {
    const site = await armCall(`Reading App Service ${appName}`, () =>
      getSite(session.webApps, resourceGroup, appName),
    ).catch((error: { code?: string }) => {
      throw error.code === 'ResourceNotFound'
        ? resourceMissing('App Service', appName, resourceGroup, 'app-name')
        : error;
    });
    return site.state ?? 'Unknown';
  };
  const serverState = async () => {
    const server = await servers.get(serverName);
    if (!server) throw resourceMissing('PostgreSQL flexible server', serverName, resourceGroup, 'database-server');
    return server.state;
  };

  const app = async () => {
    const before = await appState();
    const wanted = action === 'stop' ? 'Stopped' : 'Running';
    if (before !== wanted) {
      await runPhase(phase(`${action} App Service ${appName}`), () =>
        action === 'stop'
          ? stopSite(session.webApps, resourceGroup, appName)
          : startSite(session.webApps, resourceGroup, appName),
      );
    }
    steps.push({
      resource: `App Service ${appName}`,
      before,
      after: await appState(),
      did: before === wanted ? `nothing (already ${wanted.toLowerCase()})` : action,
    });
  };
  const database = async () => {
    const before = await serverState();
    const wanted = action === 'stop' ? 'Stopped' : 'Ready';
    if (before !== wanted) {
      await runPhase(phase(`${action} PostgreSQL ${serverName}`), (abortSignal) =>
        action === 'stop' ? servers.stop(serverName, abortSignal) : servers.start(serverName, abortSignal),
      );
    }
    steps.push({
      resource: `PostgreSQL ${serverName}`,
      before,
      after: await serverState(),
      did: before === wanted ? `nothing (already ${wanted.toLowerCase()})` : action,
    });
  };

  try {
    if (action === 'stop') {
      await app();
      await database();
    } else {
      await database();
      await app();
    }
  } finally {
    io.outputs.set('action', action);
    io.summary.append(
      [
        `## Dev schedule: ${action}`,
        '',
        `${clock.localTime} is ${clock.open ? 'within' : 'outside'} business hours: ${describeBusinessHours(hours)}.`,
        '',
        markdownTable(
          ['resource', 'before', 'after', 'done'],
          steps.map((step) => [step.resource, step.before, step.after, step.did]),
        ),
        '',
      ].join('\n'),
    );
  }
}
