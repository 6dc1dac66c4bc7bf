/**
 * The platform doc's Monthly Cost Estimates as Cost Management budgets: each environment's compiled template (what
 * scripts/bicep.sh builds and test/bicep-compiled.test.ts keeps current), expanded by the template evaluator the
 * emulator and the policy checks share, holds its budget with the doc's amount and alert thresholds.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ArmParameterFile, ArmTemplate } from '@augeo/arm-template/arm-template';
import { expandTemplate } from '@augeo/arm-template/expand-template';
import type { TemplateValue } from '@augeo/arm-template/template-value';
import { offlineDeployment } from '@augeo/shared/policy/check-policies';

const compiledDir = resolve(import.meta.dirname, '../../../infrastructure/bicep/compiled');
const template = JSON.parse(readFileSync(join(compiledDir, 'main.json'), 'utf8')) as ArmTemplate;
const DOC_MONTHLY_COST = { dev: 42, staging: 100, production: 289 } as const;

function budgetsOf(environment: string) {
  const file = JSON.parse(
    readFileSync(join(compiledDir, `${environment}.parameters.json`), 'utf8'),
  ) as ArmParameterFile;
  const values = Object.fromEntries(
    Object.entries(file.parameters).map(([name, { value }]) => [name, value as TemplateValue]),
  );
  return expandTemplate(template, values, offlineDeployment).resources.filter(
    (resource) => resource.type === 'Microsoft.Consumption/budgets',
  );
}

describe('budgets in the compiled templates', () => {
  it.each(Object.entries(DOC_MONTHLY_COST))('%s has one monthly budget of $%i', (environment, amount) => {
    const budgets = budgetsOf(environment);
    expect(budgets).toHaveLength(1);
    const budget = budgets[0];
    expect(budget?.id).toMatch(
      new RegExp(
        `/resourceGroups/augeo-${environment}-rg/providers/Microsoft\\.Consumption/budgets/augeo-${environment}-monthly-budget$`,
      ),
    );
    const now = new Date();
    const thisMonth = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}-01`;
    expect(budget?.body).toMatchObject({
      properties: { category: 'Cost', amount, timeGrain: 'Monthly', timePeriod: { startDate: thisMonth } },
    });
  });

  it('alerts the operations mailbox and the warning action group at 80 % and 100 % spent and 100 % forecast', () => {
    const notifications = (budgetsOf('production')[0]?.body as { properties: { notifications: object } }).properties
      .notifications;
    const recipients = {
      enabled: true,
      operator: 'GreaterThanOrEqualTo',
      contactEmails: ['operations@augeo.app'],
      contactGroups: [
        expect.stringMatching(/\/providers\/Microsoft\.Insights\/actionGroups\/augeo-production-warning-ag$/),
      ],
    };
    expect(notifications).toEqual({
      actual80: { ...recipients, threshold: 80, thresholdType: 'Actual' },
      actual100: { ...recipients, threshold: 100, thresholdType: 'Actual' },
      forecast100: { ...recipients, threshold: 100, thresholdType: 'Forecasted' },
    });
  });

  it('evaluates utcNow() only in a parameter default, as Azure does', () => {
    const misplaced: ArmTemplate = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: {},
      resources: [],
      outputs: { today: { type: 'string', value: "[utcNow('yyyy-MM-dd')]" } },
    };
    expect(() => expandTemplate(misplaced, {}, offlineDeployment)).toThrow(
      "The template function 'utcNow' is not expected at this location",
    );
  });
});
