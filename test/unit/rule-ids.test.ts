/** Rule ids are declared once (model/rule-ids.ts): each has exactly one documented rule, and back. */
import * as assert from 'node:assert/strict';
import { ALL_RULE_INFO } from '../../server/src/service';
import { RULE_IDS, isRuleId } from '../../server/src/service/model/rule-ids';

describe('rule ids', () => {
  it('are each documented by exactly one rule, and every documented rule has one', () => {
    const documented = ALL_RULE_INFO.map((r) => r.id);
    assert.equal(new Set(documented).size, documented.length, 'a rule id documented twice');
    assert.deepEqual([...documented].sort(), [...RULE_IDS].sort());
  });

  it('include the problem a failing check reports', () => {
    assert.ok(isRuleId('internal/rule-failed'));
    assert.ok(ALL_RULE_INFO.some((r) => r.id === 'internal/rule-failed' && r.why && r.fix));
    assert.equal(isRuleId('flow/no-such-rule'), false);
  });
});
