export { default, PluginWeComAuthServer } from './plugin';
