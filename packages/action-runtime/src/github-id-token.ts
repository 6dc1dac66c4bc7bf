import * as core from '@actions/core';
import type { IdTokenSource } from '@augeo/shared/azure/github-oidc-credential';

/** GitHub's OIDC token endpoint, through @actions/core (which masks the token it returns). */
export const githubIdTokenSource: IdTokenSource = {
  getIdToken: (audience) => core.getIDToken(audience),
};
