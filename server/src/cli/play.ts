/**
 * `callflow play FILE`: rehearses a scenario on the terminal. Numbered options at each choice point, the
 * clock and a state line, the debrief at the end. Choices come from `--choices 1,2,1` (numbers or
 * labels), `--best` (the model answer), or one per line from stdin — typed on a terminal, or piped.
 * `--format json` prints the run (transcript, state, debrief) as versioned JSON.
 *
 * Exit codes: 0 the run ended in pass or acceptable; 1 in fail or critical failure; 2 a usage error, an
 * unreadable file, or a run that stopped (a broken scenario, choices or input that ran out).
 */
import { statSync } from 'node:fs';
import { createInterface, type Interface } from 'node:readline';
import { resolve } from 'node:path';
import { createNodeHost, pathToUri, uriToPath } from '../node/project';
import { readTextFileSync } from '../node/read';
import { parseArgs, stringOption, type OptionValues } from './args';
import { displayPath } from './check';
import { EXIT, InputError, UsageError } from './errors';
import { PLAY_HELP } from './help';
import { CliProjects } from './projects';
import {
  renderChoice,
  renderDebrief,
  renderEntry,
  renderState,
  renderStopped,
  type RenderOptions,
} from './play-render';
import {
  REHEARSAL_VERSION,
  createScenarioService,
  isStartState,
  type Project,
  type RunInput,
  type RunStart,
  type RunView,
  type ScenarioService,
  type Waiting,
} from '../service';

type ChoiceWaiting = Extract<Waiting, { kind: 'choice' }>;

/** Where the choices come from: a fixed list, or lines read one at a time (undefined at the end). */
interface ChoiceSource {
  next(w: ChoiceWaiting): Promise<string | RunInput | undefined>;
  /** True when a wrong entry should be reported and asked again (typed or piped lines). */
  readonly retry: boolean;
  close(): void;
  interrupted?: boolean;
  /** Choices given but not used (the run ended first). */
  unused?(): number;
}

