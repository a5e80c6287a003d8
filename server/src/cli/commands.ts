/**
 * The commands other than `check` and `rules`, in a bundle of their own (dist/cli-commands.js), loaded
 * only when one of them runs: `callflow check` compiles none of their code (export's page, the diff,
 * routes, tests, the zip writer…). main.ts loads it through V8's code cache, as cli.js loads main.
 */
export { diff } from './diff-command';
export { exportCommand } from './export/command';
export { graph } from './graph-command';
export { mergeReports } from './merge';
export { newScenario } from './new-command';
export { play } from './play';
export { codes } from './codes-command';
export { routes } from './routes-command';
export { testCommand } from './test-command';
