/**
 * Hand-built FlowGraphs for the webview tests and the preview benchmark: one realistic 30-step call
 * (a structure fire with a caller trapped upstairs) and a generator of N-step calls built from the same
 * kind of material, with choices, timers, grade changes, ends of every result and back edges.
 */
import type { FlowGraph, GraphEdge, GraphNode, GraphStepKind } from '../../server/src/shared/graph';

const range = (line: number) => ({ start: { line, character: 2 }, end: { line, character: 12 } });

export type StepSpec = [id: string, kind: GraphStepKind, text: string, extra?: Partial<GraphNode>];
export type EdgeSpec = [
  from: string,
  to: string,
  kind?: GraphEdge['kind'],
  label?: string,
  extra?: Partial<GraphEdge>,
];

/** Builds a graph from compact step and edge lists (ranges are synthetic, one line per step). */
export function buildGraph(
  title: string,
  steps: StepSpec[],
  edges: EdgeSpec[],
  start = steps[0]?.[0],
): FlowGraph {
  const nodes: GraphNode[] = steps.map(([id, kind, text, extra], i) => ({
    id,
    kind,
    text,
    range: range(i * 4 + 3),
    fullRange: { start: { line: i * 4 + 3, character: 2 }, end: { line: i * 4 + 6, character: 0 } },
    reachable: true,
    problems: [],
    ...extra,
  }));
  const counts = new Map<string, number>();
  const graphEdges: GraphEdge[] = edges.map(([from, to, kind = 'next', label, extra]) => {
    const n = counts.get(`${from}${kind}`) ?? 0;
    counts.set(`${from}${kind}`, n + 1);
    return { id: `${from}->${to}#${kind}#${n}`, from, to, kind, label, range: range(0), ...extra };
  });
  const graph: FlowGraph = {
    uri: 'file:///work/scenarios/fixture.callflow.yaml',
    version: 1,
    title,
    start,
    nodes,
    edges: graphEdges,
  };
  markReachable(graph);
  return graph;
}

function markReachable(graph: FlowGraph): void {
  const seen = new Set<string>(graph.start ? [graph.start] : []);
  const stack = [...seen];
  while (stack.length) {
    const id = stack.pop() as string;
    for (const e of graph.edges) {
      if (e.from === id && !seen.has(e.to)) {
        seen.add(e.to);
        stack.push(e.to);
      }
    }
  }
  for (const n of graph.nodes) n.reachable = seen.has(n.id);
}

