// `node:assert/strict` for the tests in the browser's web worker host (scripts alias it here): the few
// assertions the extension-host tests use, with the same meaning.
function fail(message: string | Error | undefined, fallback: string): never {
  if (message instanceof Error) throw message;
  throw new Error(message ?? fallback);
}

export function ok(value: unknown, message?: string | Error): asserts value {
  if (!value) fail(message, `expected a truthy value, got ${String(value)}`);
}

export function equal<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T {
  if (!Object.is(actual, expected))
    fail(message, `expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

export function notEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (Object.is(actual, expected)) fail(message, `expected a value other than ${JSON.stringify(expected)}`);
}

export function deepEqual<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T {
  const a = JSON.stringify(actual);
  const b = JSON.stringify(expected);
  if (a !== b) fail(message, `expected ${b}, got ${a}`);
}

export function match(value: string, pattern: RegExp, message?: string | Error): void {
  if (!pattern.test(value)) fail(message, `expected ${JSON.stringify(value)} to match ${String(pattern)}`);
}

export function doesNotMatch(value: string, pattern: RegExp, message?: string | Error): void {
  if (pattern.test(value)) fail(message, `expected ${JSON.stringify(value)} not to match ${String(pattern)}`);
}
