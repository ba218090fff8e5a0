/**
 * Entry of `wecom-login-panel.js`, the script bundle's lazily loaded part: what a page shows (`script-view.ts`),
 * @wecom/jssdk (only the two functions used) with the login panel and JS-SDK registration, and the translated
 * messages. Built as an IIFE whose global `WeComLoginPanel` the main file reads once this file has loaded.
 */
import { createWWLoginPanel, register } from '@wecom/jssdk';
import { registerJsSdkWith } from './js-sdk';
import { signInErrorMessage as translate } from './messages';
import { mountLoginPanelWith } from './panel';
import type { ScriptPanelModule } from './script-types';
import { startPanel } from './script-view';

export const mountLoginPanel: ScriptPanelModule['mountLoginPanel'] = (options) =>
  mountLoginPanelWith(() => Promise.resolve({ createWWLoginPanel }), options);

export const registerJsSdk: ScriptPanelModule['registerJsSdk'] = (options) =>
  registerJsSdkWith(() => Promise.resolve(options.sdk ?? { register }), options);

export const signInErrorMessage: ScriptPanelModule['signInErrorMessage'] = translate;

export const start: ScriptPanelModule['start'] = (page) =>
  startPanel(page, { mountLoginPanel, registerJsSdk, signInErrorMessage });
