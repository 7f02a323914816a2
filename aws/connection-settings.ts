/** Checks of the connection settings, without the SDK: the CLI validates its options before loading it. */

/** Long enough for a slow network, short enough that a silent endpoint does not stall CI. */
export const DEFAULT_TIMEOUT_SECONDS = 30;

const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Why the endpoint may not be used, or undefined. Plain http:// would send the signed requests — and a
 * session token — in clear text, so it is allowed for loopback addresses only (local tests and proxies).
 */
export function endpointProblem(endpoint: string): string | undefined {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return `"${endpoint}" is not a URL (e.g. https://iot.us-east-1.amazonaws.com)`;
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && LOOPBACK_HOST.test(url.hostname)) return undefined;
  if (url.protocol === 'http:') return `endpoint ${endpoint} uses http:// to a host that is not this machine: AWS credentials would travel in clear text; use https://`;
  return `endpoint ${endpoint} must be an https:// URL`;
}

export function timeoutProblem(seconds: number): string | undefined {
  return Number.isFinite(seconds) && seconds > 0 && seconds <= 3600 ? undefined : `the AWS timeout must be a number of seconds between 0 and 3600 (got ${String(seconds)})`;
}
