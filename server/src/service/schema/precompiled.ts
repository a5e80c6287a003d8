/**
 * Validators compiled ahead of time. None here, so code run from source (tests, tsx) compiles the
 * schemas at run time; the build (scripts/build.mjs) replaces this module with the standalone code
 * schema-code.ts generates, so the bundled server and CLI start without compiling a schema.
 */
import type { ValidateFunction } from 'ajv/dist/2020';

export const scenario: ValidateFunction | undefined = undefined;
export const codes: ValidateFunction | undefined = undefined;
export const config: ValidateFunction | undefined = undefined;
/** The scenario schema's step definition. */
export const step: ValidateFunction | undefined = undefined;
