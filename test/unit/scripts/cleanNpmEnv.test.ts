// The setup script's nested `npm install` must not take the outer npm's settings as its own (under
// `npm start` the outer user agent named Node 20, and code-server's postinstall refused to build for
// Node 24). A real nested install runs a package whose postinstall records the environment it sees.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../paths';

const CLEAN_ENV = path.join(REPO_ROOT, 'scripts', 'real-vscode', 'clean-npm-env.sh');
const MARK = 'outer-npm-marker';

/** What a parent `npm run` leaves in the environment, each value marked. */
const parentEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  npm_config_user_agent: `npm/0.0.0 node/v0.0.0 linux x64 ${MARK}`,
  npm_config_nodedir: `/${MARK}`,
  npm_config_node_gyp: `/${MARK}/node-gyp.js`,
  npm_lifecycle_event: MARK,
  npm_lifecycle_script: MARK,
  npm_package_name: MARK,
  npm_package_json: `/${MARK}/package.json`,
  npm_command: MARK,
  npm_execpath: `/${MARK}/npm-cli.js`,
  npm_node_execpath: `/${MARK}/node`,
  NODE: `/${MARK}/node`,
  INIT_CWD: `/${MARK}`,
  PATH: `/${MARK}/node_modules/.bin:/${MARK}/node-gyp-bin:${process.env.PATH ?? ''}`,
});

/** Installs a local package whose postinstall writes its environment; returns that environment. */
function nestedInstallEnv(tmp: string, sourceCleanEnv: boolean): Record<string, string> {
  const probe = path.join(tmp, 'probe');
  const project = path.join(tmp, sourceCleanEnv ? 'clean' : 'leaky');
  const record = path.join(tmp, `${sourceCleanEnv ? 'clean' : 'leaky'}-env.json`);
  fs.mkdirSync(project, { recursive: true });
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ private: true }));
  const script = [
    sourceCleanEnv ? `source ${JSON.stringify(CLEAN_ENV)}` : ':',
    `cd ${JSON.stringify(project)}`,
    `npm install --offline --no-package-lock --no-audit --no-fund --install-links ${JSON.stringify(probe)}`,
  ].join(' && ');
  const run = spawnSync('bash', ['-c', script], { env: { ...parentEnv(), PROBE_OUT: record }, encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.status, 0, `nested npm install failed:\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(fs.readFileSync(record, 'utf8')) as Record<string, string>;
}

const leaked = (env: Record<string, string>) =>
  Object.entries(env)
    .filter(([, value]) => value.includes(MARK))
    .map(([name]) => name);

describe('setup scripts: a nested npm install in a clean npm environment', function () {
  this.timeout(120_000);
  let tmp: string;

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dropout-npm-env-'));
    const probe = path.join(tmp, 'probe');
    fs.mkdirSync(probe);
    const record = "require('fs').writeFileSync(process.env.PROBE_OUT, JSON.stringify(process.env))";
    fs.writeFileSync(
      path.join(probe, 'package.json'),
      JSON.stringify({ name: 'env-probe', version: '1.0.0', scripts: { postinstall: `node -e "${record}"` } }),
    );
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('without the clean-up, the outer npm leaks into the nested install (the harness sees a leak)', () => {
    const env = nestedInstallEnv(tmp, false);
    assert.ok(leaked(env).includes('npm_config_user_agent'), `leaked: ${leaked(env).join(', ')}`);
  });

  it('with clean-npm-env.sh sourced, the nested install sees none of the outer npm_* settings or PATH entries', () => {
    const env = nestedInstallEnv(tmp, true);
    assert.deepEqual(leaked(env), []);
    // The nested npm speaks for the Node that runs it.
    assert.match(env.npm_config_user_agent, new RegExp(`node/${process.version.replace(/\./g, '\\.')}\\b`));
  });
});
