/** Small helpers shared by rules: step data access, insertion points for fixes. */
import { isMap, isScalar, parse, type Node } from 'yaml';
import type { Step } from '../../model/vocabulary';
import type { ScenarioDocument, StepInfo } from '../../syntax/parse';
import { offsetsOf } from '../../syntax/parse';
import type { Fix, TextEdit } from '../../model/types';
import { valueNode } from '../../model/flow';

/** The step's kind, when it is one of the six. */
export function kindOf(step: StepInfo): Step['kind'] | undefined {
  const k = step.data?.kind;
  return typeof k === 'string' ? (k as Step['kind']) : undefined;
}

/** The indentation (in spaces) of the line holding an offset. */
export function indentAt(doc: ScenarioDocument, offset: number): string {
  const line = doc.lines.lineText(doc.lines.position(offset).line);
  return /^ */.exec(line)![0];
}

/**
 * An edit appending a new step at the end of the `steps:` mapping, indented like the other steps.
 * `body` lines are given without indentation.
 */
export function appendStepEdit(doc: ScenarioDocument, id: string, body: string[]): TextEdit | undefined {
  const steps = doc.root ? valueNode(doc.root, 'steps') : undefined;
  // Block lines cannot be appended to a flow mapping (`steps: {a: …}`).
  if (!isMap(steps) || steps.items.length === 0 || steps.flow) return undefined;
  const last = steps.items[steps.items.length - 1];
  const keyIndent = indentAt(doc, offsetsOf(last.key as Node)[0]);
  let lastEnd = Math.max(offsetsOf(last.value as Node)[1], offsetsOf(last.key as Node)[1]);
  // A block value's range runs on to the start of the next line (maybe the next top-level key):
  // insert at the end of the line that holds the step's last character.
  while (lastEnd > 0 && /\s/.test(doc.text[lastEnd - 1])) lastEnd--;
  const insertLine = doc.lines.position(lastEnd).line;
  const eol = doc.text.includes('\r\n') ? '\r\n' : '\n';
  const inner = keyIndent + '  ';
  const text = eol + keyIndent + id + ':' + eol + body.map((l) => inner + l).join(eol);
  const pos = { line: insertLine, character: doc.lines.lineText(insertLine).length };
  return { range: { start: pos, end: pos }, newText: text };
}

/**
 * `value` written to replace a scalar: in the same quotes when the old one was quoted, and quoted when
 * YAML would otherwise read it as a number, boolean or null (a code `304` must stay text).
 */
export function yamlScalar(node: Node, value: string): string {
  const type = isScalar(node) ? node.type : undefined;
  if (type === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  let plainIsText = !/^\s|\s$|: | #|^[-?:,[\]{}#&*!|>'"%@`]/.test(value);
  try {
    plainIsText &&= parse(value) === value;
  } catch {
    plainIsText = false;
  }
  if (type === 'QUOTE_DOUBLE' || !plainIsText) return JSON.stringify(value);
  return value;
}

/** A fix that replaces a node's text. */
export function replaceFix(
  doc: ScenarioDocument,
  node: Node | { offsets: [number, number] },
  newText: string,
  title: string,
  preferred = true,
): Fix {
  const offsets = 'offsets' in node ? node.offsets : offsetsOf(node as Node);
  return { title, edits: [{ range: doc.lines.range(...offsets), newText }], preferred };
}
