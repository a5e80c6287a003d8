/**
 * JSON Schema checks (ajv, draft 2020-12 with the `kind` discriminator): the compiled validators, and
 * the checks of a whole document or of one step. errors.ts maps ajv's errors to problems.
 */
import Ajv2020, { type ErrorObject, type Options, type ValidateFunction } from 'ajv/dist/2020';
import scenarioSchema from '../../../../schemas/scenario.schema.json';
import codesSchema from '../../../../schemas/codes.schema.json';
import configSchema from '../../../../schemas/config.schema.json';
import * as PRECOMPILED from './precompiled';
import type { ScenarioDocument } from '../syntax/parse';
import type { Problem } from '../model/types';
import { mapErrors } from './errors';

export type SchemaName = 'scenario' | 'codes' | 'config';

export const SCHEMAS: Record<SchemaName, object> = {
  scenario: scenarioSchema,
  codes: codesSchema,
  config: configSchema,
};

/** The published schema objects (for hover and completion, which read titles and descriptions). */
export function schemaObject(name: SchemaName): Record<string, unknown> {
  return SCHEMAS[name] as Record<string, unknown>;
}

/** Validators compiled ahead of time, by schema (and `step`: the scenario schema's step definition). */
export type Precompiled = Partial<Record<SchemaName | 'step', ValidateFunction>>;

/** How the schemas are compiled (at run time, and ahead of time by the build: see schema-code.ts). */
export const AJV_OPTIONS: Options = { allErrors: true, discriminator: true, strict: false, verbose: true };

/**
 * Compiled validators, created once per service and compiled on first use — or, in the bundles, taken
 * from the code the build generated from the same schemas and options (no compiling at start-up).
 */
export class SchemaValidators {
  private ajvInstance: Ajv2020 | undefined;
  private readonly compiled = new Map<SchemaName, ValidateFunction>();

  constructor(private readonly precompiled: Precompiled = PRECOMPILED) {}

  private get ajv(): Ajv2020 {
    return (this.ajvInstance ??= new Ajv2020(AJV_OPTIONS));
  }

  get(name: SchemaName): ValidateFunction {
    let v = this.compiled.get(name);
    if (!v) {
      v = this.precompiled[name] ?? this.ajv.compile(SCHEMAS[name]);
      this.compiled.set(name, v);
    }
    return v;
  }

  private stepValidator: ValidateFunction | undefined;

  /** The scenario schema's step definition, compiled with it (one step's value is checked alone). */
  step(): ValidateFunction {
    if (!this.stepValidator && this.precompiled.step) this.stepValidator = this.precompiled.step;
    if (!this.stepValidator) {
      this.get('scenario');
      const id = (SCHEMAS.scenario as { $id: string }).$id;
      const v = this.ajv.getSchema(`${id}#/$defs/step`);
      if (!v) throw new Error('The scenario schema has no step definition.');
      this.stepValidator = v;
    }
    return this.stepValidator;
  }
}

/** Validates a parsed document against a schema and maps the errors to problems. */
export function validateAgainst(
  name: SchemaName,
  doc: ScenarioDocument,
  validators: SchemaValidators,
): Problem[] {
  if (!doc.convertible || doc.value === undefined) return [];
  const validate = validators.get(name);
  if (validate(doc.value)) return [];
  return mapErrors(doc, validate.errors ?? []);
}

/** Schema problems of a scenario, split into those inside one step's value and the rest. */
export interface GroupedSchemaProblems {
  /** Problems outside any step's value (top-level properties, the steps mapping itself). */
  top: Problem[];
  /** Problems inside a step, by the step's index. */
  steps: Map<number, Problem[]>;
}

/**
 * The scenario schema's problems, grouped by step: a step's own problems depend on its value alone, so
 * an edit inside one step needs only that step checked again (validateStep).
 */
export function validateScenarioGrouped(
  doc: ScenarioDocument,
  validators: SchemaValidators,
): GroupedSchemaProblems {
  const grouped: GroupedSchemaProblems = { top: [], steps: new Map() };
  if (!doc.convertible || doc.value === undefined) return grouped;
  const validate = validators.get('scenario');
  if (validate(doc.value)) return grouped;
  const byStep = new Map<number, ErrorObject[]>();
  const top: ErrorObject[] = [];
  for (const err of validate.errors ?? []) {
    const m = /^\/steps\/([^/]+)/.exec(err.instancePath);
    const step = m ? doc.stepsById.get(unescapePointer(m[1])) : undefined;
    if (!step) top.push(err);
    else {
      const list = byStep.get(step.index);
      if (list) list.push(err);
      else byStep.set(step.index, [err]);
    }
  }
  grouped.top = top.length ? mapErrors(doc, top) : [];
  for (const [index, errors] of byStep) grouped.steps.set(index, mapErrors(doc, errors));
  return grouped;
}

/** The schema problems inside one step's value (the same as validateScenarioGrouped gives for it). */
export function validateStep(doc: ScenarioDocument, id: string, validators: SchemaValidators): Problem[] {
  const steps = (doc.value as { steps?: Record<string, unknown> } | undefined)?.steps;
  if (!doc.convertible || !steps || typeof steps !== 'object' || !Object.hasOwn(steps, id)) return [];
  const validate = validators.step();
  if (validate(steps[id])) return [];
  const prefix = `/steps/${id.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  const errors = (validate.errors ?? []).map((e) => ({ ...e, instancePath: prefix + e.instancePath }));
  return mapErrors(doc, errors);
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}
