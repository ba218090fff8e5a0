import type Database from '@nocobase/database';
import type { Model } from '@nocobase/database';
import { AUTH_TYPE } from '../shared/constants';
import { publicOptions } from './options';

/**
 * The names of the enabled WeCom authenticators that sign in automatically: one at most once saved through the
 * settings' rule (authenticator-settings.ts), which asks this too.
 */
export async function automaticAuthenticators(db: Database): Promise<string[]> {
  const rows: Model[] = await db
    .getRepository('authenticators')
    .find({ filter: { authType: AUTH_TYPE, enabled: true }, fields: ['name', 'options'] });
  return rows.filter((row) => publicOptions(row.get('options')).autoLogin).map((row) => String(row.get('name')));
}
