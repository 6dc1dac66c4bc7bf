import { describe, expect, it } from '@jest/globals';
import { readActionYaml } from '../../../test/support/action-yaml.js';
import { redisBackupInputs } from '@augeo/shared/operations/redis-backup-inputs';

const actionYaml = await readActionYaml('redis-backup');

describe('action.yml', () => {
  it('declares exactly the inputs the schema reads, with the same defaults and descriptions', () => {
    expect(actionYaml.inputs).toEqual(redisBackupInputs.actionYamlInputs());
  });
});
