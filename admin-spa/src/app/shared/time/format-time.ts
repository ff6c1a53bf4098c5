/** "1:05" for 65 000 ms: a countdown (minutes:seconds), never negative. */
export function formatCountdown(ms: number): string {
  const totalSeconds = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${minutes}:${seconds.toString().padStart(2, '0')}`;
}

/** "in 5 minutes", "in 2 hours", "1 minute ago": a coarse, readable distance from `now`. */
export function formatRelative(at: Date, now: number = Date.now()): string {
  const diff = at.getTime() - now;
  const minutes = Math.round(Math.abs(diff) / 60_000);
  let amount: string;
  if (minutes < 1) amount = 'less than a minute';
  else if (minutes < 90) amount = `${minutes} minute${minutes === 1 ? '' : 's'}`;
  else {
    const hours = Math.round(minutes / 60);
    amount = `${hours} hour${hours === 1 ? '' : 's'}`;
  }
  return diff >= 0 ? `in ${amount}` : `${amount} ago`;
}
