import { workbenchHomepageLink } from './homepage-link';

describe('workbenchHomepageLink', () => {
  it('points at the authorize action of the origin', () => {
    expect(workbenchHomepageLink({ origin: 'https://nb.example.com/', name: 'wecom-hq', redirectPath: '/m' })).toBe(
      'https://nb.example.com/api/wecom:authorize?authenticator=wecom-hq&redirect=%2Fm',
    );
  });

  it('keeps a port and falls back to /admin', () => {
    expect(workbenchHomepageLink({ origin: 'http://127.0.0.1:13000', name: 'wecom' })).toBe(
      'http://127.0.0.1:13000/api/wecom:authorize?authenticator=wecom&redirect=%2Fadmin',
    );
  });

  it.each([[undefined], [''], ['nb.example.com'], ['ftp://nb.example.com']])('has no link for origin %j', (origin) => {
    expect(workbenchHomepageLink({ origin, name: 'wecom' })).toBeNull();
  });
});
