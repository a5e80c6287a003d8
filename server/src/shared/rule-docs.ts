/**
 * Links to a rule's section of the documentation, the same in the editor (a problem's code link) and
 * the CLI (SARIF `helpUri`). The base is configurable — the editor's `callflow.rulesDocsBaseUrl` setting,
 * the CLI's `--rules-docs-url` — so a force can point at its own mirror of the rule reference.
 */

/** The heading anchor of a rule in the rule reference (README, `callflow rules`): `flow/dead-end` → `flowdead-end`. */
export function ruleAnchor(ruleId: string): string {
  return ruleId.toLowerCase().replace(/[^a-z0-9 -]/g, '');
}

/**
 * The link to a rule's documentation, or undefined without a base (or with one that is not an http(s)
 * or file URL). A base with `{rule}` or `{anchor}` gets the rule id or its anchor there (a mirror with a
 * page per rule); any other base gets `#anchor` (replacing a fragment it has).
 */
export function ruleDocsUrl(base: string | undefined, ruleId: string): string | undefined {
  const b = base?.trim();
  if (!b || !/^(https?|file):\/\/\S+$/i.test(b)) return undefined;
  if (b.includes('{rule}') || b.includes('{anchor}'))
    return b.split('{rule}').join(encodeURIComponent(ruleId)).split('{anchor}').join(ruleAnchor(ruleId));
  return `${b.replace(/#.*$/, '')}#${ruleAnchor(ruleId)}`;
}
