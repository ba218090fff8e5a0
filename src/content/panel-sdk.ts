/**
 * The panel's code, injected by the service worker into a sign-in page's content-script world only when WeCom's
 * embedded login panel is about to be shown (`content:loadPanel`): @wecom/jssdk reduced to `createWWLoginPanel`,
 * which would otherwise weigh on the content script of every NocoBase page. Built as its own IIFE; it hands the
 * function over through the content-script world's global, which the page's own scripts do not see.
 */
import { createWWLoginPanel } from '@wecom/jssdk';
import { PANEL_SDK_GLOBAL, type PanelSdkGlobal } from './panel-loader';

(globalThis as PanelSdkGlobal)[PANEL_SDK_GLOBAL] = { createWWLoginPanel };
