// The output formats, by name: each renders a finished report as the text to print or write. The
// formats themselves live in src/report/, one file each; this table hands each what it needs.
import type { Diagnostic } from '../diagnostic.js';
import type { TextSource } from '../engine/baseline.js';
import { repositoryProvenance } from '../engine/git.js';
import type { AnyRule } from '../engine/rule.js';
import { formatCheckstyle } from '../report/checkstyle.js';
import { formatCodeClimate } from '../report/codeclimate.js';
import { formatGithub } from '../report/github.js';
import { formatJson } from '../report/json.js';
import { formatJunit } from '../report/junit.js';
import type { Report } from '../report/model.js';
import { formatSarif } from '../report/sarif.js';
import { formatText } from '../report/text.js';

export const FORMATS = ['text', 'json', 'sarif', 'github', 'checkstyle', 'junit', 'codeclimate'] as const;

export type Format = (typeof FORMATS)[number];

export function isFormat(name: string): name is Format {
  return (FORMATS as readonly string[]).includes(name);
}

/** What the formats need beyond the report. */
export interface FormatContext {
  rules: readonly AnyRule[];
  version: string;
  /** The working directory (absolute, forward slashes): SARIF's %SRCROOT%. */
  sourceRoot: string;
  /** The repository root, or the working directory outside a repository. */
  repositoryRoot: string;
  /** Fingerprints of the findings (computed for sarif and codeclimate). */
  fingerprints: ReadonlyMap<Diagnostic, string>;
  readText: TextSource;
  useColor: boolean;
}

export function renderReport(format: Format, report: Report, context: FormatContext): string {
  switch (format) {
    case 'text':
      return formatText(report, context.useColor);
    case 'json':
      return formatJson(report);
    case 'github':
      return formatGithub(report);
    case 'checkstyle':
      return formatCheckstyle(report);
    case 'junit':
      return formatJunit(report);
    case 'codeclimate':
      return formatCodeClimate(report, { repositoryRoot: context.repositoryRoot, fingerprints: context.fingerprints, rules: context.rules });
    case 'sarif': {
      const provenance = repositoryProvenance(context.repositoryRoot);
      return formatSarif(report, {
        rules: context.rules,
        version: context.version,
        sourceRoot: context.sourceRoot,
        fingerprints: context.fingerprints,
        readText: context.readText,
        provenance: provenance ? { ...provenance, root: context.repositoryRoot } : undefined,
      });
    }
  }
}
