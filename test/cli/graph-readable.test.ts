/**
 * A picture a reviewer can read, checked on the drawings themselves (samples 01 and 03: silent 55 call
 * with a dropped line, timers, grading and critical options; whisper call with silences):
 * - SVG (`callflow graph -f svg`, the preview's scene) in headless Chromium: no ellipsis anywhere, every
 *   option label's words on its edge with its score and critical-failure reason, grading steps with
 *   grade, category and rationale, timers with their seconds, line drops and silences drawn as such,
 *   every end headed with its result;
 * - Mermaid rendered by Mermaid itself: every end's result, grading rationale, option scores and reasons;
 * - DOT parsed by a DOT parser (dotparser): every end's result, every option's score and reason.
 */
import * as assert from 'node:assert/strict';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FlowGraph, GraphNode } from '../../server/src/shared/graph';
import { RESULT_WORDS, stepHeading } from '../../server/src/shared/graph-words';
import { CHROMIUM_ARGS } from '../webview/harness';
import { buildOnce, runCli } from './helpers';

const SAMPLES = [
  'samples/01-silent-999-domestic.scenario.yaml',
  'samples/03-whisper-wrong-force.scenario.yaml',
];

/** Words of a text, punctuation kept, whitespace collapsed. */
const words = (text: string) => text.split(/\s+/).filter(Boolean);
const flat = (text: string) => words(text).join(' ');

