import { Octokit } from '@octokit/core';

/**
 * A GitHub REST client for the API origin in GITHUB_API_URL (github.com, GHES, or the emulator). @octokit/core
 * rather than @actions/github's getOctokit: we make a handful of calls, and the generated endpoint methods
 * cost ~80 KiB in every bundle.
 */
export function createGitHubClient(token: string, env: Readonly<Record<string, string | undefined>>): Octokit {
  return new Octokit({ auth: token, baseUrl: env.GITHUB_API_URL || 'https://api.github.com' });
}

/** owner and repo of GITHUB_REPOSITORY. */
export function currentRepository(env: Readonly<Record<string, string | undefined>>): { owner: string; repo: string } {
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '').split('/');
  return { owner, repo };
}
