import { ApiError } from './errors.js';
import { listParams, paginate, type ListParams } from './list.js';

const items = ['a_01', 'a_02', 'a_03', 'a_04', 'a_05'].map((id) => ({ id }));
const ids = (params: Partial<ListParams>) => {
  const page = paginate(items, { limit: 2, order: 'desc', ...params });
  return { ids: page.data.map((i) => i.id), meta: page.list_metadata };
};

describe('listParams', () => {
  it('defaults to 10, desc', () => {
    expect(listParams({})).toEqual({
      limit: 10,
      order: 'desc',
      before: undefined,
      after: undefined,
    });
    expect(listParams({}, 'asc').order).toBe('asc');
  });

  it.each([
    { limit: '0' },
    { limit: '101' },
    { limit: '2.5' },
    { limit: 'x' },
    { order: 'up' },
    { after: ['a', 'b'] },
  ])('refuses %j with a 422', (query) => {
    expect(() => listParams(query)).toThrow(ApiError);
  });
});

describe('paginate', () => {
  it('pages newest first by default, with an after cursor to follow', () => {
    expect(ids({})).toEqual({ ids: ['a_05', 'a_04'], meta: { before: null, after: 'a_04' } });
    expect(ids({ after: 'a_04' })).toEqual({
      ids: ['a_03', 'a_02'],
      meta: { before: 'a_03', after: 'a_02' },
    });
    expect(ids({ after: 'a_02' })).toEqual({
      ids: ['a_01'],
      meta: { before: 'a_01', after: null },
    });
  });

  it('with before, returns the records just before the cursor', () => {
    expect(ids({ before: 'a_01' })).toEqual({
      ids: ['a_03', 'a_02'],
      meta: { before: 'a_03', after: 'a_02' },
    });
    expect(ids({ before: 'a_04' })).toEqual({
      ids: ['a_05'],
      meta: { before: null, after: 'a_05' },
    });
  });

  it('pages oldest first with asc, and normal reverses the cursor names', () => {
    expect(ids({ order: 'asc', after: 'a_02' })).toEqual({
      ids: ['a_03', 'a_04'],
      meta: { before: 'a_03', after: 'a_04' },
    });
    // normal: descending; `before` fetches older records, `after` newer ones.
    expect(ids({ order: 'normal' })).toEqual({
      ids: ['a_05', 'a_04'],
      meta: { before: 'a_04', after: null },
    });
    expect(ids({ order: 'normal', before: 'a_04' })).toEqual({
      ids: ['a_03', 'a_02'],
      meta: { before: 'a_02', after: 'a_03' },
    });
  });

  it('keeps working when the cursor object is gone, and for an empty list', () => {
    expect(ids({ after: 'a_035' }).ids).toEqual(['a_03', 'a_02']);
    expect(paginate([], { limit: 10, order: 'desc' }).list_metadata).toEqual({
      before: null,
      after: null,
    });
  });
});
