import { formatCountdown, formatRelative } from './format-time';

describe('formatCountdown', () => {
  it.each([
    [120_000, '2:00'],
    [65_000, '1:05'],
    [999, '0:01'],
    [0, '0:00'],
    [-5_000, '0:00'],
  ])('%i ms → %s', (ms, text) => {
    expect(formatCountdown(ms)).toBe(text);
  });
});

describe('formatRelative', () => {
  const now = Date.UTC(2026, 0, 1, 12);
  it.each([
    [20_000, 'in less than a minute'],
    [60_000, 'in 1 minute'],
    [25 * 60_000, 'in 25 minutes'],
    [8 * 3600_000, 'in 8 hours'],
    [-3 * 60_000, '3 minutes ago'],
  ])('%i ms from now → %s', (offset, text) => {
    expect(formatRelative(new Date(now + offset), now)).toBe(text);
  });
});
