/**
 * A seeded generator of realistic scenarios for the benchmarks: the opening of a 999 call (location
 * first, grade, dispatch, an ambulance conference with a full hand-over), then a long middle of
 * question-and-answer exchanges, choice points with a good route, a weaker detour and a critical
 * failure, advice and record actions, silences on the line with a timer and a regrade, hand-overs to
 * other services, and ends with outcomes. Clean files check clean with every rule; the `-errors`
 * variants carry about ten problems of different rules, listed in bench/.data/manifest.json.
 *
 * Run on its own: `tsx bench/generate.ts` (writes bench/.data/). `npm run bench` calls it first.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { rng } from '../test/support/rng';

export const DATA_DIR = resolve(__dirname, '.data');
export const SIZES = [200, 2000, 10000] as const;
export const MANY_FILES = 500;
export const MANY_STEPS = 200;

type Scalar = string | number | boolean;
type Value = Scalar | Scalar[] | Obj | Obj[] | { flow: Obj };
interface Obj {
  [key: string]: Value;
}
/** A step: ordered keys (a duplicate key is two entries with the same name). */
interface Step {
  id: string;
  props: [string, Value][];
}

const STREETS = [
  'Elm Road',
  'Mill Lane',
  'Station Road',
  'Church Street',
  'Orchard Way',
  'Victoria Terrace',
  'Park View',
  'Canal Side',
  'Bridge Street',
  'Queens Avenue',
  'Hillcrest Drive',
  'Market Place',
];
const TOWNS = ['Harbury', 'Kelford', 'Ashby Marsh', 'Longmoor', 'Westbrook', 'Fenwick', 'Stainby'];
const FIRST = [
  'Claire',
  'Sam',
  'Jo',
  'Priya',
  'Tom',
  'Aisha',
  'Gary',
  'Megan',
  'Daniel',
  'Ruth',
  'Kwame',
  'Lena',
];
const LAST = ['Dunn', 'Patel', 'Nolan', 'Hughes', 'Okafor', 'Byrne', 'Marsh', 'Kowalski', 'Reid', 'Ahmed'];
const DEMEANOUR = ['anxious', 'frightened', 'distressed', 'angry', 'calm', 'hysterical', 'confused'];
const THEMES = [
  {
    title: 'Fight outside a takeaway, one man hurt',
    category: '003',
    qualifiers: ['667'],
    danger: 'weapon',
    summary:
      'A fight outside a takeaway spills into the road; one man is on the ground and another has a bottle.',
  },
  {
    title: 'Neighbour dispute turning violent',
    category: '304',
    qualifiers: ['633'],
    danger: 'threat-to-life',
    summary: 'Shouting through the wall turns into a man threatening to kill his neighbour on the landing.',
  },
  {
    title: 'Collision with a pedestrian on a dual carriageway',
    category: '502',
    qualifiers: ['635'],
    danger: 'serious-injury',
    summary: 'A car has hit a pedestrian at dusk; traffic is still moving past the casualty.',
  },
  {
    title: 'Man with a knife in a supermarket car park',
    category: '003',
    qualifiers: ['667'],
    danger: 'knife',
    summary: 'Shoppers report a man waving a knife and shouting at people loading their cars.',
  },
];

