/**
 * Floors for context, in this process: the `yaml` package's `parseDocument` and its `Lexer`, and
 * `js-yaml`'s `load` (no positions), on the generated 200-, 2,000- and 10,000-step files. One warm-up,
 * then the median of several runs.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Lexer, parseDocument } from 'yaml';
import { median } from './stats';

const req = createRequire(__filename);
const jsYaml = req('js-yaml') as { load(text: string): unknown };
const yamlVersion = (req('yaml/package.json') as { version: string }).version;
const jsYamlVersion = (req('js-yaml/package.json') as { version: string }).version;

export interface FloorResult {
  parser: string;
  steps: number;
  bytes: number;
  runsMs: number[];
  medianMs: number;
}

function time(fn: () => void, runs: number): number[] {
  fn();
  const out: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out;
}

export function runFloors(files: Record<number, string>, log: (s: string) => void): FloorResult[] {
  const results: FloorResult[] = [];
  for (const [size, file] of Object.entries(files)) {
    const steps = Number(size);
    const text = readFileSync(file, 'utf8');
    const runs = steps >= 10000 ? 5 : 9;
    const parsers: [string, () => void][] = [
      [`yaml ${yamlVersion} parseDocument`, () => void parseDocument(text)],
      [
        `yaml ${yamlVersion} Lexer`,
        () => {
          let n = 0;
          for (const token of new Lexer().lex(text)) n += token.length;
          if (n < 0) throw new Error('unreachable');
        },
      ],
      [`js-yaml ${jsYamlVersion} load`, () => void jsYaml.load(text)],
    ];
    for (const [parser, fn] of parsers) {
      const runsMs = time(fn, runs);
      results.push({ parser, steps, bytes: Buffer.byteLength(text), runsMs, medianMs: median(runsMs) });
      log(`floor: ${parser}, ${steps} steps: median ${median(runsMs).toFixed(1)} ms`);
    }
  }
  return results;
}
