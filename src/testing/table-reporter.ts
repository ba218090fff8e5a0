import type { Reporter, TestCase, TestModule } from 'vitest/node';
import type { TableRow } from './table-row';

/** One column of a suite's table: the cell a test recorded under `key`; `case` is the test's name unless recorded. */
export interface TableColumn<Key extends string> {
  key: Key | 'case';
  header: string;
}

export interface TableSpec<Key extends string> {
  columns: ReadonlyArray<TableColumn<Key>>;
  /** Says FAILED in a failed test's row where the test recorded nothing. */
  failedColumn: Key;
  /** What the summary counts: "12 of 12 cases held". */
  noun: string;
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

function resultOf(test: TestCase): string {
  const { state } = test.result();
  return state === 'passed' ? 'pass' : state === 'failed' ? 'FAIL' : state;
}

function cellsOf<Key extends string>(spec: TableSpec<Key>, test: TestCase, result: string): string[] {
  const row: TableRow = test.meta().tableRow ?? {};
  return spec.columns.map(({ key }) => {
    const recorded = row[key];
    if (recorded !== undefined) return recorded;
    if (key === 'case') return test.fullName.replace(/ > /g, ' › ');
    return key === spec.failedColumn && result === 'FAIL' ? 'FAILED' : '';
  });
}

/**
 * A vitest reporter that prints every test of the run as a row of a markdown table after the run, failures first,
 * with totals; each suite's reporter module default-exports one made for its columns.
 */
export function tableReporter<Key extends string>(spec: TableSpec<Key>): new () => Reporter {
  return class TableReporter implements Reporter {
    onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
      const rows = testModules
        .flatMap((module) => [...module.children.allTests()])
        .map((test) => {
          const result = resultOf(test);
          return { cells: cellsOf(spec, test, result), result };
        });
      rows.sort((a, b) => Number(b.result === 'FAIL') - Number(a.result === 'FAIL'));
      const headers = [...spec.columns.map((column) => column.header), 'Result'];
      const lines = [
        '',
        `| ${headers.join(' | ')} |`,
        `| ${headers.map(() => '---').join(' | ')} |`,
        ...rows.map((row) => `| ${[...row.cells, row.result].map(cell).join(' | ')} |`),
        '',
        `${rows.filter((row) => row.result === 'pass').length} of ${rows.length} ${spec.noun} held; ${
          rows.filter((row) => row.result === 'FAIL').length
        } failed.`,
        '',
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    }
  };
}
