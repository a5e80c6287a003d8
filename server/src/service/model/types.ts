/**
 * Plain data the service speaks: problems, edits and fixes. Ranges are zero-based with UTF-16
 * columns (as in LSP); one-based numbers appear only in the CLI formats that require them.
 */
import type { Position, Range, Severity } from '../../shared/graph';

export type { Position, Range, Severity };

/** A severity a rule can be configured to, `off` silencing it. */
export type RuleLevel = Severity | 'off';

/** One text replacement. */
export interface TextEdit {
  range: Range;
  newText: string;
}

/** A quick fix the editor can offer: edits to this document only. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix most users want (shown first, applied by "fix all"). */
  preferred?: boolean;
}

/** Another place that explains a problem (the first of two duplicate keys, the fact a rule found…). */
export interface RelatedInfo {
  range: Range;
  message: string;
  /** Set when the place is in another file (a catalogue, the config). */
  uri?: string;
}

/** A diagnostic. The CLI and the editor print the same rule id, message and range. */
export interface Problem {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  related?: RelatedInfo[];
  fixes?: Fix[];
}

/** Lets long work stop early when the result is no longer wanted. */
export interface CancellationToken {
  readonly isCancellationRequested: boolean;
}
