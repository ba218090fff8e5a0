import { appPaths } from '../shared/landing';
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

  it('is under the API path of an app served below the root', () => {
    expect(
      workbenchHomepageLink(
        { origin: 'https://nb.example.com', redirectPath: ' /m ' },
        appPaths({ publicPath: '/nb' }),
      ),
    ).toBe('https://nb.example.com/nb/api/wecom:authorize?authenticator=wecom&redirect=%2Fm');
  });

  it('lands on /admin rather than where the server would refuse', () => {
    expect(workbenchHomepageLink({ origin: 'https://nb.example.com', redirectPath: '//evil.example' })).toBe(
      'https://nb.example.com/api/wecom:authorize?authenticator=wecom&redirect=%2Fadmin',
    );
  });

  it.each([[undefined], [''], ['nb.example.com'], ['ftp://nb.example.com'], ['https://nb.example.com/admin']])(
    'has no link for origin %j, which the server refuses too',
    (origin) => {
      expect(workbenchHomepageLink({ origin, name: 'wecom' })).toBeNull();
    },
  );
});
