// The rule registry: every rule gocop ships, in the order `--list-rules` prints them.
import type { AnyRule } from '../src/engine/rule.js';
import { syntaxError } from './syntax-error.js';

export const allRules: AnyRule[] = [syntaxError];

/** Finds a rule by id. */
export function findRule(id: string): AnyRule | undefined {
  return allRules.find((rule) => rule.id === id);
}
