import { describe, expect, it } from '@jest/globals';
import { toCsv } from './csv.js';

describe('toCsv', () => {
  it('writes a header row and one line per row, CRLF-terminated', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          { a: 1, b: 'x' },
          { a: 2.5, b: null },
        ],
      ),
    ).toBe('a,b\r\n1,x\r\n2.5,\r\n');
  });

  it('quotes fields with commas, quotes and line breaks, doubling quotes', () => {
    expect(toCsv(['v'], [{ v: 'a,b' }, { v: 'say "hi"' }, { v: 'two\nlines' }, { v: 'plain' }])).toBe(
      'v\r\n"a,b"\r\n"say ""hi"""\r\n"two\nlines"\r\nplain\r\n',
    );
  });

  it('writes the header even without rows', () => {
    expect(toCsv(['start', 'end'], [])).toBe('start,end\r\n');
  });
});
