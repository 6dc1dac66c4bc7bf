import type { ArmResources } from './arm-resources.js';

/** The api-version of Microsoft.Cache/redis that redis.bicep deploys with. */
const API_VERSION = '2024-03-01';

export interface RedisCache {
  name: string;
  /** e.g. `Standard C1`, `Premium P1`. */
  sku: string;
  tier: string;
}

interface RedisCacheJson {
  name?: string;
  properties?: { sku?: { name?: string; family?: string; capacity?: number } };
}

/** The Redis caches of one resource group, through ARM. */
export class RedisCaches {
  constructor(
    private readonly arm: ArmResources,
    private readonly subscriptionId: string,
    readonly resourceGroup: string,
    private readonly pollIntervalMs: number,
  ) {}

  private idOf(name: string): string {
    return `/subscriptions/${this.subscriptionId}/resourceGroups/${this.resourceGroup}/providers/Microsoft.Cache/redis/${name}`;
  }

  async get(name: string): Promise<RedisCache | undefined> {
    const json = await this.arm.get<RedisCacheJson>(`Reading Redis cache ${name}`, this.idOf(name), API_VERSION);
    if (!json) return undefined;
    const sku = json.properties?.sku ?? {};
    return {
      name: json.name ?? name,
      tier: sku.name ?? 'Unknown',
      sku: `${sku.name ?? 'Unknown'} ${sku.family ?? ''}${sku.capacity ?? ''}`.trim(),
    };
  }

  /** Exports the cache as one RDB file, `<container>/<prefix>`, and waits until Azure says it is written. */
  async exportRdb(
    name: string,
    target: { prefix: string; containerSasUrl: string },
    abortSignal: AbortSignal,
  ): Promise<void> {
    await this.arm.longRunning(
      `RDB export of ${name}`,
      {
        method: 'POST',
        path: `${this.idOf(name)}/export`,
        apiVersion: API_VERSION,
        body: { format: 'RDB', prefix: target.prefix, container: target.containerSasUrl },
      },
      { pollIntervalMs: this.pollIntervalMs, abortSignal },
    );
  }
}
