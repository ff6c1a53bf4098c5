import { escapeHtml } from './html-escape.js';

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('leaves other text (including non-ASCII) alone and escapes & only once', () => {
    expect(escapeHtml('Zoë & Co — 100%')).toBe('Zoë &amp; Co — 100%');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });
});
