const MINUTE_MS = 60_000;

/** One row of the platform doc's RTO/RPO table (Disaster Recovery), in milliseconds. */
export interface RecoveryTarget {
  component: string;
  rtoMs: number;
  rpoMs: number;
  method: string;
}

/** docs/platform-architecture.md, "RTO/RPO Targets": what the drill measures against. */
export const RECOVERY_TARGETS = {
  appService: { component: 'App Service', rtoMs: 15 * MINUTE_MS, rpoMs: 0, method: 'Redeploy from GitHub' },
  postgres: { component: 'PostgreSQL', rtoMs: 60 * MINUTE_MS, rpoMs: 15 * MINUTE_MS, method: 'Point-in-time restore' },
  redis: { component: 'Redis', rtoMs: 30 * MINUTE_MS, rpoMs: 60 * MINUTE_MS, method: 'RDB snapshot restore' },
} as const satisfies Record<string, RecoveryTarget>;
