import { useState } from 'react';

/**
 * A dialog's one server call: `submitting` while it runs, and what it failed with, shown in the dialog, which stays
 * open to try again. On success the dialog is closed by `done`, so `submitting` is not reset there.
 */
export function useDialogCall(): {
  submitting: boolean;
  failure: unknown;
  run: (call: () => Promise<void>, done: () => void) => Promise<void>;
} {
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const run = async (call: () => Promise<void>, done: () => void): Promise<void> => {
    setSubmitting(true);
    setFailure(null);
    try {
      await call();
    } catch (error) {
      setFailure(error);
      setSubmitting(false);
      return;
    }
    done();
  };
  return { submitting, failure, run };
}
