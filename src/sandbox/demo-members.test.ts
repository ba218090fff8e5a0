// The README's table of what `npm run sandbox -- --seed demo` seeds is read by people setting NocoBase up for it
// (users to create by phone, who is refused): it must say exactly what the seed holds.
import { readFileSync } from 'node:fs';
import { DEMO_MEMBERS } from './demo-members.ts';
import { isVisible, normaliseMobile } from './directory.ts';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const SECTION = '## Try both flows against a standalone sandbox';

/** The first Markdown table after `heading`, as rows keyed by the header's cells. */
function tableAfter(markdown: string, heading: string): Record<string, string>[] {
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README.md has no "${heading}"`);
  const lines = markdown.slice(start).split('\n');
  const first = lines.findIndex((line) => line.startsWith('|'));
  const after = lines.findIndex((line, index) => index > first && !line.startsWith('|'));
  const end = after < 0 ? lines.length : after;
  const [header, , ...rows] = lines.slice(first, end).map((line) =>
    line
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((cell) => cell.trim()),
  );
  if (!header) throw new Error(`no table after "${heading}"`);
  return rows.map((cells) => Object.fromEntries(header.map((name, index) => [name, cells[index] ?? ''])));
}

const code = (value: string): string => `\`${value}\``;

describe("the README's table of `--seed demo`", () => {
  const rows = tableAfter(README, SECTION);

  it('lists every seeded member, in order, by name and userid', () => {
    expect(rows.map((row) => [row.Member, row.userid])).toEqual(
      DEMO_MEMBERS.map((member) => [member.name, code(member.userid)]),
    );
  });

  it('writes each mobile as the seed does, and who is outside the visible range', () => {
    expect(rows.map((row) => [row['Mobile, as written in the directory'], row["In the app's visible range"]])).toEqual(
      DEMO_MEMBERS.map((member) => [member.mobile ? code(member.mobile) : 'none', isVisible(member) ? 'yes' : 'no']),
    );
  });

  it('gives the phone that links each member who can be linked, and none for the others', () => {
    const phones = rows.map((row) => row['Phone of the NocoBase user to create'] ?? '');
    DEMO_MEMBERS.forEach((member, index) => {
      const phone = phones[index] ?? '';
      if (member.mobile && isVisible(member)) expect(phone).toBe(code(normaliseMobile(member.mobile)));
      else expect(phone).toMatch(/^— /);
    });
  });
});
