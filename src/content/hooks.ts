import type { ContentConfig, SignInStart } from '../extension/protocol';

/**
 * Where the content script's sign-in goes. Today a stub: the sign-in itself (the browser core in
 * src/sdk-shim, started on this page with this origin's authenticator) and any UI are the next step. Each
 * hook receives what it needs and returns what the popup shows; nothing else in src/content changes for it.
 */
export interface ContentHooks {
  /** The page loaded on a configured origin; `config.autoStart` says whether to sign in without being asked. */
  onReady(config: ContentConfig): void | Promise<void>;
  /** The popup's "Sign in with WeCom". */
  signIn(request: { authenticator: string }): Promise<SignInStart>;
}

export function stubHooks(notImplemented: () => string): ContentHooks {
  return {
    onReady() {
      // Auto-start is the next step's: it needs the sign-in core's silent-start decision.
    },
    async signIn() {
      return { started: false, reason: 'NOT_IMPLEMENTED', message: notImplemented() };
    },
  };
}
