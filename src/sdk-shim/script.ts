/** Entry of `wecom-login.js`, the script bundle: runs on load, so that a plain `<script>` tag is all a page needs. */
import { startScript } from './script-main';

const current = document.currentScript;
startScript(window, current instanceof HTMLScriptElement ? current : null);
