import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { regenerate, SECTIONS } from '../../scripts/gen-docs';
import { ALL_RULE_INFO } from '../../server/src/service';

const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');

describe('README', () => {
  it('has its generated reference sections up to date (run `npx tsx scripts/gen-docs.ts`)', () => {
    assert.equal(regenerate(readme), readme);
  });

  it('has every generated section present', () => {
    for (const name of Object.keys(SECTIONS)) assert.ok(readme.includes(`<!-- generated:${name} -->`), name);
  });

  it('documents every rule id with a bad and a good example', () => {
    for (const rule of ALL_RULE_INFO) {
      assert.ok(readme.includes(`#### \`${rule.id}\``), `README lacks ${rule.id}`);
      assert.ok(rule.good.trim().length > 0 && rule.why.trim().length > 0, `${rule.id} lacks docs`);
    }
  });

  it('starts with the two set-up commands', () => {
    const head = readme.slice(0, 1500);
    assert.match(head, /npm install && npm start/);
    assert.match(head, /npm install && npm test/);
  });
});
