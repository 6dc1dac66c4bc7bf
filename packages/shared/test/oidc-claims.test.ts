import { describe, expect, it } from '@jest/globals';
import { readOidcClaims } from '@augeo/shared/azure/oidc-claims';

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('readOidcClaims', () => {
  it('reads the claims that explain a refused federated credential', () => {
    const token = `${encode({ alg: 'RS256' })}.${encode({
      iss: 'https://token.actions.githubusercontent.com',
      sub: 'repo:augeo/infra:environment:production',
      aud: ['api://AzureADTokenExchange'],
      job_workflow_ref: 'augeo/infra/.github/workflows/deploy.yml@refs/heads/main',
      repository: 'augeo/infra',
    })}.signature`;
    expect(readOidcClaims(token)).toEqual({
      iss: 'https://token.actions.githubusercontent.com',
      sub: 'repo:augeo/infra:environment:production',
      aud: 'api://AzureADTokenExchange',
      job_workflow_ref: 'augeo/infra/.github/workflows/deploy.yml@refs/heads/main',
    });
  });

  it('gives up quietly on something that is not a JWT', () => {
    expect(readOidcClaims('not-a-jwt')).toBeUndefined();
    expect(readOidcClaims('a.%%%.c')).toBeUndefined();
  });
});
