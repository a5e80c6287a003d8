/**
 * `--format junit`: one test suite; one test case per checked file (config and catalogue files with
 * problems are cases of their own). A file with problems that fail the run (see --fail-on) holds ONE
 * `<failure>`: its message counts them, its body lists each (path:line:column: severity rule: message);
 * the other problems are listed in the case's `<system-out>`. One case per file (not per problem) because
 * the readers (GitLab, Jenkins, Azure DevOps, GitHub test-report actions) keep one failure per case and
 * show its body, and the number of tests stays the number of files from run to run. Why else the run
 * fails is a case of its own: each path that could not be read (an `<error>`), and the `--max-warnings`
 * limit (a `<failure>` that names it). Text is escaped for XML 1.0, and characters XML cannot hold at all
 * (most control characters) are written as `\uXXXX`.
 */
import type { FileResult } from '../check';
import { allFiles, isFailing, plural, type Reporter } from './report';
import type { Problem, Severity } from '../../service';

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

function fileCase(f: FileResult, failOn: Severity): { xml: string; failed: boolean } {
  const failing = f.problems.filter((p) => isFailing(p.severity, failOn));
  const other = f.problems.filter((p) => !isFailing(p.severity, failOn));
  const body: string[] = [];
  if (failing.length) {
    const first = failing[0];
    const message = `${plural(failing.length, 'problem')}: ${first.ruleId}: ${first.message}${failing.length > 1 ? ' …' : ''}`;
    const text = failing.map((p) => describe(f, p)).join('\n');
    body.push(
      `      <failure type="${xmlEscape(first.ruleId)}" message="${xmlEscape(message)}">${xmlEscape(text)}</failure>`,
    );
  }
  if (other.length)
    body.push(`      <system-out>${xmlEscape(other.map((p) => describe(f, p)).join('\n'))}</system-out>`);
  return { xml: testCase(f.display, body), failed: failing.length > 0 };
}

function testCase(name: string, body: string[]): string {
  const open = `    <testcase classname="callflow" name="${xmlEscape(name)}" file="${xmlEscape(name)}"`;
  return body.length ? `${open}>\n${body.join('\n')}\n    </testcase>` : `${open}/>`;
}

export const junit: Reporter = ({ run, failOn, verdict }) => {
  const files = allFiles(run);
  let failures = 0;
  const cases = files.map((f) => {
    const c = fileCase(f, failOn);
    if (c.failed) failures++;
    return c.xml;
  });
  for (const u of verdict.unreadable)
    cases.push(testCase(u.display, [`      <error type="unreadable" message="${xmlEscape(u.message)}"/>`]));
  const limit = verdict.reasons.find((r) => r.kind === 'max-warnings');
  if (limit) {
    failures++;
    const open = `    <testcase classname="callflow" name="--max-warnings ${verdict.maxWarnings?.limit ?? ''}">`;
    cases.push(
      `${open}\n      <failure type="max-warnings" message="${xmlEscape(limit.message)}">${xmlEscape(limit.message)}</failure>\n    </testcase>`,
    );
  }
  const errors = verdict.unreadable.length;
  const tests = cases.length;
  const counts = `tests="${tests}" failures="${failures}" errors="${errors}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="callflow check" ${counts}>`,
    `  <testsuite name="callflow check" ${counts} skipped="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
};
