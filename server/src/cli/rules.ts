import type { RuleInfo } from '../service';
import { ruleAnchor } from '../shared/rule-docs';
/** `callflow rules`: the rule reference, from the rules' own documentation (the README's is generated from it). */

/** The rule reference as markdown: one section per rule with why, a bad and a good example, and the fix. */
export function rulesMarkdown(rules: readonly RuleInfo[]): string {
  const out = ['# Rule reference', '', '| Rule | Default | Checks |', '|---|---|---|'];
  for (const r of rules)
    out.push(`| [\`${r.id}\`](#${ruleAnchor(r.id)}) | ${r.severity} | ${cell(r.title)} |`);
  for (const r of rules) {
    out.push(
      '',
      `## \`${r.id}\``,
      '',
      `**${r.title}** (default: ${r.severity})`,
      '',
      r.why,
      '',
      'Problem:',
      '',
      '```yaml',
      r.bad,
      '```',
      '',
      'Fixed:',
      '',
      '```yaml',
      r.good,
      '```',
      '',
      `**Fix:** ${r.fix}`,
    );
  }
  return out.join('\n') + '\n';
}

/** The rule reference as JSON: `{ version: 1, rules: [{ id, severity, title, why, bad, good, fix }] }`. */
export function rulesJson(rules: readonly RuleInfo[]): string {
  return JSON.stringify({ version: 1, rules }, null, 2) + '\n';
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
