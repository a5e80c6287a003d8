/**
 * Snippets for new steps and choices, shared by completion (in the service) and the client's
 * "Insert step" command. Bodies use two-space relative indentation; editors re-indent them.
 */

/** A step snippet: its kind, a short description and the snippet body (`$1` placeholders). */
export interface StepSnippet {
  kind: 'caller' | 'handler' | 'action' | 'choice' | 'timer' | 'end';
  description: string;
  body: string;
}

/** One snippet per step kind. */
export const STEP_SNIPPETS: readonly StepSnippet[] = [
  {
    kind: 'caller',
    description: 'What the caller says or does',
    body: '${1:caller-step}:\n  kind: caller\n  say: "${2}"\n  next: ${3}',
  },
  {
    kind: 'handler',
    description: 'What the call handler says or asks',
    body: '${1:handler-step}:\n  kind: handler\n  say: "${2}"\n  asks: [${3}]\n  next: ${4}',
  },
  {
    kind: 'action',
    description: 'Something the handler does: grade, dispatch, transfer…',
    body: '${1:action-step}:\n  kind: action\n  action: ${2|grade,dispatch,transfer,conference,callback,history-check,safeguarding-referral,advice,record,silent-solution,close|}\n  next: ${3}',
  },
  {
    kind: 'choice',
    description: 'A decision point for the trainee',
    body: '${1:choice-step}:\n  kind: choice\n  prompt: ${2:What does the trainee do next?}\n  choices:\n    - label: ${3}\n      next: ${4}\n    - label: ${5}\n      next: ${6}',
  },
  {
    kind: 'timer',
    description: 'Time passes before the next step',
    body: '${1:timer-step}:\n  kind: timer\n  seconds: ${2:30}\n  next: ${3}',
  },
  {
    kind: 'end',
    description: 'The call ends here',
    body: '${1:end-step}:\n  kind: end\n  say: ${2}\n  outcome:\n    result: ${3|pass,acceptable,fail,critical-failure|}',
  },
];

/** A new option of a choice step, without the leading `- `. */
export const CHOICE_BODY = 'label: ${1:Option text}\n  next: ${2}';
