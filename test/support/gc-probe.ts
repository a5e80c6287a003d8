/**
 * Run in a fresh process by test/timing/rule-engine-gc.test.ts (`node --expose-gc`): checks generated
 * scenarios with every rule and prints, as JSON, how much young-generation memory one document takes
 * while alive and how much a minor collection right after each check finds still alive.
 */
import { getHeapSpaceStatistics } from 'node:v8';
import { generate } from '../../bench/generate';
import { buildFlow } from '../../server/src/service/model/flow';
import { parseScenario } from '../../server/src/service/syntax/parse';
import { RULES } from '../../server/src/service/checks/rules';
import { runRules } from '../../server/src/service/checks/rules/engine';
import { project } from './core';

const gc = (globalThis as { gc?: (options?: { type: 'minor' | 'major' }) => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const young = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_used_size;
const settle = () => {
  gc({ type: 'major' });
  gc({ type: 'minor' });
  gc({ type: 'minor' });
};

const texts = Array.from({ length: 12 }, (_, i) => generate({ steps: 120, seed: 70 + i, id: `gc${i}` }).text);
const catalogue = project().catalogue;
const check = (text: string) => {
  const doc = parseScenario('mem://gc.scenario.yaml', text);
  return runRules(RULES, doc, buildFlow(doc), catalogue, () => true).length;
};
for (const t of texts.slice(0, 4)) check(t);

settle();
const before = young();
const held = parseScenario('mem://held.scenario.yaml', texts[4]);
const documentBytes = young() - before;

const survived: number[] = [];
for (const t of texts.slice(5)) {
  settle();
  check(t);
  gc({ type: 'minor' });
  survived.push(young());
}
// The least that survived any one check: a minor collection that lands while V8's concurrent marking is
// under way keeps what that marking has already seen, so a few checks can show hundreds of kilobytes on a
// machine with other work (the same on code that retains nothing). A document the rules keep alive is
// kept after every check, so it shows in the least as well.
process.stdout.write(
  JSON.stringify({ documentBytes, steps: held.steps.length, survivedBytes: Math.min(...survived), survived }),
);
