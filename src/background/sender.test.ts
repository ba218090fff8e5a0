import { identifySender } from './sender';

const ID = 'pcbdipgniomninickdgjeddnohijmibo';

describe('identifySender', () => {
  it("knows this extension's pages by their origin, in a tab or not", () => {
    expect(identifySender({ id: ID, origin: `chrome-extension://${ID}` }, ID)).toEqual({ kind: 'page' });
    expect(identifySender({ id: ID, url: `chrome-extension://${ID}/src/popup/index.html` }, ID)).toEqual({
      kind: 'page',
    });
    expect(identifySender({ id: ID, origin: `chrome-extension://${ID}`, tab: { id: 4 }, frameId: 0 }, ID)).toEqual({
      kind: 'page',
    });
  });

  it('knows its content script by the top frame of a tab on an http(s) origin', () => {
    const sender = { id: ID, origin: 'https://a.example', url: 'https://a.example/admin', tab: { id: 9 }, frameId: 0 };
    expect(identifySender(sender, ID)).toEqual({ kind: 'content', origin: 'https://a.example', tabId: 9 });
  });

  it('keeps the sending document, so that an answer acts on that document only', () => {
    const sender = { id: ID, origin: 'https://a.example', tab: { id: 9 }, frameId: 0, documentId: 'D0C' };
    expect(identifySender(sender, ID)).toEqual({
      kind: 'content',
      origin: 'https://a.example',
      tabId: 9,
      documentId: 'D0C',
    });
  });

  it("trusts Chrome's origin over the URL", () => {
    const sandboxed = { id: ID, origin: 'null', url: 'https://a.example/admin', tab: { id: 9 }, frameId: 0 };
    expect(identifySender(sandboxed, ID)).toBeNull();
  });

  it.each([
    ['another extension', { id: 'x'.repeat(32), origin: `chrome-extension://${'x'.repeat(32)}` }],
    ['an extension page of another id', { id: ID, origin: `chrome-extension://${'x'.repeat(32)}` }],
    ['a frame', { id: ID, origin: 'https://a.example', tab: { id: 9 }, frameId: 3 }],
    ['no tab', { id: ID, origin: 'https://a.example', frameId: 0 }],
    ['a file page', { id: ID, url: 'file:///tmp/x.html', tab: { id: 9 }, frameId: 0 }],
    ['nothing at all', {}],
  ])('refuses %s', (_case, sender) => {
    expect(identifySender(sender, ID)).toBeNull();
  });

  it('refuses everyone when it does not know its own id', () => {
    expect(identifySender({ origin: 'chrome-extension://' }, '')).toBeNull();
  });
});
