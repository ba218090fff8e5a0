import { z } from 'zod';
import { CONTROL_PATHS } from './control-paths.ts';
import { jsSdkVerifyResultSchema, settingsSchema } from './control-schemas.ts';
import type {
  JsSdkSignatureInput,
  SandboxControl,
  SandboxFault,
  SandboxMember,
  SandboxSettingsPatch,
} from './types.ts';

const callCountsSchema = z.record(z.string(), z.int().nonnegative());

/** Typed client of the control API, for tests and benchmarks that run the sandbox in another process. */
export function createSandboxControl(baseUrl: string, fetchImpl: typeof fetch = fetch): SandboxControl {
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetchImpl(new URL(path, baseUrl), {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`WeCom sandbox ${method} ${path} failed with ${response.status}: ${text}`);
    }
    return text === '' ? undefined : JSON.parse(text);
  };

  return {
    async reset() {
      await call('POST', CONTROL_PATHS.reset);
    },
    async seed(members: SandboxMember[]) {
      await call('PUT', CONTROL_PATHS.members, { members });
    },
    async configure(settings: SandboxSettingsPatch) {
      return settingsSchema.parse(await call('PATCH', CONTROL_PATHS.settings, settings));
    },
    async fault(f: SandboxFault) {
      await call('POST', CONTROL_PATHS.faults, f);
    },
    async clearFaults() {
      await call('DELETE', CONTROL_PATHS.faults);
    },
    async calls() {
      return callCountsSchema.parse(await call('GET', CONTROL_PATHS.calls));
    },
    async resetCalls() {
      await call('DELETE', CONTROL_PATHS.calls);
    },
    async revokeTokens() {
      await call('POST', CONTROL_PATHS.revokeTokens);
    },
    async forgetConsents(userid?: string) {
      const query = userid === undefined ? '' : `?${new URLSearchParams({ userid })}`;
      await call('DELETE', `${CONTROL_PATHS.consents}${query}`);
    },
    async verifyJsSdkSignature(input: JsSdkSignatureInput) {
      return jsSdkVerifyResultSchema.parse(await call('POST', CONTROL_PATHS.jsapiVerify, input));
    },
  };
}
