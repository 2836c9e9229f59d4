// Starts code-server (the VS Code workbench + a real Node extension host) for
// one VS Code version on 127.0.0.1:<free port>, in a throwaway profile.
'use strict';
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { spawnGroup, stopGroup, onCleanup } = require('./processes');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const OFFLINE_DIR = process.env.DROPOUT_VSCODE_OFFLINE_DIR || path.join(REPO_ROOT, '.vscode-test-offline');

/** VS Code version -> the code-server release that ships it. */
const CODE_SERVER_FOR = { '1.100.3': '4.100.3', '1.139.1': '4.139.1' };
const VSCODE_VERSIONS = Object.keys(CODE_SERVER_FOR);

const THEMES = {
  light: 'Default Light Modern',
  dark: 'Default Dark Modern',
  'high-contrast': 'Default High Contrast',
  'high-contrast-light': 'Default High Contrast Light',
};

/** Accepts "1.100", "1.100.3" or "4.100.3"; returns { vscode, codeServer }. */
function resolveVersion(requested = '1.139.1') {
  for (const [vscode, codeServer] of Object.entries(CODE_SERVER_FOR)) {
    if (requested === vscode || requested === codeServer || vscode.startsWith(`${requested}.`)) return { vscode, codeServer };
  }
  throw new Error(`No code-server known for VS Code ${requested}; known: ${VSCODE_VERSIONS.join(', ')}`);
}

function installation(requested) {
  const { vscode, codeServer } = resolveVersion(requested);
  const dir = path.join(OFFLINE_DIR, `code-server-${codeServer}`);
  const entry = path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const nodeFile = path.join(dir, '.node');
  const installed = fs.existsSync(entry) && fs.existsSync(path.join(dir, '.installed'));
  const node = installed && fs.existsSync(nodeFile) ? fs.readFileSync(nodeFile, 'utf8').trim() : process.execPath;
  return { vscode, codeServer, dir, entry, node, installed };
}

function requireInstallation(requested) {
  const inst = installation(requested);
  if (!inst.installed) {
    throw new Error(`code-server ${inst.codeServer} (VS Code ${inst.vscode}) is not installed: run bash scripts/setup-real-vscode.sh`);
  }
  return inst;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function get(url) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.setTimeout(2000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

function userSettings(theme, extra) {
  const settings = {
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'workbench.enableExperiments': false,
    'workbench.tips.enabled': false,
    'chat.disableAIFeatures': true,
    'window.commandCenter': false,
    'editor.minimap.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    ...extra,
  };
  if (theme) settings['workbench.colorTheme'] = THEMES[theme] || theme;
  return settings;
}

/**
 * Starts code-server. Options: version, theme ('light' | 'dark' | 'high-contrast' or a theme name),
 * settings (more user settings), extensionsDir (reuse one, e.g. with an installed .vsix), env, quiet.
 * Returns { url, port, version, tmp, extensionsDir, workbenchUrl(opts), stop() }.
 */
async function startCodeServer(options = {}) {
  const inst = requireInstallation(options.version);
  const tmp = await fsp.mkdtemp(path.join(os.tmpdir(), `dropout-vscode-${inst.vscode}-`));
  const userDataDir = path.join(tmp, 'user-data');
  const extensionsDir = options.extensionsDir || path.join(tmp, 'extensions');
  for (const dir of [userDataDir, extensionsDir, path.join(tmp, 'xdg-config'), path.join(tmp, 'xdg-data'), path.join(tmp, 'tmp')]) {
    await fsp.mkdir(dir, { recursive: true });
  }
  await fsp.mkdir(path.join(userDataDir, 'User'), { recursive: true });
  await fsp.writeFile(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(userSettings(options.theme, options.settings), null, 2));
  const port = await freePort();
  const config = path.join(tmp, 'config.yaml');
  await fsp.writeFile(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);

  const args = [
    inst.entry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--config', config,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...(options.args || []),
  ];
  const env = {
    ...process.env,
    ...options.env,
    // code-server writes to ~ unless these point elsewhere.
    XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'),
    XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
    TMPDIR: path.join(tmp, 'tmp'),
    // 1.139 honours the automation payload (extension tests, codeAutomationExit) only with this.
    VSCODE_OPTIONS: '--enable-smoke-test-driver',
    PATH: `${path.dirname(inst.node)}:${process.env.PATH}`,
  };
  delete env.VSCODE_IPC_HOOK_CLI;
  const logPath = path.join(tmp, 'code-server.log');
  const log = fs.openSync(logPath, 'a');
  const child = spawnGroup(inst.node, args, { env, stdio: ['ignore', log, log] });
  fs.closeSync(log);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    unregister();
    await stopGroup(child);
    if (!options.keepTmp) await fsp.rm(tmp, { recursive: true, force: true }).catch(() => {});
  };
  const unregister = onCleanup(stop);

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  let exitCode = null;
  child.once('exit', (code) => (exitCode = code));
  for (;;) {
    if (exitCode !== null) {
      const text = fs.readFileSync(logPath, 'utf8');
      await stop();
      throw new Error(`code-server ${inst.codeServer} exited with ${exitCode}:\n${text.slice(-3000)}`);
    }
    try {
      if ((await get(`${url}/healthz`)) === 200) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server ${inst.codeServer} did not answer /healthz within 60 s`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  /** The workbench URL: a folder and the automation payload (extension development/tests paths). */
  const workbenchUrl = ({ folder, extensionDevelopmentPath, extensionTestsPath } = {}) => {
    const params = [];
    if (folder) params.push(`folder=${encodeURIComponent(path.resolve(folder))}`);
    const payload = [];
    const remote = (p) => `vscode-remote://remote${path.resolve(p)}`;
    for (const dev of [].concat(extensionDevelopmentPath || [])) payload.push(['extensionDevelopmentPath', remote(dev)]);
    if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
    if (payload.length) params.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
    return `${url}/${params.length ? `?${params.join('&')}` : ''}`;
  };

  return { url, port, version: inst.vscode, codeServer: inst.codeServer, tmp, logPath, extensionsDir, userDataDir, workbenchUrl, stop, process: child };
}

/** `code-server --install-extension x.vsix` into an extensions dir (a fresh one, for the packaged-extension test). */
async function installVsix(version, vsixPath, extensionsDir) {
  const inst = requireInstallation(version);
  const tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'dropout-vsix-'));
  try {
    const env = {
      ...process.env,
      XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'),
      XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
      PATH: `${path.dirname(inst.node)}:${process.env.PATH}`,
    };
    const child = spawnGroup(inst.node, [inst.entry, '--user-data-dir', path.join(tmp, 'ud'), '--extensions-dir', extensionsDir, '--install-extension', path.resolve(vsixPath)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    if (code !== 0) throw new Error(`--install-extension exited with ${code}:\n${output}`);
    return output;
  } finally {
    await fsp.rm(tmp, { recursive: true, force: true }).catch(() => {});
  }
}

module.exports = { startCodeServer, installVsix, installation, resolveVersion, VSCODE_VERSIONS, THEMES, REPO_ROOT, OFFLINE_DIR };
