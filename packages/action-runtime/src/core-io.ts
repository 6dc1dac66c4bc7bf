import * as core from '@actions/core';
import type { ActionIO } from '@augeo/shared/io/action-io';

/** The ActionIO of a GitHub Actions step, backed by @actions/core. */
export function createCoreIO(): ActionIO {
  const pending: string[] = [];
  return {
    inputs: {
      get: (name) => {
        const value = core.getInput(name);
        return value === '' ? undefined : value;
      },
    },
    outputs: { set: (name, value) => core.setOutput(name, value) },
    log: {
      debug: (message) => core.debug(message),
      info: (message) => core.info(message),
      warning: (message, where) => core.warning(message, where),
      error: (message, where) => core.error(message, where),
      group: (title, body) => core.group(title, body),
      mask: (secret) => {
        if (secret) core.setSecret(secret);
      },
    },
    summary: {
      append: (markdown) => void pending.push(markdown),
      write: async () => {
        if (pending.length === 0 || !process.env.GITHUB_STEP_SUMMARY) return;
        await core.summary.addRaw(pending.splice(0).join('\n'), true).write();
      },
    },
    env: process.env,
  };
}
