/**
 * The source of the precompiled validators (ajv's standalone code): the published schemas compiled with
 * the options used at run time, exported under the names schema-precompiled.ts declares. The build
 * bundles it in place of that module; a test checks that it reports exactly what run-time compiling does.
 */
import Ajv2020 from 'ajv/dist/2020';
import standaloneCode from 'ajv/dist/standalone';
import { AJV_OPTIONS, SCHEMAS } from './validators';

export function precompiledSource(): string {
  const ajv = new Ajv2020({ ...AJV_OPTIONS, code: { ...AJV_OPTIONS.code, source: true } });
  const ids: Record<string, string> = {};
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    ajv.addSchema(schema);
    ids[name] = (schema as { $id: string }).$id;
  }
  ids.step = `${ids.scenario}#/$defs/step`;
  return standaloneCode(ajv, ids);
}
