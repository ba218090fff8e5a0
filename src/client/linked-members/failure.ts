import { z } from 'zod/mini';
import type { useWeComTranslation } from '../locale';
import { UnreadableAnswerError } from './responses';

type Translate = ReturnType<typeof useWeComTranslation>['t'];

/** How NocoBase's API client rejects when the server answered: axios's error, NocoBase's body in `response.data`. */
const answeredFailure = z.object({
  response: z.object({
    data: z.object({ errors: z.array(z.object({ message: z.string().check(z.minLength(1)) })).check(z.minLength(1)) }),
  }),
});

/** What to tell the admin about a failed call: the server's own message (translated there), else ours. */
export function failureMessage(error: unknown, t: Translate): string {
  const answered = answeredFailure.safeParse(error);
  if (answered.success) return answered.data.response.data.errors.map(({ message }) => message).join(' ');
  if (error instanceof UnreadableAnswerError) return t("The server's answer could not be read.");
  return t('The request failed. Check the connection and try again.');
}
