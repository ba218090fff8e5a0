import { createPostgresDatabase, postgresConnection } from '../src/testing/postgres.ts';
import type { DatabaseChoice } from './options.ts';

export { postgresReachable } from '../src/testing/postgres.ts';

/** host:port of the PostgreSQL server the bench uses (PGHOST/PGPORT, or 127.0.0.1:5432). */
export const POSTGRES_ADDRESS = `${postgresConnection.host}:${postgresConnection.port}`;

export interface BenchDatabase {
  choice: DatabaseChoice;
  /** `database` option of createMockServer; undefined keeps its default (SQLite in memory). */
  options: Record<string, unknown> | undefined;
  drop(): Promise<void>;
}

export async function createBenchDatabase(choice: DatabaseChoice): Promise<BenchDatabase> {
  if (choice === 'sqlite') return { choice, options: undefined, drop: async () => undefined };
  return { choice, ...(await createPostgresDatabase('wecom_bench')) };
}