/** A realistic 30-step scenario: a house fire, caller trapped upstairs with a child. */
export function houseFireScenario(): FlowGraph {
  const critical = { critical: 'Told the caller to go back downstairs through the smoke' };
  return buildGraph(
    'House fire — caller trapped upstairs',
    [
      ['open', 'handler', 'Emergency, which service do you need?'],
      ['fire', 'caller', "Fire! My house is on fire and we can't get downstairs!"],
      ['ask-address', 'handler', "What's the address of the house on fire?", { facts: ['address'] }],
      ['address', 'caller', '14 Larch Close, off Station Road — the white house at the end.'],
      [
        'dispatch-fire',
        'action',
        'Dispatch fire and rescue, priority one, persons reported',
        { action: 'dispatch', to: 'fire-rescue' },
      ],
      ['who-inside', 'handler', 'Who is in the house with you right now?'],
      ['inside', 'caller', "Me and my daughter Maya, she's six. We're in her bedroom at the back."],
      ['smoke-check', 'choice', 'The caller says smoke is coming under the door. What do you tell them?'],
      [
        'stay-put',
        'handler',
        'Stay in the room, shut the door and put towels or bedding along the bottom of it.',
      ],
      ['go-down', 'handler', 'Try to get down the stairs and out of the front door.'],
      [
        'critical-end',
        'end',
        'Caller and child overcome by smoke on the stairs.',
        { result: 'critical-failure' },
      ],
      ['window', 'handler', 'Is there a window in the room? Open it and stay low, near the window.'],
      ['window-open', 'caller', "It's open. I can hear sirens... I think."],
      ['breathing', 'choice', 'Maya is coughing badly. What do you ask?'],
      [
        'ask-breathing',
        'handler',
        'Is Maya breathing normally, or is she struggling to breathe?',
        { facts: ['breathing'] },
      ],
      [
        'ask-age-again',
        'handler',
        'How old did you say Maya is?',
        {
          problems: [
            {
              ruleId: 'flow/repeated-question',
              severity: 'warning',
              message: 'Asks for information the caller already gave (age, in step inside).',
            },
          ],
        },
      ],
      ['coughing', 'caller', "She's coughing but she's talking to me. She's scared."],
      [
        'dispatch-amb',
        'action',
        'Add an ambulance for smoke inhalation, child',
        { action: 'dispatch', to: 'ambulance', grade: 'pass' },
      ],
      ['wait-crew', 'timer', 'No update from the crew for 45 seconds'],
      [
        'reassure',
        'handler',
        "Help is two minutes away. Stay by the window and keep talking to me, you're doing really well.",
      ],
      ['panic', 'caller', "The smoke is getting thicker! Should we jump? I'm going to jump!"],
      ['jump-choice', 'choice', 'The caller wants to jump from the first-floor window.'],
      [
        'dont-jump',
        'handler',
        "Don't jump. The crew is arriving now with a ladder. Wave something out of the window so they see you.",
      ],
      [
        'ok-jump',
        'handler',
        'If you have to, lower Maya first, then hang from the sill and drop.',
        { grade: 'acceptable' },
      ],
      [
        'update-crew',
        'action',
        'Pass location in the house to the incoming crew: rear first-floor bedroom, two persons',
        { action: 'inform', to: 'fire-rescue', grade: 'pass' },
      ],
      ['crew-arrives', 'caller', "I can see them! They're putting a ladder up."],
      ['end-pass', 'end', 'Both rescued by ladder; child treated for smoke inhalation.', { result: 'pass' }],
      ['end-acceptable', 'end', 'Caller injured in the drop; both survive.', { result: 'acceptable' }],
      ['line-dead', 'timer', 'The line goes quiet for 20 seconds'],
      [
        'old-callback',
        'handler',
        'Call back on the number shown <img src=x onerror=alert(1)>',
        {
          reachable: false,
          problems: [
            {
              ruleId: 'flow/unreachable',
              severity: 'error',
              message: 'Step old-callback cannot be reached from start.',
            },
          ],
        },
      ],
    ],
    [
      ['open', 'fire'],
      ['fire', 'ask-address'],
      ['ask-address', 'address'],
      ['address', 'dispatch-fire'],
      ['dispatch-fire', 'who-inside'],
      ['who-inside', 'inside'],
      ['inside', 'smoke-check'],
      ['smoke-check', 'stay-put', 'choice', 'Stay in the room, seal the door', { score: 2 }],
      ['smoke-check', 'go-down', 'choice', 'Get out down the stairs', { score: -5, ...critical }],
      ['go-down', 'critical-end'],
      ['stay-put', 'window'],
      ['window', 'window-open'],
      ['window-open', 'breathing'],
      ['breathing', 'ask-breathing', 'choice', 'Ask about breathing', { score: 1 }],
      ['breathing', 'ask-age-again', 'choice', 'Ask her age again', { score: -1 }],
      ['ask-age-again', 'coughing'],
      ['ask-breathing', 'coughing'],
      ['coughing', 'dispatch-amb'],
      ['dispatch-amb', 'wait-crew'],
      ['wait-crew', 'reassure', 'timeout', 'after 45 s'],
      ['reassure', 'panic'],
      ['panic', 'jump-choice'],
      ['jump-choice', 'dont-jump', 'choice', 'Tell them not to jump'],
      ['jump-choice', 'ok-jump', 'choice', 'Talk them through a safe drop'],
      ['dont-jump', 'update-crew'],
      ['update-crew', 'crew-arrives'],
      ['crew-arrives', 'end-pass'],
      ['ok-jump', 'end-acceptable'],
      ['reassure', 'line-dead', 'timeout', 'caller silent 20 s'],
      ['line-dead', 'who-inside', 'next', 'call back, re-establish'],
    ],
  );
}

