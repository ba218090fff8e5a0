import { originPattern } from '../extension/origin';
import { type ConfigStoreDeps, loadConfig } from './config-store';
import type { ContentScriptDefinition, ContentScriptRegistry, HostAccess } from './deps';

/**
 * The content script runs only on the configured NocoBase origins the extension has host access to. Origins
 * come from configuration, so it is registered at run time (`chrome.scripting.registerContentScripts`) rather
 * than matched in the manifest, and re-registered whenever configuration or granted access changes.
 */
export const CONTENT_SCRIPT_ID = 'nocobase-wecom-sign-in';

export type RegistrationPlan =
  | { action: 'none' }
  | { action: 'register'; script: ContentScriptDefinition }
  | { action: 'update'; script: ContentScriptDefinition }
  | { action: 'unregister' };

export function contentScriptFor(file: string, origins: readonly string[]): ContentScriptDefinition | null {
  if (origins.length === 0) return null;
  return {
    id: CONTENT_SCRIPT_ID,
    js: [file],
    matches: [...new Set(origins.map(originPattern))].sort(),
    // Early, so that a later sign-in step can act before NocoBase's own client decides the page is signed out.
    runAt: 'document_start',
    // NocoBase in someone else's frame is not a page to sign in from.
    allFrames: false,
    persistAcrossSessions: true,
  };
}

function sameList(a: readonly string[] | undefined, b: readonly string[]): boolean {
  const left = [...(a ?? [])].sort();
  const right = [...b].sort();
  return left.length === right.length && left.every((value, index) => value === right[index]);
}

/** From what Chrome has registered to what should be: the one call that gets there, or none. */
export function planRegistration(
  current: { matches?: string[]; js?: string[] } | undefined,
  wanted: ContentScriptDefinition | null,
): RegistrationPlan {
  if (!wanted) return current ? { action: 'unregister' } : { action: 'none' };
  if (!current) return { action: 'register', script: wanted };
  if (sameList(current.matches, wanted.matches) && sameList(current.js, wanted.js)) return { action: 'none' };
  return { action: 'update', script: wanted };
}

export interface SyncDeps {
  scripts: ContentScriptRegistry;
  hostAccess: HostAccess;
  contentScriptFile: string;
}

/** Registers the content script for the configured origins that have host access, and for no other. */
export async function syncContentScripts(deps: SyncDeps, configured: readonly string[]): Promise<RegistrationPlan> {
  const granted = await deps.hostAccess.granted(configured);
  const wanted = contentScriptFor(
    deps.contentScriptFile,
    configured.filter((origin) => granted.has(origin)),
  );
  const [current] = await deps.scripts.getRegistered([CONTENT_SCRIPT_ID]);
  const plan = planRegistration(current, wanted);
  if (plan.action === 'register') await deps.scripts.register([plan.script]);
  else if (plan.action === 'update') await deps.scripts.update([plan.script]);
  else if (plan.action === 'unregister') await deps.scripts.unregister([CONTENT_SCRIPT_ID]);
  return plan;
}

/**
 * Runs `task` one call at a time: a permission event, a storage event and a save arriving together must not
 * register the same script id twice, which Chrome refuses.
 */
export function serialized<T>(task: () => Promise<T>): () => Promise<T> {
  let queue: Promise<unknown> = Promise.resolve();
  return () => {
    // A failed run is the caller's to report; it must not stop the runs after it.
    const run = queue.catch(() => undefined).then(task);
    queue = run;
    return run;
  };
}

/**
 * The one way to bring the registration up to date: reads the configuration inside the queue, so the last run
 * always registers what is configured after the latest change, whichever event asked first.
 */
export function contentScriptSyncer(deps: SyncDeps & ConfigStoreDeps): () => Promise<RegistrationPlan> {
  return serialized(async () => {
    const { effective } = await loadConfig(deps);
    return syncContentScripts(
      deps,
      effective.origins.map((entry) => entry.origin),
    );
  });
}
