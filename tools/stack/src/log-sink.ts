import { type LogSink } from './service-process.js';

const COLORS: Record<string, string> = { emulator: '35', backend: '36', bff: '33', build: '32' };

/**
 * A log sink that prefixes each line with its service name, padded so the three streams line up,
 * coloured when the terminal supports it.
 */
export function prefixedConsoleSink(useColor = Boolean(process.stdout.isTTY)): LogSink {
  return (service, line, stream) => {
    const label = service.padEnd(8);
    const color = COLORS[service];
    const prefix = useColor && color ? `\x1b[${color}m${label}\x1b[0m|` : `${label}|`;
    (stream === 'stderr' ? process.stderr : process.stdout).write(`${prefix} ${line}\n`);
  };
}
