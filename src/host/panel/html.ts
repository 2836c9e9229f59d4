// The panel's HTML, set once per webview. Strict CSP: scripts only with this
// load's nonce, styles only from the extension's files, nothing remote, no
// inline script or style. Everything after this arrives by message.

export interface PanelHtmlOptions {
  cspSource: string;
  nonce: string;
  scriptUri: string;
  /** The engine's script, which the panel loads after its first paint to draw small inputs itself. */
  drawEngineUri: string;
  styleUri: string;
}

export function panelCsp(cspSource: string, nonce: string): string {
  return (
    [
      `default-src 'none'`,
      `img-src ${cspSource} data:`,
      `style-src ${cspSource}`,
      `font-src ${cspSource}`,
      `script-src 'nonce-${nonce}'`,
    ].join('; ') + ';'
  );
}

/** 32 characters from a CSPRNG (Node 20 and browsers both have globalThis.crypto). */
export function makeNonce(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

const escapeAttribute = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function renderPanelHtml(o: PanelHtmlOptions): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(panelCsp(o.cspSource, o.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(o.styleUri)}">
<title>Dropout Playground</title>
</head>
<body>
<main id="app" aria-busy="true"><p class="placeholder">Loading the playground…</p></main>
<script nonce="${escapeAttribute(o.nonce)}" src="${escapeAttribute(o.scriptUri)}" data-draw-engine="${escapeAttribute(o.drawEngineUri)}"></script>
</body>
</html>
`;
}
