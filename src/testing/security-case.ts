import { recordRow } from './table-row';

/**
 * One row of `npm run test:security`'s table: what an attacker sent where, and what came of it. A test records its
 * row once its assertions passed, so a failing case shows as failed, never with a reassuring outcome.
 */
export interface SecurityRow {
  /** The request the attack goes through, e.g. `GET /api/wecom:authorize`. */
  endpoint: string;
  /** What the server did: "refused, nothing issued", "no token in any URL"… */
  outcome: string;
  /** What the person at the browser saw: a page, an error code, a message. */
  userSaw: string;
}

/** Records the row on the running test (`it('…', async ({ task }) => { …; recordCase(task, row) })`). */
export function recordCase(task: Parameters<typeof recordRow>[0], row: SecurityRow): void {
  recordRow(task, { ...row });
}
