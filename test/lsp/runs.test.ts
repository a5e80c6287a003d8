/**
 * Recorded-run files (`*.runs.yaml`) over the real stdio language server: they get the run file's own
 * problems (never a scenario's), a problem when their scenario cannot be read, completion of the option
 * labels and step ids at the step a run is at, end steps after `end:`, hover on a choice, a "▶ Replay"
 * code lens per run with the run's inputs, and `callflow/recordRun` answers the edit that creates the
 * file or appends a run to it (keeping its comments). The scenario is read from disk, or from the editor
 * when it is open there.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CodeAction, CodeLens, CompletionItem, CompletionList, Hover } from 'vscode-languageserver/node';
import { pathToUri } from '../../server/src/node/project';
import type { RunInput } from '../../server/src/shared/rehearsal';
import {
  RecordRunRequest,
  REPLAY_COMMAND,
  RunCoverageRequest,
  type RecordRunResult,
  type RunCoverageResult,
  type ReplayArgs,
} from '../../server/src/shared/runs-protocol';
import { parseRunFile } from '../../server/src/service';
import { ensureBuilt } from '../support/build-once';
import { LspTestClient } from '../support/lsp-client';

const SAMPLE = path.resolve(__dirname, '../../samples/05-pub-fight-knife.scenario.yaml');
const KNIFE = 'Ask about the knife — who has it and where is it now';
const CONFERENCE = 'Conference the ambulance service now, while Gary is on the line';

const RUNS = `# Runs of the pub fight: kept as written
callflow-runs: 1
runs:
  - name: model answer
    choices:
      - ${KNIFE}
      - conference-ambulance
      - first-aid
    expect:
      end: end-pass
      result: pass
`;

/** The position of the first `|` in `text`, and the text without it. */
function cursor(text: string): { text: string; position: { line: number; character: number } } {
  const at = text.indexOf('|');
  const before = text.slice(0, at).split('\n');
  return {
    text: text.slice(0, at) + text.slice(at + 1),
    position: { line: before.length - 1, character: before[before.length - 1].length },
  };
}

const labels = (r: CompletionList | CompletionItem[] | null) =>
  (Array.isArray(r) ? r : (r?.items ?? [])).map((i) => i.label);

