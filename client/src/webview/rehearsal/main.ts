/**
 * Entry point of the rehearsal webview (bundled to `dist/rehearsal.js`): wires the host bridge to the
 * controller and says `ready`.
 */
import { createRehearsalBridge } from './bridge';
import { Rehearsal } from './controller';
import { saveRunButton } from './save';

const bridge = createRehearsalBridge();
const rehearsal = new Rehearsal((m) => bridge.post(m));
const saveButton = saveRunButton((m) => bridge.post(m));
bridge.listen(
  (message) => {
    rehearsal.handle(message);
    saveButton(message);
  },
  (raw) =>
    bridge.post({
      type: 'error',
      message: `ignored an invalid message: ${JSON.stringify(raw)?.slice(0, 200)}`,
    }),
);
bridge.post({ type: 'ready' });
