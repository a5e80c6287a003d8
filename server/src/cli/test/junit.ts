/**
 * `callflow test --format junit`: one `<testsuite>` per run file, one `<testcase>` per run (classname the
 * run file, name the run's name, `file` and `line` where the run is). A failed run holds one `<failure>`
 * whose message is the first difference and whose body lists every difference with its place; a run file
 * with errors of its own, or whose scenario cannot be read, is an `<error>` case; coverage under
 * `--min-coverage` a failed case of its own. Text escaped for XML 1.0 (reporters/junit.ts).
 */
import { xmlEscape } from '../reporters/junit';
import type { TestReport, TestedFile } from './model';

const attr = (name: string, value: string | number) => `${name}="${xmlEscape(String(value))}"`;

function testCase(
  classname: string,
  name: string,
  file: string,
  line: number | undefined,
  body: string[],
  seconds = 0,
): string {
  const attrs = [
    attr('classname', classname),
    attr('name', name),
    attr('file', file),
    ...(line ? [attr('line', line)] : []),
    attr('time', seconds),
  ];
  const open = `    <testcase ${attrs.join(' ')}`;
  return body.length ? `${open}>\n${body.join('\n')}\n    </testcase>` : `${open}/>`;
}

function suite(f: TestedFile): { xml: string; tests: number; failures: number; errors: number } {
  const cases: string[] = [];
  let failures = 0;
  let errors = 0;
  const own = f.problems.filter((p) => p.severity === 'error');
  if (f.error || own.length) {
    errors++;
    const message = f.error ?? `${own[0].ruleId}: ${own[0].message}`;
    const body = own.map(
      (p) =>
        `${f.display}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.ruleId}: ${p.message}`,
    );
    cases.push(
      testCase(f.display, '(run file)', f.display, undefined, [
        `      <error ${attr('type', f.error ? 'scenario' : own[0].ruleId)} ${attr('message', message)}>${xmlEscape(body.join('\n'))}</error>`,
      ]),
    );
  }
  for (const r of f.runs) {
    const body: string[] = [];
    if (!r.passed) {
      failures++;
      const first = r.failures[0];
      const text = r.failures
        .map(
          (d) =>
            `${f.display}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.ruleId}: ${d.message}`,
        )
        .join('\n');
      body.push(
        `      <failure ${attr('type', first.ruleId)} ${attr('message', first.message)}>${xmlEscape(text)}</failure>`,
      );
    }
    cases.push(testCase(f.display, r.name, f.display, r.line, body));
  }
  const counts = `tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="0"`;
  const xml = [
    `  <testsuite ${attr('name', f.display)} ${attr('file', f.display)} ${counts}>`,
    ...cases,
    '  </testsuite>',
  ].join('\n');
  return { xml, tests: cases.length, failures, errors };
}

/** The JUnit XML report. */
export function junitTest(report: TestReport): string {
  const suites = report.files.map(suite);
  const extra: string[] = [];
  let extraFailures = 0;
  for (const u of report.unreadable)
    extra.push(
      testCase('callflow', u.display, u.display, undefined, [
        `      <error type="unreadable" ${attr('message', u.message)}/>`,
      ]),
    );
  const c = report.coverage;
  if (c?.min !== undefined) {
    const under = c.percent < c.min;
    if (under) extraFailures++;
    const message = `Coverage ${c.percent}% (${c.covered} of ${c.total} options and ends), --min-coverage ${c.min}%`;
    extra.push(
      testCase(
        'callflow',
        `coverage at least ${c.min}%`,
        '.',
        undefined,
        under ? [`      <failure type="coverage" ${attr('message', message)}/>`] : [],
      ),
    );
  }
  if (extra.length) {
    const errors = report.unreadable.length;
    suites.push({
      xml: [
        `  <testsuite name="callflow" tests="${extra.length}" failures="${extraFailures}" errors="${errors}" skipped="0">`,
        ...extra,
        '  </testsuite>',
      ].join('\n'),
      tests: extra.length,
      failures: extraFailures,
      errors,
    });
  }
  const sum = (k: 'tests' | 'failures' | 'errors') => suites.reduce((n, s) => n + s[k], 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="callflow test" tests="${sum('tests')}" failures="${sum('failures')}" errors="${sum('errors')}">`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}
