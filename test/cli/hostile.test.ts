/** Hostile text (`%`, CR, LF, `:`, `,`, quotes, `<script>`, escapes) is escaped as each format requires. */
import * as assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { buildOnce, runCli } from './helpers';

const HOSTILE = 'test/fixtures/hostile/hostile,100%.scenario.yaml';

describe('cli: hostile text', function () {
  this.timeout(120_000);
  before(buildOnce);

  it('github: one command per line, data and properties escaped', () => {
    const r = runCli(['check', HOSTILE, '-f', 'github']);
    assert.equal(r.status, 1);
    const lines = r.stdout.trimEnd().split('\n');
    const json = JSON.parse(runCli(['check', HOSTILE, '-f', 'json']).stdout);
    assert.equal(lines.length, json.files[0].problems.length, 'no injected lines');
    for (const line of lines) {
      const m = /^::(error|warning|notice) ([^:]*)::(.*)$/.exec(line);
      assert.ok(m, line);
      const props = m[2].split(',');
      assert.deepEqual(
        props.map((p) => p.split('=')[0]),
        ['file', 'line', 'col', 'endLine', 'endColumn', 'title'],
      );
      assert.equal(props[0], 'file=test/fixtures/hostile/hostile%2C100%25.scenario.yaml');
      assert.doesNotMatch(m[3], /[\r\u0007\u001b]/);
    }
    assert.ok(r.stdout.includes('evil%250A,:<script>"\'%0D%0A'), 'message: % CR LF escaped, : and , kept');
  });

  it('junit: well-formed XML that round-trips the messages', () => {
    const r = runCli(['check', HOSTILE, '-f', 'junit']);
    assert.equal(XMLValidator.validate(r.stdout), true);
    const json = JSON.parse(runCli(['check', HOSTILE, '-f', 'json']).stdout);
    const xml = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      processEntities: true,
      htmlEntities: true,
      isArray: (n) => n === 'failure',
    }).parse(r.stdout);
    // One failure per file (see docs/cli.md): its body lists every failing problem.
    const failures = xml.testsuites.testsuite.testcase.failure as { message: string; '#text': string }[];
    assert.equal(failures.length, 1);
    const expected = json.files[0].problems.map((p: { message: string }) =>
      p.message.replace(
        /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
      ),
    );
    const body = failures[0]['#text'];
    for (const message of expected) assert.ok(body.includes(message), `the failure lists: ${message}`);
    assert.ok(failures[0].message.startsWith(`${expected.length} problems: `));
    assert.doesNotMatch(r.stdout, /<script>/);
  });

  it('stylish: no raw control characters or escape sequences reach the terminal', () => {
    const r = runCli(['check', HOSTILE, '--color']);
    const withoutOurColours = r.stdout.replace(/\u001b\[\d+m/g, '');
    assert.doesNotMatch(withoutOurColours, /[\u0000-\u0008\u000b-\u001f\u007f]/);
    assert.match(r.stdout, /\\r\\n/);
    const plain = runCli(['check', HOSTILE]);
    assert.doesNotMatch(plain.stdout, /\u001b/, 'no colour when not a TTY');
  });

  it('mermaid: labels cannot break out of their quotes or inject markup', () => {
    const r = runCli(['graph', HOSTILE, '-f', 'mermaid']);
    assert.equal(r.status, 0, r.stderr);
    for (const line of r.stdout.trimEnd().split('\n').slice(1)) {
      if (line.includes('"')) assert.match(line, /^ {2}[a-z]\d+[^"]*"[^"]*"[^"]*$/, line);
      assert.doesNotMatch(line, /[<>]script|<img|[\r\u0007\u001b]/);
    }
    assert.match(r.stdout, /#60;script#62;/);
  });

  it('dot: quoted strings with escaped quotes, backslashes and line breaks', () => {
    const r = runCli(['graph', HOSTILE, '-f', 'dot']);
    assert.equal(r.status, 0, r.stderr);
    // Every quoted string is well formed: strip escaped characters, then quotes must pair up per line.
    for (const line of r.stdout.split('\n')) {
      const stripped = line.replace(/\\./g, '');
      assert.equal((stripped.match(/"/g) ?? []).length % 2, 0, line);
      assert.doesNotMatch(line, /[\r\u0007\u001b]/);
    }
    assert.ok(r.stdout.includes('back\\\\slash \\\\n \\\\l'), 'backslashes doubled');
    assert.ok(r.stdout.includes('Ask \\"where\\"?\\n::warning'), 'quotes escaped, CRLF as \\n');
  });

  it('svg: well-formed XML, one step group per step, scenario text only as escaped text', () => {
    const r = runCli(['graph', HOSTILE, '-f', 'svg']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(XMLValidator.validate(r.stdout), true);
    const graph = JSON.parse(runCli(['graph', HOSTILE, '-f', 'json']).stdout);
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(r.stdout);
    assert.ok(xml.svg, 'an <svg> root');
    assert.doesNotMatch(
      r.stdout,
      /<script|<img|<foreignObject|\son[a-z]+="/i,
      'no elements or handlers from the scenario',
    );
    assert.match(r.stdout, /&lt;script&gt;/, 'the script tag shows as text');
    for (const node of graph.nodes)
      assert.ok(r.stdout.includes(node.id.replace(/&/g, '&amp;')), `step ${node.id} drawn`);
  });
});
