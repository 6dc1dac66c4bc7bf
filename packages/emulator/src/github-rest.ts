import { githubError } from './errors.js';
import type { Exchange } from './gateway.js';
import { parseJson, sendJson } from './http.js';

const BOT = {
  login: 'github-actions[bot]',
  id: 41898282,
  node_id: 'MDM6Qm90NDE4OTgyODI=',
  type: 'Bot',
  site_admin: false,
};

const DEPLOYMENT_STATES = ['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success'];

interface Deployment {
  id: number;
  node_id: string;
  url: string;
  sha: string;
  ref: string;
  task: string;
  payload: unknown;
  original_environment: string;
  environment: string;
  description: string | null;
  creator: typeof BOT;
  created_at: string;
  updated_at: string;
  statuses_url: string;
  repository_url: string;
  transient_environment: boolean;
  production_environment: boolean;
}

interface DeploymentStatus {
  id: number;
  node_id: string;
  url: string;
  state: string;
  creator: typeof BOT;
  description: string;
  environment: string;
  target_url: string;
  log_url: string;
  environment_url: string;
  created_at: string;
  updated_at: string;
  deployment_url: string;
  repository_url: string;
}

interface IssueComment {
  id: number;
  node_id: string;
  url: string;
  html_url: string;
  issue_url: string;
  body: string;
  user: typeof BOT;
  author_association: string;
  created_at: string;
  updated_at: string;
}

type Body = Record<string, unknown>;

/** The GitHub REST calls the toolkit makes: deployments, their statuses, and issue comments. */
export class GithubRest {
  #nextId = 1000;
  #deployments: Deployment[] = [];
  #statuses = new Map<number, DeploymentStatus[]>();
  #comments: (IssueComment & { issue: number })[] = [];

  constructor(
    private readonly repository: string,
    private readonly apiOrigin: () => string,
    private readonly headSha: () => string,
  ) {}

  /** Returns false when the path is not a REST route it serves. */
  async route(exchange: Exchange): Promise<boolean> {
    const match = /^\/repos\/([^/]+\/[^/]+)(\/.*)$/.exec(exchange.path);
    if (!match) return false;
    const [, repository = '', rest = ''] = match;
    if (!exchange.req.headers.authorization) {
      sendJson(exchange.res, 401, githubError('Requires authentication'));
      return true;
    }
    if (repository.toLowerCase() !== this.repository.toLowerCase()) {
      sendJson(exchange.res, 404, githubError('Not Found'));
      return true;
    }
    const body = (parseJson(exchange.body) ?? {}) as Body;
    const method = exchange.method;
    let parts: RegExpExecArray | null;
    if (rest === '/deployments' && method === 'POST') return this.#createDeployment(exchange, body);
    if (rest === '/deployments' && method === 'GET') return this.#listDeployments(exchange);
    if ((parts = /^\/deployments\/(\d+)\/statuses$/.exec(rest))) {
      const deployment = this.#deployments.find((candidate) => candidate.id === Number(parts?.[1]));
      if (!deployment) return this.#notFound(exchange);
      if (method === 'POST') return this.#createStatus(exchange, deployment, body);
      if (method === 'GET') return this.#send(exchange, 200, [...(this.#statuses.get(deployment.id) ?? [])].reverse());
    }
    if ((parts = /^\/deployments\/(\d+)$/.exec(rest)) && method === 'GET') {
      const deployment = this.#deployments.find((candidate) => candidate.id === Number(parts?.[1]));
      return deployment ? this.#send(exchange, 200, deployment) : this.#notFound(exchange);
    }
    if ((parts = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      const issue = Number(parts[1]);
      if (method === 'GET')
        return this.#send(exchange, 200, this.#comments.filter((c) => c.issue === issue).map(withoutIssue));
      if (method === 'POST') return this.#createComment(exchange, issue, body);
    }
    if ((parts = /^\/issues\/comments\/(\d+)$/.exec(rest))) {
      const comment = this.#comments.find((candidate) => candidate.id === Number(parts?.[1]));
      if (!comment) return this.#notFound(exchange);
      if (method === 'GET') return this.#send(exchange, 200, withoutIssue(comment));
      if (method === 'PATCH') {
        if (typeof body.body !== 'string') return this.#invalid(exchange, 'body');
        comment.body = body.body;
        comment.updated_at = new Date().toISOString();
        return this.#send(exchange, 200, withoutIssue(comment));
      }
    }
    return this.#notFound(exchange);
  }

  #createDeployment(exchange: Exchange, body: Body): boolean {
    if (typeof body.ref !== 'string' || body.ref === '') return this.#invalid(exchange, 'ref');
    const id = this.#nextId++;
    const now = new Date().toISOString();
    const environment = typeof body.environment === 'string' ? body.environment : 'production';
    const repoUrl = `${this.apiOrigin()}/repos/${this.repository}`;
    const deployment: Deployment = {
      id,
      node_id: nodeId('DE', id),
      url: `${repoUrl}/deployments/${id}`,
      sha: /^[0-9a-f]{40}$/i.test(body.ref) ? body.ref : this.headSha(),
      ref: body.ref,
      task: typeof body.task === 'string' ? body.task : 'deploy',
      payload:
        body.payload === undefined ? {} : typeof body.payload === 'string' ? safeJson(body.payload) : body.payload,
      original_environment: environment,
      environment,
      description: typeof body.description === 'string' ? body.description : null,
      creator: BOT,
      created_at: now,
      updated_at: now,
      statuses_url: `${repoUrl}/deployments/${id}/statuses`,
      repository_url: repoUrl,
      transient_environment: body.transient_environment === true,
      production_environment:
        typeof body.production_environment === 'boolean' ? body.production_environment : environment === 'production',
    };
    this.#deployments.push(deployment);
    return this.#send(exchange, 201, deployment);
  }

