import { randomBytes } from 'node:crypto';

/** The inline assignments AdminJS's page and login templates fill with `JSON.stringify` output. */
const JSON_ASSIGNMENTS = ['window.REDUX_STATE = ', 'window.THEME = '];

export const newNonce = (): string => randomBytes(18).toString('base64');

/**
 * JSON that is safe inside an HTML `<script>`: `<`, `>` and `&` cannot close the script or open a
 * comment, and U+2028/2029 cannot end a line in older JavaScript engines. Parses back to the same value.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Makes a page rendered by AdminJS safe to serve under a nonce-based CSP. AdminJS embeds its state
 * (the signed-in user's name and e-mail included) with plain `JSON.stringify` in an inline script,
 * so a name such as `</script><script>…` would end the script and start another. Each embedded
 * JSON is re-serialised with `scriptSafeJson` (JSON.stringify never writes a raw line break, so a
 * value runs to the end of its line), and then every `<script` of the template gets the
 * response's nonce: after the re-serialisation no data can contain `<script`.
 */
export function hardenPage(html: string, nonce: string): string {
  let out = html;
  for (const marker of JSON_ASSIGNMENTS) {
    const start = out.indexOf(marker);
    if (start < 0) continue;
    const from = start + marker.length;
    const lineEnd = out.indexOf('\n', from);
    const end = lineEnd < 0 ? out.length : lineEnd;
    const json = out.slice(from, end).trim().replace(/;$/, '');
    out = `${out.slice(0, from)}${scriptSafeJson(JSON.parse(json))};${out.slice(end)}`;
  }
  // AdminJS's templates load Roboto from Google Fonts: offline that fails, and it tells Google who
  // opens the back office. Without the link the theme falls back to the system sans-serif.
  out = out.replace(/<link[^>]*fonts\.(googleapis|gstatic)\.com[^>]*>\s*/g, '');
  return out.replace(/<script(?=[\s>])/g, `<script nonce="${nonce}"`);
}
