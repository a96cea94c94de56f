import type { z } from 'zod';
import { type ErrorDetail, ValidationError } from './errors.ts';

/**
 * Parses untrusted input with a zod schema and turns every problem into a field-named error,
 * so a client learns all that is wrong at once.
 *
 * @example
 * const input = parseInput(articleCreateSchema, body, { fieldPrefix: '' });
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  options: { fieldPrefix?: string } = {},
): z.output<S> {
  // reportInput tells a missing field (input undefined) from one of the wrong type.
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.flatMap((issue) => describeIssue(issue, options.fieldPrefix ?? '')),
  );
}

function fieldName(prefix: string, path: PropertyKey[]): string {
  const joined = path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
  return `${prefix}${joined}`.replace(/^\./, '');
}

function describeIssue(issue: z.core.$ZodIssue, prefix: string): ErrorDetail[] {
  const field = fieldName(prefix, issue.path);
  const name = field || 'body';
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const unknownField = fieldName(prefix, [...issue.path, key]);
        return {
          code: 'UNKNOWN_FIELD',
          message: `"${unknownField}" is not a field that can be set here.`,
          field: unknownField,
        };
      });
    case 'invalid_type':
      if (issue.input === undefined)
        return [{ code: 'FIELD_REQUIRED', message: `"${name}" is required.`, field: name }];
      return [
        { code: 'FIELD_INVALID', message: `"${name}" must be ${article(issue.expected)}.`, field: name },
      ];
    case 'too_big':
      return [
        {
          code: 'FIELD_TOO_LONG',
          message: `"${name}" ${limitText('at most', issue.maximum, issue.origin)}.`,
          field: name,
        },
      ];
    case 'too_small':
      if (issue.origin === 'string' && issue.minimum === 1) {
        return [{ code: 'FIELD_REQUIRED', message: `"${name}" must not be empty.`, field: name }];
      }
      return [
        {
          code: 'FIELD_TOO_SHORT',
          message: `"${name}" ${limitText('at least', issue.minimum, issue.origin)}.`,
          field: name,
        },
      ];
    case 'invalid_value':
      return [
        {
          code: 'FIELD_INVALID',
          message: `"${name}" must be one of: ${issue.values.map((v) => String(v)).join(', ')}.`,
          field: name,
        },
      ];
    default:
      return [
        { code: 'FIELD_INVALID', message: `"${name}" ${issue.message}.`.replace(/\.\.$/, '.'), field: name },
      ];
  }
}

function article(expected: string): string {
  const words: Record<string, string> = {
    string: 'a string',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    array: 'a list',
    object: 'an object',
  };
  return words[expected] ?? `of type ${expected}`;
}

function limitText(bound: string, limit: number | bigint, origin: string): string {
  if (origin === 'string') return `must be ${bound} ${limit} characters`;
  if (origin === 'array') return `must hold ${bound} ${limit} items`;
  return `must be ${bound} ${limit}`;
}
