/**
 * The panel's "Save as test" button: enabled while the run shown has reached an end; a click (or S, or
 * the host's `press` of S) asks the host to record that run (the inputs it was computed from) in the
 * scenario's run file. The host replays the inputs itself, so what is saved is exactly the run the
 * panel shows.
 */
import type {
  RehearsalHostMessage,
  RehearsalWebviewMessage,
} from '../../../../server/src/shared/rehearsal-protocol';
import type { RunInput } from '../../../../server/src/shared/rehearsal';
import { byId } from './dom';

/** Wires the button; returns what to call with every valid host message. */
export function saveRunButton(post: (m: RehearsalWebviewMessage) => void): (m: RehearsalHostMessage) => void {
  const button = byId<HTMLButtonElement>('save-run');
  let inputs: RunInput[] | undefined;
  const save = () => {
    if (inputs) post({ type: 'save-run', inputs });
  };
  button.addEventListener('click', save);
  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.target instanceof HTMLInputElement) return;
    if (e.key === 's' || e.key === 'S') save();
  });
  return (m) => {
    if (m.type === 'press' && (m.key === 's' || m.key === 'S')) return save();
    if (m.type === 'unavailable') inputs = undefined;
    else if (m.type === 'run')
      inputs = m.view.waiting.kind === 'end' ? m.inputs.slice(0, m.view.used) : undefined;
    else return;
    button.disabled = !inputs;
  };
}
