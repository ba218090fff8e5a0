import { README_END, README_START, withBenchResults } from './readme-section.ts';

describe('withBenchResults', () => {
  const readme = `# Project\n\n## Benchmark\n\nIntro.\n\n${README_START}\n\nold figures\n\n${README_END}\n\n## Next\n`;

  it('replaces only what is between the marks, the title dropped and headings one level down', () => {
    const updated = withBenchResults(readme, '# WeCom sign-in benchmark\n\nMachine: x.\n\n## Table\n\n| a |\n');
    expect(updated).toBe(
      `# Project\n\n## Benchmark\n\nIntro.\n\n${README_START}\n\nMachine: x.\n\n### Table\n\n| a |\n\n${README_END}\n\n## Next\n`,
    );
    expect(withBenchResults(updated, '# T\n\nnew\n')).toContain(`${README_START}\n\nnew\n\n${README_END}`);
  });

  it('refuses a README without the marks', () => {
    expect(() => withBenchResults('# Project\n', '# T\n')).toThrow(/lacks the marks/);
  });
});