  #listDeployments(exchange: Exchange): boolean {
    const query = exchange.url.searchParams;
    const filters = ['sha', 'ref', 'task', 'environment'] as const;
    const found = this.#deployments
      .filter((deployment) => filters.every((key) => !query.has(key) || deployment[key] === query.get(key)))
      .reverse();
    const perPage = Number(query.get('per_page') ?? 30);
    const page = Number(query.get('page') ?? 1);
    return this.#send(exchange, 200, found.slice((page - 1) * perPage, page * perPage));
  }

  #createStatus(exchange: Exchange, deployment: Deployment, body: Body): boolean {
    if (typeof body.state !== 'string' || !DEPLOYMENT_STATES.includes(body.state))
      return this.#invalid(exchange, 'state');
    const id = this.#nextId++;
    const now = new Date().toISOString();
    const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : '');
    const environment = text('environment') || deployment.environment;
    const status: DeploymentStatus = {
      id,
      node_id: nodeId('DES', id),
      url: `${deployment.statuses_url}/${id}`,
      state: body.state,
      creator: BOT,
      description: text('description'),
      environment,
      target_url: text('log_url') || text('target_url'),
      log_url: text('log_url') || text('target_url'),
      environment_url: text('environment_url'),
      created_at: now,
      updated_at: now,
      deployment_url: deployment.url,
      repository_url: deployment.repository_url,
    };
    if (status.state === 'success' && body.auto_inactive !== false) this.#deactivateOthers(deployment);
    deployment.environment = environment;
    deployment.updated_at = now;
    this.#statuses.set(deployment.id, [...(this.#statuses.get(deployment.id) ?? []), status]);
    return this.#send(exchange, 201, status);
  }

  /** GitHub marks earlier successful deployments to the same environment inactive (auto_inactive). */
  #deactivateOthers(current: Deployment): void {
    for (const other of this.#deployments) {
      if (other === current || other.environment !== current.environment || other.transient_environment) continue;
      const history = this.#statuses.get(other.id) ?? [];
      const latest = history[history.length - 1];
      if (latest?.state !== 'success') continue;
      const id = this.#nextId++;
      const now = new Date().toISOString();
      history.push({
        ...latest,
        id,
        node_id: nodeId('DES', id),
        url: `${other.statuses_url}/${id}`,
        state: 'inactive',
        created_at: now,
        updated_at: now,
      });
    }
  }

  #createComment(exchange: Exchange, issue: number, body: Body): boolean {
    if (typeof body.body !== 'string') return this.#invalid(exchange, 'body');
    const id = this.#nextId++;
    const now = new Date().toISOString();
    const repoUrl = `${this.apiOrigin()}/repos/${this.repository}`;
    const comment = {
      issue,
      id,
      node_id: nodeId('IC', id),
      url: `${repoUrl}/issues/comments/${id}`,
      html_url: `${this.apiOrigin()}/${this.repository}/pull/${issue}#issuecomment-${id}`,
      issue_url: `${repoUrl}/issues/${issue}`,
      body: body.body,
      user: BOT,
      author_association: 'NONE',
      created_at: now,
      updated_at: now,
    };
    this.#comments.push(comment);
    return this.#send(exchange, 201, withoutIssue(comment));
  }

  #send(exchange: Exchange, status: number, body: unknown): boolean {
    sendJson(exchange.res, status, body);
    return true;
  }

  #notFound(exchange: Exchange): boolean {
    return this.#send(exchange, 404, githubError('Not Found'));
  }

  #invalid(exchange: Exchange, field: string): boolean {
    return this.#send(exchange, 422, {
      ...githubError('Validation Failed'),
      errors: [{ resource: 'Request', field, code: 'invalid' }],
      status: '422',
    });
  }
}

function withoutIssue(comment: IssueComment & { issue: number }): IssueComment {
  const { issue: _issue, ...rest } = comment;
  return rest;
}

function nodeId(prefix: string, id: number): string {
  return `${prefix}_kwDO${Buffer.from(String(id)).toString('base64url')}`;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
