/**
 * Request parameters read defensively: a client can send anything. Missing or ill-typed parameters are
 * answered with InvalidParams (a protocol error, not a bug of ours), never reach the service, and are
 * not counted as internal errors.
 */
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import type { Position, Range } from '../service';

function invalid(what: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, `Invalid params: ${what}.`);
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (!value || typeof value !== 'object') throw invalid(`${what} is missing`);
  return value as Record<string, unknown>;
}

function integer(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw invalid(`${what} must be an integer`);
  return value;
}

/** `params.textDocument.uri` (or `params.uri` for the custom requests that name a document so). */
export function documentUri(params: unknown, key: 'textDocument' | 'uri' = 'textDocument'): string {
  const p = record(params, 'params');
  const uri = key === 'uri' ? p.uri : record(p.textDocument, 'textDocument').uri;
  if (typeof uri !== 'string')
    throw invalid(`${key === 'uri' ? 'uri' : 'textDocument.uri'} must be a string`);
  return uri;
}

/** A position with integer line and character (clamped into the document later). */
export function position(value: unknown, what = 'position'): Position {
  const p = record(value, what);
  return { line: integer(p.line, `${what}.line`), character: integer(p.character, `${what}.character`) };
}

export function range(value: unknown, what = 'range'): Range {
  const r = record(value, what);
  return { start: position(r.start, `${what}.start`), end: position(r.end, `${what}.end`) };
}

export function string(value: unknown, what: string): string {
  if (typeof value !== 'string') throw invalid(`${what} must be a string`);
  return value;
}

/** An optional object member (`context` of a completion), or an empty record. */
export function optional(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/** A required object member. */
export function required(value: unknown, what: string): Record<string, unknown> {
  return record(value, what);
}
