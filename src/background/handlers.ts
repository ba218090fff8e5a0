import * as z from 'zod/mini';
import { type ConfigError, MAX_ORIGINS } from '../extension/config';
import type { MessageKey } from '../extension/i18n';
import { checkOrigin } from '../extension/origin';
import type { BackgroundProtocol, BackgroundType } from '../extension/protocol';
import { type LoadedConfig, saveConfig } from './config-store';
import type { BackgroundDeps } from './deps';
import { testOrigin } from './origin-test';
import type { Caller } from './sender';
import { configView, startTabSignIn, tabState } from './tab-state';

export interface HandlerContext {
  deps: BackgroundDeps;
  caller: Caller;
  /** The configuration as it is at this message, read once for the sender check and the handler. */
  loaded: LoadedConfig;
}

/** A refusal a handler explains to the page, rather than an unexpected failure. */
export class ConfigRefusedError extends Error {
  constructor(readonly config: ConfigError) {
    super(config.code);
    this.name = 'ConfigRefusedError';
  }
}

export interface Handler<K extends BackgroundType> {
  from: BackgroundProtocol[K]['from'];
  /** Checked before the handler runs: a content script lives in a page that may be hostile. */
  request: z.ZodMiniType<BackgroundProtocol[K]['request']>;
  handle(
    request: BackgroundProtocol[K]['request'],
    context: HandlerContext,
  ): Promise<BackgroundProtocol[K]['response']>;
}

export type Handlers = { [K in BackgroundType]: Handler<K> };

const empty = z.object({});
const tab = z.object({ tabId: z.number().check(z.int(), z.nonnegative()) });

/** The message of a refused save, in the browser's language. */
export function configErrorKey(error: ConfigError): MessageKey {
  return `error_${error.code}`;
}

/** The service worker's messages, one handler each (refined-github's `handleMessages` map). */
export const HANDLERS: Handlers = {
  'config:get': {
    from: 'page',
    request: empty,
    handle: (_request, { deps, loaded }) => configView(loaded.effective, deps.hostAccess),
  },

  'config:save': {
    from: 'page',
    request: z.object({
      origins: z
        .array(
          z.object({ origin: z.string(), authenticator: z.optional(z.string()), autoStart: z.optional(z.boolean()) }),
        )
        .check(z.maxLength(MAX_ORIGINS + 1)),
    }),
    async handle(request, { deps }) {
      const outcome = await saveConfig(deps, request);
      if (!outcome.ok) throw new ConfigRefusedError(outcome.error);
      // Access to an origin the person removed is given back; access that policy or the build still needs stays.
      const stillNeeded = new Set(outcome.loaded.effective.origins.map((entry) => entry.origin));
      const release = outcome.removed.filter(
        (origin) => !stillNeeded.has(origin) && !deps.pinnedOrigins.includes(origin),
      );
      if (release.length > 0) await deps.hostAccess.remove(release);
      await deps.syncContentScripts();
      return configView(outcome.loaded.effective, deps.hostAccess);
    },
  },

  'origin:test': {
    from: 'page',
    request: z.object({
      origin: z.string().check(z.maxLength(2048)),
      authenticator: z.optional(z.string().check(z.maxLength(200))),
    }),
    async handle(request, { deps, loaded }) {
      const checked = checkOrigin(request.origin);
      if (!checked.ok)
        throw new ConfigRefusedError({ code: 'ENTRY_INVALID', field: 'origin', problem: checked.problem });
      const configured = loaded.effective.origins.find((entry) => entry.origin === checked.origin);
      const authenticator = (request.authenticator ?? configured?.authenticator ?? '').trim();
      return testOrigin(deps, { origin: checked.origin, authenticator });
    },
  },

  'tab:state': {
    from: 'page',
    request: tab,
    async handle(request, { deps, loaded }) {
      return tabState(deps.tabs, await configView(loaded.effective, deps.hostAccess), request.tabId);
    },
  },

  'tab:signIn': {
    from: 'page',
    request: tab,
    async handle(request, { deps, loaded }) {
      const view = await configView(loaded.effective, deps.hostAccess);
      return startTabSignIn(deps.tabs, deps.translate, view, request.tabId);
    },
  },

  'content:config': {
    from: 'content',
    request: empty,
    async handle(_request, { caller, loaded }) {
      // The router only lets content scripts of configured origins through, so the entry is there.
      const entry = caller.kind === 'content' ? loaded.effective.origins.find((e) => e.origin === caller.origin) : null;
      if (!entry) throw new Error('content:config without a configured origin');
      return { origin: entry.origin, authenticator: entry.authenticator, autoStart: entry.autoStart };
    },
  },

  'content:loadPanel': {
    from: 'content',
    request: empty,
    async handle(_request, { deps, caller }) {
      if (caller.kind !== 'content') throw new Error('content:loadPanel without a content script');
      // Into the asking document only: the router has checked that it is the top frame of a configured origin.
      await deps.scripts.inject({ tabId: caller.tabId, documentId: caller.documentId }, deps.panelScriptFile);
      return { injected: true };
    },
  },
};
