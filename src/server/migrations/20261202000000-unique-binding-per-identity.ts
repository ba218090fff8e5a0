import { Migration } from '@nocobase/server';
import { tryEnsureUniqueBindings } from '../binding-index';

/**
 * The unique index on `usersAuthenticators (authenticator, uuid)` for an app upgraded to this version. It never fails
 * the upgrade: with duplicate bindings it logs them and leaves the table as it was, and the plugin tries again on
 * every start until an admin has removed them. New installs and `pm add` get the index on start.
 */
export default class UniqueBindingPerIdentity extends Migration {
  override on = 'afterLoad';

  override async up(): Promise<void> {
    await tryEnsureUniqueBindings(this.db, this.app.log);
  }
}
