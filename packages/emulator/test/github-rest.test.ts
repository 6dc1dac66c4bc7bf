import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getOctokit } from '@actions/github';
import type { Emulator } from '../src/index.js';
import { startTestEmulator } from './support/test-emulator.js';

describe('GitHub REST through Octokit', () => {
  let emulator: Emulator;
  let octokit: ReturnType<typeof getOctokit>;
  const repo = { owner: 'acme', repo: 'shop' };

  beforeAll(async () => {
    emulator = await startTestEmulator();
    octokit = getOctokit('ghs_emulator', { baseUrl: emulator.env.GITHUB_API_URL });
  });
  afterAll(() => emulator?.stop());

  it('creates a deployment and its statuses; a later success makes the earlier one inactive', async () => {
    const first = await octokit.rest.repos.createDeployment({
      ...repo,
      ref: 'main',
      environment: 'staging',
      auto_merge: false,
      required_contexts: [],
    });
    expect(first.status).toBe(201);
    const firstId = (first.data as { id: number }).id;
    const status = await octokit.rest.repos.createDeploymentStatus({
      ...repo,
      deployment_id: firstId,
      state: 'success',
      environment_url: 'https://127.0.0.1/',
      log_url: 'https://example.invalid/run/1',
      description: 'Deployed 1.0.0',
    });
    expect(status.data).toMatchObject({
      state: 'success',
      environment: 'staging',
      environment_url: 'https://127.0.0.1/',
      description: 'Deployed 1.0.0',
    });

    const second = await octokit.rest.repos.createDeployment({
      ...repo,
      ref: 'main',
      environment: 'staging',
      auto_merge: false,
      required_contexts: [],
      payload: { version: '2.0.0' },
    });
    const secondId = (second.data as { id: number }).id;
    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: secondId, state: 'success' });

    const listed = await octokit.rest.repos.listDeployments({ ...repo, environment: 'staging' });
    expect(listed.data.map((deployment) => deployment.id)).toEqual([secondId, firstId]);
    expect(listed.data[0]).toMatchObject({
      ref: 'main',
      payload: { version: '2.0.0' },
      creator: { login: 'github-actions[bot]' },
    });
    const firstStatuses = await octokit.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: firstId });
    expect(firstStatuses.data.map((entry) => entry.state)).toEqual(['inactive', 'success']);
  });

  it('creates an issue comment and then updates it', async () => {
    const created = await octokit.rest.issues.createComment({ ...repo, issue_number: 7, body: 'what-if: 2 changes' });
    expect(created.status).toBe(201);
    const updated = await octokit.rest.issues.updateComment({
      ...repo,
      comment_id: created.data.id,
      body: 'what-if: 3 changes',
    });
    expect(updated.data).toMatchObject({
      id: created.data.id,
      body: 'what-if: 3 changes',
      user: { login: 'github-actions[bot]' },
    });
    const comments = await octokit.rest.issues.listComments({ ...repo, issue_number: 7 });
    expect(comments.data.map((comment) => comment.body)).toEqual(['what-if: 3 changes']);
  });

  it('requires an Authorization header', async () => {
    const response = await fetch(`${emulator.env.GITHUB_API_URL}/repos/acme/shop/deployments`);
    expect(response.status).toBe(401);
  });
});
