import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

/**
 * `src/locale/*.json` also hold the admin pages' texts. A browser bundle keeps only the keys it shows, by the name
 * of the environment it is built in (`client` for a plain build): the script bundle's main file none, its panel
 * file the button's label and the error messages, the extension's content script the error messages. An entry
 * equal to its key goes too (all of en-US): a missing translation reads as the key.
 */
export function onlyShownMessages(keys: Record<string, readonly string[]>): Plugin {
  return {
    name: 'wecom-login:only-shown-messages',
    enforce: 'pre',
    load(id) {
      if (!/[\\/]src[\\/]locale[\\/][\w-]+\.json$/.test(id)) return null;
      const keep = new Set(keys[this.environment.name] ?? []);
      const all: Record<string, string> = JSON.parse(readFileSync(id, 'utf8'));
      return JSON.stringify(Object.fromEntries(Object.entries(all).filter(([k, v]) => keep.has(k) && v !== k)));
    },
  };
}
