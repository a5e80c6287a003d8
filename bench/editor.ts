/**
 * Editor latency through a real LSP client over stdio, for our server and for yaml-language-server
 * 1.25 configured with our schema: open → first diagnostics, 50 one-character edits inside a `say:`
 * value in the middle of the file (each waits for the diagnostics of that edit), completion at a grade
 * value and after `next:`, and the server process's peak RSS. One fresh server process per size.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BenchClient, withTimeout, type ServerSpec } from './lsp';
import { median, p95 } from './stats';
import { SERVER_EXEC_ARGV } from '../server/src/shared/server-process';

const ROOT = resolve(__dirname, '..');
export const ANCHOR_DELAY_MS = 200;
const EDITS = 50;
const COMPLETIONS = 20;
/** Edits of a `next:` target (each changes the flow: a dangling next, then the right one again). */
const FLOW_EDITS = 10;
/** Edits of a `next:` target during whose check completion is asked for, again and again. */
const BUSY_EDITS = 4;
const TYPED = 'Please stay calm, officers are nearly with you now.';

export function serverSpecs(dataDir: string): ServerSpec[] {
  const rootUri = pathToFileURL(dataDir).toString();
  const schema = pathToFileURL(resolve(ROOT, 'schemas/scenario.schema.json')).toString();
  return [
    {
      name: 'ours',
      command: process.execPath,
      args: [...SERVER_EXEC_ARGV, resolve(ROOT, 'dist/server.js'), '--stdio'],
      languageId: 'callflow',
      settings: { callflow: {} },
      rootUri,
    },
    {
      name: 'yaml-language-server',
      command: process.execPath,
      args: [resolve(ROOT, 'node_modules/yaml-language-server/bin/yaml-language-server'), '--stdio'],
      languageId: 'yaml',
      settings: {
        yaml: {
          // Globs get a `**/` prefix and picomatch skips dot folders unless named: name .data explicitly.
          schemas: { [schema]: ['*.scenario.yaml', '.data/*.scenario.yaml'] },
          schemaStore: { enable: false },
          validate: true,
          completion: true,
          hover: true,
          format: { enable: false },
          maxItemsComputed: 5000,
        },
        http: { proxy: '', proxyStrictSSL: false },
        '[yaml]': {},
        editor: { tabSize: 2 },
        files: {},
      },
      rootUri,
    },
  ];
}

export interface EditorResult {
  server: string;
  steps: number;
  openMs: number;
  openDiagnostics: number;
  editMs: number[];
  editMedian: number;
  editP95: number;
  /** Edits of a `next:` target (the flow changes: nothing of the last check can be kept). */
  flowEditMs: number[];
  flowEditMedian: number;
  gradeCompletionMs: number[];
  gradeMedian: number;
  gradeP95: number;
  gradeItems: number;
  nextCompletionMs: number[];
  nextMedian: number;
  nextP95: number;
  nextItems: number;
  /**
   * Completion at the grade value asked for one request after another from a `next:` edit until its
   * diagnostics arrive: how long the editor waits for an answer while the server checks.
   */
  busyCompletionMs: number[];
  busyMedian: number;
  busyMax: number;
  peakRssMiB: number | undefined;
  error?: string;
}

/** The line index of the first line matching `re` at or after the middle of the steps. */
function lineNear(lines: string[], re: RegExp, from: number): number {
  for (let k = from; k < lines.length; k++) if (re.test(lines[k])) return k;
  for (let k = from; k >= 0; k--) if (re.test(lines[k])) return k;
  throw new Error(`no line matching ${re}`);
}

type CompletionResult = { items?: unknown[] } | unknown[] | null;
const itemCount = (r: CompletionResult) => (Array.isArray(r) ? r.length : (r?.items?.length ?? 0));

