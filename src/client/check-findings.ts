import { answerData } from './plugin-api';

/** One finding of "Check configuration", its message translated by the server. */
export interface Finding {
  key: string;
  ok: boolean;
  message: string;
}

/** The findings of `wecom:checkConfig`'s answer (`{ data: { ok, checks } }`), each already translated. */
export function findingsOf(body: unknown): Finding[] {
  const checks = (answerData(body) as { checks?: unknown } | undefined)?.checks;
  if (!Array.isArray(checks)) return [];
  return checks.flatMap((check: unknown): Finding[] => {
    const { key, ok, message } = (typeof check === 'object' && check !== null ? check : {}) as Record<string, unknown>;
    return typeof key === 'string' && typeof ok === 'boolean' && typeof message === 'string'
      ? [{ key, ok, message }]
      : [];
  });
}
