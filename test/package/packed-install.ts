import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

// Packs the package as `npm publish` would and installs the tarball into a fresh project, the way a user
// does — first offline from the npm cache that `npm ci` filled, else from the registry with bounded waits.
export const ROOT = path.resolve(__dirname, '..', '..', '..');
const COMMAND_TIMEOUT_MS = 5 * 60_000;

interface LockEntry {
  version?: string;
  integrity?: string;
  resolved?: string;
  dev?: boolean;
  [key: string]: unknown;
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Run {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: COMMAND_TIMEOUT_MS, env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout ?? '', stderr: `${result.stderr ?? ''}${result.error ? result.error.message : ''}` };
}

/** `npm pack` from the already-built dist (--ignore-scripts: `prepare` would rebuild); returns the tarball's path. */
export function packTarball(destination: string): string {
  const packed = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', destination], ROOT);
  if (packed.status !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
  const [{ filename }] = JSON.parse(packed.stdout) as { filename: string }[];
  return path.join(destination, filename);
}

/**
 * A lockfile for a project depending on the tarball alone: the tarball's entry plus the repository's own
 * non-dev entries, so `npm ci --offline` takes every dependency, by integrity, from the npm cache.
 */
function lockFor(tarball: string): object {
  const repoLock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const own = repoLock.packages[''] as { name: string; version: string; dependencies: Record<string, string> };
  const integrity = `sha512-${createHash('sha512').update(fs.readFileSync(tarball)).digest('base64')}`;
  const packages: Record<string, LockEntry> = {
    '': { name: 'consumer', version: '1.0.0', dependencies: { [own.name]: `file:${path.basename(tarball)}` } },
    [`node_modules/${own.name}`]: {
      version: own.version,
      resolved: `file:${path.basename(tarball)}`,
      integrity,
      license: 'MIT',
      dependencies: own.dependencies,
      bin: { [own.name]: 'bin/iot-policy-lens.js' },
    },
  };
  for (const [key, entry] of Object.entries(repoLock.packages)) {
    if (key !== '' && !entry.dev && !entry.link) packages[key] = entry;
  }
  return { name: 'consumer', version: '1.0.0', lockfileVersion: 3, requires: true, packages };
}

/** A fresh project in `dir` with the tarball installed; says which way it was installed. */
export function installIntoFreshProject(tarball: string, dir: string): 'offline' | 'registry' {
  fs.copyFileSync(tarball, path.join(dir, path.basename(tarball)));
  const manifest = { name: 'consumer', version: '1.0.0', private: true, dependencies: { 'iot-policy-lens': `file:${path.basename(tarball)}` } };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  fs.writeFileSync(path.join(dir, 'package-lock.json'), JSON.stringify(lockFor(tarball), null, 2));
  const quiet = ['--no-audit', '--no-fund', '--ignore-scripts'];
  const offline = run('npm', ['ci', '--offline', ...quiet], dir);
  if (offline.status === 0) return 'offline';
  // Some dependency is not in the cache: fetch it, each request bounded and retried at most twice.
  fs.rmSync(path.join(dir, 'package-lock.json'));
  const online = run('npm', ['install', '--prefer-offline', ...quiet], dir, {
    npm_config_fetch_timeout: '60000',
    npm_config_fetch_retries: '2',
    npm_config_fetch_retry_maxtimeout: '20000',
  });
  if (online.status !== 0) throw new Error(`installing the tarball failed offline:\n${offline.stderr}\nand from the registry:\n${online.stderr}`);
  return 'registry';
}
