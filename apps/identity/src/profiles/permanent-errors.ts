import { PermanentError } from '@meridian/messaging';
import { UnprocessableEventError } from './errors';

/**
 * Runs an event handler body, turning domain errors that no retry can fix into the
 * transport's PermanentError (dead letter at once); every other error is retried.
 */
export async function failPermanentlyWhenUnprocessable(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof UnprocessableEventError)
      throw new PermanentError(error.message, { cause: error });
    throw error;
  }
}
