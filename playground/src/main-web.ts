/** The web playground: samples bundled at build time, state in the URL hash, workers next to the page. */
import samples from 'virtual:lens-samples';
import { startApp, type PlaygroundApi } from './app';
import { setWorkers } from './monaco-setup';
import { sampleSets, templateSet, type SampleSet } from './samples';
import { DEFAULT_QUERY, type PlaygroundState } from './engine';
import { decodeState, emptyFiles, encodeState } from './state';

declare global {
  interface Window {
    iotPolicyLens?: PlaygroundApi;
  }
}

setWorkers((label) => new Worker(new URL(`workers/${label}.worker.js`, document.baseURI)));

function stateFromSample(set: SampleSet | undefined): PlaygroundState {
  const files = emptyFiles();
  for (const [id, file] of Object.entries(set?.files ?? {})) files[id as keyof typeof files] = { ...file };
  return { files, extra: { ...(set?.extra ?? {}) }, query: { ...DEFAULT_QUERY, ...set?.query }, tab: 'who' };
}

async function main(): Promise<void> {
  const sets = [...sampleSets(samples), templateSet()];
  const fromHash = location.hash.length > 1 ? await decodeState(location.hash) : undefined;
  let lastHash = location.hash;
  const api = startApp(document.getElementById('app')!, {
    kind: 'web',
    samples: sets,
    initialState: fromHash ?? stateFromSample(sets.find((s) => s.id === 'samples/per-user-app') ?? sets[0]),
    dark: false,
    async persist(state) {
      const hash = `#${await encodeState(state)}`;
      lastHash = hash;
      if (hash !== location.hash) history.replaceState(null, '', hash);
    },
    async share(state) {
      const hash = `#${await encodeState(state)}`;
      lastHash = hash;
      history.replaceState(null, '', hash);
      return location.href;
    },
  });
  if (location.hash.length > 1 && !fromHash)
    document.getElementById('lens-share-status')!.textContent = 'The link in the address bar could not be read; showing a sample instead.';
  window.addEventListener('hashchange', async () => {
    if (location.hash === lastHash) return;
    const state = await decodeState(location.hash);
    if (!state) return;
    lastHash = location.hash;
    api.load(state);
  });
  window.iotPolicyLens = api;
}

void main();
