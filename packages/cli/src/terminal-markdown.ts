/**
 * The job summary's GitHub-flavoured Markdown, made readable in a terminal: tables become aligned columns,
 * headings and emphasis lose their markup, alerts become a label, and HTML comments (markers) and Mermaid charts (a
 * picture only GitHub draws) are left out. Anything else is kept as written.
 */
export function renderForTerminal(markdown: string): string {
  const out: string[] = [];
  const lines = markdown.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const fence = /^```(\w*)/.exec(line);
    if (fence) {
      const end = lines.findIndex((candidate, at) => at > index && candidate.startsWith('```'));
      const close = end < 0 ? lines.length : end;
      if (fence[1] !== 'mermaid') out.push(...lines.slice(index + 1, close).map((code) => `    ${code}`));
      index = close;
      continue;
    }
    if (line.startsWith('|')) {
      const rows: string[] = [];
      while (index < lines.length && (lines[index] ?? '').startsWith('|')) rows.push(lines[index++] ?? '');
      index -= 1;
      out.push(...alignTable(rows));
      continue;
    }
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) {
      const title = inline(heading[1] ?? '');
      out.push(title, '─'.repeat(Math.min(width(title), 80)));
      continue;
    }
    out.push(inline(line.replace(/^>\s?\[!(\w+)\]\s*$/, '$1:').replace(/^>\s?/, '  ')));
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

function alignTable(rows: string[]): string[] {
  const cells = rows
    .filter((row) => !/^\|(\s*:?-+:?\s*\|)+\s*$/.test(row))
    .map((row) =>
      row
        .slice(1, row.endsWith('|') && !row.endsWith('\\|') ? -1 : undefined)
        .split(/(?<!\\)\|/)
        .map((cell) => inline(cell.trim().replace(/\\\|/g, '|'))),
    );
  const widths: number[] = [];
  for (const row of cells) row.forEach((cell, column) => (widths[column] = Math.max(widths[column] ?? 0, width(cell))));
  return cells.map((row) =>
    row
      .map((cell, column) =>
        column === row.length - 1 ? cell : cell + ' '.repeat((widths[column] ?? 0) - width(cell)),
      )
      .join('  ')
      .trimEnd(),
  );
}

function inline(text: string): string {
  return text
    .replace(/<!--.*?-->/g, '')
    .replace(/<br\s*\/?>/g, ' ')
    .replace(/<\/?(details|summary|sub|sup|b|i|code)>/g, '')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)')
    .replace(/(`+) ?(.*?) ?\1/g, '$2')
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/(^|\s)_(\S(?:.*?\S)?)_(?=\s|$|[.,;:])/g, '$1$2')
    .replace(/ {2}$/, '');
}

/** Columns a string takes in a terminal: emoji and other wide characters take two, variation selectors none. */
function width(text: string): number {
  let columns = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code === 0xfe0f || code === 0x200d) continue;
    columns += code >= 0x1f000 || (code >= 0x2600 && code <= 0x27bf) || (code >= 0x2b00 && code <= 0x2bff) ? 2 : 1;
  }
  return columns;
}
