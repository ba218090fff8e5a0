/**
 * WeCom's mark, as antd draws it (`WechatWorkOutlined` of @ant-design/icons-svg), for the buttons that have no
 * antd: the script bundle's, the extension's entry and popup. The React shells use `@ant-design/icons`, which
 * NocoBase provides and which draws the same data. Only this icon's module is imported, so a bundle carries one
 * path, not the icon set.
 */
import WechatWorkOutlined from '@ant-design/icons-svg/es/asn/WechatWorkOutlined';
import type { IconDefinition } from '@ant-design/icons-svg/es/types';

/** What an `<svg>` of the mark needs. */
export interface WeComMarkShape {
  viewBox: string;
  fillRule: 'evenodd' | 'nonzero';
  paths: readonly string[];
}

/** WeCom's blue, for the mark where the button's text colour would hide it. */
export const WECOM_BLUE = '#0082ef';

function shapeOf({ name, icon }: IconDefinition): WeComMarkShape {
  // Only two-tone icons are functions (of their two colours); an outlined one is the node itself.
  const paths = typeof icon === 'function' ? [] : (icon.children ?? []).map((node) => node.attrs.d ?? '');
  if (typeof icon === 'function' || !icon.attrs.viewBox || paths.length === 0 || paths.includes('')) {
    throw new Error(`${name}: not a one-colour icon of paths`);
  }
  // Not flatMap: Chrome 66, in older WeCom webviews, lacks it, and the bundle lowers syntax only.
  return {
    viewBox: icon.attrs.viewBox,
    fillRule: icon.attrs['fill-rule'] === 'evenodd' ? 'evenodd' : 'nonzero',
    paths,
  };
}

// Pure: a bundle that takes only WECOM_BLUE (the React shells, which draw the mark with @ant-design/icons) drops it.
export const WECOM_MARK: WeComMarkShape = /* @__PURE__ */ shapeOf(WechatWorkOutlined);

const SVG_NS = 'http://www.w3.org/2000/svg';

export interface WeComMarkOptions {
  className: string;
  /** The mark's fill. @default 'currentColor' (the button's text colour) */
  color?: string;
}

/**
 * The mark as an `<svg>` element, one em square unless styled. Hidden from assistive technology: it is
 * decoration, and the button's text is its accessible name.
 */
export function createWeComMark(doc: Document, { className, color = 'currentColor' }: WeComMarkOptions): SVGSVGElement {
  const svg = doc.createElementNS(SVG_NS, 'svg');
  for (const [name, value] of Object.entries({
    class: className,
    viewBox: WECOM_MARK.viewBox,
    width: '1em',
    height: '1em',
    fill: color,
    'fill-rule': WECOM_MARK.fillRule,
    'aria-hidden': 'true',
    focusable: 'false',
  })) {
    svg.setAttribute(name, value);
  }
  for (const d of WECOM_MARK.paths) {
    const path = doc.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}