export async function measureEditor(
  spec: ServerSpec,
  file: string,
  steps: number,
  waitMs: number,
): Promise<EditorResult> {
  const client = await BenchClient.start(spec);
  const uri = pathToFileURL(file).toString();
  let text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const mid = Math.floor(lines.length / 2);
  const isOurs = spec.name === 'ours';
  try {
    const t0 = performance.now();
    await client.open(uri, text, 1);
    const first = await client.nextPublish(uri, 0, waitMs);
    const openMs = first.at - t0;
    const openDiagnostics = first.params.diagnostics.length;
    await settle(client, 300);

    // One change (range in the text before it, replacement), sent as the server wants it; the time
    // until the diagnostics of that version (ours sends the version it validated; the anchor does not:
    // its next publish counts).
    let version = 1;
    const edit = async (
      line: number,
      from: number,
      to: number,
      inserted: string,
      meanwhile?: (published: () => boolean) => Promise<void>,
    ): Promise<number> => {
      version++;
      const start = offsetOf(text, line, from);
      text = text.slice(0, start) + inserted + text.slice(offsetOf(text, line, to));
      const range = { start: { line, character: from }, end: { line, character: to } };
      const change = client.syncKind === 1 ? { text } : { range, text: inserted };
      const since = client.published.length;
      const t = performance.now();
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [change],
      });
      const publish = client.nextPublish(uri, since, waitMs, isOurs ? version : undefined);
      let arrived = false;
      void publish.then(
        () => (arrived = true),
        () => (arrived = true),
      );
      await meanwhile?.(() => arrived);
      const p = await publish;
      await settle(client, 30);
      return p.at - t;
    };

    // Typing inside a `say:` value of a step in the middle of the file.
    const sayLine = lineNear(lines, /^ {4}say: "/, mid);
    const sayCol = lines[sayLine].indexOf('"') + 1;
    const editMs: number[] = [];
    for (let k = 0; k < EDITS; k++)
      editMs.push(await edit(sayLine, sayCol + k, sayCol + k, TYPED[k % TYPED.length]));

    // Edits that change the flow: a character appended to a `next:` target, then removed again.
    const flowLine = lineNear(text.split('\n'), /^ {4}next: /, mid + 40);
    const flowCol = text.split('\n')[flowLine].length;
    const flowEditMs: number[] = [];
    for (let k = 0; k < FLOW_EDITS; k++)
      flowEditMs.push(
        await (k % 2 === 0
          ? edit(flowLine, flowCol, flowCol, 'x')
          : edit(flowLine, flowCol, flowCol + 1, '')),
      );

    // Completion at a grade value and after `next:` (in the edited document).
    const cur = text.split('\n');
    const gradeLine = lineNear(cur, /^ {4}grade: /, mid);
    const nextLine = lineNear(cur, /^ {4}next: /, mid);
    const complete = async (line: number, character: number) => {
      const t = performance.now();
      const r = await client.request<CompletionResult>(
        'textDocument/completion',
        { textDocument: { uri }, position: { line, character }, context: { triggerKind: 1 } },
        waitMs,
      );
      return { ms: performance.now() - t, items: itemCount(r) };
    };
    const gradeAt = cur[gradeLine].indexOf('grade: ') + 'grade: '.length;
    const nextAt = cur[nextLine].indexOf('next: ') + 'next: '.length;
    await complete(gradeLine, gradeAt); // warm-up
    await complete(nextLine, nextAt);
    const gradeMs: number[] = [];
    const nextMs: number[] = [];
    let gradeItems = 0;
    let nextItems = 0;
    for (let k = 0; k < COMPLETIONS; k++) {
      const g = await complete(gradeLine, gradeAt);
      gradeMs.push(g.ms);
      gradeItems = g.items;
      const n = await complete(nextLine, nextAt);
      nextMs.push(n.ms);
      nextItems = n.items;
    }
    // Completion while the server checks a `next:` edit.
    const busyMs: number[] = [];
    const askWhileChecking = async (published: () => boolean) => {
      do busyMs.push((await complete(gradeLine, gradeAt)).ms);
      while (!published());
    };
    for (let k = 0; k < BUSY_EDITS; k++)
      await (k % 2 === 0
        ? edit(flowLine, flowCol, flowCol, 'x', askWhileChecking)
        : edit(flowLine, flowCol, flowCol + 1, '', askWhileChecking));
    return {
      server: spec.name,
      steps,
      openMs,
      openDiagnostics,
      editMs,
      editMedian: median(editMs),
      editP95: p95(editMs),
      flowEditMs,
      flowEditMedian: median(flowEditMs),
      gradeCompletionMs: gradeMs,
      gradeMedian: median(gradeMs),
      gradeP95: p95(gradeMs),
      gradeItems,
      nextCompletionMs: nextMs,
      nextMedian: median(nextMs),
      nextP95: p95(nextMs),
      nextItems,
      busyCompletionMs: busyMs,
      busyMedian: median(busyMs),
      busyMax: Math.max(...busyMs),
      peakRssMiB: client.peakRssMiB(),
    };
  } finally {
    await client.stop();
  }
}

