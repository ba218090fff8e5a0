import type { BrowserContext } from '@playwright/test';

/** Every response body the context receives, to search for what must never reach a browser. */
export interface ResponseRecorder {
  /** The URLs of responses whose body contains `text`; waits for the bodies still being read. */
  containing(text: string): Promise<string[]>;
  count(): number;
}

export function recordResponseBodies(context: BrowserContext): ResponseRecorder {
  const reads: Array<Promise<{ url: string; body: string }>> = [];
  context.on('response', (response) => {
    reads.push(
      response.body().then(
        (body) => ({ url: response.url(), body: body.toString('utf8') }),
        // Redirects and aborted requests have no body to leak.
        () => ({ url: response.url(), body: '' }),
      ),
    );
  });
  return {
    async containing(text: string): Promise<string[]> {
      const bodies = await Promise.all(reads);
      return bodies.filter(({ body }) => body.includes(text)).map(({ url }) => url);
    },
    count: () => reads.length,
  };
}
