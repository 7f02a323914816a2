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
    return 'not a URL (e.g. https://iot.us-east-1.amazonaws.com)';
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && LOOPBACK_HOST.test(url.hostname)) return undefined;
  if (url.protocol === 'http:') return 'http:// is allowed to this machine only: AWS credentials would travel in clear text; use https://';
  return 'must be an https:// URL';
}

/** Why `seconds` is not a usable timeout, or undefined. */
export function timeoutProblem(seconds: number): string | undefined {
  return Number.isFinite(seconds) && seconds > 0 && seconds <= 3600 ? undefined : 'must be a number of seconds, more than 0 and at most 3600';
}

/** The first problem of the connection settings, worded with the names the user gave them by (an option or a setting). */
export function connectionProblem(values: { endpoint?: string; timeout?: string | number }, names: { endpoint: string; timeout: string }): string | undefined {
  const endpoint = values.endpoint !== undefined && endpointProblem(values.endpoint);
  if (endpoint) return `${names.endpoint} ${values.endpoint}: ${endpoint}`;
  const timeout = values.timeout !== undefined && timeoutProblem(Number(values.timeout));
  if (timeout) return `${names.timeout} ${values.timeout}: ${timeout}`;
  return undefined;
}
