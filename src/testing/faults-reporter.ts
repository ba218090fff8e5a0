import type { FaultRow } from './fault-case';
import { tableReporter } from './table-reporter';

/** `npm run test:faults`'s table: WeCom call × fault × flow, what the user saw, what the log said, what was left. */
export default tableReporter<keyof FaultRow>({
  columns: [
    { key: 'call', header: 'WeCom call' },
    { key: 'fault', header: 'Fault' },
    { key: 'flow', header: 'Flow' },
    { key: 'userSaw', header: 'What the user saw' },
    { key: 'time', header: 'Time' },
    { key: 'calls', header: 'WeCom calls' },
    { key: 'log', header: 'What the log said' },
    { key: 'halfDone', header: 'Half-done?' },
  ],
  failedColumn: 'userSaw',
  noun: 'cells',
});
