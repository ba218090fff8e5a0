import type { Reporter, TestCase, TestModule } from 'vitest/node';
import type { SecurityRow } from './security-case';

interface Row extends SecurityRow {
  case: string;
  result: string;
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

function rowOf(test: TestCase): Row {
  const state = test.result().state;
  const meta = test.meta().security;
  return {
    case: test.fullName.replace(/ > /g, ' › '),
    endpoint: meta?.endpoint ?? '',
    outcome: meta?.outcome ?? (state === 'failed' ? 'FAILED' : ''),
    userSaw: meta?.userSaw ?? '',
    result: state === 'passed' ? 'pass' : state === 'failed' ? 'FAIL' : state,
  };
}

/** Prints every security test as a markdown table after the run, failures first, with totals. */
export default class SecurityReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const rows = testModules.flatMap((module) => [...module.children.allTests()].map(rowOf));
    rows.sort((a, b) => Number(b.result === 'FAIL') - Number(a.result === 'FAIL'));
    const lines = [
      '',
      '| Case | Endpoint | Outcome | What the user saw | Result |',
      '| --- | --- | --- | --- | --- |',
      ...rows.map(
        (row) => `| ${[row.case, row.endpoint, row.outcome, row.userSaw, row.result].map(cell).join(' | ')} |`,
      ),
      '',
      `${rows.filter((row) => row.result === 'pass').length} of ${rows.length} cases held; ${
        rows.filter((row) => row.result === 'FAIL').length
      } failed.`,
      '',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}
