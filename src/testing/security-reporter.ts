import type { SecurityRow } from './security-case';
import { tableReporter } from './table-reporter';

/** `npm run test:security`'s table: each attack, where it went, what the server did and what the user saw. */
export default tableReporter<keyof SecurityRow>({
  columns: [
    { key: 'case', header: 'Case' },
    { key: 'endpoint', header: 'Endpoint' },
    { key: 'outcome', header: 'Outcome' },
    { key: 'userSaw', header: 'What the user saw' },
  ],
  failedColumn: 'outcome',
  noun: 'cases',
});
