import { describe, expect, it } from 'vitest';
import { jsonErrorMessage } from './json-error.js';

const parseError = (text: string): unknown => {
  try {
    JSON.parse(text);
  } catch (e) {
    return e;
  }
  throw new Error('parsed');
};

describe('jsonErrorMessage', () => {
  it('drops the quoted start of the text V8 puts in the message', () => {
    for (const text of ['root:x:0:0:root:/root:/bin/bash', 'secret', 'ab\ncd password=hunter2 and more text']) {
      const m = jsonErrorMessage(parseError(text));
      expect(m).toBe('unexpected character: not JSON');
      expect(m).not.toContain(text.slice(0, 4));
    }
  });
  it('drops a quoted text without the token part', () => {
    expect(jsonErrorMessage(new SyntaxError('"hunter2 is here"... is not valid JSON'))).toBe('is not valid JSON');
  });
  it('keeps messages that carry a position and no text', () => {
    const e = parseError('{"a": 1,}');
    expect(jsonErrorMessage(e)).toBe((e as Error).message);
    expect(jsonErrorMessage(e)).toMatch(/position 8/);
    expect(jsonErrorMessage(parseError(''))).toBe('Unexpected end of JSON input');
  });
  it('takes non-Error values', () => {
    expect(jsonErrorMessage('plain')).toBe('plain');
    expect(jsonErrorMessage(42)).toBe('42');
  });
});
