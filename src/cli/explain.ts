// `gocop --list-rules` (as text or JSON) and `gocop explain <id>`: the rule docs from their metadata.
import type { AnyRule } from '../engine/rule.js';
import { ruleDocsUrl } from '../engine/docs.js';

export function listRules(rules: AnyRule[]): string {
  const width = Math.max(...rules.map((rule) => rule.id.length));
  return rules.map((rule) => `${rule.id.padEnd(width)}  ${rule.severity.padEnd(7)}  ${rule.docs.summary}\n`).join('');
}

export function explainRule(rule: AnyRule): string {
  const sections = [
    `${rule.id} (${rule.category}, default severity ${rule.severity})`,
    '',
    rule.docs.summary,
    '',
    'Why this is bad',
    indent(rule.docs.why),
    '',
    'Bad',
    indent(rule.docs.bad.trimEnd()),
    '',
    'Good',
    indent(rule.docs.good.trimEnd()),
  ];
  if (rule.docs.options) sections.push('', 'Options', indent(rule.docs.options));
  return `${sections.join('\n')}\n`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line ? `    ${line}` : line))
    .join('\n');
}

/** `gocop --list-rules --format json`: every rule's id, default severity, category, summary, docs and default options. */
export function listRulesJson(rules: AnyRule[]): string {
  const entries = rules.map((rule) => ({
    id: rule.id,
    severity: rule.severity,
    category: rule.category,
    summary: rule.docs.summary,
    docs: ruleDocsUrl(rule.id),
    options: rule.defaultOptions,
  }));
  return `${JSON.stringify({ version: 1, rules: entries }, null, 2)}\n`;
}
