import { baseAppEnv, NOCOBASE_DEFAULT_ROOT } from '../../src/testing/nocobase-app-dir.ts';

/** The demo's root account: NocoBase's own defaults, so it is the one NocoBase's documentation names. */
export const DEMO_ROOT = NOCOBASE_DEFAULT_ROOT;

/** The env file NocoBase's CLI reads (dotenv, from the app directory): one app on SQLite in the directory. */
export function appEnv(appDir: string, appPort: number): Record<string, string> {
  return {
    ...baseAppEnv(appDir),
    APP_PORT: String(appPort),
    DB_DIALECT: 'sqlite',
    DB_STORAGE: 'storage/db/nocobase.sqlite',
  };
}
