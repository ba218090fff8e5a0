import pg from 'pg';

/** The PostgreSQL server of the development machines and CI: PG* variables, or 127.0.0.1:5432 as postgres. */
export const postgresConnection = {
  host: process.env.PGHOST ?? '127.0.0.1',
  port: Number(process.env.PGPORT ?? 5432),
  user: process.env.PGUSER ?? 'postgres',
  password: process.env.PGPASSWORD ?? '',
};

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ ...postgresConnection, database: 'postgres', connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function postgresReachable(): Promise<boolean> {
  try {
    await adminQuery('select 1');
    return true;
  } catch {
    return false;
  }
}

export interface ThrowawayDatabase {
  /** The `database` option of a NocoBase app (createMockServer). */
  options: Record<string, unknown>;
  drop(): Promise<void>;
}

/** A new, empty database, dropped (with its connections) by `drop()`. */
export async function createPostgresDatabase(prefix: string): Promise<ThrowawayDatabase> {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  return {
    options: {
      dialect: 'postgres',
      ...postgresConnection,
      username: postgresConnection.user,
      database: name,
      logging: false,
    },
    drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
