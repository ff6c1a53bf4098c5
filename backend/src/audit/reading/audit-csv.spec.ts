import { parse } from 'csv-parse/sync';
import { text } from 'node:stream/consumers';
import type { AuditEvent } from '../audit-event.js';
import { AUDIT_CSV_COLUMNS, auditCsvStream } from './audit-csv.js';

function event(overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: '0b7c1f5e-6a0e-4f4e-9c39-0a4b1f7d2c11',
    occurredAt: new Date('2026-03-01T10:00:00.000Z'),
    organizationId: 'org_1',
    source: 'admin',
    externalId: null,
    actor: { id: 'user_ada', email: 'ada@example.com', impersonator: null },
    action: 'member.role_changed',
    target: { type: 'membership', id: 'om_max', label: 'max@example.com' },
    outcome: 'succeeded',
    details: { before: { role: 'member' }, after: { role: 'admin' } },
    request: { requestId: 'req-1', clientIp: '203.0.113.7', userAgent: 'Mozilla/5.0' },
    completedAt: null,
    ...overrides,
  };
}

/** One batch, as the repository would yield it. */
function once(events: AuditEvent[]): AsyncIterable<AuditEvent[]> {
  return (async function* () {
    yield await Promise.resolve(events);
  })();
}

const records = (csv: string) => parse<Record<string, string>>(csv, { columns: true });

const csvOf = (events: AuditEvent[]) => text(auditCsvStream(once(events)));

describe('auditCsvStream', () => {
  it('writes a header and one row per event', async () => {
    const csv = await csvOf([event()]);
    const [header, row] = csv.trimEnd().split('\n');
    expect(header).toBe(AUDIT_CSV_COLUMNS.join(','));
    expect(row).toBe(
      '0b7c1f5e-6a0e-4f4e-9c39-0a4b1f7d2c11,2026-03-01T10:00:00.000Z,org_1,admin,user_ada,' +
        'ada@example.com,,member.role_changed,membership,om_max,max@example.com,succeeded,' +
        '"{""before"":{""role"":""member""},""after"":{""role"":""admin""}}",req-1,203.0.113.7,' +
        'Mozilla/5.0,',
    );
  });

  it.each(['=HYPERLINK("http://evil")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])(
    'neutralises a cell a spreadsheet would run as a formula: %j',
    async (label) => {
      const csv = await csvOf([event({ target: { type: 'membership', id: 'om_x', label } })]);
      const [record] = records(csv);
      expect(record?.target_label).toBe(`'${label}`);
    },
  );

  it('quotes commas, quotes and line breaks so every value reads back unchanged', async () => {
    const label = 'Max "the admin", line one\nline two';
    const csv = await csvOf([
      event({ target: { type: 'membership', id: 'om_x', label } }),
      event({ action: 'member.removed' }),
    ]);
    const [first, second, ...rest] = records(csv);
    expect(rest).toEqual([]);
    expect(first?.target_label).toBe(label);
    expect(second?.action).toBe('member.removed');
  });

  it('writes only the header for an empty range', async () => {
    expect(await text(auditCsvStream(once([])))).toBe(`${AUDIT_CSV_COLUMNS.join(',')}\n`);
  });
});