const QUESTIONS: Record<string, string[]> = {
  'what-happened': [
    'Tell me exactly what has happened.',
    'What can you see right now?',
    'What is happening there now?',
  ],
  weapons: [
    'Have you seen any weapons at all?',
    'Is anyone holding anything in their hands?',
    'Did you see a knife, a bottle, anything like that?',
  ],
  injuries: [
    'Is anybody hurt? Where are they bleeding from?',
    'Is the injured man awake and talking?',
    'How badly is he hurt?',
  ],
  breathing: ['Is he breathing? Watch his chest for me.', 'Can you hear him breathing normally?'],
  'suspect-description': [
    'What does he look like? Height, build, clothes?',
    'Describe the man for me, top to bottom.',
    'What is he wearing?',
  ],
  'suspect-location': ['Where is he now? Can you still see him?', 'Is he still there with you?'],
  'direction-of-travel': ['Which way did they go?', 'Did they go on foot or in a car, and which way?'],
  'vehicle-description': [
    'What car was it? Colour, make, any of the number plate?',
    'Describe the vehicle for me.',
  ],
  hazards: [
    'Is there any traffic or anything dangerous near you?',
    'Is the road still open? Any fuel or glass?',
  ],
  'children-present': ['Are there any children in the house?', 'Is anyone else there with you?'],
  'caller-safety': ['Are you somewhere safe right now?', 'Can you get somewhere away from him?'],
  'callback-number': [
    'Is this the best number to call you back on?',
    'If we get cut off, is this number right?',
  ],
  name: ['Can I take your name?', 'What is your name, please?'],
  'previous-incidents': [
    'Has anything like this happened before?',
    'Have the police been called there before?',
  ],
  substances: ['Has he been drinking or taken anything?', 'Do you know if he has taken anything tonight?'],
  intentions: ['Did he say what he is going to do?', 'What exactly did he say he would do?'],
  access: ['How will officers get in? Is the door open?', 'Which entrance should the officers use?'],
};
const ANSWERS = [
  'He is still there, shouting at people going past.',
  'I can see two of them by the bus stop, one is holding his arm.',
  'No, I have not seen anything in his hands, but he keeps reaching into his jacket.',
  'He is about six foot, thin, grey hoodie with the hood up, dark jeans, white trainers.',
  'They went towards the station on foot, running.',
  'A silver Vauxhall Corsa, the plate starts with a K, I think.',
  'My two kids are upstairs in their bedroom, they are asleep.',
  'Yes, he had been drinking all afternoon at the club.',
  'The front door is open, it was kicked in.',
  'He said he would come back and finish it.',
  'There is broken glass everywhere and the road is still busy.',
  'I am in the shop now, the staff have locked the door.',
  'This is my mobile, yes, the one I am calling on.',
  'It is Jo, Jo Marsh.',
  'We called last month as well, about the same man.',
];
const SAFE_FACTS = [
  'child-present',
  'intoxication',
  'caller-safe',
  'suspect-left',
  'hazard',
  'repeat-caller',
  'no-injuries',
  'injury',
  'weapon',
  'threat',
];
const ADVICE = [
  'Stay where you are and keep the door locked. Do not go outside, whatever you hear.',
  'Do not approach him. Keep people back and tell me if anything changes.',
  'If it is safe, keep pressure on the wound with a clean cloth and keep him still.',
  'Stay on the line with me. Officers are on their way and I will tell you when they are close.',
  'Do not touch anything they might have handled; officers will want it for evidence.',
];
const RECORD = [
  '(Trainee updates the log with the description and circulates it to units.)',
  '(Trainee records the direction of travel and asks for a dog unit.)',
  '(Trainee adds the hazards to the incident so the crews know before they arrive.)',
  '(Trainee links the previous incidents at the address to this log.)',
];
const PROMPTS = [
  'The caller has gone quiet and is breathing fast. What does the trainee do next?',
  'The caller wants to go outside to help. What does the trainee say?',
  'Units are two minutes away. What does the trainee prioritise?',
  'The caller asks whether she should confront him. How does the trainee respond?',
  'A second caller is on hold about the same incident. What now?',
];
const GOOD = [
  'Keep the caller on the line and ask the next safety question',
  'Give clear safety advice and keep her talking',
  'Update the units with what has just been said',
];
const POOR = [
  'Ask for the full description again from the beginning',
  'Put the caller on hold to take the second call',
  'Ask for the spelling of the street name again',
];
const CRITICAL = [
  'Tell the caller to go and check on him',
  'End the call because officers are on the way',
  'Advise the caller to confront the suspect',
];

interface Options {
  steps: number;
  seed: number;
  id?: string;
}

export interface Injected {
  rule: string;
  step: string;
  what: string;
}

