/** Small scenarios shared by tests that need a valid file and do not care what it says. */

/** Two steps: a handler asks for the address, then the call ends (an LF file ending in a newline). */
export const MINIMAL_SCENARIO = [
  'callflow: 1',
  'id: t',
  'title: T',
  'start: answer',
  'steps:',
  '  answer:',
  '    kind: handler',
  '    say: Police, what is the address?',
  '    next: done',
  '  done:',
  '    kind: end',
  '    outcome: {result: pass}',
  '',
].join('\n');
