import { serverVanished } from '../errors.js';
import type { ArmResources } from './arm-resources.js';

/** The api-version of Microsoft.DBforPostgreSQL/flexibleServers the toolkit speaks (GA, with earliestRestoreDate). */
const API_VERSION = '2024-08-01';

/** What the drill and the dev schedule read of a flexible server. */
export interface FlexibleServer {
  id: string;
  name: string;
  location: string;
  /** Ready, Stopped, Starting, Stopping, Updating, Provisioning, Dropping… */
  state: string;
  /** Host name (`<name>.postgres.database.azure.com`); a `host:port` form is honoured (the emulator's). */
  fullyQualifiedDomainName: string;
  administratorLogin: string;
  earliestRestoreDate: Date | undefined;
  backupRetentionDays: number | undefined;
}

interface FlexibleServerJson {
  id?: string;
  name?: string;
  location?: string;
  properties?: {
    state?: string;
    fullyQualifiedDomainName?: string;
    administratorLogin?: string;
    backup?: { earliestRestoreDate?: string; backupRetentionDays?: number };
  };
}

/** The flexible servers of one resource group, through ARM. */
export class FlexibleServers {
  constructor(
    private readonly arm: ArmResources,
    private readonly subscriptionId: string,
    readonly resourceGroup: string,
    private readonly pollIntervalMs: number,
  ) {}

  idOf(name: string): string {
    return `/subscriptions/${this.subscriptionId}/resourceGroups/${this.resourceGroup}/providers/Microsoft.DBforPostgreSQL/flexibleServers/${name}`;
  }

  async get(name: string): Promise<FlexibleServer | undefined> {
    const json = await this.arm.get<FlexibleServerJson>(
      `Reading flexible server ${name}`,
      this.idOf(name),
      API_VERSION,
    );
    return json && serverOf(json, name);
  }

  /** Creates `target` from `source`'s backups as they were at `pointInTime`, and waits until Azure says done. */
  async restore(
    source: FlexibleServer,
    target: string,
    pointInTime: Date,
    abortSignal: AbortSignal,
  ): Promise<FlexibleServer> {
    const json = await this.arm.longRunning<FlexibleServerJson>(
      `Point-in-time restore of ${source.name} into ${target}`,
      {
        method: 'PUT',
        path: this.idOf(target),
        apiVersion: API_VERSION,
        body: {
          location: source.location,
          properties: {
            createMode: 'PointInTimeRestore',
            sourceServerResourceId: source.id,
            pointInTimeUTC: pointInTime.toISOString(),
          },
        },
      },
      { pollIntervalMs: this.pollIntervalMs, abortSignal },
    );
    if (json) return serverOf(json, target);
    const restored = await this.get(target);
    if (!restored) throw serverVanished(target);
    return restored;
  }

  async delete(name: string, abortSignal: AbortSignal): Promise<void> {
    await this.arm.longRunning(
      `Deleting flexible server ${name}`,
      { method: 'DELETE', path: this.idOf(name), apiVersion: API_VERSION },
      { pollIntervalMs: this.pollIntervalMs, abortSignal },
    );
  }

  async stop(name: string, abortSignal: AbortSignal): Promise<void> {
    await this.arm.longRunning(
      `Stopping flexible server ${name}`,
      { method: 'POST', path: `${this.idOf(name)}/stop`, apiVersion: API_VERSION },
      { pollIntervalMs: this.pollIntervalMs, abortSignal },
    );
  }

  async start(name: string, abortSignal: AbortSignal): Promise<void> {
    await this.arm.longRunning(
      `Starting flexible server ${name}`,
      { method: 'POST', path: `${this.idOf(name)}/start`, apiVersion: API_VERSION },
      { pollIntervalMs: this.pollIntervalMs, abortSignal },
    );
  }
}

function serverOf(json: FlexibleServerJson, name: string): FlexibleServer {
  const properties = json.properties ?? {};
  const earliest = properties.backup?.earliestRestoreDate;
  return {
    id: json.id ?? '',
    name: json.name ?? name,
    location: json.location ?? '',
    state: properties.state ?? 'Unknown',
    fullyQualifiedDomainName: properties.fullyQualifiedDomainName ?? '',
    administratorLogin: properties.administratorLogin ?? '',
    earliestRestoreDate: earliest ? new Date(earliest) : undefined,
    backupRetentionDays: properties.backup?.backupRetentionDays,
  };
}
