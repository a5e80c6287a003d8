/**
 * `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. Rule metadata (title,
 * why, bad/good examples, fix) comes from the rules' own documentation; regions are 1-based with UTF-16
 * columns (SARIF's default); artifact uris are relative to the working directory with `%SRCROOT%` as
 * their base. Config and catalogue problems are tool execution notifications of the invocation.
 */
import { pathToUri } from '../../node/project';
import type { FileResult } from '../check';
import { oneBased, type Reporter } from './report';
import type { RuleInfo, Problem, Severity } from '../../service';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

/** The SARIF `help` of a rule: plain text and markdown with the bad and good examples. */
export function ruleHelp(rule: RuleInfo): { text: string; markdown: string } {
  const text = `${rule.title}\n\n${rule.why}\n\nFix: ${rule.fix}`;
  const markdown = [
    `**${rule.title}**`,
    '',
    rule.why,
    '',
    'Problem:',
    '',
    '```yaml',
    rule.bad,
    '```',
    '',
    'Fixed:',
    '',
    '```yaml',
    rule.good,
    '```',
    '',
    `**Fix:** ${rule.fix}`,
  ].join('\n');
  return { text, markdown };
}

function uriOf(display: string): string {
  return display.split('/').map(encodeURIComponent).join('/');
}

function region(p: Problem) {
  const o = oneBased(p);
  return { startLine: o.line, startColumn: o.column, endLine: o.endLine, endColumn: o.endColumn };
}

export const sarif: Reporter = ({ run, version, rules, exitCode }) => {
  const known = new Map<string, number>(rules.map((r, i) => [r.id, i]));
  const extraRules: { id: string; shortDescription: { text: string } }[] = [];
  const ruleIndex = (id: string): number => {
    let i = known.get(id);
    if (i === undefined) {
      i = rules.length + extraRules.length;
      known.set(id, i);
      extraRules.push({ id, shortDescription: { text: id } });
    }
    return i;
  };
  const artifacts: { location: { uri: string; uriBaseId: string } }[] = [];
  const artifactIndex = new Map<string, number>();
  const location = (f: FileResult, p: Problem) => {
    let index = artifactIndex.get(f.display);
    if (index === undefined) {
      index = artifacts.length;
      artifactIndex.set(f.display, index);
      artifacts.push({ location: { uri: uriOf(f.display), uriBaseId: '%SRCROOT%' } });
    }
    return {
      physicalLocation: {
        artifactLocation: { uri: uriOf(f.display), uriBaseId: '%SRCROOT%', index },
        region: region(p),
      },
    };
  };
  const results = run.files.flatMap((f) =>
    f.problems.map((p) => ({
      ruleId: p.ruleId,
      ruleIndex: ruleIndex(p.ruleId),
      level: LEVEL[p.severity],
      message: { text: p.message },
      locations: [location(f, p)],
      ...(p.related?.some((r) => !r.uri)
        ? {
            relatedLocations: p.related
              .filter((r) => !r.uri)
              .map((r, id) => ({
                id,
                message: { text: r.message },
                physicalLocation: {
                  artifactLocation: { uri: uriOf(f.display), uriBaseId: '%SRCROOT%' },
                  region: region({ ...p, range: r.range }),
                },
              })),
          }
        : {}),
    })),
  );
  const notifications = run.projectFiles.flatMap((f) =>
    f.problems.map((p) => ({
      level: LEVEL[p.severity],
      message: { text: p.message },
      descriptor: { id: p.ruleId },
      locations: [location(f, p)],
    })),
  );
  const driverRules = [
    ...rules.map((r) => ({
      id: r.id,
      name: r.id,
      shortDescription: { text: r.title },
      fullDescription: { text: r.why },
      help: ruleHelp(r),
      defaultConfiguration: { level: LEVEL[r.severity] },
      properties: { tags: [r.id.split('/')[0]] },
    })),
    ...extraRules,
  ];
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'callflow', version, semanticVersion: version, rules: driverRules } },
        invocations: [
          {
            executionSuccessful: exitCode !== 2,
            ...(notifications.length ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToUri(run.cwd).replace(/\/?$/, '/') } },
        artifacts,
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
};
