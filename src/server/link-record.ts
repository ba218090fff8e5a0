import { z } from 'zod';
import { LINKED_HOW, type LinkedHow, type LinkMethod } from '../shared/linked-members';

/**
 * How a binding was made, kept in its `usersAuthenticators.meta` under a key of ours: that JSON is free for every
 * auth type, so other keys stay as they are. When it was made is the row's `createdAt`.
 */
export const LINK_META_KEY = 'openWecomLink';

export type LinkRecord = { how: Exclude<LinkMethod, 'admin'> } | { how: 'admin'; by: number };

const recordSchema = z.object({ how: z.enum(LINKED_HOW).exclude(['unknown']) });

function asObject(meta: unknown): Record<string, unknown> {
  if (typeof meta === 'string') {
    // SQLite, read with plain SQL, gives JSON columns as text.
    try {
      return asObject(JSON.parse(meta));
    } catch {
      return {};
    }
  }
  return typeof meta === 'object' && meta !== null && !Array.isArray(meta) ? (meta as Record<string, unknown>) : {};
}

/** The binding's meta with this record added, every other key kept. */
export function withLinkRecord(meta: unknown, record: LinkRecord): Record<string, unknown> {
  return { ...asObject(meta), [LINK_META_KEY]: record };
}

/** How the binding with this meta was made; `unknown` when it was made before the plugin recorded it. */
export function linkedHowOf(meta: unknown): LinkedHow {
  const parsed = recordSchema.safeParse(asObject(meta)[LINK_META_KEY]);
  return parsed.success ? parsed.data.how : 'unknown';
}
