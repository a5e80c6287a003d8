// The browser build's host (server/src/lsp/web-host.ts): files come through the client, here a fake
// client serving this repository under github.dev's `vscode-vfs://github/owner/repo/…` uris. Editor and
// CI agree: every scenario of the samples and fixtures gets the CLI's problems (rule ids, messages,
// ranges), with the config found upward and the force catalogue read through the client.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { configCandidates, createClientFsHost, resolveAgainstUri } from '../../server/src/lsp/web-host';
import { createScenarioService, type Problem } from '../../server/src/service';
import { ensureBuilt } from '../support/build-once';

const ROOT = path.resolve(__dirname, '../..');
const VFS = 'vscode-vfs://github/callflow/studio/';
const toVfs = (rel: string) => VFS + rel.split(path.sep).map(encodeURIComponent).join('/');

/** The fake client: `callflow/readFiles` over the repository, null for anything but a file. */
function fakeClient(asked: string[][]) {
  return async (uris: string[]) => {
    asked.push(uris);
    return uris.map((u) => {
      if (!u.startsWith(VFS)) return null;
      const file = path.join(ROOT, ...u.slice(VFS.length).split('/').map(decodeURIComponent));
      try {
        return statSync(file).isFile() ? readFileSync(file, 'utf8') : null;
      } catch {
        return null;
      }
    });
  };
}

interface CliFile {
  path: string;
  kind: string;
  problems: { ruleId: string; message: string; range: Problem['range'] }[];
}

