import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ArmParameterFile, ArmTemplate } from '@augeo/arm-template/arm-template';
import { bicepFailed, bicepUnavailable, templateFileMissing, templateFileUnreadable } from '../errors.js';

/** The template and parameters as ARM receives them: JSON, compiled from Bicep when Bicep was given. */
export interface TemplateSource {
  template: ArmTemplate;
  parameters: ArmParameterFile;
}

/** Reads the files, compiling .bicep / .bicepparam with the `bicep` on PATH (as GitHub's runners have it). */
export async function loadTemplateSource(templatePath: string, parametersPath: string, workspace: string) {
  const templateFile = resolve(workspace, templatePath);
  const parametersFile = resolve(workspace, parametersPath);
  if (!existsSync(templateFile)) throw templateFileMissing('template', templatePath);
  if (!existsSync(parametersFile)) throw templateFileMissing('parameters', parametersPath);
  const template = templateFile.endsWith('.bicep')
    ? parseJson<ArmTemplate>(await bicep(['build', templateFile, '--stdout']), templatePath)
    : parseJson<ArmTemplate>(await readFile(templateFile, 'utf8'), templatePath);
  const parameters = parametersFile.endsWith('.bicepparam')
    ? compiledParameters(await bicep(['build-params', parametersFile, '--stdout']), parametersPath)
    : parseJson<ArmParameterFile>(await readFile(parametersFile, 'utf8'), parametersPath);
  if (!Array.isArray(template.resources)) throw templateFileUnreadable(templatePath, 'it has no resources array');
  if (typeof parameters.parameters !== 'object' || parameters.parameters === null)
    throw templateFileUnreadable(parametersPath, 'it has no parameters object');
  return { template, parameters } satisfies TemplateSource;
}

function parseJson<T>(text: string, path: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw templateFileUnreadable(path, (error as Error).message);
  }
}

/** `bicep build-params --stdout` prints `{ parametersJson, templateJson }`, each a JSON document as a string. */
function compiledParameters(output: string, path: string): ArmParameterFile {
  const compiled = parseJson<{ parametersJson?: string }>(output, path);
  return parseJson<ArmParameterFile>(compiled.parametersJson ?? output, path);
}

function bicep(args: string[]): Promise<string> {
  const file = args[1] ?? '';
  return new Promise((settle, fail) => {
    execFile('bicep', args, { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') fail(bicepUnavailable(file, error));
      else if (error) fail(bicepFailed(file, `${stderr}${stdout}`));
      else settle(stdout);
    });
  });
}
