import { isIPv4, isIPv6 } from 'node:net';

/**
 * Whether binding `host` keeps the server on this machine: `localhost`, 127.0.0.0/8, `::1` (or 127.x mapped into
 * IPv6). Wildcards (`0.0.0.0`, `::`), other addresses and other host names are not.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost') return true;
  if (isIPv4(h)) return h.startsWith('127.');
  if (isIPv6(h)) return h === '::1' || /^::ffff:127\./.test(h) || h === '0:0:0:0:0:0:0:1';
  return false;
}

/** The refusal printed when the unauthenticated test controls would be reachable from the network (checklist 14.2). */
export function testControlsRefusal(host: string): string {
  return `--enable-test-controls is refused with --host ${host}: the test controls are unauthenticated, so they only run on a loopback host (127.0.0.1, ::1, localhost)`;
}