function cliCheck(dir: string): CliFile[] {
  const r = spawnSync(process.execPath, ['dist/cli.js', 'check', '--format', 'json', dir], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return (JSON.parse(r.stdout) as { files: CliFile[] }).files;
}

const shape = (ps: { ruleId: string; message: string; range: Problem['range'] }[]) =>
  ps
    .map(
      (p) =>
        `${p.range.start.line}:${p.range.start.character}-${p.range.end.line}:${p.range.end.character} ${p.ruleId} ${p.message}`,
    )
    .sort();

describe('the browser host (files through the client)', function () {
  this.timeout(60_000);
  before(() => ensureBuilt());

  for (const dir of [
    'samples',
    'test/e2e/workspace',
    'test/fixtures/domain',
    'test/fixtures/core/code-deprecated',
    'test/fixtures/cli/broken-catalogue',
  ]) {
    it(`gives the CLI's problems on ${dir}, from vscode-vfs: uris`, async () => {
      const asked: string[][] = [];
      const host = createClientFsHost(fakeClient(asked));
      const service = createScenarioService(host.files);
      const projects = host.projects(service);
      const cli = cliCheck(dir);
      const scenarios = cli.filter((f) => f.kind === 'scenario');
      assert.ok(scenarios.length > 0, `${dir}: the CLI checked scenarios`);
      for (const file of scenarios) {
        const uri = toVfs(file.path);
        await projects.prepare!(uri, undefined);
        const project = projects.projectFor(uri, undefined);
        const doc = service.parse(uri, readFileSync(path.join(ROOT, file.path), 'utf8'));
        assert.deepEqual(shape(service.validate(doc, project)), shape(file.problems), file.path);
        // The config's and catalogue's own problems, on their files.
        for (const other of cli.filter((f) => f.kind === 'project')) {
          const mine = project.problems.filter((p) => p.uri === toVfs(other.path));
          assert.deepEqual(shape(mine), shape(other.problems), other.path);
        }
      }
      assert.ok(
        asked.length <= scenarios.length * 2,
        `${asked.length} requests for ${scenarios.length} files`,
      );
    });
  }

  it('finds the config upward from a file in any scheme, and none for a uri without a folder', () => {
    assert.deepEqual(configCandidates('vscode-vfs://github/o/r/a/x.scenario.yaml'), [
      'vscode-vfs://github/o/r/a/callflow.config.yaml',
      'vscode-vfs://github/o/r/a/callflow.config.yml',
      'vscode-vfs://github/o/r/callflow.config.yaml',
      'vscode-vfs://github/o/r/callflow.config.yml',
      'vscode-vfs://github/o/callflow.config.yaml',
      'vscode-vfs://github/o/callflow.config.yml',
      'vscode-vfs://github/callflow.config.yaml',
      'vscode-vfs://github/callflow.config.yml',
    ]);
    assert.deepEqual(configCandidates('untitled:Untitled-1'), []);
    assert.equal(
      resolveAgainstUri(
        'vscode-vfs://github/o/r/force/callflow.config.yaml',
        '../codes/my%20force.codes.yaml',
      ),
      'vscode-vfs://github/o/r/codes/my%20force.codes.yaml',
    );
    assert.equal(
      resolveAgainstUri('vscode-vfs://github/o/r/callflow.config.yaml', 'https://example.org/x.codes.yaml'),
      'https://example.org/x.codes.yaml',
    );
  });

  it('reads a catalogue asked for before it was fetched as absent, then says the project changed', async () => {
    const host = createClientFsHost(fakeClient([]));
    const service = createScenarioService(host.files);
    const projects = host.projects(service);
    let changed = 0;
    projects.onDidChange!(() => changed++);
    const uri = toVfs('samples/force/harbury-07-minor-collision.scenario.yaml');
    // Not prepared: the config is not at hand yet, so the force's catalogue is not in force for now…
    const config = toVfs('samples/force/callflow.config.yaml');
    assert.notEqual(projects.projectFor(uri, config).catalogue.name, 'Harbury Constabulary codes');
    // …it is fetched, the project source says so, and the next lookup has it.
    for (let i = 0; i < 20 && changed === 0; i++) await new Promise((r) => setTimeout(r, 5));
    assert.ok(changed > 0, 'the late config was announced');
    await projects.prepare!(uri, config);
    assert.equal(projects.projectFor(uri, config).catalogue.name, 'Harbury Constabulary codes');
  });

  it('follows a lookup made while the catalogue is on its way with a change', async () => {
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    let catalogueAsked = false;
    const disk = fakeClient([]);
    const host = createClientFsHost(async (uris) => {
      if (uris.some((u) => u.endsWith('.codes.yaml'))) {
        catalogueAsked = true;
        await gate;
      }
      return disk(uris);
    });
    const projects = host.projects(createScenarioService(host.files));
    let changed = 0;
    projects.onDidChange!(() => changed++);
    const uri = toVfs('samples/force/harbury-07-minor-collision.scenario.yaml');
    const prepared = projects.prepare!(uri, undefined);
    for (let i = 0; i < 200 && !catalogueAsked; i++) await new Promise((r) => setTimeout(r, 5));
    assert.ok(catalogueAsked, 'the catalogue was asked for');
    // A request handled meanwhile (hover, completion) gets a project without the force's catalogue…
    assert.notEqual(projects.projectFor(uri, undefined).catalogue.name, 'Harbury Constabulary codes');
    release();
    await prepared;
    for (let i = 0; i < 200 && changed === 0; i++) await new Promise((r) => setTimeout(r, 5));
    // …and is told to look again, which finds it.
    assert.ok(changed > 0, 'the project change was announced');
    assert.equal(projects.projectFor(uri, undefined).catalogue.name, 'Harbury Constabulary codes');
  });

  it('places the callflow.configPath setting in the workspace, whatever its scheme', () => {
    const host = createClientFsHost(fakeClient([]));
    const root = 'vscode-vfs://github/o/r';
    assert.equal(host.configUri('', root), undefined);
    assert.equal(host.configUri('ci/callflow.config.yaml', root), `${root}/ci/callflow.config.yaml`);
    assert.equal(host.configUri('ci/callflow.config.yaml', `${root}/`), `${root}/ci/callflow.config.yaml`);
    assert.equal(host.configUri('/r/x.yaml', root), 'vscode-vfs://github/r/x.yaml');
    assert.equal(
      host.configUri('file:///abs/callflow.config.yaml', root),
      'file:///abs/callflow.config.yaml',
    );
    assert.equal(host.configUri('ci/callflow.config.yaml', undefined), undefined);
  });

  it('never throws when the client fails: the files count as absent', async () => {
    const host = createClientFsHost(() => Promise.reject(new Error('connection closed')));
    const projects = host.projects(createScenarioService(host.files));
    const uri = toVfs('samples/force/harbury-07-minor-collision.scenario.yaml');
    await projects.prepare!(uri, undefined);
    assert.equal(projects.projectFor(uri, undefined).configUri, undefined);
  });
});
