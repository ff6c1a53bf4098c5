/** Why a request target was refused. */
export type PathRejection =
  | 'absolute_form'
  | 'backslash'
  | 'encoded_separator'
  | 'encoded_dot'
  | 'double_encoding'
  | 'control_character'
  | 'empty_segment'
  | 'dot_segment'
  | 'matrix_parameter';

/**
 * Checks a raw request target (as received, before any decoding) for traversal and smuggling:
 * absolute-form targets, `\` and `%5c`, encoded `/` (`%2f`), encoded dots (`%2e`), double
 * encoding (`%25`), NUL and other control characters raw or encoded, `//` (empty segments),
 * `.`/`..` segments and `;` parameters. Returns the first problem, or undefined when the path may
 * be forwarded verbatim. The query string is not inspected (it is forwarded as is).
 */
export function checkRequestTarget(rawTarget: string): PathRejection | undefined {
  if (!rawTarget.startsWith('/')) return 'absolute_form';
  const q = rawTarget.indexOf('?');
  const path = q === -1 ? rawTarget : rawTarget.slice(0, q);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path) || /%(?:[01][0-9a-f]|7f)/i.test(path))
    return 'control_character';
  if (path.includes('\\') || /%5c/i.test(path)) return 'backslash';
  if (/%2f/i.test(path)) return 'encoded_separator';
  if (/%2e/i.test(path)) return 'encoded_dot';
  if (/%25/.test(path)) return 'double_encoding';
  if (path.includes(';')) return 'matrix_parameter';
  const segments = path.split('/').slice(1);
  if (segments.slice(0, -1).some((s) => s === '')) return 'empty_segment';
  if (segments.some((s) => s === '.' || s === '..')) return 'dot_segment';
  return undefined;
}
