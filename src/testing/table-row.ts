/**
 * The row a test contributes to its suite's table (`npm run test:security`, `npm run test:faults`), kept on the
 * test's meta, which vitest hands from the worker to the reporter.
 */
export type TableRow = Readonly<Record<string, string>>;

declare module '@vitest/runner' {
  interface TaskMeta {
    tableRow?: TableRow;
  }
}

/**
 * Adds `row`'s cells to the running test's row (`it('…', async ({ task }) => { …; recordRow(task, row) })`). A test
 * records what came of it once its assertions passed, so a failing case never shows a reassuring outcome.
 */
export function recordRow(task: { meta: { tableRow?: TableRow } }, row: TableRow): void {
  task.meta.tableRow = { ...task.meta.tableRow, ...row };
}