/** Diagnostics for the errors file (sanity: does the anchor see the schema?), counted by each server. */
export async function countDiagnostics(spec: ServerSpec, file: string, waitMs: number): Promise<number> {
  const client = await BenchClient.start(spec);
  try {
    const uri = pathToFileURL(file).toString();
    await client.open(uri, readFileSync(file, 'utf8'), 1);
    const p = await client.nextPublish(uri, 0, waitMs);
    // The anchor may publish more than once on open (schema resolved later): take the last in a quiet spell.
    await settle(client, 1000);
    const all = client.published.filter((x) => x.params.uri === uri);
    return (all[all.length - 1] ?? p).params.diagnostics.length;
  } finally {
    await client.stop();
  }
}

/** Waits until no diagnostics have arrived for `quietMs`. */
async function settle(client: BenchClient, quietMs: number): Promise<void> {
  let n = -1;
  while (n !== client.published.length) {
    n = client.published.length;
    await new Promise((r) => setTimeout(r, quietMs));
  }
}

function offsetOf(text: string, line: number, character: number): number {
  let off = 0;
  for (let k = 0; k < line; k++) off = text.indexOf('\n', off) + 1;
  return off + character;
}

export async function runEditor(
  files: Record<number, { clean: string; errors: string }>,
  sizes: readonly number[],
  log: (s: string) => void,
): Promise<{ results: EditorResult[]; sanity: Record<string, number | string> }> {
  const dataDir = dirname(files[sizes[0]].clean);
  const results: EditorResult[] = [];
  const sanity: Record<string, number | string> = {};
  for (const spec of serverSpecs(dataDir)) {
    const errorsFile = files[sizes[0]].errors;
    try {
      sanity[`${spec.name}: diagnostics on ${basename(errorsFile)}`] = await withTimeout(
        countDiagnostics(spec, errorsFile, 60000),
        120000,
        'sanity',
      );
    } catch (e) {
      sanity[`${spec.name}: diagnostics on ${basename(errorsFile)}`] = String(e);
    }
    for (const steps of sizes) {
      const waitMs = steps >= 10000 ? 180000 : 60000;
      log(`editor: ${spec.name}, ${steps} steps…`);
      const t = Date.now();
      try {
        const r = await withTimeout(
          measureEditor(spec, files[steps].clean, steps, waitMs),
          20 * 60000,
          `${spec.name} ${steps}`,
        );
        results.push(r);
        log(
          `  open ${r.openMs.toFixed(0)} ms, edit median ${r.editMedian.toFixed(1)} ms (p95 ${r.editP95.toFixed(1)}), ` +
            `completion grade ${r.gradeMedian.toFixed(1)} / next ${r.nextMedian.toFixed(1)} ms, ` +
            `peak RSS ${r.peakRssMiB?.toFixed(0)} MiB (${((Date.now() - t) / 1000).toFixed(0)} s)`,
        );
      } catch (e) {
        log(`  failed: ${String(e)}`);
        results.push({ server: spec.name, steps, error: String(e) } as EditorResult);
      }
    }
  }
  return { results, sanity };
}
