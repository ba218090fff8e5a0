export { SANDBOX_SESSION_COOKIE } from './client-session.ts';
export { createSandboxControl } from './control-client.ts';
export { startSandbox } from './server.ts';
export { DEFAULT_SANDBOX_SETTINGS, LOOPBACK_IPS } from './settings.ts';
export type {
  JsSdkSignatureInput,
  JsSdkVerifyResult,
  SandboxApp,
  SandboxAppPatch,
  SandboxControl,
  SandboxFault,
  SandboxMember,
  SandboxSettings,
  SandboxSettingsPatch,
  StartedSandbox,
  StartSandboxOptions,
} from './types.ts';
