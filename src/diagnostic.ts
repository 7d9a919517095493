// What a finding is, as every layer sees it: its severity, place, message, related locations and
// suggested fixes. Plain data at the bottom of the import graph, so analyses that build edits, the
// engine, the reports and the language server share it without importing each other.
import type { Range } from './parse/source.js';

export type Severity = 'error' | 'warning' | 'info';

export interface RelatedLocation {
  /** Absolute path of the file holding the location. */
  file: string;
  range: Range;
  message: string;
}

export interface TextEdit {
  file: string;
  /** UTF-16 offsets into the file text. */
  startIndex: number;
  endIndex: number;
  newText: string;
}

export interface SuggestedFix {
  message: string;
  edits: TextEdit[];
}

export interface Diagnostic {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  range: Range;
  related: RelatedLocation[];
  fixes: SuggestedFix[];
}
