/** The parts of `window.location` the browser core reads and calls. */
export interface FakeLocation {
  readonly href: string;
  readonly origin: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
  assign(url: string): void;
  replace(url: string): void;
}

/**
 * A location for unit tests of browser code: it reads the URL the test holds (`current`, which the test moves as
 * `history.replaceState` or a same-document change would), and hands navigations to the test's recorders instead
 * of leaving the page, which jsdom cannot do.
 */
export function fakeLocation(
  current: () => URL,
  navigate: { assign: (url: string) => void; replace: (url: string) => void },
): FakeLocation {
  return {
    get href() {
      return current().href;
    },
    get origin() {
      return current().origin;
    },
    get pathname() {
      return current().pathname;
    },
    get search() {
      return current().search;
    },
    get hash() {
      return current().hash;
    },
    assign: (url) => navigate.assign(url),
    replace: (url) => navigate.replace(url),
  };
}
