/**
 * Documentation of the problems on a recorded-run file (`*.runs.yaml`, docs/runs.md): found by replaying
 * its runs through the scenario (runs/replay.ts), not by a rule over the scenario.
 */
import type { RuleInfo } from './engine';

export const RUNS_RULES: readonly RuleInfo[] = [
  {
    id: 'runs/unknown-choice',
    severity: 'error',
    title: 'Every recorded choice is still offered',
    why: 'A recorded run names each choice by its option label or the step it leads to. When the scenario no longer offers it (an option reworded or removed, a step renamed), the run cannot be replayed and the route it guarded is no longer tested.',
    bad: '# x.runs.yaml\nruns:\n  - name: model answer\n    choices: [Stay on the line]  # the option is now "Stay on the open line"',
    good: '# x.runs.yaml\nruns:\n  - name: model answer\n    choices: [listen]  # the step the option leads to: survives rewording',
    fix: 'Follow the did-you-mean, name the option by the step it leads to, or record the run again from the rehearsal panel.',
  },
  {
    id: 'runs/unknown-step',
    severity: 'error',
    title: 'Every step a run names exists',
    why: 'A run that starts at, or expects to end at, a step the scenario no longer has tests nothing.',
    bad: '# x.runs.yaml\nruns:\n  - name: model answer\n    expect: {end: end-good}  # the end is now end-pass',
    good: '# x.runs.yaml\nruns:\n  - name: model answer\n    expect: {end: end-pass}',
    fix: 'Follow the did-you-mean, or rename the step in the run file too.',
  },
  {
    id: 'runs/failed',
    severity: 'warning',
    title: 'Every recorded run still ends as expected',
    why: 'A recorded run guards a known route: the model answer still passes in time, the careless route still fails for the right reason. A change to the scenario that changes how the route ends is either a bug or a change the run file must record, on purpose, in the same review.',
    bad: '# x.runs.yaml\nruns:\n  - name: model answer\n    choices: [listen, log-drop]\n    expect: {score: 9}  # a retuned option now gives 7',
    good: '# x.runs.yaml\nruns:\n  - name: model answer\n    choices: [listen, log-drop]\n    expect: {score: 7}',
    fix: 'If the scenario is right, update the expectation (or save the run again from the rehearsal panel); otherwise fix the scenario. `callflow test` fails on it in CI.',
  },
];
