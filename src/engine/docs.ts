// Renders a rule's documentation page (docs/rules/<id>.md) from its metadata, in fixed sections.
// The pages are generated (`npm run docs`) and a test checks they are up to date.
import type { AnyRule } from './rule.js';
import { gocopRepositoryFileUrl } from '../util/package-info.js';

/** The URL of a rule's documentation page, under the home page in package.json. */
export function ruleDocsUrl(ruleId: string): string {
  return gocopRepositoryFileUrl(`docs/rules/${ruleId}.md`);
}

export function renderRuleDoc(rule: AnyRule): string {
  const parts = [
    '<!-- Generated from the rule metadata by `npm run docs`. Do not edit. -->',
    `# ${rule.id}`,
    '',
    `Default severity: **${rule.severity}**. Category: ${rule.category}.`,
    '',
    '## What it does',
    '',
    rule.docs.summary,
    '',
    '## Why is this bad?',
    '',
    rule.docs.why,
    '',
    '## Bad',
    '',
    '```go',
    rule.docs.bad.trimEnd(),
    '```',
    '',
    '## Good',
    '',
    '```go',
    rule.docs.good.trimEnd(),
    '```',
    '',
    '## Options',
    '',
    rule.docs.options ?? 'None.',
    '',
    '## Suppressing',
    '',
    '```go',
    `//gocop:ignore ${rule.id} <reason>`,
    '```',
    '',
  ];
  return parts.join('\n');
}
