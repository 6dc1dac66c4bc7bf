import { startEmulator, type Emulator } from '@augeo/emulator';
import { loadWorld } from '@augeo/emulator/world';

export const SUBSCRIPTION = '00000000-0000-0000-0000-00000000a000';
export const PROVISIONER_CLIENT = '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b';
const PROVISIONER_OBJECT = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

/**
 * The default world's tenant, subscription and image catalogue with nothing provisioned: no resource group, no
 * deployer identity. One principal exists, the provisioning principal of docs/bootstrap.md, Owner of the
 * subscription and trusted for jobs in the staging environment.
 */
export async function startEmptySubscription(): Promise<Emulator> {
  const world = await loadWorld(undefined);
  const tenant = world.tenants[0];
  const subscription = world.subscriptions[0];
  if (!tenant || !subscription || subscription.id !== SUBSCRIPTION) throw new Error('the default world changed');
  tenant.identities = [
    {
      name: 'augeo-provisioner',
      clientId: PROVISIONER_CLIENT,
      objectId: PROVISIONER_OBJECT,
      federatedCredentials: [
        {
          name: 'github-augeo-infra-staging',
          issuer: 'https://token.actions.githubusercontent.com',
          subject: 'repo:augeo/infra:environment:staging',
          audiences: ['api://AzureADTokenExchange'],
        },
      ],
    },
  ];
  subscription.resourceGroups = [];
  world.roleAssignments = [{ principalId: PROVISIONER_OBJECT, role: 'Owner', scope: `/subscriptions/${SUBSCRIPTION}` }];
  return startEmulator({ world, caDir: process.env.AUGEO_EMULATOR_CA_DIR });
}
