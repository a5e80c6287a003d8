/** Every rule, in the order they run and are documented. Domain rules are listed in ./domain/index.ts. */
import type { Rule, RuleInfo } from './engine';
import { unknownStart } from './flow/unknown-start';
import { danglingNext } from './flow/dangling-next';
import { unreachableStep } from './flow/unreachable-step';
import { deadEnd } from './flow/dead-end';
import { noEnd } from './flow/no-end';
import { loopWithoutExit } from './flow/loop-without-exit';
import { duplicateChoiceTarget } from './flow/duplicate-choice-target';
import { endWithoutOutcome } from './flow/end-without-outcome';
import { commentInText } from './text/comment-in-text';
import { unknownCode } from './codes/unknown-code';
import { wrongFamily } from './codes/wrong-family';
import { deprecatedCode } from './codes/deprecated-code';
import { determinantFormat } from './codes/determinant-format';
import { DOMAIN_RULES } from './domain';
import { PARSE_RULES } from './parse-rules';
import { RUNS_RULES } from './runs-rules';

/** The rules that run over a parsed document. */
export const RULES: readonly Rule[] = [
  unknownStart,
  danglingNext,
  unreachableStep,
  deadEnd,
  noEnd,
  loopWithoutExit,
  duplicateChoiceTarget,
  endWithoutOutcome,
  unknownCode,
  wrongFamily,
  deprecatedCode,
  determinantFormat,
  ...DOMAIN_RULES,
  commentInText,
];

/** Every rule id the product reports, with its documentation: parse and schema problems first. */
export const ALL_RULE_INFO: readonly RuleInfo[] = [
  ...PARSE_RULES,
  ...RULES.map(({ check: _check, ...info }) => info),
  ...RUNS_RULES,
];
