import React from 'react';

/**
 * A deliberately small Markdown renderer (block: headings, lists, code fences, paragraphs; inline:
 * code, bold, italic, http(s) links) producing React elements — never HTML strings, so content
 * cannot inject markup.
 */
export function Markdown({ text }: { text: string }) {
  const blocks: React.ReactNode[] = [];
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  // Every read below is behind an `n < lines.length` check.
  const lineAt = (n: number): string => {
    const line = lines[n];
    if (line === undefined) throw new Error(`Markdown: no line ${n}`);
    return line;
  };
  for (let i = 0; i < lines.length;) {
    const line = lineAt(i);
    if (line.startsWith('```')) {
      const code: string[] = [];
      for (i += 1; i < lines.length && !lineAt(i).startsWith('```'); i += 1) code.push(lineAt(i));
      i += 1;
      blocks.push(
        <pre key={blocks.length} style={{ background: '#f6f6f8', padding: 8, fontSize: 12 }}>
          {code.join('\n')}
        </pre>,
      );
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const [, hashes = '', title = ''] = heading;
      const Tag = `h${Math.min(6, hashes.length + 1)}` as 'h2';
      blocks.push(
        <Tag key={blocks.length} style={{ fontWeight: 600, margin: '8px 0' }}>
          {inline(title)}
        </Tag>,
      );
      i += 1;
      continue;
    }
    if (/^\s*([-*]|\d+\.)\s+/.test(line)) {
      const ordered = /^\s*\d+\./.test(line);
      const items: string[] = [];
      for (; i < lines.length && /^\s*([-*]|\d+\.)\s+/.test(lineAt(i)); i += 1)
        items.push(lineAt(i).replace(/^\s*([-*]|\d+\.)\s+/, ''));
      const List = ordered ? 'ol' : 'ul';
      blocks.push(
        <List key={blocks.length} style={{ paddingLeft: 20, listStyle: ordered ? 'decimal' : 'disc' }}>
          {items.map((item, n) => (
            <li key={n}>{inline(item)}</li>
          ))}
        </List>,
      );
      continue;
    }
    if (line.trim() === '') {
      i += 1;
      continue;
    }
    const paragraph: string[] = [];
    for (
      ;
      i < lines.length && lineAt(i).trim() !== '' && !/^(#|```|\s*([-*]|\d+\.)\s)/.test(lineAt(i));
      i += 1
    )
      paragraph.push(lineAt(i));
    blocks.push(
      <p key={blocks.length} style={{ margin: '6px 0' }}>
        {inline(paragraph.join(' '))}
      </p>,
    );
  }
  return <div>{blocks}</div>;
}

function inline(text: string): React.ReactNode[] {
  const parts: React.ReactNode[] = [];
  const pattern = /(`[^`]+`|\*\*[^*]+\*\*|\*[^*]+\*|\[[^\]]+\]\(https?:\/\/[^)\s]+\))/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const token = match[0];
    const index = match.index ?? 0;
    if (index > last) parts.push(text.slice(last, index));
    const key = parts.length;
    if (token.startsWith('`')) parts.push(<code key={key}>{token.slice(1, -1)}</code>);
    else if (token.startsWith('**')) parts.push(<strong key={key}>{token.slice(2, -2)}</strong>);
    else if (token.startsWith('*')) parts.push(<em key={key}>{token.slice(1, -1)}</em>);
    else {
      const link = /^\[([^\]]+)\]\((.+)\)$/.exec(token);
      parts.push(
        <a key={key} href={link?.[2]} target="_blank" rel="noreferrer noopener">
          {link?.[1]}
        </a>,
      );
    }
    last = index + token.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}
