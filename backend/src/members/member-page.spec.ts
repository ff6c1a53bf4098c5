import { ApiError } from '../http/index.js';
import { pageOf } from './member-page.js';

const rows = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));
const ids = (page: { data: { id: string }[] }) => page.data.map((r) => r.id);

describe('pageOf (cursor pages over rows in memory)', () => {
  it('gives the first page with a next cursor only', () => {
    const page = pageOf(rows, { limit: 2 });
    expect(ids(page)).toEqual(['a', 'b']);
    expect(page.listMetadata).toEqual({ before: null, after: 'b' });
  });

  it('follows after to the next pages and ends without a next cursor', () => {
    const second = pageOf(rows, { limit: 2, after: 'b' });
    expect(ids(second)).toEqual(['c', 'd']);
    expect(second.listMetadata).toEqual({ before: 'c', after: 'd' });
    const last = pageOf(rows, { limit: 2, after: 'd' });
    expect(ids(last)).toEqual(['e']);
    expect(last.listMetadata).toEqual({ before: 'e', after: null });
  });

  it('goes back with before', () => {
    const page = pageOf(rows, { limit: 2, before: 'e' });
    expect(ids(page)).toEqual(['c', 'd']);
    expect(page.listMetadata).toEqual({ before: 'c', after: 'd' });
    expect(pageOf(rows, { limit: 2, before: 'b' }).listMetadata).toEqual({
      before: null,
      after: 'a',
    });
  });

  it('answers an empty list with no cursors', () => {
    expect(pageOf([], { limit: 5 })).toEqual({
      data: [],
      listMetadata: { before: null, after: null },
    });
  });

  it('refuses a cursor that is not in the list with a 400 naming the field', () => {
    let error: unknown;
    try {
      pageOf(rows, { limit: 2, after: 'zzz' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).body).toMatchObject({
      statusCode: 400,
      code: 'validation_failed',
      fields: [{ field: 'after', message: expect.any(String) }],
    });
  });
});
