export { startEmulator, type Emulator, type EmulatorOptions } from './emulator.js';
export { ensureTestCa } from './test-ca.js';
export type { FaultSpec } from './faults.js';
export type { FrontFaultSpec } from './front-faults.js';
export type { JournalEntry, JournalHost } from './journal.js';
export type { SiteState, SlotState, SlotSwapStatus } from './sites.js';
export type { PostgresServerView } from './postgres-servers.js';
export type { AppStatus } from './slot-runtime.js';
export type {
  CatalogueEntry,
  FederatedCredential,
  Identity,
  LatencyOperation,
  OidcContext,
  RoleAssignment,
  RoleName,
  SiteConfig,
  SlotConfigNames,
  Tenant,
  World,
  WorldKeyVault,
  WorldPostgresServer,
  WorldRedisCache,
  WorldResourceGroup,
  WorldSite,
  WorldSlot,
  WorldSubscription,
} from './world.js';