function cli(file: string, format: string): string {
  const r = runCli(['graph', file, '-f', format]);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

/** Asserts every word of `expected` appears in `actual`, in order. */
function assertWordsInOrder(actual: string, expected: string, what: string): void {
  let at = 0;
  const text = flat(actual);
  for (const w of words(expected)) {
    const i = text.indexOf(w, at);
    assert.ok(i >= 0, `${what}: "${w}" of "${expected}" is missing from "${text}"`);
    at = i + w.length;
  }
}

const grading = (n: GraphNode) => n.action === 'grade';

describe('cli: the flow picture is readable (SVG, Mermaid, DOT)', function () {
  this.timeout(120_000);
  let browser: Browser;
  let page: Page;

  before(async () => {
    buildOnce();
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
    });
    page = await browser.newPage();
  });
  after(async () => {
    await browser?.close();
  });

  for (const file of SAMPLES) {
    const graph = JSON.parse(cli(file, 'json')) as FlowGraph;

    it(`SVG of ${file}: whole labels, scores, reasons, grades, timers, events and results`, async () => {
      await page.setContent(
        `<!doctype html><html><body>${cli(file, 'svg').replace(/^<\?xml[^>]*>/, '')}</body></html>`,
      );
      // No helper functions inside: the page sees the code as written (no bundler helpers).
      const drawn = await page.evaluate(() => ({
        all: document.body.textContent ?? '',
        nodes: Object.fromEntries(
          Array.from(document.querySelectorAll('g.cf-node')).map((g) => [
            g.getAttribute('data-id') ?? '',
            {
              heading: g.querySelector('.cf-kind')?.textContent ?? '',
              text: Array.from(g.querySelectorAll('text, tspan'))
                .filter((t) => !t.querySelector('tspan'))
                .map((t) => t.textContent ?? '')
                .join(' '),
              shape: g.querySelector('.cf-box')?.tagName ?? '',
            },
          ]),
        ),
        edges: Object.fromEntries(
          Array.from(document.querySelectorAll('g.cf-edge')).map((g) => [
            g.getAttribute('data-id') ?? '',
            Array.from(g.querySelectorAll('text, tspan'))
              .filter((t) => !t.querySelector('tspan'))
              .map((t) => t.textContent ?? '')
              .join(' '),
          ]),
        ),
      }));
      assert.ok(!drawn.all.includes('…'), 'no text is cut off');
      const options = graph.edges.filter((e) => e.kind === 'choice');
      assert.ok(options.length >= 4 && options.some((e) => e.critical));
      for (const e of options) {
        const label = drawn.edges[e.id];
        assertWordsInOrder(label, e.label ?? '', `option ${e.id}`);
        if (e.score !== undefined)
          assert.match(label, new RegExp(`score ${e.score > 0 ? '\\+' : ''}${e.score}\\b`));
        if (e.critical) assertWordsInOrder(label, `Critical failure: ${e.critical}`, `reason of ${e.id}`);
      }
      for (const n of graph.nodes) {
        const d = drawn.nodes[n.id];
        assert.ok(d, `step ${n.id} is drawn`);
        if (n.text) assertWordsInOrder(d.text, n.text, `text of ${n.id}`);
        if (n.kind === 'end') assert.equal(d.heading, `END · ${RESULT_WORDS[n.result!]}`.toUpperCase());
        if (n.kind === 'timer') assert.match(d.heading, /^TIMER · \d+ (S|MIN)/);
        if (grading(n)) {
          assert.equal(d.heading, 'GRADE');
          assertWordsInOrder(
            d.text,
            `grade → ${n.grade}${n.category ? ` category ${n.category}` : ''}`,
            n.id,
          );
          assertWordsInOrder(d.text, n.rationale ?? '', `rationale of ${n.id}`);
        }
        if (n.kind === 'caller' && n.event === 'disconnect')
          assert.deepEqual([d.heading, d.shape], ['LINE DROPS', 'path']);
        if (n.kind === 'caller' && n.event === 'silence') assert.equal(d.heading, 'SILENCE');
      }
      assert.ok(graph.nodes.some((n) => n.kind === 'timer' && n.seconds));
      assert.ok(graph.nodes.some(grading));
      assert.ok(graph.nodes.some((n) => n.event === 'disconnect' || n.event === 'silence'));
    });

    it(`Mermaid of ${file}, rendered by Mermaid: ends with results, grades with rationale, options whole`, async () => {
      await page.setContent('<!doctype html><html><body></body></html>');
      await page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
      const rendered = await page.evaluate(
        async (diagram) => {
          const m = (
            window as unknown as {
              mermaid: {
                initialize(o: object): void;
                render(id: string, t: string): Promise<{ svg: string }>;
              };
            }
          ).mermaid;
          m.initialize({ startOnLoad: false, flowchart: { htmlLabels: true } });
          try {
            const { svg } = await m.render('g', diagram);
            const holder = document.createElement('div');
            holder.innerHTML = svg;
            document.body.append(holder);
            const nodes = Array.from(holder.querySelectorAll('g.node')).map((g) => ({
              cls: g.getAttribute('class') ?? '',
              text: (g as HTMLElement).textContent ?? '',
            }));
            const labels = Array.from(holder.querySelectorAll('g.edgeLabel')).map((g) => g.textContent ?? '');
            return { nodes, labels };
          } catch (e) {
            return { error: String((e as Error)?.message ?? e) };
          }
        },
        cli(file, 'mermaid'),
      );
      assert.ok(
        !('error' in rendered),
        `Mermaid refused the diagram: ${'error' in rendered ? rendered.error : ''}`,
      );
      const { nodes, labels } = rendered as { nodes: { cls: string; text: string }[]; labels: string[] };
      assert.equal(nodes.length, graph.nodes.length);
      // A label's lines are joined by <br>: the text starts with the step id, then its heading.
      const byId = (n: GraphNode) => nodes.find((d) => flat(d.text).startsWith(`${n.id}${stepHeading(n)}`));
      for (const n of graph.nodes.filter((x) => x.kind === 'end')) {
        const drawn = byId(n);
        assert.ok(drawn, `end ${n.id} is drawn (${nodes.map((d) => d.text).join(' | ')})`);
        assert.ok(drawn.text.includes(`End · ${RESULT_WORDS[n.result!]}`), `${n.id}: ${drawn.text}`);
      }
      for (const n of graph.nodes.filter(grading)) {
        const drawn = byId(n)!;
        assertWordsInOrder(drawn.text, `Grade ${n.grade}`, n.id);
        assertWordsInOrder(drawn.text, n.rationale ?? '', `rationale of ${n.id}`);
      }
      const all = flat(labels.join(' '));
      for (const e of graph.edges.filter((x) => x.kind === 'choice')) {
        assert.ok(all.includes(flat(e.label ?? '')), `option "${e.label}" whole`);
        if (e.critical) assert.ok(all.includes(flat(`Critical failure: ${e.critical}`)), `reason of ${e.id}`);
      }
      assert.ok(!nodes.some((n) => /action: grade/.test(n.text)));
    });

    it(`DOT of ${file}, parsed by a DOT parser: ends with results, options with score and reason`, () => {
      // dotparser has no type declarations: the slice of its AST this test reads.
      type Attr = { type: 'attr'; id: string; eq: string };
      type Stmt = {
        type: string;
        node_id?: { id: string };
        edge_list?: { id: string }[];
        attr_list?: Attr[];
      };
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const parse = require('dotparser') as (text: string) => { children: Stmt[] }[];
      const [ast] = parse(cli(file, 'dot'));
      // DOT's `\n` line breaks stay as written in the parsed string: read them as spaces.
      const label = (s: Stmt) =>
        ((s.attr_list ?? []).find((a) => a.id === 'label')?.eq ?? '')
          .replace(/\\n/g, ' ')
          .replace(/\\"/g, '"');
      const nodeLabels = new Map(
        ast.children.filter((s) => s.type === 'node_stmt').map((s) => [s.node_id!.id, label(s)]),
      );
      for (const n of graph.nodes) {
        const text = nodeLabels.get(n.id);
        assert.ok(text !== undefined, `step ${n.id} is in the DOT graph`);
        if (n.kind === 'end')
          assert.ok(text.includes(`End · ${RESULT_WORDS[n.result!]}`), `${n.id}: ${text}`);
        if (grading(n)) assertWordsInOrder(text, n.rationale ?? '', `rationale of ${n.id}`);
        if (n.kind === 'timer' && n.seconds) assert.ok(text.includes('Timer · '), text);
      }
      const edges = ast.children.filter((s) => s.type === 'edge_stmt');
      for (const e of graph.edges.filter((x) => x.kind === 'choice')) {
        const found = edges.filter(
          (s) =>
            s.edge_list?.[0].id === e.from &&
            s.edge_list?.[1].id === e.to &&
            flat(label(s)).startsWith(flat(e.label ?? '')),
        );
        assert.equal(found.length, 1, `option ${e.id} is one edge with its whole label`);
        const text = flat(label(found[0]));
        if (e.score !== undefined)
          assert.ok(text.includes(`score ${e.score > 0 ? '+' : ''}${e.score}`), text);
        if (e.critical) assert.ok(text.includes(flat(`Critical failure: ${e.critical}`)), text);
      }
    });
  }
});
