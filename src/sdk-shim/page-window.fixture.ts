import { type FakeLocation, fakeLocation } from '../testing/fake-location';

/** The address-bar side of a page for unit tests of the browser core; spread it into the window a test needs. */
export interface FakeAddress {
  location: FakeLocation;
  history: { state: null; replaceState(state: unknown, unused: string, next?: string | URL | null): void };
  /** What `location.replace` and `location.assign` were called with. */
  replace: ReturnType<typeof vi.fn<(url: string) => void>>;
  assign: ReturnType<typeof vi.fn<(url: string) => void>>;
  /** Path, query and fragment the address bar shows now. */
  address(): string;
}

/** A page at `path`: `history.replaceState` moves its URL, as a browser's does, and navigations are recorded. */
export function fakeAddress(path: string, origin: string): FakeAddress {
  let url = new URL(path, origin);
  const replace = vi.fn<(url: string) => void>();
  const assign = vi.fn<(url: string) => void>();
  return {
    location: fakeLocation(() => url, { assign, replace }),
    history: {
      state: null,
      replaceState: (_state, _unused, next) => {
        url = new URL(String(next), url);
      },
    },
    replace,
    assign,
    address: () => `${url.pathname}${url.search}${url.hash}`,
  };
}
