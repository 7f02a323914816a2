/**
 * The playground's state as a URL hash: JSON, deflated (CompressionStream, when the browser has it) and
 * base64url-encoded. `#s=` is compressed, `#j=` plain. Decoding never throws; anything unreadable is undefined.
 */
import { asUnchecked } from '../../analyzer/schema/unchecked';
import { DEFAULT_QUERY, EDITOR_IDS, PANEL_IDS, VERBS, type FileState, type Files, type PlaygroundState, type Query, type Verb } from './engine';

const EMPTY_POLICY = '{\n  "Version": "2012-10-17",\n  "Statement": []\n}\n';

export function emptyFiles(): Files {
  return {
    authRole: { path: 'policies/auth-role.json', text: EMPTY_POLICY },
    unauthRole: { path: 'policies/guest-role.json', text: EMPTY_POLICY },
    iotPolicy: { path: 'policies/user.iot.json', text: EMPTY_POLICY },
    scenario: { path: 'scenario.json', text: '' },
    template: { path: 'cloudformation/template.yaml', text: '' },
  };
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function pipe(bytes: Uint8Array<ArrayBuffer>, stream: GenericTransformStream): Promise<Uint8Array<ArrayBuffer>> {
  const out = new Blob([bytes]).stream().pipeThrough(stream as TransformStream<Uint8Array, Uint8Array>);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

const hasCompression = () => typeof CompressionStream === 'function' && typeof DecompressionStream === 'function';

/** The hash (without `#`) that restores `state`. */
export async function encodeState(state: PlaygroundState): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify({ v: 1, ...state }));
  if (!hasCompression()) return `j=${toBase64Url(json)}`;
  return `s=${toBase64Url(await pipe(json, new CompressionStream('deflate-raw')))}`;
}

export async function decodeState(hash: string): Promise<PlaygroundState | undefined> {
  const match = /^#?([sj])=([A-Za-z0-9_-]+)$/.exec(hash.trim());
  if (!match) return undefined;
  try {
    let bytes = fromBase64Url(match[2]);
    if (match[1] === 's') {
      if (!hasCompression()) return undefined;
      bytes = await pipe(bytes, new DecompressionStream('deflate-raw'));
    }
    return sanitize(JSON.parse(new TextDecoder().decode(bytes)));
  } catch {
    return undefined;
  }
}

const str = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);

/** Takes only what a state may contain, with defaults for anything missing (links outlive versions). */
export function sanitize(value: unknown): PlaygroundState | undefined {
  const raw = asUnchecked<PlaygroundState>(value);
  const rawFiles = asUnchecked<Files>(raw?.files);
  if (!raw || !rawFiles) return undefined;
  const defaults = emptyFiles();
  const files = {} as Files;
  for (const id of EDITOR_IDS) {
    const file = asUnchecked<FileState>(rawFiles[id]);
    files[id] = { path: str(file?.path, defaults[id].path) || defaults[id].path, text: str(file?.text, defaults[id].text) };
  }
  const q = asUnchecked<Query>(raw.query);
  const query: Query = {
    identityType: q?.identityType === 'unauthenticated' ? 'unauthenticated' : 'authenticated',
    identityId: str(q?.identityId, DEFAULT_QUERY.identityId),
    clientId: str(q?.clientId, ''),
    protocol: q?.protocol === 'mqtt' || q?.protocol === 'https' ? q.protocol : 'mqtt-wss',
    identityPoolId: str(q?.identityPoolId, ''),
    attachIotPolicy: q?.attachIotPolicy !== false,
    target: str(q?.target, ''),
    ...(typeof q?.appClass === 'string' && { appClass: q.appClass }),
  };
  const strings = (value: unknown) =>
    Object.fromEntries(Object.entries(asUnchecked<Record<string, string>>(value) ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const extra = strings(raw.extra);
  const parameters = raw.parameters === undefined ? undefined : strings(raw.parameters);
  const tab = PANEL_IDS.find((id) => id === raw.tab) ?? PANEL_IDS[0];
  const verb = VERBS.find((v): v is Verb => v === raw.verb);
  const step = raw.step;
  return {
    files,
    extra,
    ...(parameters && { parameters }),
    query,
    tab,
    ...(verb && { verb }),
    ...(typeof step === 'number' && Number.isInteger(step) && step >= 0 && { step }),
  };
}
