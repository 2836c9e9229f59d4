import * as assert from 'node:assert/strict';
import { makeNonce, panelCsp, renderPanelHtml } from '../../../src/host/panel/html';

const options = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'n0nceN0nceN0nceN0nceN0nceN0nce12',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
  drawEngineUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/drawEngine.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/panel.css',
};

describe('panel HTML and its content security policy', () => {
  const html = renderPanelHtml(options);

  it('carries exactly the strict policy: nonce scripts, own styles, nothing remote', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.equal(
      csp,
      `default-src 'none'; img-src ${options.cspSource} data:; style-src ${options.cspSource}; font-src ${options.cspSource}; script-src 'nonce-${options.nonce}';`,
    );
    assert.equal(panelCsp(options.cspSource, options.nonce), csp);
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval/);
  });

  it('has no inline script, inline style or event handler attribute', () => {
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    for (const [, attrs, body] of scripts) {
      assert.match(attrs, new RegExp(`nonce="${options.nonce}"`));
      assert.match(attrs, /src="/);
      assert.equal(body.trim(), '', 'no inline script body');
    }
    assert.doesNotMatch(html, /<style/i);
    assert.doesNotMatch(html, /\sstyle=/i);
    assert.doesNotMatch(html, /\son[a-z]+=/i);
  });

  it('loads only from the webview resource origin', () => {
    const urls = [...html.matchAll(/(?:src|href|data-draw-engine)="([^"]+)"/g)].map((m) => m[1]);
    assert.equal(urls.length, 3, 'the script, the engine script it loads later, the style sheet');
    for (const url of urls) assert.ok(url.startsWith(options.cspSource), url);
  });

  it('makes a fresh, long nonce each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, makeNonce));
    assert.equal(nonces.size, 50);
    for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9]{32}$/);
  });
});
