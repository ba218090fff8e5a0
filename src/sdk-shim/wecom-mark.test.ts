// @vitest-environment jsdom
import WechatWorkOutlined from '@ant-design/icons-svg/es/asn/WechatWorkOutlined';
import { createWeComMark, WECOM_MARK } from './wecom-mark';

describe("WeCom's mark", () => {
  it("is antd's WechatWorkOutlined: its view box, fill rule and path", () => {
    const icon = WechatWorkOutlined.icon;
    if (typeof icon === 'function') throw new Error('expected the outlined icon, not a two-tone one');
    expect(WECOM_MARK).toEqual({
      viewBox: icon.attrs.viewBox,
      fillRule: 'evenodd',
      paths: icon.children?.map((node) => node.attrs.d),
    });
    expect(WECOM_MARK.paths).toHaveLength(1);
  });

  it('draws as an SVG hidden from assistive technology, out of the tab order, in the given colour', () => {
    const svg = createWeComMark(document, { className: 'mark', color: '#0082ef' });
    expect(svg.namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(svg.getAttribute('class')).toBe('mark');
    expect(svg.getAttribute('aria-hidden')).toBe('true');
    expect(svg.getAttribute('focusable')).toBe('false');
    expect(svg.getAttribute('viewBox')).toBe(WECOM_MARK.viewBox);
    expect(svg.getAttribute('fill')).toBe('#0082ef');
    expect(svg.getAttribute('fill-rule')).toBe('evenodd');
    expect([...svg.querySelectorAll('path')].map((path) => path.getAttribute('d'))).toEqual(WECOM_MARK.paths);
    // Decoration only: a button holding it is named by its text alone.
    expect(svg.textContent).toBe('');
  });

  it("takes the text's colour unless told otherwise", () => {
    expect(createWeComMark(document, { className: 'x' }).getAttribute('fill')).toBe('currentColor');
  });
});
