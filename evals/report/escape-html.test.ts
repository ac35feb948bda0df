import { describe, expect, it } from 'vitest';
import { escapeHtml } from './escape-html.js';

describe('escapeHtml', () => {
  it('escapes &, <, > and ", & first (no double escaping of the others)', () => {
    expect(escapeHtml('<a href="x">Q&A</a>')).toBe('&lt;a href=&quot;x&quot;&gt;Q&amp;A&lt;/a&gt;');
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
    expect(escapeHtml("it's plain")).toBe("it's plain");
    expect(escapeHtml('')).toBe('');
  });
  it('the escaped text has no markup characters left and unescapes back', () => {
    const s = '<script>alert("x & y")</script>>>""&&';
    const e = escapeHtml(s);
    expect(/[<>"]/.test(e)).toBe(false);
    const back = e.replaceAll('&quot;', '"').replaceAll('&gt;', '>').replaceAll('&lt;', '<').replaceAll('&amp;', '&');
    expect(back).toBe(s);
  });
});
