import pg from 'pg';
import type { DatabaseChoice } from './options.ts';

const connection = {
  host: process.env.PGHOST ?? '127.0.0.1',
  port: Number(process.env.PGPORT ?? 5432),
  user: process.env.PGUSER ?? 'postgres',
  password: process.env.PGPASSWORD ?? '',
};

/** host:port of the PostgreSQL server the bench uses (PGHOST/PGPORT, or 127.0.0.1:5432). */
export const POSTGRES_ADDRESS = `${connection.host}:${connection.port}`;

export interface BenchDatabase {
  choice: DatabaseChoice;
  /** `database` option of createMockServer; undefined keeps its default (SQLite in memory). */
  options: Record<string, unknown> | undefined;
  drop(): Promise<void>;
}

export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ ...connection, database: 'postgres', connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ ...connection, database: 'postgres' });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A throwaway database on the local PostgreSQL server, as the harness makes for its concurrent tests. */
async function createPostgresDatabase(): Promise<BenchDatabase> {
  const name = `wecom_bench_${process.pid}_${Date.now().toString(36)}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  return {
    choice: 'postgres',
    options: { dialect: 'postgres', ...connection, username: connection.user, database: name, logging: false },
    drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

export async function createBenchDatabase(choice: DatabaseChoice): Promise<BenchDatabase> {
  if (choice === 'postgres') return createPostgresDatabase();
  return { choice, options: undefined, drop: async () => undefined };
}
