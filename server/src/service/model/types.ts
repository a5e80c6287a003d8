/**
 * Plain data the service speaks: problems, edits and fixes. Ranges are zero-based with UTF-16
 * columns (as in LSP); one-based numbers appear only in the CLI formats that require them.
 */
import type { Position, Range, Severity } from '../../shared/graph';
import type { RuleId } from './rule-ids';

export type { Position, Range, Severity };
export type { RuleId };

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

/**
 * What a problem is about, as data: fixes and the CLI read this, never the wording of the message.
 * - `missing-property`: a mapping lacks `property` (schema/required);
 * - `unknown-property`: `property` is not allowed here; `allowed` are the keys that are;
 * - `unknown-value`: `value` is not one of `expected` (schema/enum, schema/step-kind);
 * - `unreadable-file`: a file the config names (`path`, looked for at `uri`) cannot be read.
 */
export type ProblemData =
  | { kind: 'missing-property'; property: string }
  | { kind: 'unknown-property'; property: string; allowed: string[] }
  | { kind: 'unknown-value'; value: string; expected: string[] }
  | { kind: 'unreadable-file'; path: string; uri: string };

/** A diagnostic. The CLI and the editor print the same rule id, message and range. */
export interface Problem {
  ruleId: RuleId;
  severity: Severity;
  message: string;
  range: Range;
  related?: RelatedInfo[];
  fixes?: Fix[];
  /** What the problem is about, for fixes and tools (see ProblemData). */
  data?: ProblemData;
}

/** Lets long work stop early when the result is no longer wanted. */
export interface CancellationToken {
  readonly isCancellationRequested: boolean;
}
