import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { BudgetsFile, type Budget } from '../../protocol/budgets.js';
import { UsageError, usersMistake } from './parseFlags.js';

const check = new Ajv({ allErrors: true, strict: false }).compile<BudgetsFile>(BudgetsFile);

/** The budgets of a `{ "budgets": [...] }` file, or a usage error saying what in it is wrong. */
export function readBudgets(file: string): Budget[] {
  const parsed = usersMistake(() => JSON.parse(readFileSync(file, 'utf8')) as unknown);
  if (!check(parsed)) {
    const reasons = (check.errors ?? []).map((error) => `${error.instancePath || '(file)'} ${error.message ?? 'is invalid'}`);
    throw new UsageError(`budgets file ${file}: ${reasons.join('; ')}`);
  }
  return parsed.budgets;
}
