import { z } from 'zod';
import { ApiError } from './api-error.js';
import { EdgeValidationPipe, fieldErrors } from './edge-validation.pipe.js';

describe('fieldErrors', () => {
  it('names a path parameter after the parameter', () => {
    expect(fieldErrors([{ message: 'bad id' }], { type: 'param', data: 'membershipId' })).toEqual([
      { field: 'membershipId', message: 'bad id' },
    ]);
  });

  it('joins nested paths and names each unknown key', () => {
    const issues = [
      { message: 'too short', path: ['roleSlug'] },
      { message: 'x', path: [{ key: 'a' }, 0] },
      Object.assign({ message: 'Unrecognized keys' }, { keys: ['extra', 'other'] }),
    ];
    expect(fieldErrors(issues, { type: 'body', data: undefined })).toEqual([
      { field: 'roleSlug', message: 'too short' },
      { field: 'a.0', message: 'x' },
      { field: 'extra', message: 'is not an accepted field' },
      { field: 'other', message: 'is not an accepted field' },
    ]);
  });
});

describe('EdgeValidationPipe', () => {
  const pipe = new EdgeValidationPipe();
  const schema = z.strictObject({ limit: z.coerce.number().int().max(10) });

  it('returns the parsed value (coerced) when valid and leaves schema-less arguments alone', async () => {
    await expect(pipe.transform({ limit: '5' }, { type: 'query', schema })).resolves.toEqual({
      limit: 5,
    });
    const raw = { anything: true };
    expect(pipe.transform(raw, { type: 'body' })).toBe(raw);
  });

  it('throws a 400 validation_failed ApiError with every bad field', async () => {
    const error: unknown = await Promise.resolve(
      pipe.transform({ limit: '50', x: 1 }, { type: 'query', schema }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).body).toMatchObject({
      statusCode: 400,
      code: 'validation_failed',
      fields: expect.arrayContaining([
        expect.objectContaining({ field: 'limit' }),
        { field: 'x', message: 'is not an accepted field' },
      ]),
    });
  });
});
