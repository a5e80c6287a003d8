/**
 * `--format junit`: one test suite, one test case per checked file; each problem that fails the run
 * (see --fail-on) is a `<failure>`, the others are listed in the case's `<system-out>`. Config and
 * catalogue problems are cases of their own. Text is escaped for XML 1.0, and characters XML cannot
 * hold at all (most control characters) are written as `\uXXXX`.
 */
import type { FileResult } from '../check';
import { allFiles, isFailing, type Reporter } from './report';
import type { Problem } from '../../service';

/** Escapes text for XML content and attribute values (XML 1.0, double-quoted attributes). */
export function xmlEscape(text: string): string {
  return text
    .replace(
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    )
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}

function describe(file: FileResult, p: Problem): string {
  return `${file.display}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.severity} ${p.ruleId}: ${p.message}`;
}

export const junit: Reporter = ({ run, failOn }) => {
  const files = allFiles(run);
  let failures = 0;
  const cases = files.map((f) => {
    const failing = f.problems.filter((p) => isFailing(p.severity, failOn));
    const other = f.problems.filter((p) => !isFailing(p.severity, failOn));
    failures += failing.length ? 1 : 0;
    const body = [
      ...failing.map(
        (p) =>
          `      <failure type="${xmlEscape(p.ruleId)}" message="${xmlEscape(p.message)}">${xmlEscape(describe(f, p))}</failure>`,
      ),
      ...(other.length
        ? [`      <system-out>${xmlEscape(other.map((p) => describe(f, p)).join('\n'))}</system-out>`]
        : []),
    ];
    const open = `    <testcase classname="callflow" name="${xmlEscape(f.display)}" file="${xmlEscape(f.display)}"`;
    return body.length ? `${open}>\n${body.join('\n')}\n    </testcase>` : `${open}/>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="callflow check" tests="${files.length}" failures="${failures}" errors="0">`,
    `  <testsuite name="callflow check" tests="${files.length}" failures="${failures}" errors="0" skipped="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
};
