/**
 * JSON.parse errors without the file's content: V8 quotes the start of the text it could not
 * parse (`Unexpected token 'r', "root:x:0:0"... is not valid JSON`), which would print the first
 * bytes of any file a path option points at (a secret, /etc/passwd). The message keeps the
 * position and the kind of error, not the text.
 */
export function jsonErrorMessage(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.replace(/Unexpected token '.*?', ".*?"(\.\.\.)? is not valid JSON/s, 'unexpected character: not JSON').replace(/"[^"]{0,80}"\.\.\. is not valid JSON/s, 'is not valid JSON');
}
