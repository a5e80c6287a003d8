/** The flow diff's data: shared with the CLI and the editor (see shared/flow-diff.ts). */
export * from '../../shared/flow-diff';
