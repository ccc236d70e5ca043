import { describe, expect, it } from '@jest/globals';
import { hardenPage, scriptSafeJson } from './safe-layout.js';

describe('scriptSafeJson', () => {
  it('escapes what could end a script or a line, and parses back to the same value', () => {
    const value = { title: '</script><script>x()</script> & \u2028\u2029 <!--', n: 1 };
    const json = scriptSafeJson(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('hardenPage', () => {
  const page = (state: unknown) =>
    [
      '<html><head>',
      '      <script>',
      `        window.REDUX_STATE = ${JSON.stringify(state)};`,
      `        window.THEME = ${JSON.stringify({ font: 'Roboto' })};`,
      '      </script>',
      '      <script src="/admin/frontend/assets/app.bundle.js"></script>',
      '</head><body><script>render()</script></body></html>',
    ].join('\n');

  it('re-serialises the embedded state so a hostile name stays inside its string', () => {
    const state = { session: { title: '</script><script>window.__xss=1</script>\u2028' } };
    const out = hardenPage(page(state), 'n0nce');
    expect(out).not.toContain('</script><script>window');
    const line = out.split('\n').find((l) => l.includes('window.REDUX_STATE'))!;
    const json = line.slice(line.indexOf('= ') + 2).replace(/;$/, '');
    expect(JSON.parse(json)).toEqual(state);
  });

  it('gives every script of the template the nonce, and only those', () => {
    const out = hardenPage(page({ session: { title: '<script>evil()</script>' } }), 'n0nce');
    expect(out.match(/<script/g)).toHaveLength(3);
    expect(out.match(/<script nonce="n0nce"/g)).toHaveLength(3);
  });
});

describe('hardenPage and fonts', () => {
  it('drops the Google Fonts stylesheet of AdminJS templates (nothing loads from another host)', () => {
    const html =
      '<head>\n<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto:300,400" type="text/css">\n' +
      'window.REDUX_STATE = {"a":1};\n</head>';
    const out = hardenPage(html, 'n');
    expect(out).not.toContain('fonts.googleapis');
    expect(out).toContain('window.REDUX_STATE = {"a":1};');
  });
});