describe('language server protocol: recorded-run files', function () {
  this.timeout(60000);
  let client: LspTestClient;
  let dir: string;
  let scenarioUri: string;
  let runsUri: string;
  let version = 1;

  before(async () => {
    ensureBuilt();
    dir = mkdtempSync(path.join(tmpdir(), 'callflow-runs-'));
    writeFileSync(path.join(dir, 'pub.scenario.yaml'), readFileSync(SAMPLE, 'utf8'));
    scenarioUri = pathToUri(path.join(dir, 'pub.scenario.yaml'));
    runsUri = pathToUri(path.join(dir, 'pub.runs.yaml'));
    client = await LspTestClient.start();
  });
  after(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const openRuns = async (text: string) => {
    const v = ++version;
    if (v === 2) await client.open(runsUri, text, v);
    else await client.change(runsUri, text, v);
    return client.diagnosticsFor(runsUri, v);
  };
  const complete = (position: { line: number; character: number }) =>
    client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', {
      textDocument: { uri: runsUri },
      position,
    });

  it('gets the run file’s own problems, not a scenario’s', async () => {
    const d = await openRuns(RUNS.replace('result: pass', 'result: passed'));
    const codes = d.diagnostics.map((x) => x.code);
    assert.deepEqual(codes, ['schema/enum'], JSON.stringify(d.diagnostics));
    assert.match(d.diagnostics[0].message, /Did you mean `pass`\?/);
    assert.equal(d.diagnostics[0].range.start.line, 10);
  });

  it('a run that still fits and ends as expected has no problem', async () => {
    const d = await openRuns(RUNS);
    assert.deepEqual(d.diagnostics, []);
  });

  it('a choice no longer offered: an error with did-you-mean and a quick fix that makes the run fit', async () => {
    const typo = RUNS.replace(KNIFE, 'Ask about the knife - who has it and where is it');
    const d = await openRuns(typo);
    assert.equal(d.diagnostics.length, 1, JSON.stringify(d.diagnostics));
    const [problem] = d.diagnostics;
    assert.equal(problem.code, 'runs/unknown-choice');
    assert.equal(problem.severity, 1);
    assert.equal(problem.range.start.line, 5);
    assert.match(problem.message, /Run "model answer": choice 1 does not fit/);
    assert.match(problem.message, /Did you mean "Ask about the knife — who has it and where is it now"\?/);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: runsUri },
      range: problem.range,
      context: { diagnostics: [problem] },
    });
    assert.equal(actions.length, 1);
    assert.equal(actions[0].isPreferred, true);
    const fixed = applyEdit(typo, actions[0].edit!.changes![runsUri]);
    assert.equal(fixed, RUNS);
    assert.deepEqual((await openRuns(fixed)).diagnostics, []);
  });

  it('an expectation not met is a warning with the first difference', async () => {
    const d = await openRuns(RUNS.replace('end: end-pass', 'end: end-left-early'));
    assert.deepEqual(
      d.diagnostics.map((x) => [x.code, x.severity, x.range.start.line]),
      [['runs/failed', 2, 9]],
    );
    assert.match(
      d.diagnostics[0].message,
      /expected end `end-left-early`, reached `end-pass` at \d\d:\d\d after choosing/,
    );
  });

  it('is checked again when its scenario changes in the editor', async () => {
    await openRuns(RUNS);
    const scenario = readFileSync(SAMPLE, 'utf8');
    await client.open(scenarioUri, scenario);
    const since = client.published(runsUri);
    const refreshes = client.lensRefreshes;
    await client.change(scenarioUri, scenario.replace(KNIFE, 'Ask where the knife is now'), 2);
    const d = await client.waitFor(() => {
      const list = (client.diagnostics.get(runsUri) ?? []).slice(since);
      return list.find((p) => p.diagnostics.length > 0);
    }, 'the run file re-checked');
    assert.equal(d.diagnostics[0].code, 'runs/unknown-choice');
    assert.match(d.diagnostics[0].message, /Did you mean "Ask where the knife is now"\?/);
    // The lens of the run now says it fails: the client is asked to fetch the lenses again.
    await client.waitFor(() => client.lensRefreshes > refreshes || undefined, 'a code lens refresh');
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', {
      textDocument: { uri: runsUri },
    });
    assert.match(lenses[0].command!.title, /^▶ Replay · ✗ choice 1 does not fit/);
    await client.close(scenarioUri);
    // Closed, the scenario is read from disk again, where the option is as recorded.
    await client.waitFor(() => {
      const list = client.diagnostics.get(runsUri) ?? [];
      return list[list.length - 1].diagnostics.length === 0;
    }, 'the run file fits the file on disk');
  });

  it('says when the scenario cannot be read', async () => {
    const d = await openRuns(`scenario: ./gone.scenario.yaml\n${RUNS}`);
    const missing = d.diagnostics.find((x) => /cannot be read/.test(x.message));
    assert.ok(missing, JSON.stringify(d.diagnostics));
    assert.match(missing.message, /gone\.scenario\.yaml/);
    assert.equal(missing.range.start.line, 0, 'on the `scenario:` line');
  });

  it('completes the options of the step the run is at, by label and by step', async () => {
    const { text, position } = cursor(RUNS.replace('      - first-aid\n', '      - |\n'));
    await openRuns(text);
    const third = labels(await complete(position));
    // After the knife question and the ambulance conference, the run is at the first-aid choice.
    assert.ok(!third.includes(KNIFE), third.join(' | '));
    assert.ok(third.includes('tourniquet') && third.includes('end-left-early'), third.join(' | '));
    const first = cursor(RUNS.replace(`      - ${KNIFE}`, '      - |'));
    await openRuns(first.text);
    const items = labels(await complete(first.position));
    assert.ok(items.includes(KNIFE), items.join(' | '));
    assert.ok(items.includes('Ask for descriptions of everyone involved first'));
    assert.ok(items.includes('ask-knife'), 'the step an option leads to names it too');
    assert.ok(items.includes('end-sent-in'));
    const second = cursor(RUNS.replace('      - conference-ambulance', '      - |'));
    await openRuns(second.text);
    assert.deepEqual(
      labels(await complete(second.position)).filter((l) => !/^[a-z-]+$/.test(l)),
      [CONFERENCE, 'Finish the police questions first, then request an ambulance'],
    );
  });

  it('completes a choice begun with a quote, replacing both quotes', async () => {
    const { text, position } = cursor(RUNS.replace('      - conference-ambulance', '      - "Conf|"'));
    await openRuns(text);
    const list = await complete(position);
    const items = Array.isArray(list) ? list : (list?.items ?? []);
    const item = items.find((i) => i.label === CONFERENCE);
    assert.ok(item, labels(list).join(' | '));
    assert.equal(item.filterText, `"${CONFERENCE}`);
    const edit = item.textEdit as {
      range: { start: { character: number }; end: { character: number } };
      newText: string;
    };
    assert.deepEqual([edit.range.start.character, edit.range.end.character], [8, 14], 'both quotes');
    assert.equal(edit.newText, `"${CONFERENCE}"`, 'quoted: the label has a comma');
  });

  it('completes end steps after `end:` and results after `result:`', async () => {
    const end = cursor(RUNS.replace('end: end-pass', 'end: |'));
    await openRuns(end.text);
    const ends = labels(await complete(end.position));
    assert.ok(ends.includes('end-pass') && ends.includes('end-sent-in'), ends.join(' '));
    assert.ok(!ends.includes('answer'), 'only end steps');
    const result = cursor(RUNS.replace('result: pass', 'result: |'));
    await openRuns(result.text);
    assert.deepEqual(labels(await complete(result.position)), [
      'pass',
      'acceptable',
      'fail',
      'critical-failure',
    ]);
  });

  it('hovers a choice with where it leads', async () => {
    await openRuns(RUNS);
    const hover = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: runsUri },
      position: { line: 5, character: 12 },
    });
    const value = (hover?.contents as { value: string }).value;
    assert.match(value, /`next-question` → `ask-knife`/);
  });

  it('puts a ▶ Replay lens on each run, with the run’s start and inputs', async () => {
    const text = `${RUNS}
  - name: from the ambulance choice
    start: {step: ambulance-timing, state: {grade: EMERGENCY, seconds: 120}}
    choices: [{timeout: true}]
`;
    await openRuns(text);
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', {
      textDocument: { uri: runsUri },
    });
    assert.equal(lenses.length, 2);
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command?.title.split(' · ')[0], l.command?.command]),
      [
        [3, '▶ Replay', REPLAY_COMMAND],
        [12, '▶ Replay', REPLAY_COMMAND],
      ],
    );
    // Each says how its run fares today: the model answer passes; the second waits for no timeout.
    assert.equal(lenses[0].command?.title, '▶ Replay · ✓ passes');
    assert.match(lenses[1].command!.title, /^▶ Replay · ✗ /);
    const [a, b] = lenses.map((l) => l.command!.arguments![0] as ReplayArgs);
    assert.equal(a.uri, scenarioUri);
    assert.deepEqual(a.inputs, [
      { choose: KNIFE },
      { choose: 'conference-ambulance' },
      { choose: 'first-aid' },
    ]);
    assert.equal(a.start, undefined);
    assert.deepEqual(b.start, { step: 'ambulance-timing', state: { grade: 'EMERGENCY', seconds: 120 } });
    assert.deepEqual(b.inputs, [{ timeout: true }]);
    const outline = await client.request<{ name: string; selectionRange: { start: { line: number } } }[]>(
      'textDocument/documentSymbol',
      { textDocument: { uri: runsUri } },
    );
    assert.deepEqual(
      outline.map((o) => [o.name, o.selectionRange.start.line]),
      [
        ['model answer', 3],
        ['from the ambulance choice', 12],
      ],
    );
    const none = await client.request<CodeLens[]>('textDocument/codeLens', {
      textDocument: { uri: scenarioUri },
    });
    assert.deepEqual(none, [], 'no lens on a scenario');
  });

  it('records a played run: a new file, then an appended run that keeps the comments', async () => {
    await client.open(scenarioUri, readFileSync(SAMPLE, 'utf8'));
    await client.close(runsUri);
    const inputs: RunInput[] = [{ choose: KNIFE }, { choose: CONFERENCE }];
    const notEnded = await client.request<RecordRunResult>(RecordRunRequest.method, {
      uri: scenarioUri,
      inputs: inputs.slice(0, 1),
      name: 'half',
    });
    assert.ok(notEnded && 'error' in notEnded && /not reached an end/.test(notEnded.error));
    // Play to an end: the first option at each choice after these.
    let played = await playToEnd(client, scenarioUri, inputs);
    const created = await client.request<RecordRunResult>(RecordRunRequest.method, {
      uri: scenarioUri,
      inputs: played,
      name: 'model answer',
    });
    assert.ok(created && !('error' in created), JSON.stringify(created));
    assert.equal(created.uri, runsUri);
    assert.equal(created.create, true);
    const text = created.edits[0].newText;
    const file = parseRunFile(runsUri, text);
    assert.deepEqual(file.problems, []);
    assert.equal(file.runs[0].name, 'model answer');
    assert.deepEqual(
      file.runs[0].choices.map((c) => c.input),
      played,
    );
    assert.equal(file.runs[0].expect.end?.value, 'end-pass');
    assert.equal(file.runs[0].expect.result?.value, 'pass');

    // The file exists now (with a comment of the trainer's): the next run is appended after the last.
    const existing = `${text}# the trainer's note\n`;
    writeFileSync(path.join(dir, 'pub.runs.yaml'), existing);
    played = await playToEnd(client, scenarioUri, [{ choose: 'end-sent-in' }]);
    const taken = await client.request<RecordRunResult>(RecordRunRequest.method, {
      uri: scenarioUri,
      inputs: played,
      name: 'model answer',
    });
    assert.ok(taken && 'error' in taken && /already in the file/.test(taken.error));
    const appended = await client.request<RecordRunResult>(RecordRunRequest.method, {
      uri: scenarioUri,
      inputs: played,
      name: 'sends the caller in',
    });
    assert.ok(appended && !('error' in appended), JSON.stringify(appended));
    assert.equal(appended.create, false);
    const after = applyEdit(existing, appended.edits);
    assert.ok(after.startsWith(existing.replace("# the trainer's note\n", '')), 'the first run is untouched');
    assert.ok(after.includes("# the trainer's note"));
    const both = parseRunFile(runsUri, after);
    assert.deepEqual(both.problems, []);
    assert.deepEqual(
      both.runs.map((r) => [r.name, r.expect.end?.value, r.expect.result?.value]),
      [
        ['model answer', 'end-pass', 'pass'],
        ['sends the caller in', 'end-sent-in', both.runs[1].expect.result?.value],
      ],
    );
    assert.ok(both.runs[1].expect.critical?.value !== 'none', 'sending the caller in is a critical failure');
    await client.close(scenarioUri);
  });

  it('answers which steps no recorded run reaches, and null without a run file', async () => {
    const cov = path.join(dir, 'cov.scenario.yaml');
    writeFileSync(cov, readFileSync(SAMPLE, 'utf8'));
    const uri = pathToUri(cov);
    await client.open(uri, readFileSync(SAMPLE, 'utf8'));
    assert.equal(await client.request(RunCoverageRequest.method, { uri }), null, 'no run file yet');
    writeFileSync(path.join(dir, 'cov.runs.yaml'), RUNS);
    const result = await client.request<RunCoverageResult>(RunCoverageRequest.method, { uri });
    assert.equal(result.runsUri, pathToUri(path.join(dir, 'cov.runs.yaml')));
    assert.ok(result.unplayed.includes('ask-everyone') && result.unplayed.includes('end-sent-in'));
    assert.ok(!result.unplayed.includes('ask-knife') && !result.unplayed.includes('end-pass'));
    assert.ok(result.covered > 0 && result.covered < result.total && result.percent < 100);
    await client.close(uri);
    assert.equal(await client.request(RunCoverageRequest.method, { uri }), null, 'not open');
  });

  it('refuses malformed recordRun requests', async () => {
    for (const bad of [
      { uri: scenarioUri, inputs: [] },
      { uri: scenarioUri, inputs: 'x', name: 'a' },
      { uri: scenarioUri, inputs: [], name: '' },
    ])
      await assert.rejects(client.request(RecordRunRequest.method, bad), /Invalid params/);
  });
});

/** Plays on from `inputs` (the first option at each further choice) to an end; the inputs used. */
async function playToEnd(client: LspTestClient, uri: string, inputs: RunInput[]): Promise<RunInput[]> {
  const played = [...inputs];
  for (let i = 0; i < 30; i++) {
    const view = await client.request<{ waiting: { kind: string; options?: { label: string }[] } }>(
      'callflow/rehearse',
      { uri, inputs: played },
    );
    if (view.waiting.kind !== 'choice') return played;
    played.push({ choose: view.waiting.options![0].label });
  }
  throw new Error('no end');
}

/** Applies LSP edits (non-overlapping) to a text. */
function applyEdit(
  text: string,
  edits: { range: { start: { line: number; character: number } }; newText: string }[],
): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) =>
    lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) {
    const r = e.range as {
      start: { line: number; character: number };
      end: { line: number; character: number };
    };
    out = out.slice(0, offset(r.start)) + e.newText + out.slice(offset(r.end));
  }
  return out;
}