const CALLER_LINES = [
  "He's not breathing, please hurry!",
  "I'm outside the supermarket on Mill Lane, there's been a crash.",
  "There's a man with a knife in the car park, he's shouting at people.",
  "My neighbour's been screaming and now it's gone quiet.",
  "I don't know the address, I'm on the motorway heading north.",
  "She fell down the stairs and she won't wake up.",
  'The smoke is coming from the flat below mine.',
  "He's drunk and he's trying to get into my house.",
];
const HANDLER_LINES = [
  "What's the exact address of the emergency?",
  'Is the person awake and breathing normally?',
  'Are you somewhere safe right now?',
  'Can you describe the man? What is he wearing?',
  'Which direction did the car go?',
  'Is anyone injured? Is anyone bleeding heavily?',
  "Stay on the line with me, I'm arranging help now.",
  'Can you see any road signs or junction numbers?',
];
const ACTIONS: [string, string][] = [
  ['Dispatch police, immediate response', 'police'],
  ['Dispatch ambulance, category 1', 'ambulance'],
  ['Request fire and rescue with cutting equipment', 'fire-rescue'],
  ['Notify the duty inspector', 'supervisor'],
];
const LABELS = [
  'Ask for the location first',
  'Reassure and keep talking',
  'Ask about weapons',
  'End the call',
  'Give CPR instructions',
];

/** A generated call of `n` steps in segments of eight: caller, prompt, choice, two branches, action, timer, end. */
export function generateGraph(n: number, seed = 1): FlowGraph {
  const steps: StepSpec[] = [];
  const edges: EdgeSpec[] = [];
  let s = seed;
  const rnd = (k: number) => ((s = (s * 1103515245 + 12345) % 2147483648), s % k);
  const segments = Math.max(1, Math.ceil(n / 8));
  for (let g = 0; g < segments; g++) {
    const p = `s${g}`;
    const next = `s${g + 1}-caller`;
    const last = g === segments - 1;
    const [act, to] = ACTIONS[rnd(ACTIONS.length)];
    steps.push(
      [`${p}-caller`, 'caller', CALLER_LINES[rnd(CALLER_LINES.length)]],
      [`${p}-ask`, 'handler', HANDLER_LINES[rnd(HANDLER_LINES.length)]],
      [`${p}-choice`, 'choice', `Decision ${g + 1}: how does the handler respond?`],
      [`${p}-good`, 'handler', HANDLER_LINES[rnd(HANDLER_LINES.length)]],
      [
        `${p}-poor`,
        'handler',
        HANDLER_LINES[rnd(HANDLER_LINES.length)],
        g % 5 === 2
          ? {
              problems: [
                {
                  ruleId: 'flow/no-location',
                  severity: 'warning',
                  message: 'No location asked before dispatch.',
                },
              ],
            }
          : {},
      ],
      [`${p}-act`, 'action', act, { action: 'dispatch', to, grade: g % 3 === 0 ? 'acceptable' : undefined }],
      [`${p}-wait`, 'timer', `Caller silent for ${10 + rnd(50)} seconds`],
      [
        `${p}-end`,
        'end',
        'The call ends here.',
        { result: (['fail', 'critical-failure', 'acceptable'] as const)[g % 3] },
      ],
    );
    edges.push(
      [`${p}-caller`, `${p}-ask`],
      [`${p}-ask`, `${p}-choice`],
      [`${p}-choice`, `${p}-good`, 'choice', LABELS[rnd(LABELS.length)], { score: 2 }],
      [
        `${p}-choice`,
        `${p}-poor`,
        'choice',
        LABELS[rnd(LABELS.length)],
        g % 2 ? { critical: 'Unsafe advice', score: -5 } : { score: -1 },
      ],
      [`${p}-poor`, `${p}-end`],
      [`${p}-good`, `${p}-act`],
      [`${p}-act`, `${p}-wait`],
      [`${p}-wait`, last ? `${p}-end` : next, 'timeout', 'after 30 s'],
    );
    if (g > 0 && g % 4 === 0) edges.push([`${p}-wait`, `s${g - 3}-ask`, 'next', 'ask again']);
  }
  steps.length = Math.min(steps.length, Math.max(n, 1));
  const ids = new Set(steps.map((x) => x[0]));
  return buildGraph(
    `Generated call (${n} steps)`,
    steps,
    edges.filter(([a, b]) => ids.has(a) && ids.has(b)),
  );
}
