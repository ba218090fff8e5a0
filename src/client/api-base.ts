// The rule is the browser core's, shared with the extension's content script.
export { appRootUrl } from '../sdk-shim/app-root';
