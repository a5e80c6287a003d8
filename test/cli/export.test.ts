/**
 * `callflow export` on the built CLI: the trainee page is one self-contained file whose CSP hashes match
 * its inline script and style; trainer-only material is not readable in it (hidden answers that decode to
 * the scenario, or with `--no-answers` not there at all); a scenario with errors is refused unless
 * `--force`; a folder gives one page per scenario and an index; SCORM packages hold exactly the manifest
 * and the page, and the manifest has what each SCORM version requires. The page itself is played in
 * Chromium by test/webview/export*.test.ts.
 */
import { revealText, isPackData, type PackAnswers, type PackData } from '../../server/src/service';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { unzipSync, strFromU8 } from 'fflate';
import { ROOT, buildOnce, runCli } from './helpers';
import { parseScenario } from '../../server/src/service/syntax/parse';
import { escapeXml } from '../../server/src/shared/escape';
import { md as md_ } from '../../server/src/cli/export/script-md';

const KNIFE = 'samples/05-pub-fight-knife.scenario.yaml';
const LMS = 'test/fixtures/export/lms-check.scenario.yaml';

/** Trainer-only text of the knife sample: notes, truth, a critical-failure reason, THRIVE, the summary. */
const KNIFE_SECRETS = [
  'Record the threat verbatim',
  'the suspect is found by the dog unit on the towpath',
  'Sends an unarmed caller into a knife fight',
  'Armed suspect who has used a knife and threatened others',
  'The trainee must pin the location',
];

