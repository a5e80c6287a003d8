/**
 * `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. Rule metadata (title,
 * why, bad/good examples, fix) comes from the rules' own documentation; regions are 1-based with UTF-16
 * columns (SARIF's default); artifact uris are relative to the working directory with `%SRCROOT%` as
 * their base. Config and catalogue problems are tool execution notifications of the invocation.
 */
import { pathToUri } from '../../node/project';
import type { FileResult } from '../check';
import { fixableIn, oneBased, type Reporter } from './report';
import type { Verdict } from '../verdict';
import { ruleDocsUrl } from '../../shared/rule-docs';
import type { Fix, RuleInfo, Problem, Severity } from '../../service';

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

/** Rule and artifact indexes, assigned in the order results and notifications first name them. */
class Indexes {
  private readonly known: Map<string, number>;
  readonly extraRules: { id: string; shortDescription: { text: string } }[] = [];
  readonly artifacts: { location: { uri: string; uriBaseId: string } }[] = [];
  private readonly artifactIndex = new Map<string, number>();

  constructor(private readonly rules: readonly RuleInfo[]) {
    this.known = new Map<string, number>(rules.map((r, i) => [r.id, i]));
  }

  /** The index of a rule in the driver's rules (a rule the list lacks is added after it). */
  rule(id: string): number {
    let i = this.known.get(id);
    if (i === undefined) {
      i = this.rules.length + this.extraRules.length;
      this.known.set(id, i);
      this.extraRules.push({ id, shortDescription: { text: id } });
    }
    return i;
  }

  private artifact(display: string): number {
    let index = this.artifactIndex.get(display);
    if (index === undefined) {
      index = this.artifacts.length;
      this.artifactIndex.set(display, index);
      this.artifacts.push({ location: { uri: uriOf(display), uriBaseId: '%SRCROOT%' } });
    }
    return index;
  }

  /** A problem's location, its file listed among the artifacts. */
  location(f: FileResult, p: Problem) {
    const index = this.artifact(f.display);
    return {
      physicalLocation: {
        artifactLocation: { uri: uriOf(f.display), uriBaseId: '%SRCROOT%', index },
        region: region(p),
      },
    };
  }

  /** The location of a whole file (one that could not be read). */
  path(display: string) {
    const index = this.artifact(display);
    return { physicalLocation: { artifactLocation: { uri: uriOf(display), uriBaseId: '%SRCROOT%', index } } };
  }
}

/** The related places of a problem in its own file. */
function relatedLocations(f: FileResult, p: Problem) {
  if (!p.related?.some((r) => !r.uri)) return {};
  return {
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
  };
}

/** A fix as SARIF: the replacements in the problem's file (regions 1-based, UTF-16 columns). */
function sarifFix(f: FileResult, fix: Fix) {
  return {
    description: { text: fix.title },
    artifactChanges: [
      {
        artifactLocation: { uri: uriOf(f.display), uriBaseId: '%SRCROOT%' },
        replacements: fix.edits.map((e) => {
          const o = oneBased({ range: e.range } as Problem);
          return {
            deletedRegion: {
              startLine: o.line,
              startColumn: o.column,
              endLine: o.endLine,
              endColumn: o.endColumn,
            },
            insertedContent: { text: e.newText },
          };
        }),
      },
    ],
  };
}

function result(f: FileResult, p: Problem, indexes: Indexes, fixable: boolean) {
  return {
    ruleId: p.ruleId,
    ruleIndex: indexes.rule(p.ruleId),
    level: LEVEL[p.severity],
    message: { text: p.message },
    locations: [indexes.location(f, p)],
    ...relatedLocations(f, p),
    ...(p.fixes?.length ? { fixes: p.fixes.map((x) => sarifFix(f, x)) } : {}),
    ...(fixable ? { properties: { fixable: true } } : {}),
  };
}

/** Why the run fails beyond its results: paths that could not be read, the warning limit. */
function verdictNotifications(verdict: Verdict, indexes: Indexes) {
  const out: object[] = verdict.unreadable.map((u) => ({
    level: 'error',
    message: { text: u.message },
    descriptor: { id: 'callflow/unreadable-input' },
    locations: [indexes.path(u.display)],
  }));
  const limit = verdict.maxWarnings;
  const reason = verdict.reasons.find((r) => r.kind === 'max-warnings');
  if (limit?.exceeded && reason)
    out.push({
      level: 'error',
      message: { text: reason.message },
      descriptor: { id: 'callflow/max-warnings' },
      properties: { limit: limit.limit, warnings: limit.warnings },
    });
  return out;
}

function driverRules(rules: readonly RuleInfo[], indexes: Indexes, docsUrl: string | undefined) {
  return [
    ...rules.map((r) => {
      const helpUri = ruleDocsUrl(docsUrl, r.id);
      return {
        id: r.id,
        name: r.id,
        shortDescription: { text: r.title },
        fullDescription: { text: r.why },
        ...(helpUri ? { helpUri } : {}),
        help: ruleHelp(r),
        defaultConfiguration: { level: LEVEL[r.severity] },
        properties: { tags: [r.id.split('/')[0]] },
      };
    }),
    ...indexes.extraRules,
  ];
}

export const sarif: Reporter = ({ run, version, rules, exitCode, verdict, rulesDocsUrl }) => {
  const indexes = new Indexes(rules);
  const results = run.files.flatMap((f) => {
    const fixable = fixableIn(f, run);
    return f.problems.map((p) => result(f, p, indexes, fixable.has(p)));
  });
  // Config and catalogue problems are about the run, not the scenarios: notifications.
  const notifications = [
    ...run.projectFiles.flatMap((f) =>
      f.problems.map((p) => ({
        level: LEVEL[p.severity],
        message: { text: p.message },
        descriptor: { id: p.ruleId },
        locations: [indexes.location(f, p)],
      })),
    ),
    ...verdictNotifications(verdict, indexes),
  ];
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'callflow',
            version,
            semanticVersion: version,
            rules: driverRules(rules, indexes, rulesDocsUrl),
          },
        },
        invocations: [
          {
            executionSuccessful: exitCode !== 2,
            ...(notifications.length ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToUri(run.cwd).replace(/\/?$/, '/') } },
        artifacts: indexes.artifacts,
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
};
