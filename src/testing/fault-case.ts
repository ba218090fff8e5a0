import { recordRow } from './table-row';

/**
 * One row of `npm run test:faults`'s table: a WeCom call that misbehaved in one flow, and what came of it. The
 * cell's coordinates are recorded when it starts and the rest once its assertions passed, so a failing cell shows
 * where it failed and never a reassuring outcome.
 */
export interface FaultRow {
  /** The WeCom API path that misbehaved, e.g. `/cgi-bin/auth/getuserinfo`. */
  call: string;
  /** What it did: "HTTP 503", "-1 busy, 3 times"… */
  fault: string;
  /** Which sign-in or action it happened in. */
  flow: string;
  /** What the person at the browser (or the admin) saw: a status, an error code and its message, or signed in. */
  userSaw: string;
  /** How long the longest request of the cell took, against its deadline. */
  time: string;
  /** The WeCom calls made, so a retry, a renewal or a loop shows. */
  calls: string;
  /** The line NocoBase's log has for the failure, or none. */
  log: string;
  /** Users and bindings before and after. */
  halfDone: string;
}

type CellCoordinates = Pick<FaultRow, 'call' | 'fault' | 'flow'>;
type Task = Parameters<typeof recordRow>[0];

export function startFaultCell(task: Task, coordinates: CellCoordinates): void {
  recordRow(task, { ...coordinates });
}

export function recordFaultOutcome(task: Task, outcome: Omit<FaultRow, keyof CellCoordinates>): void {
  recordRow(task, { ...outcome });
}
