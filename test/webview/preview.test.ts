/**
 * The preview renderer in real headless Chromium, under the same strict nonce-only CSP as in VS Code,
 * plus the pure layout/SVG pipeline in Node. Run: `npx mocha test/webview/preview.test.ts`.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureBuilt } from '../support/build-once';
import ELK from 'elkjs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { pathToHere } from '../../server/src/shared/flow-paths';
import { LARGE_GRAPH, layoutGraph, prepareLayout } from '../../server/src/shared/layout';
import { isHostMessage, isWebviewMessage } from '../../server/src/shared/preview-protocol';
import { renderSvg } from '../../server/src/shared/svg';
import { LIGHT_THEME } from '../../server/src/shared/theme';
import { wrapText } from '../../server/src/shared/text-metrics';
import type { FlowGraph } from '../../server/src/shared/graph';
import { buildGraph, generateGraph, houseFireScenario, type EdgeSpec, type StepSpec } from './fixtures';
import { openPreview, type PreviewSession } from './harness';

const ROOT = resolve(__dirname, '../..');
const XSS_IMG = '<img src=x onerror="window.__xss=1">';
const XSS_SCRIPT = '<script>window.__xss=2</script>';

function xssGraph(): FlowGraph {
  const g = houseFireScenario();
  g.title = `Fire ${XSS_SCRIPT}`;
  g.nodes[1].text = `Help! ${XSS_IMG} & ${XSS_SCRIPT}`;
  g.nodes[2].problems = [{ ruleId: 'x/<b>', severity: 'error', message: `bad ${XSS_IMG}` }];
  const choice = g.edges.find((e) => e.kind === 'choice');
  if (choice) choice.label = `<svg onload="window.__xss=3">`;
  return g;
}

function countClass(svg: string, cls: string): number {
  return svg.split(`class="${cls}`).length - 1;
}

describe('preview: pure layout and SVG (Node)', () => {
  it('lays out with elkjs in Node and builds valid, escaped SVG', async () => {
    const graph = xssGraph();
    const layout = await layoutGraph(graph, new ELK());
    assert.equal(layout.nodes.size, graph.nodes.length);
    assert.equal(layout.edges.size, graph.edges.length);
    const svg = renderSvg(graph, layout, LIGHT_THEME);
    assert.equal(XMLValidator.validate(svg), true);
    assert.ok(!svg.includes('<img') && !svg.includes('<script') && !svg.includes('<svg onload'));
    assert.ok(svg.includes('&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;'));
    assert.equal(countClass(svg, 'cf-node '), graph.nodes.length);
    assert.equal(countClass(svg, 'cf-edge '), graph.edges.length);
  });

  it('keys the layout by structure: text that keeps box sizes keeps the key', () => {
    const a = houseFireScenario();
    const b = houseFireScenario();
    b.nodes.find((n) => n.id === 'ask-age-again')!.text = 'How old did you say Maya was?';
    assert.equal(prepareLayout(a).key, prepareLayout(b).key);
    b.nodes[0].text =
      'A much longer opening line that certainly needs more lines than before to fit in the box';
    assert.notEqual(prepareLayout(a).key, prepareLayout(b).key);
  });

  it('places the labels of a large graph on their own edges, after a layout without them', async () => {
    const graph = generateGraph(LARGE_GRAPH + 50, 4);
    const prepared = prepareLayout(graph);
    assert.ok(
      prepared.elkGraph.edges!.every((e) => !e.labels),
      'ELK is given no labels',
    );
    const labelled = graph.edges.filter((e) => e.label);
    assert.ok(labelled.length > 50, `${labelled.length} labelled edges`);
    const layout = await layoutGraph(graph, new ELK());
    for (const edge of labelled) {
      const route = layout.edges.get(edge.id)!;
      const box = route.label!;
      const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      // The centre lies on one of the route's (axis-parallel) segments.
      const on = route.points.slice(1).some((b, i) => {
        const a = route.points[i];
        const within = (v: number, p: number, q: number) =>
          v >= Math.min(p, q) - 0.5 && v <= Math.max(p, q) + 0.5;
        return within(centre.x, a.x, b.x) && within(centre.y, a.y, b.y);
      });
      assert.ok(on, `label of ${edge.id} sits on its edge`);
    }
  });

  it('wraps and truncates text deterministically', () => {
    const w = wrapText('one two three four five six seven eight nine ten eleven twelve', 80, 13, 2);
    assert.equal(w.lines.length, 2);
    assert.ok(w.truncated && w.lines[1].endsWith('…'));
    assert.deepEqual(wrapText('short', 200, 13, 3), { lines: ['short'], truncated: false });
  });

  it('validates messages in both directions', () => {
    assert.ok(isHostMessage({ type: 'graph', graph: houseFireScenario(), options: { direction: 'RIGHT' } }));
    assert.ok(isHostMessage({ type: 'highlight', stepId: null, pathToHere: false }));
    assert.ok(!isHostMessage({ type: 'graph', graph: { nodes: 'x' } }));
    assert.ok(!isHostMessage({ type: 'highlight', stepId: 3, pathToHere: true }));
    assert.ok(!isHostMessage({ type: 'eval', code: '1' }));
    assert.ok(isWebviewMessage({ type: 'reveal', stepId: 'a' }));
    assert.ok(isWebviewMessage({ type: 'exported', format: 'svg', data: '<svg/>' }));
    assert.ok(!isWebviewMessage({ type: 'exported', format: 'gif', data: '' }));
  });
});

describe('preview: renderer in headless Chromium (strict CSP)', function () {
  this.timeout(120000);
  let s: PreviewSession;
  const graph = houseFireScenario();

  before(async function () {
    ensureBuilt();
    s = await openPreview();
    await s.send({ type: 'graph', graph });
    await s.waitFor('rendered');
  });
  after(async () => s?.close());

  const transformOf = (sel: string) => s.page.locator(sel).getAttribute('transform');

  it('lays out in a blob Worker and draws every step and edge', async () => {
    const rendered = await s.waitFor('rendered');
    assert.equal(rendered.layoutMode, 'worker');
    assert.equal(await s.page.locator('#nodes .cf-node').count(), graph.nodes.length);
    assert.equal(await s.page.locator('#edges .cf-edge').count(), graph.edges.length);
    assert.equal(await s.page.locator('.cf-edge.cf-critical').count(), 1);
    assert.equal(await s.page.locator('.cf-node.cf-unreachable').count(), 1);
    assert.equal(await s.page.locator('.cf-start-marker').count(), 1);
    assert.match(
      (await s.page.locator('.cf-node[data-id="fire"]').getAttribute('aria-label')) ?? '',
      /caller step fire/,
    );
    assert.deepEqual(await s.violations(), []);
  });

  it('posts reveal with the step id when a step is clicked', async () => {
    const since = (await s.sent()).length;
    await s.send({ type: 'highlight', stepId: 'window', pathToHere: false });
    await s.page.locator('.cf-node[data-id="window"] .cf-box').click();
    const reveal = await s.waitFor('reveal', since);
    assert.equal(reveal.stepId, 'window');
  });

  it('keeps zoom, pan and node positions on a text-only update', async () => {
    await s.page.mouse.move(300, 400);
    await s.page.mouse.down();
    await s.page.mouse.move(360, 330, { steps: 5 });
    await s.page.mouse.up();
    await s.page.locator('#zoom-in').click();
    const before = await transformOf('#viewport');
    const nodeBefore = await transformOf('.cf-node[data-id="ask-age-again"]');
    const since = (await s.sent()).length;
    const edited = houseFireScenario();
    edited.nodes.find((n) => n.id === 'ask-age-again')!.text = 'How old did you say Maya was?';
    await s.send({ type: 'graph', graph: edited });
    const rendered = await s.waitFor('rendered', since);
    assert.equal(rendered.cached, true);
    assert.equal(await transformOf('#viewport'), before);
    assert.equal(await transformOf('.cf-node[data-id="ask-age-again"]'), nodeBefore);
    assert.match(
      (await s.page.locator('.cf-node[data-id="ask-age-again"] .cf-text').textContent()) ?? '',
      /Maya was\?/,
    );
  });

  it('renders an XSS payload as literal text and runs nothing', async () => {
    const since = (await s.sent()).length;
    await s.send({ type: 'graph', graph: xssGraph() });
    await s.waitFor('rendered', since);
    await s.page.waitForTimeout(200);
    assert.equal(await s.page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
    assert.equal(await s.page.locator('img').count(), 0);
    assert.equal(await s.page.locator('#graph script, #graph foreignObject').count(), 0);
    assert.ok(
      ((await s.page.locator('.cf-node[data-id="fire"] .cf-text').textContent()) ?? '').includes(
        '<img src=x',
      ),
    );
    assert.ok(((await s.page.locator('#title').textContent()) ?? '').includes('<script>'));
    assert.deepEqual(await s.violations(), []);
    await s.send({ type: 'graph', graph });
    await s.waitFor('rendered', since + 1);
  });

  it('highlights a step and the path to it', async () => {
    await s.send({ type: 'highlight', stepId: 'coughing', pathToHere: true });
    await s.page.waitForFunction(
      () => document.querySelector('.cf-node.cf-selected')?.getAttribute('data-id') === 'coughing',
    );
    const onPath = await s.page.$$eval('.cf-edge.cf-on-path', (els) =>
      els.map((e) => e.getAttribute('data-id')).sort(),
    );
    const expected = [...pathToHere(graph, 'coughing').edges].sort();
    assert.ok(expected.length >= 10);
    assert.deepEqual(onPath, expected);
    assert.ok(!onPath.includes('coughing->dispatch-amb#next#0'));
    await s.send({ type: 'highlight', stepId: null, pathToHere: false });
    await s.page.waitForFunction(() => !document.querySelector('.cf-selected, .cf-on-path'));
  });

  it('moves between steps with the keyboard and reveals with Enter', async () => {
    await s.send({ type: 'highlight', stepId: 'open', pathToHere: false });
    await s.page.locator('.cf-node[data-id="open"] .cf-box').click();
    assert.equal(await s.page.evaluate(() => document.activeElement?.getAttribute('data-id')), 'open');
    await s.page.keyboard.press('ArrowDown');
    assert.equal(await s.page.evaluate(() => document.activeElement?.getAttribute('data-id')), 'fire');
    await s.page.keyboard.press('Tab');
    assert.equal(await s.page.evaluate(() => document.activeElement?.getAttribute('data-id')), 'ask-address');
    const since = (await s.sent()).length;
    await s.page.keyboard.press('Enter');
    assert.equal((await s.waitFor('reveal', since)).stepId, 'ask-address');
  });

  it('finds steps by text and centres the match', async () => {
    const expected = graph.nodes.filter((n) => /ladder/i.test(n.text)).length;
    assert.ok(expected >= 2);
    await s.page.locator('#search').fill('ladder');
    await s.page.waitForFunction(
      (n) => document.querySelectorAll('.cf-node.cf-match').length === n,
      expected,
    );
    assert.equal(await s.page.locator('#search-status').textContent(), `1 of ${expected}`);
    const first = await s.page.evaluate(
      () => document.querySelector('.cf-node.cf-match')?.getBoundingClientRect().top ?? -1,
    );
    assert.ok(first > 0 && first < 800, 'the first match is on screen');
    await s.page.locator('#search').fill('');
    assert.equal(await s.page.locator('.cf-node.cf-match').count(), 0);
  });

  it('exports valid SVG and a PNG', async () => {
    let since = (await s.sent()).length;
    await s.send({ type: 'exportSvg' });
    const svg = await s.waitFor('exported', since, (m) => m.format === 'svg');
    assert.equal(XMLValidator.validate(svg.data), true);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(svg.data);
    assert.ok(doc.svg);
    assert.equal(countClass(svg.data, 'cf-node '), graph.nodes.length);
    since = (await s.sent()).length;
    await s.send({ type: 'exportPng' });
    const png = await s.waitFor('exported', since, (m) => m.format === 'png');
    const bytes = Buffer.from(png.data.replace(/^data:image\/png;base64,/, ''), 'base64');
    assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47]);
    assert.ok(bytes.length > 10000);
  });

  it('exports the print layout: Letter pages holding every step, light on white', async () => {
    const since = (await s.sent()).length;
    await s.send({ type: 'exportSvg', paper: 'letter' });
    const svg = await s.waitFor('exported', since, (m) => m.format === 'svg');
    assert.equal(XMLValidator.validate(svg.data), true);
    const pages = Number(/data-pages="(\d+)"/.exec(svg.data)?.[1]);
    assert.ok(pages >= 1);
    assert.match(svg.data, /<svg[^>]* width="8\.5in" height="([\d.]+)in"/);
    assert.equal(Number(/<svg[^>]* height="([\d.]+)in"/.exec(svg.data)?.[1]), 11 * pages);
    assert.equal(countClass(svg.data, 'cf-page"'), pages);
    assert.equal(countClass(svg.data, 'cf-node '), graph.nodes.length);
    assert.equal(/class="cf-page-box"[^>]*fill="([^"]+)"/.exec(svg.data)?.[1], LIGHT_THEME.background);
    assert.ok(!isHostMessage({ type: 'exportSvg', paper: 'a3' }), 'an unknown paper is refused');
    // A left-to-right preview prints the same top-down pages.
    let at = (await s.sent()).length;
    await s.send({ type: 'graph', graph, options: { direction: 'RIGHT' } });
    await s.waitFor('rendered', at);
    at = (await s.sent()).length;
    await s.send({ type: 'exportSvg', paper: 'letter' });
    const fromRight = await s.waitFor('exported', at, (m) => m.format === 'svg');
    assert.equal(fromRight.data, svg.data);
    at = (await s.sent()).length;
    await s.send({ type: 'graph', graph, options: { direction: 'DOWN' } });
    await s.waitFor('rendered', at);
  });

  it('answers an invalid message with an error', async () => {
    const since = (await s.sent()).length;
    await s.send({ type: 'graph', graph: { uri: 1 } });
    assert.match((await s.waitFor('error', since)).message, /invalid message/);
  });

  it('saves light and dark screenshots', async () => {
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    mkdirSync(join(ROOT, 'docs/images'), { recursive: true });
    await s.send({ type: 'highlight', stepId: 'smoke-check', pathToHere: false });
    await s.send({ type: 'highlight', stepId: null, pathToHere: false, reveal: false });
    await s.page.locator('#search').blur();
    await s.page.mouse.move(1270, 790);
    await s.page.keyboard.press('-');
    await s.page.keyboard.press('-');
    for (const theme of ['light', 'dark'] as const) {
      await s.setTheme(theme);
      await s.page.waitForFunction(
        (bg) => getComputedStyle(document.body).backgroundColor === bg,
        theme === 'dark' ? 'rgb(31, 31, 31)' : 'rgb(255, 255, 255)',
      );
      await s.page.waitForTimeout(100);
      const file = join(ROOT, 'test-results', `preview-${theme}.png`);
      await s.page.screenshot({ path: file });
      if (process.env.UPDATE_SCREENSHOTS)
        copyFileSync(file, join(ROOT, 'docs/images', `preview-${theme}.png`));
    }
    assert.ok(existsSync(join(ROOT, 'test-results/preview-dark.png')));
  });
});

describe('preview: main-thread layout and large graphs', function () {
  this.timeout(180000);

  it('lays out on the main thread (no worker in the CSP) with zero violations', async () => {
    const s = await openPreview({ worker: false });
    try {
      const g = generateGraph(60);
      await s.send({ type: 'graph', graph: g });
      const r = await s.waitFor('rendered');
      assert.equal(r.layoutMode, 'main-thread');
      assert.equal(await s.page.locator('#nodes .cf-node').count(), g.nodes.length);
      assert.deepEqual(await s.violations(), []);
    } finally {
      await s.close();
    }
  });

  it('says a chain too long to lay out is too long, and where to draw it (never a stack overflow)', async () => {
    const s = await openPreview();
    try {
      // Long enough to overflow the worker's stack however far Chromium has compiled ELK's code: after
      // other tests in the same profile ELK runs as compiled code with smaller frames and can lay out a
      // 4,000-step chain that overflows when it runs cold.
      const n = 20000;
      const steps = Array.from({ length: n }, (_, i) => [
        `s${i}`,
        i === n - 1 ? 'end' : 'caller',
        `Line ${i}`,
      ]);
      const edges = steps.slice(1).map((step, i) => [`s${i}`, step[0]]);
      const g = buildGraph('chain', steps as StepSpec[], edges as EdgeSpec[]);
      const since = (await s.sent()).length;
      await s.send({ type: 'graph', graph: g });
      const deadline = Date.now() + 120_000;
      let answer: { type: string } | undefined;
      while (!answer && Date.now() < deadline) {
        answer = (await s.sent()).slice(since).find((m) => m.type === 'error' || m.type === 'rendered');
        if (!answer) await s.page.waitForTimeout(50);
      }
      assert.equal(answer?.type, 'error', `the preview answered ${answer?.type ?? 'nothing in 2 minutes'}`);
      const error = await s.waitFor('error', since);
      assert.match(error.message, /too long for the preview to lay out \(20000 steps/);
      assert.match(error.message, /callflow graph -f svg/);
      assert.doesNotMatch(error.message, /call stack/i);
      assert.match(await s.page.locator('#status').innerText(), /Too long for the preview/);
    } finally {
      await s.close();
    }
  });

  it('draws only the visible part of a 2,000-step graph and navigates to far steps', async () => {
    const s = await openPreview();
    try {
      const g = generateGraph(2000);
      await s.send({ type: 'graph', graph: g });
      const r = await s.waitFor('rendered');
      assert.equal(r.nodes, 2000);
      const drawn = await s.page.locator('#nodes .cf-node').count();
      assert.ok(drawn > 0 && drawn < 200, `drew ${drawn} steps`);
      const far = g.nodes[g.nodes.length - 1].id;
      await s.send({ type: 'highlight', stepId: far, pathToHere: true });
      await s.page.waitForFunction(
        (id) => document.querySelector(`.cf-node.cf-selected`)?.getAttribute('data-id') === id,
        far,
      );
      await s.page.keyboard.press('f');
      await s.page.waitForFunction(() => !document.querySelector('.cf-node .cf-text'));
      assert.deepEqual(await s.violations(), []);
    } finally {
      await s.close();
    }
  });
});