/** Runs `callflow play`. */
export async function play(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs(
    argv,
    {
      config: { type: 'string', short: 'c' },
      codes: { type: 'string' },
      choices: { type: 'string' },
      best: { type: 'boolean' },
      from: { type: 'string' },
      state: { type: 'string' },
      view: { type: 'string', choices: ['trainee', 'trainer'] },
      format: { type: 'string', short: 'f', choices: ['text', 'json'] },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      debug: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    'play',
  );
  if (values.help) {
    process.stdout.write(PLAY_HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 1 || positionals[0] === '-')
    throw new UsageError('`callflow play` needs exactly one scenario file (choices are read from stdin).');
  if (values.best && values.choices !== undefined)
    throw new UsageError('Give --choices or --best, not both.');
  const cwd = process.cwd();
  const path = readableFile(positionals[0], 'scenario', cwd)!;
  const service = createScenarioService(createNodeHost());
  const project = projectFor(service, path, values, cwd);
  const read = readTextFileSync(path);
  if ('error' in read) throw new InputError(`Cannot read ${positionals[0]}: ${read.error}.`);
  const doc = service.parse(pathToUri(path), read.text);
  const from = stringOption(values, 'from');
  const start = startOf(from, stringOption(values, 'state'));
  const json = stringOption(values, 'format') === 'json';
  const options: RenderOptions = {
    view: stringOption(values, 'view') === 'trainer' ? 'trainer' : 'trainee',
    color: !json && useColor(values),
  };
  const source = values.best
    ? listSource(service.bestRoute(doc, start))
    : values.choices !== undefined
      ? listSource(splitChoices(stringOption(values, 'choices')!))
      : lineSource(!json);
  try {
    const { view, inputs, code } = await run(
      (inputs) => service.rehearse(doc, project, { start, inputs }),
      source,
      json ? undefined : options,
    );
    if (json)
      process.stdout.write(
        JSON.stringify(
          { ...view, version: REHEARSAL_VERSION, file: displayPath(path, cwd), inputs },
          null,
          2,
        ) + '\n',
      );
    const unused = source.unused?.() ?? 0;
    if (unused)
      process.stderr.write(
        `callflow: ${unused} of the choices given ${unused === 1 ? 'was' : 'were'} not used: the run ended first.\n`,
      );
    return code;
  } finally {
    source.close();
  }
}

/** The project in force for the file (with `--config` / `--codes`); a config or catalogue with errors is fatal. */
function projectFor(service: ScenarioService, path: string, values: OptionValues, cwd: string): Project {
  const projects = new CliProjects(service, {
    configPath: readableFile(stringOption(values, 'config'), 'config', cwd),
    codesPath: readableFile(stringOption(values, 'codes'), 'catalogue', cwd),
  });
  const { project } = projects.forFile(path);
  const errors = project.problems.filter((p) => p.severity === 'error');
  for (const p of errors)
    process.stderr.write(
      `${displayPath(uriToPath(p.uri) ?? p.uri, cwd)}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message} (${p.ruleId})\n`,
    );
  if (errors.length) throw new InputError('The config or catalogue has errors (listed above).');
  return project;
}

/** The run's start from `--from` and `--state` (a JSON starting state). */
function startOf(step: string | undefined, stateJson: string | undefined): RunStart | undefined {
  if (stateJson === undefined) return step === undefined ? undefined : { step };
  let state: unknown;
  try {
    state = JSON.parse(stateJson);
  } catch {
    throw new UsageError('--state needs JSON, e.g. \'{"seconds": 60, "grade": "EMERGENCY"}\'.');
  }
  if (!isStartState(state))
    throw new UsageError(
      '--state takes facts, asked, qualifiers, dispatched (lists of text), grade, category, ambulance (text), seconds and score (numbers).',
    );
  return step === undefined ? { state } : { step, state };
}

/** Plays until an end, a stop, or the choices run out; prints as it goes when `o` is given. */
async function run(
  rehearse: (inputs: RunInput[]) => RunView,
  source: ChoiceSource,
  o: RenderOptions | undefined,
): Promise<{ view: RunView; inputs: RunInput[]; code: number }> {
  const inputs: RunInput[] = [];
  const out = (s: string) => o && process.stdout.write(s);
  let printed = 0;
  let pendingShown = false;
  for (;;) {
    const view = rehearse(inputs);
    for (; printed < view.transcript.length; printed++) {
      const e = view.transcript[printed];
      const pending = view.waiting.kind === 'choice' && printed === view.transcript.length - 1;
      if (pending) {
        if (!pendingShown && e.kind !== 'choice' && o) out(renderEntry(e, o, 'line'));
        pendingShown = true;
        break;
      }
      if (o) out(renderEntry(e, o, pendingShown ? 'choice' : 'all'));
      pendingShown = false;
    }
    const w = view.waiting;
    if (view.diverged) {
      out(`\nThe choices no longer fit at choice ${view.diverged.index + 1}: ${view.diverged.reason}\n`);
      return { view, inputs, code: EXIT.fatal };
    }
    if (w.kind === 'end') {
      if (o) out(renderDebrief(w.debrief, o));
      const good = w.debrief.result === 'pass' || w.debrief.result === 'acceptable';
      return { view, inputs, code: good ? EXIT.ok : EXIT.problems };
    }
    if (w.kind === 'stopped') {
      if (o) out(renderStopped(view, o));
      return { view, inputs, code: EXIT.fatal };
    }
    if (o) out('\n' + renderChoice(w, o) + renderState(view.state, o));
    const input = await pickInput(w, source, out);
    if (typeof input === 'number') {
      out(
        `\nThe run waits for a choice at ${w.step}, but ${source.interrupted ? 'it was interrupted' : 'there are no more choices'}.\n`,
      );
      return { view, inputs, code: source.interrupted ? 130 : EXIT.fatal };
    }
    inputs.push(input);
  }
}

/** The next input for a choice point, asking again after a wrong entry; a number when none comes. */
async function pickInput(
  w: ChoiceWaiting,
  source: ChoiceSource,
  out: (s: string) => void,
): Promise<RunInput | number> {
  for (;;) {
    const got = await source.next(w);
    if (got === undefined) return EXIT.fatal;
    if (typeof got !== 'string') return got;
    const input = resolveInput(got, w);
    if (typeof input !== 'string') return input;
    if (!source.retry) throw new UsageError(`--choices: ${input}`);
    out(`  ${input}\n`);
  }
}

/**
 * The input an entry names at a choice point: an option's number (from 1), `t` for the timeout, an
 * option's label (any case) or the id of the step it leads to, or Enter when there is one option.
 * Returns a message when it names nothing here.
 */
export function resolveInput(entry: string, w: ChoiceWaiting): RunInput | string {
  const t = entry.trim();
  const n = w.options.length;
  if (/^\d+$/.test(t)) {
    const i = Number(t);
    if (i >= 1 && i <= n) return { choose: w.options[i - 1].label };
  } else if (/^(t|timeout)$/i.test(t)) {
    if (w.timeout) return { timeout: true };
    return `There is no timeout at ${w.step}.`;
  } else if (t === '' && n === 1 && !w.timeout) return { choose: w.options[0].label };
  const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
  const option =
    t === ''
      ? undefined
      : (w.options.find((o) => norm(o.label) === norm(t)) ?? w.options.find((o) => o.next === t));
  if (option) return { choose: option.label };
  const range = n === 0 ? '' : n === 1 ? '1' : `1–${n}`;
  const choices = [range, w.timeout ? 't' : ''].filter(Boolean).join(' or ');
  return `No option "${t}" at ${w.step}: type ${choices || 'nothing (no option fits)'}${n ? " or an option's label" : ''}.`;
}

/** `--choices 1,2,Ask about the knife` → entries (commas separate; spaces around them are dropped). */
function splitChoices(list: string): string[] {
  return list.split(',').map((s) => s.trim());
}

function listSource(list: (string | RunInput)[]): ChoiceSource {
  let i = 0;
  return {
    retry: false,
    next: async () => list[i++],
    close: () => undefined,
    unused: () => Math.max(0, list.length - i),
  };
}

/** Lines from stdin: typed on a terminal (with a prompt) or piped. */
function lineSource(prompt: boolean): ChoiceSource {
  const tty = process.stdin.isTTY === true;
  const rl: Interface = createInterface({
    input: process.stdin,
    output: tty ? process.stdout : undefined,
    terminal: tty,
  });
  const lines = rl[Symbol.asyncIterator]();
  const source: ChoiceSource = {
    retry: true,
    async next() {
      if (prompt && tty) {
        rl.setPrompt('> ');
        rl.prompt();
      }
      const r = await lines.next();
      return r.done ? undefined : (r.value as string);
    },
    close: () => rl.close(),
  };
  rl.on('SIGINT', () => {
    source.interrupted = true;
    rl.close();
  });
  return source;
}

function useColor(values: OptionValues): boolean {
  if (values['no-color']) return false;
  if (values.color) return true;
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return process.stdout.isTTY === true;
}

/** An existing file named on the command line, as an absolute path. */
function readableFile(path: string | undefined, what: string, cwd: string): string | undefined {
  if (path === undefined) return undefined;
  const abs = resolve(cwd, path);
  let ok = false;
  try {
    ok = statSync(abs).isFile();
  } catch {
    throw new InputError(`Cannot read the ${what} ${path}: no such file.`);
  }
  if (!ok) throw new InputError(`Cannot read the ${what} ${path}: it is not a file.`);
  return abs;
}