/** The pack data block of an exported page. */
export function packOf(html: string): PackData {
  const m = /<script type="application\/json" id="callflow-pack">([^<]*)<\/script>/.exec(html);
  assert.ok(m, 'the page has its data block');
  const data: unknown = JSON.parse(m[1]);
  assert.ok(isPackData(data), 'the data block is pack data');
  return data;
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

describe('callflow export', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => buildOnce());
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'callflow-export-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one self-contained page whose CSP allows exactly its inline script and style', () => {
    const out = join(dir, 'knife.html');
    const r = runCli(['export', KNIFE, '-o', out]);
    assert.equal(r.status, 0, r.stderr);
    const html = readFileSync(out, 'utf8');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/
      .exec(html)?.[1]
      ?.replace(/&apos;/g, "'");
    assert.ok(csp, 'a CSP meta');
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
    assert.equal(scripts.length, 1, 'one inline script');
    assert.equal(styles.length, 1, 'one inline style');
    assert.equal(
      csp,
      `default-src 'none'; script-src ${sha256(scripts[0])}; style-src ${sha256(styles[0])}; img-src 'none'; base-uri 'none'; form-action 'none'`,
    );
    // Nothing is loaded from anywhere: no src/href to a file or a server, no @import or url().
    assert.doesNotMatch(html, /\ssrc=/i);
    assert.doesNotMatch(html, /<link\b/i);
    assert.doesNotMatch(styles[0], /@import|url\(/i);
    const hrefs = [...html.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual(hrefs, ['#run'], 'the only link is the skip link');
  });

  it('hides the answers: none of the trainer-only text is readable, yet the answers decode to the scenario', () => {
    const out = join(dir, 'knife.html');
    assert.equal(runCli(['export', KNIFE, '-o', out]).status, 0);
    const html = readFileSync(out, 'utf8');
    for (const secret of KNIFE_SECRETS) assert.ok(!html.includes(secret), `not in the page: ${secret}`);
    const data = JSON.stringify(packOf(html));
    assert.doesNotMatch(data, /"score|"critical|"truth|"notes|"feedback|"thrive|"rationale|"result/);
    // The trainee view is there in the clear (the check above is not vacuous).
    assert.ok(html.includes('There&#39;s a massive fight') || html.includes("There's a massive fight"));
    const pack = packOf(html);
    assert.ok(pack.answers, 'the page carries answers');
    const answers = JSON.parse(revealText(pack.answers.hidden, pack.answers.key)!) as PackAnswers;
    assert.equal(answers.scenario, readFileSync(join(ROOT, KNIFE), 'utf8'));
    assert.ok(answers.catalogue.families.some((f) => f.name === 'grade'));
    assert.equal(revealText(pack.answers.hidden, 'another key'), undefined, 'the key matters');
  });

  it('with --no-answers leaves trainer-only material out of the file altogether', () => {
    const out = join(dir, 'knife.html');
    const r = runCli(['export', KNIFE, '--no-answers', '-o', out]);
    assert.equal(r.status, 0, r.stderr);
    const html = readFileSync(out, 'utf8');
    const pack = packOf(html);
    assert.equal(pack.answers, undefined);
    const scenario = JSON.parse(pack.scenario) as { steps: Record<string, Record<string, unknown>> };
    const choices = Object.values(scenario.steps).flatMap((s) => (s.choices as object[]) ?? []);
    assert.ok(choices.length > 5, 'the options are there');
    for (const c of choices) assert.deepEqual(Object.keys(c).sort(), ['label', 'next']);
    for (const s of Object.values(scenario.steps)) {
      for (const k of ['notes', 'facts', 'rationale', 'justification', 'handover'])
        assert.equal(s[k], undefined, k);
      if (s.outcome) assert.deepEqual(Object.keys(s.outcome), ['targets']);
    }
    for (const secret of KNIFE_SECRETS) assert.ok(!html.includes(secret), `not in the page: ${secret}`);
    const top = JSON.parse(pack.scenario) as Record<string, unknown>;
    assert.deepEqual(Object.keys(top).sort(), ['callflow', 'expected', 'id', 'start', 'steps', 'title']);
    assert.deepEqual(top.expected, { targets: { location: 15, grade: 75, dispatch: 90 } });
  });

  it('refuses a scenario with errors (exit 1, the problems printed) unless --force', () => {
    const broken = join(dir, 'broken.scenario.yaml');
    writeFileSync(
      broken,
      readFileSync(join(ROOT, LMS), 'utf8').replace('next: good-end', 'next: good-ending'),
    );
    const out = join(dir, 'broken.html');
    const r = runCli(['export', broken, '-o', out]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /broken\.scenario\.yaml:\d+:\d+: error: .*good-ending/);
    assert.match(r.stderr, /was not exported \(--force exports it anyway\)/);
    assert.equal(existsSync(out), false);
    const forced = runCli(['export', broken, '-o', out, '--force']);
    assert.equal(forced.status, 0, forced.stderr);
    assert.ok(existsSync(out));
  });

  it('exports a folder: one page per scenario and an index page linking them', () => {
    const out = join(dir, 'pack');
    const r = runCli(['export', 'samples/', '--format', 'html', '-o', out]);
    assert.equal(r.status, 0, r.stderr);
    const pages = readdirSync(out).filter((f) => f !== 'index.html');
    const samples = (readdirSync(join(ROOT, 'samples'), { recursive: true }) as string[])
      .filter((f) => f.endsWith('.scenario.yaml'))
      .map((f) => basename(f));
    assert.ok(samples.length >= 12);
    assert.equal(pages.length, samples.length);
    for (const s of samples) assert.ok(pages.includes(s.replace('.scenario.yaml', '.html')), s);
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    const links = [...index.matchAll(/<a href="([^"]+)">/g)].map((m) => m[1]);
    assert.deepEqual(links.sort(), pages.sort());
    assert.doesNotMatch(index, /<script/);
    assert.match(index, /Fight outside a pub — knife seen, one man bleeding/);
  });

  it('is a usage error without paths, with stdin, with --scorm-version on an HTML export, or with -o a file of another kind', () => {
    assert.equal(runCli(['export']).status, 2);
    assert.equal(runCli(['export', '-']).status, 2);
    const r = runCli(['export', KNIFE, '--scorm-version', '2004', '-o', join(dir, 'x.html')]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--scorm-version goes with --format scorm/);
    assert.match(runCli(['export', '--help']).stdout, /--no-answers/);
    const zipAsHtml = runCli(['export', KNIFE, '--format', 'scorm', '-o', join(dir, 'knife.html')]);
    assert.equal(zipAsHtml.status, 2);
    assert.match(zipAsHtml.stderr, /--format scorm writes a \.zip file/);
    const manyToOne = runCli(['export', 'samples/', '-o', join(dir, 'all.html')]);
    assert.equal(manyToOne.status, 2);
    assert.match(manyToOne.stderr, /scenarios are exported: -o names the folder/);
    assert.deepEqual(readdirSync(dir), [], 'nothing written');
  });

  it("writes the role-player's script with every caller line and the marking sheet (HTML and Markdown)", () => {
    const html = join(dir, 'knife.script.html');
    const md = join(dir, 'knife.md');
    assert.equal(runCli(['export', KNIFE, '--format', 'script', '-o', html]).status, 0);
    const r = runCli(['export', KNIFE, '--format', 'script-md', '--with-graph', '-o', md]);
    assert.equal(r.status, 0, r.stderr);
    const page = readFileSync(html, 'utf8');
    const text = readFileSync(md, 'utf8');
    assert.doesNotMatch(page, /<script/i);
    const doc = parseScenario('file:///knife', readFileSync(join(ROOT, KNIFE), 'utf8'));
    const callerLines = doc.steps.filter((s) => s.data?.kind === 'caller' && typeof s.data.say === 'string');
    assert.ok(callerLines.length >= 8, `${callerLines.length} caller lines`);
    const flat = (t: string) => t.replace(/\s+/g, ' ').trim();
    for (const s of callerLines) {
      const say = flat(s.data!.say!);
      assert.ok(flat(page).includes(escapeXml(say)), `HTML has the line of ${s.id}`);
      assert.ok(flat(text).includes(md_(say)), `Markdown has the line of ${s.id}`);
    }
    for (const heading of [
      'Marking sheet',
      'THRIVE',
      'Critical failures',
      'Model answer',
      'What really happened',
    ])
      assert.ok(text.includes(heading) && page.includes(heading), heading);
    assert.match(text, /- \[ \] Location within 15 s — at ____/);
    assert.match(text, /\| \[ \] \| Ask about the knife — who has it and where is it now \| \+3 \|/);
    assert.ok(text.includes('![The call flow](knife.svg)'));
    assert.match(readFileSync(join(dir, 'knife.svg'), 'utf8'), /^<svg|^<\?xml/);
  });

  it('escapes scenario text in the Markdown script so it cannot become a link or markup', () => {
    const hostile = join(dir, 'hostile.scenario.yaml');
    writeFileSync(
      hostile,
      readFileSync(join(ROOT, LMS), 'utf8').replace(
        'label: Ask whether anyone is hurt or in danger',
        'label: "[click](javascript:alert(1)) <img src=x> | **bold** # not a heading"',
      ),
    );
    const out = join(dir, 'hostile.md');
    assert.equal(runCli(['export', hostile, '--format', 'script-md', '-o', out]).status, 0);
    const text = readFileSync(out, 'utf8');
    assert.ok(
      text.includes(
        '\\[click\\](javascript:alert(1)) \\<img src=x\\> \\| \\*\\*bold\\*\\* \\# not a heading',
      ),
    );
    assert.doesNotMatch(text, /(?<!\\)\[click(?<!\\)\]/);
  });

  for (const version of ['1.2', '2004'] as const) {
    it(`packages SCORM ${version}: the manifest and the page, nothing else; the manifest has the required elements`, () => {
      const out = join(dir, 'lms.zip');
      const args = ['export', LMS, '--format', 'scorm', '-o', out];
      const r = runCli(version === '2004' ? [...args, '--scorm-version', '2004'] : args);
      assert.equal(r.status, 0, r.stderr);
      const files = unzipSync(readFileSync(out));
      assert.deepEqual(Object.keys(files).sort(), ['imsmanifest.xml', 'index.html']);
      const page = strFromU8(files['index.html']);
      assert.equal(packOf(page).lms, version);
      const xml = strFromU8(files['imsmanifest.xml']);
      assert.equal(XMLValidator.validate(xml), true, 'well-formed XML');
      const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(xml) as {
        manifest: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      };
      const m = doc.manifest;
      assert.match(m['@identifier'], /^[A-Za-z_][\w.-]*$/, 'the identifier is an xs:ID');
      assert.equal(m.metadata.schema, 'ADL SCORM');
      assert.equal(String(m.metadata.schemaversion), version === '1.2' ? '1.2' : '2004 4th Edition');
      const cp =
        version === '1.2'
          ? 'http://www.imsproject.org/xsd/imscp_rootv1p1p2'
          : 'http://www.imsglobal.org/xsd/imscp_v1p1';
      const adlcp =
        version === '1.2'
          ? 'http://www.adlnet.org/xsd/adlcp_rootv1p2'
          : 'http://www.adlnet.org/xsd/adlcp_v1p3';
      assert.equal(m['@xmlns'], cp);
      assert.equal(m['@xmlns:adlcp'], adlcp);
      const orgs = m.organizations;
      assert.equal(orgs.organization['@identifier'], orgs['@default'], 'the default organisation exists');
      assert.equal(orgs.organization.title, 'Shouting in the flat upstairs');
      const item = orgs.organization.item;
      const res = m.resources.resource;
      assert.equal(item['@identifierref'], res['@identifier'], 'the item points at the resource');
      assert.equal(res['@type'], 'webcontent');
      assert.equal(res[version === '1.2' ? '@adlcp:scormtype' : '@adlcp:scormType'], 'sco');
      assert.equal(res['@href'], 'index.html');
      assert.equal(res.file['@href'], 'index.html');
    });
  }
});
