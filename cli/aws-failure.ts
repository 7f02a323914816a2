import type { Io } from './io';
import { EXIT_FINDINGS, EXIT_USAGE } from './usage-error';

/**
 * The one place where AWS failures become exit codes: a reply that cannot be trusted (a looping page marker,
 * a document that is not JSON) is unreadable input, 2; anything else AWS refused or did not answer is 1. A
 * failed change prints the state AWS is in with the message. Other errors pass through.
 */
export async function exitOnAwsFailure(io: Io, work: () => Promise<number>): Promise<number> {
  const { AwsChangeError, AwsOperationError } = await import('../aws/errors');
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof AwsChangeError || error instanceof AwsOperationError)) throw error;
    const cause = error instanceof AwsChangeError ? error.cause : error;
    io.error(error.message);
    return cause?.unusableReply ? EXIT_USAGE : EXIT_FINDINGS;
  }
}