/** A clean scenario of exactly `steps` steps as a step list plus header text. */
function build(opts: Options): { header: string; steps: Step[]; theme: (typeof THEMES)[number] } {
  const r = rng(opts.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const theme = pick(THEMES);
  const street = `${1 + Math.floor(r() * 120)} ${pick(STREETS)}, ${pick(TOWNS)}`;
  const name = `${pick(FIRST)} ${pick(LAST)}`;
  const phone = `07700 900${String(Math.floor(r() * 1000)).padStart(3, '0')}`;
  const id = opts.id ?? `generated-${opts.steps}-${opts.seed}`;
  const header = [
    'callflow: 1',
    `id: ${id}`,
    `title: ${theme.title} (${opts.steps} steps)`,
    'version: "1.0"',
    'authors: [Callflow Studio bench]',
    'summary: >-',
    `  ${theme.summary} The trainee fixes the location, grades and dispatches, brings in the`,
    '  ambulance service with a full hand-over, and keeps the caller safe on the line.',
    'level: intermediate',
    'audience: [call-handler, dispatcher]',
    'objectives:',
    '  - Take the location before anything else',
    '  - Grade EMERGENCY and dispatch without delay',
    '  - Conference the ambulance service with a full hand-over',
    '  - Keep the caller safe and update units as details come in',
    'tags: [generated, violence, stay-on-line]',
    'duration: 900',
    'call:',
    '  line: 999',
    '  device: mobile',
    'caller:',
    `  who: Member of the public at the scene`,
    `  name: ${name}`,
    `  age: ${20 + Math.floor(r() * 50)}`,
    `  demeanour: ${pick(DEMEANOUR)}`,
    '  language: English',
    `  phone: "${phone}"`,
    'incident:',
    `  category: "${theme.category}"`,
    `  qualifiers: [${theme.qualifiers.map((q) => `"${q}"`).join(', ')}]`,
    `  location: ${street}`,
    '  truth: >-',
    '    Generated for benchmarks: a long call with many exchanges, choice points and silences.',
    'expected:',
    '  grade: EMERGENCY',
    `  category: "${theme.category}"`,
    '  thrive:',
    '    threat: Violence at the scene, suspect may return.',
    '    harm: Serious injury to the casualty or the caller.',
    '    risk: High until officers arrive.',
    '    investigation: Descriptions, direction of travel, CCTV.',
    '    vulnerability: Caller alone at night.',
    '    engagement: Stay on the line, give safety advice.',
    '  actions: [grade, dispatch, conference, advice, record]',
    '  targets:',
    '    location: 20',
    '    grade: 90',
    '    dispatch: 120',
    'start: answer',
    'steps:',
  ].join('\n');

  const steps: Step[] = [];
  const add = (id: string, props: [string, Value][]): void => {
    steps.push({ id, props });
  };
  const handover = (): Obj => ({
    location: street,
    nature: theme.title,
    grade: 'EMERGENCY',
    hazards: 'Suspect may still be nearby; traffic passing.',
    threats: '"I will finish you" (verbatim)',
  });
  add('answer', [
    ['kind', 'handler'],
    ['say', 'Police emergency, what is the address of your emergency?'],
    ['asks', ['location']],
    ['seconds', 4],
    ['next', 'address'],
  ]);
  add('address', [
    ['kind', 'caller'],
    ['event', 'speech'],
    ['say', `${street}. Please hurry, he has really hurt someone.`],
    ['seconds', 6],
    ['next', 'ask-what'],
  ]);
  add('ask-what', [
    ['kind', 'handler'],
    ['say', 'Tell me exactly what is happening.'],
    ['asks', ['what-happened']],
    ['seconds', 3],
    ['next', 'what'],
  ]);
  add('what', [
    ['kind', 'caller'],
    ['event', 'speech'],
    ['say', 'There is a man on the ground and the other one is still shouting that he will finish him.'],
    ['facts', [theme.danger, 'injury', 'threat']],
    ['quote', 'I will finish you'],
    ['seconds', 8],
    ['next', 'grade-emergency'],
  ]);
  add('grade-emergency', [
    ['kind', 'action'],
    ['action', 'grade'],
    ['grade', 'EMERGENCY'],
    ['category', theme.category],
    ['qualifiers', theme.qualifiers],
    ['rationale', 'Violence in progress with an injured casualty and a threat to life.'],
    ['seconds', 5],
    ['next', 'dispatch'],
  ]);
  add('dispatch', [
    ['kind', 'action'],
    ['action', 'dispatch'],
    ['to', 'police'],
    ['say', '(Two units assigned, nearest ETA six minutes.)'],
    ['seconds', 8],
    ['next', 'conference-ambulance'],
  ]);
  add('conference-ambulance', [
    ['kind', 'action'],
    ['action', 'conference'],
    ['to', 'ambulance'],
    ['handover', handover()],
    ['say', '(Ambulance control joins the call and takes the hand-over.)'],
    ['seconds', 20],
    ['next', 's1-ask'],
  ]);

  // The middle: segments until only the ends are left to add.
  const ENDS = 2; // end-pass and end-acceptable; critical ends are counted inside segments
  let seg = 1;
  const budget = () => opts.steps - steps.length - ENDS;
  while (budget() > 0) {
    const p = `s${seg}`;
    const nextSeg = `s${seg + 1}-ask`;
    const left = budget();
    const first = `${p}-ask`;
    const ask = pick(Object.keys(QUESTIONS));
    const askStep = (nextId: string): void =>
      add(first, [
        ['kind', 'handler'],
        ['say', pick(QUESTIONS[ask])],
        ['asks', [ask]],
        ['seconds', 2 + Math.floor(r() * 5)],
        ['next', nextId],
      ]);
    const answer = (id: string, nextId: string, extra: [string, Value][] = []): void => {
      const props: [string, Value][] = [
        ['kind', 'caller'],
        ['event', r() < 0.8 ? 'speech' : 'background-noise'],
        ['say', pick(ANSWERS)],
      ];
      if (r() < 0.3) props.push(['facts', [pick(SAFE_FACTS)]]);
      props.push(['seconds', 3 + Math.floor(r() * 8)], ...extra, ['next', nextId]);
      add(id, props);
    };
    const roll = r();
    if (left < 6) {
      // Fill: a question and answers.
      askStep(left >= 2 ? `${p}-answer` : nextSeg);
      if (left >= 2) answer(`${p}-answer`, left >= 3 ? `${p}-more` : nextSeg);
      for (let k = 3; k <= left; k++)
        answer(k === 3 ? `${p}-more` : `${p}-more${k}`, k < left ? `${p}-more${k + 1}` : nextSeg);
    } else if (roll < 0.35) {
      // Q&A, then a choice: good route on, a detour back, a critical failure end (6 steps).
      askStep(`${p}-answer`);
      answer(`${p}-answer`, `${p}-decide`);
      add(`${p}-decide`, [
        ['kind', 'choice'],
        ['prompt', pick(PROMPTS)],
        ['seconds', 3],
        [
          'choices',
          [
            { label: pick(GOOD), next: `${p}-advice`, score: 2 },
            { label: pick(POOR), next: `${p}-detour`, score: -1 },
            {
              label: pick(CRITICAL),
              next: `${p}-end-critical`,
              score: -10,
              critical: 'Puts the caller in danger.',
            },
          ],
        ],
      ]);
      add(`${p}-detour`, [
        ['kind', 'handler'],
        ['say', 'Sorry, can you go over that again for me?'],
        ['asks', [ask]],
        ['seconds', 6],
        ['notes', 'Costs time the caller may not have; debrief it.'],
        ['next', `${p}-advice`],
      ]);
      add(`${p}-advice`, [
        ['kind', 'action'],
        ['action', 'advice'],
        ['say', pick(ADVICE)],
        ['seconds', 8],
        ['next', nextSeg],
      ]);
      add(`${p}-end-critical`, [
        ['kind', 'end'],
        ['say', 'The caller goes outside and is assaulted. Debrief: the caller’s safety comes first.'],
        ['seconds', 0],
        ['outcome', { result: 'critical-failure' }],
      ]);
    } else if (roll < 0.5) {
      // A silence on the line: timeout to a timer, a regrade, a soft prompt (6 steps).
      askStep(`${p}-answer`);
      answer(`${p}-answer`, `${p}-record`, [['timeout', { flow: { seconds: 20, next: `${p}-silent` } }]]);
      add(`${p}-silent`, [
        ['kind', 'timer'],
        ['seconds', 10],
        ['event', 'silence'],
        ['say', '(Nothing on the line for twenty seconds.)'],
        ['next', `${p}-regrade`],
      ]);
      add(`${p}-regrade`, [
        ['kind', 'action'],
        ['action', 'grade'],
        ['grade', 'EMERGENCY'],
        ['rationale', 'Lost contact with the caller while the suspect is nearby; the grade stays EMERGENCY.'],
        ['seconds', 4],
        ['next', `${p}-prompt`],
      ]);
      add(`${p}-prompt`, [
        ['kind', 'handler'],
        ['say', 'If you can hear me but cannot talk, tap the phone twice.'],
        ['asks', ['caller-safety']],
        ['yesNo', true],
        ['seconds', 5],
        ['next', `${p}-record`],
      ]);
      add(`${p}-record`, [
        ['kind', 'action'],
        ['action', 'record'],
        ['say', pick(RECORD)],
        ['seconds', 10],
        ['next', nextSeg],
      ]);
    } else if (roll < 0.6) {
      // A hand-over to the neighbouring force (3 steps).
      askStep(`${p}-answer`);
      answer(`${p}-answer`, `${p}-transfer`);
      add(`${p}-transfer`, [
        ['kind', 'action'],
        ['action', 'conference'],
        ['to', 'other-force'],
        ['handover', handover()],
        ['say', '(The neighbouring force joins the call: the suspect may have crossed the boundary.)'],
        ['seconds', 15],
        ['next', nextSeg],
      ]);
    } else if (roll < 0.7) {
      // A loop: the caller does not understand, the handler asks again (with a way out).
      askStep(`${p}-answer`);
      answer(`${p}-answer`, `${p}-understood`);
      add(`${p}-understood`, [
        ['kind', 'choice'],
        ['prompt', 'Did the caller answer the question clearly?'],
        [
          'choices',
          [
            { label: 'Yes: move on', next: nextSeg, score: 1 },
            { label: 'No: ask again, more slowly', next: first, score: 0 },
          ],
        ],
      ]);
    } else {
      // Plain exchange with notes (3 steps).
      askStep(`${p}-answer`);
      answer(`${p}-answer`, `${p}-note`);
      add(`${p}-note`, [
        ['kind', 'action'],
        ['action', pick(['record', 'advice', 'history-check'])],
        ['say', pick(r() < 0.5 ? ADVICE : RECORD)],
        ['notes', 'A good moment to check the caller is still safe.'],
        ['seconds', 6],
        ['next', nextSeg],
      ]);
    }
    seg++;
  }
  // Point the last segment at the final choice between two ends.
  const lastSeg = `s${seg}-ask`;
  for (const s of steps)
    for (const kv of s.props) {
      if (kv[0] === 'next' && kv[1] === lastSeg) kv[1] = 'end-pass';
      if (kv[0] === 'choices') for (const c of kv[1] as Obj[]) if (c.next === lastSeg) c.next = 'end-pass';
    }
  // Make one ending acceptable, reached from the last choice point (or the last step).
  const lastChoice = [...steps].reverse().find((s) => s.props.some(([k]) => k === 'choices'));
  if (lastChoice) {
    const choices = lastChoice.props.find(([k]) => k === 'choices')![1] as Obj[];
    choices.push({ label: 'Reassure the caller and wait for officers', next: 'end-acceptable', score: 0 });
  } else {
    const last = steps[steps.length - 1];
    last.props.find(([k]) => k === 'next')![1] = 'end-acceptable';
  }
  add('end-pass', [
    ['kind', 'end'],
    ['say', 'Officers arrive, the casualty is treated and the suspect is detained nearby.'],
    ['seconds', 0],
    ['outcome', { result: 'pass' }],
  ]);
  add('end-acceptable', [
    ['kind', 'end'],
    ['say', 'Officers arrive; the suspect has gone, but the description leads to an arrest later.'],
    ['seconds', 0],
    ['outcome', { result: 'acceptable' }],
  ]);
  return { header, steps, theme };
}

/** About ten problems of different rules, spread over the middle of the file. */
function inject(steps: Step[], seed: number): Injected[] {
  const r = rng(seed ^ 0x5eed);
  const out: Injected[] = [];
  const n = steps.length;
  const byKind = (kind: string, from: number): Step => {
    for (let k = 0; k < n; k++) {
      const s = steps[(from + k) % n];
      if (
        s.id.startsWith('s') &&
        !s.id.endsWith('-regrade') &&
        s.props.some(([key, v]) => key === 'kind' && v === kind) &&
        !out.some((o) => o.step === s.id)
      )
        return s;
    }
    throw new Error(`no ${kind} step`);
  };
  const at = (i: number) => Math.floor(((i + r() * 0.8 + 0.1) / 11) * n);
  const set = (s: Step, key: string, v: Value) => {
    const kv = s.props.find(([k]) => k === key);
    if (kv) kv[1] = v;
    else s.props.splice(s.props.length - 1, 0, [key, v]);
  };

  // location-first: the opening asks what happened before the address.
  steps[0].props.find(([k]) => k === 'asks')![1] = ['what-happened'];
  steps[0].props.find(([k]) => k === 'say')![1] = 'Police emergency, what has happened?';
  const ask2 = steps.find((s) => s.id === 'ask-what')!;
  ask2.props.find(([k]) => k === 'asks')![1] = ['location', 'what-happened'];
  out.push({ rule: 'domain/location-first', step: 'answer', what: 'asks what-happened before the location' });

  let s = byKind('choice', at(0));
  (s.props.find(([k]) => k === 'choices')![1] as Obj[]).push({
    label: 'Transfer to the control-room supervisor',
    next: 'supervisor-handover',
    score: 0,
  });
  out.push({ rule: 'flow/dangling-next', step: s.id, what: 'a choice to a step that does not exist' });

  s = byKind('caller', at(1));
  s.props.splice(2, 0, ['sya', 'He has gone round the back.']);
  out.push({ rule: 'schema/unknown-property', step: s.id, what: 'sya: (typo of say)' });

  s = byKind('handler', at(2));
  set(s, 'kind', 'callr');
  out.push({ rule: 'schema/step-kind', step: s.id, what: 'kind: callr' });

  s = byKind('caller', at(3));
  set(s, 'event', 'shouting');
  out.push({ rule: 'schema/enum', step: s.id, what: 'event: shouting' });

  s = byKind('action', at(4));
  set(s, 'seconds', 'about ten');
  out.push({ rule: 'schema/type', step: s.id, what: 'seconds: "about ten"' });

  s = byKind('handler', at(5));
  s.props.splice(2, 0, ['say', 'Stay on the line for me.']);
  out.push({ rule: 'yaml/duplicate-key', step: s.id, what: 'say: twice' });

  s = byKind('action', at(6));
  set(s, 'action', 'grade');
  set(s, 'grade', 'PRIORITY');
  set(s, 'rationale', 'The suspect has left the area.');
  out.push({
    rule: 'domain/grade-floor',
    step: s.id,
    what: 'PRIORITY after a danger fact, no justification',
  });

  s = byKind('action', at(7));
  set(s, 'action', 'record');
  set(s, 'category', '399');
  out.push({ rule: 'code/unknown', step: s.id, what: 'category: "399"' });

  s = byKind('handler', at(8));
  const orphan: Step = {
    id: 'orphan-callback',
    props: [
      ['kind', 'handler'],
      ['say', 'I am calling you back on the number you gave.'],
      ['asks', ['caller-safety']],
      ['seconds', 5],
      ['next', s.id],
    ],
  };
  steps.splice(steps.indexOf(s), 0, orphan);
  out.push({ rule: 'flow/unreachable-step', step: orphan.id, what: 'no step leads here' });

  s = byKind('choice', at(9));
  (s.props.find(([k]) => k === 'choices')![1] as Obj[]).push({
    label: 'Put the caller on hold',
    next: 'on-hold',
    score: -2,
  });
  steps.splice(steps.indexOf(s) + 1, 0, {
    id: 'on-hold',
    props: [
      ['kind', 'handler'],
      ['say', 'Please hold, I will be right back.'],
      ['asks', ['caller-safety']],
      ['seconds', 30],
    ],
  });
  out.push({ rule: 'flow/dead-end', step: 'on-hold', what: 'a handler step with no next' });
  return out;
}

function scalar(v: Scalar): string {
  if (typeof v !== 'string') return String(v);
  if (
    /^[A-Za-z(][A-Za-z0-9 ,.()'’-]*$/.test(v) &&
    !/^(true|false|null|yes|no|on|off)$/i.test(v) &&
    !v.endsWith(' ')
  )
    return v;
  return JSON.stringify(v);
}

function flowMap(o: Obj): string {
  return `{${Object.entries(o)
    .map(([k, v]) => `${k}: ${scalar(v as Scalar)}`)
    .join(', ')}}`;
}

function serialise(header: string, steps: Step[]): string {
  const lines: string[] = [header];
  for (const s of steps) {
    lines.push(`  ${s.id}:`);
    for (const [k, v] of s.props) {
      const pad = '    ';
      if (Array.isArray(v)) {
        if (v.length && typeof v[0] === 'object') {
          lines.push(`${pad}${k}:`);
          for (const o of v as Obj[]) {
            const entries = Object.entries(o);
            entries.forEach(([ck, cv], i) =>
              lines.push(`${pad}${i ? '  ' : '- '}${ck}: ${scalar(cv as Scalar)}`),
            );
          }
        } else {
          const quote = k === 'qualifiers' || k === 'category';
          lines.push(
            `${pad}${k}: [${(v as Scalar[]).map((x) => (quote ? JSON.stringify(x) : scalar(x))).join(', ')}]`,
          );
        }
      } else if (typeof v === 'object') {
        if ('flow' in v) lines.push(`${pad}${k}: ${flowMap((v as { flow: Obj }).flow)}`);
        else {
          lines.push(`${pad}${k}:`);
          for (const [ck, cv] of Object.entries(v)) lines.push(`${pad}  ${ck}: ${scalar(cv as Scalar)}`);
        }
      } else if (k === 'category') lines.push(`${pad}${k}: ${JSON.stringify(String(v))}`);
      else if (k === 'say' || k === 'prompt') lines.push(`${pad}${k}: ${JSON.stringify(v)}`);
      else lines.push(`${pad}${k}: ${scalar(v)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** One scenario's text; with `errors`, also the problems injected into it. */
export function generate(opts: Options & { errors?: boolean }): { text: string; injected: Injected[] } {
  const { header, steps } = build(opts);
  const injected = opts.errors ? inject(steps, opts.seed) : [];
  return { text: serialise(header, steps), injected };
}

export interface DataSet {
  /** size → path of the clean file and of the one with errors */
  single: Record<number, { clean: string; errors: string }>;
  /** the folder of 500 files of 200 steps */
  many: string;
  manifest: string;
}

/** Writes every benchmark input under bench/.data/ (replacing what was there). */
export function writeDataSet(dir = DATA_DIR): DataSet {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const single: DataSet['single'] = {};
  const manifest: Record<string, { steps: number; bytes: number; injected: Injected[] }> = {};
  for (const steps of SIZES) {
    const clean = join(dir, `steps${steps}.scenario.yaml`);
    const errors = join(dir, `steps${steps}-errors.scenario.yaml`);
    const a = generate({ steps, seed: steps });
    const b = generate({ steps, seed: steps, errors: true, id: `generated-${steps}-errors` });
    writeFileSync(clean, a.text);
    writeFileSync(errors, b.text);
    manifest[clean] = { steps, bytes: Buffer.byteLength(a.text), injected: [] };
    manifest[errors] = { steps, bytes: Buffer.byteLength(b.text), injected: b.injected };
    single[steps] = { clean, errors };
  }
  const many = join(dir, 'files500');
  mkdirSync(many);
  for (let k = 0; k < MANY_FILES; k++) {
    const name = `f${String(k).padStart(3, '0')}.scenario.yaml`;
    writeFileSync(join(many, name), generate({ steps: MANY_STEPS, seed: 1000 + k, id: `file-${k}` }).text);
  }
  const manifestPath = join(dir, 'manifest.json');
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return { single, many, manifest: manifestPath };
}

if (require.main === module) {
  const t0 = Date.now();
  const set = writeDataSet();
  console.log(`bench data written to ${DATA_DIR} in ${Date.now() - t0} ms`);
  console.log(JSON.stringify(set, null, 2));
}
