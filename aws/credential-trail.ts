/**
 * The SDK's credential chain ends every failure with "Could not load credentials from any providers", even
 * when a profile's credential_process ran and failed. The reason only reaches the client's debug log, so
 * the clients log into this trail and a credentials error can name the real cause.
 */

let lastCredentialProblem: string | undefined;

const CREDENTIAL_PROBLEM = /credential_process|^Command failed|^Profile \S+ could not be found/;
const PROVIDER_PREFIX = /^@smithy\/property-provider (->|\(!\)) /;

/** A logger for a new client; it also forgets the problem of any earlier client. */
export function credentialTrailLogger() {
  lastCredentialProblem = undefined;
  const ignore = () => {};
  return {
    debug: (...parts: unknown[]) => {
      const message = parts.map(String).join(' ').replace(PROVIDER_PREFIX, '');
      if (CREDENTIAL_PROBLEM.test(message)) lastCredentialProblem = message.trim();
    },
    info: ignore,
    warn: ignore,
    error: ignore,
  };
}

/** Why the last credentials lookup failed, when the SDK said more than "no credentials". */
export function credentialProblem(): string | undefined {
  return lastCredentialProblem;
}
