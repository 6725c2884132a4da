// Starts the real `parorende serve` on a fresh demo database, built the way
// ./run.sh builds its demo: init-db, publish the shipped questionnaires,
// one open wave per questionnaire, and the demo offers when the binary has
// `offers import`.
//
// Environment:
//   PARORENDE_BINARY   the parorende binary (default build/debug/cli/parorende)
//   PARORENDE_E2E_DB   the database file to create (default: a fresh temp dir);
//                      must not exist yet
//   PARORENDE_E2E_URL  use a server that is already running instead
import {spawn, execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const BINARY = process.env.PARORENDE_BINARY || path.join(ROOT, 'build/debug/cli/parorende');

export const WAVES = {
  survey: 'demo-parorendeundersokelse',
  screening: 'demo-belastningskartlegging',
};

function run(...args) {
  return execFileSync(BINARY, args, {cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
}

function isoDay(offsetDays) {
  const date = new Date(Date.now() + offsetDays * 86400000);
  return date.toISOString().slice(0, 10);
}

export function hasSubcommand(name) {
  try {
    return run('help').split('\n').some((line) => line.trim().startsWith(`${name} `));
  } catch {
    return false;
  }
}

export function createDemoDatabase(db) {
  run('init-db', '--db', db);
  run('publish', '--db', db, 'questionnaires/parorendeundersokelse.json', 'questionnaires/belastningskartlegging.json');
  const opens = isoDay(-1);
  const closes = isoDay(365);
  run('wave', 'create', '--db', db, '--questionnaire', 'parorendeundersokelse', '--name', WAVES.survey,
    '--opens', opens, '--closes', closes);
  run('wave', 'create', '--db', db, '--questionnaire', 'belastningskartlegging', '--name', WAVES.screening,
    '--opens', opens, '--closes', closes);
  let offers = false;
  const demoOffers = path.join(ROOT, 'data/demo-offers.csv');
  if (hasSubcommand('offers') && existsSync(demoOffers)) {
    run('offers', 'import', '--db', db, demoOffers);
    offers = true;
  }
  return {offers};
}

// -> {url, offers, db, responses(wave), stop()}. `prepare(db, run)`, when given, runs after the
// demo database is made and before the server starts (e.g. `run('demo-data', ...)`).
// `port` (default: one the kernel picks) and `args` (more serve options)
// are for a server that must know its address, such as --public-url.
export async function startServer({prepare, port = 0, args = []} = {}) {
  if (process.env.PARORENDE_E2E_URL) {
    return {url: process.env.PARORENDE_E2E_URL.replace(/\/$/, ''), offers: true, stop: async () => {}};
  }
  if (!existsSync(BINARY)) throw new Error(`no parorende binary at ${BINARY}; set PARORENDE_BINARY`);
  const dir = process.env.PARORENDE_E2E_DB ? null : mkdtempSync(path.join(tmpdir(), 'parorende-e2e-'));
  const db = process.env.PARORENDE_E2E_DB || path.join(dir, 'e2e.db');
  const {offers} = createDemoDatabase(db);
  if (prepare) prepare(db, run);
  // Port 0: the kernel picks a free port and serve prints it.
  const child = spawn(BINARY, ['serve', '--db', db, '--port', String(port), '--address', '127.0.0.1',
    '--web', path.join(ROOT, 'web'), '--access-log', 'off', '--threads', '2',
    '--write-limit', '0', '--attempt-limit', '0', '--compute-limit', '0', ...args], {cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe']});
  let stderr = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`parorende serve did not start:\n${stderr}`)), 20000);
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      // Up to the whitespace after the address: a chunk may end inside it.
      const match = /listening on (http:\/\/[^\s]+)\s/.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve(match[1].replace(/\/$/, ''));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`parorende serve exited with ${code}:\n${stderr}`));
    });
  });
  return {
    url,
    offers,
    db,
    // {complete, partial} stored in `wave`, as `parorende stats` counts them.
    responses(wave) {
      const line = run('stats', '--db', db).split('\n').find((text) => text.trim().startsWith(`${wave}:`));
      const match = /(\d+) complete, (\d+) partial/.exec(line ?? '');
      if (!match) throw new Error(`no wave ${wave} in parorende stats`);
      return {complete: Number(match[1]), partial: Number(match[2])};
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      if (dir) rmSync(dir, {recursive: true, force: true});
    },
  };
}
