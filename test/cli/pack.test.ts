/** The packed package installs into a fresh project (offline, from the npm cache) and `npx callflow check` and `graph` run there. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOnce, ROOT, VERSION } from './helpers';

function npm(args: string[], cwd: string) {
  const r = spawnSync('npm', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

describe('cli: packed and installed', function () {
  this.timeout(300_000);
  before(buildOnce);

  it('npm pack → npm install --offline → npx --no-install callflow check', () => {
    const dest = mkdtempSync(join(tmpdir(), 'callflow-pack-'));
    // --ignore-scripts: use the build made in `before` rather than prepack's minified rebuild.
    const pack = npm(['pack', '--ignore-scripts', '--pack-destination', dest], ROOT);
    assert.equal(pack.status, 0, pack.out);
    const tgz = readdirSync(dest).find((f) => f.endsWith('.tgz'));
    assert.ok(tgz, pack.out);

    const project = mkdtempSync(join(tmpdir(), 'callflow-consumer-'));
    writeFileSync(join(project, 'package.json'), '{"name":"consumer","version":"1.0.0","private":true}\n');
    let install = npm(['install', '--offline', '--no-audit', '--no-fund', join(dest, tgz)], project);
    if (install.status !== 0)
      install = npm(['install', '--prefer-offline', '--no-audit', '--no-fund', join(dest, tgz)], project);
    assert.equal(install.status, 0, install.out);

    copyFileSync(
      join(ROOT, 'samples/01-silent-999-domestic.scenario.yaml'),
      join(project, 'ok.scenario.yaml'),
    );
    const run = (args: string[]) =>
      spawnSync('npx', ['--no-install', 'callflow', ...args], { cwd: project, encoding: 'utf8' });
    assert.equal(run(['--version']).stdout.trim(), VERSION);
    const ok = run(['check']);
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /1 file checked, no problems/);
    writeFileSync(
      join(project, 'bad.scenario.yaml'),
      'callflow: 1\nid: bad\ntitle: Bad\nstart: nowhere\nsteps: {}\n',
    );
    const bad = run(['check', '-f', 'json']);
    assert.equal(bad.status, 1, bad.stderr);
    assert.ok(JSON.parse(bad.stdout).summary.errors > 0);
    // SVG output loads the layout engine, shipped beside the CLI and loaded only for this.
    const svg = run(['graph', 'ok.scenario.yaml', '-f', 'svg']);
    assert.equal(svg.status, 0, svg.stderr);
    assert.match(svg.stdout, /^<\?xml[^]*<svg[^]*<\/svg>\s*$/);
  });
});
