// axe-core inside the playground's webview: the panel's document is two iframes deep, on the
// webview's own origin, so the engine is injected there and run on that document alone.
import * as fs from 'node:fs';
import type { Frame, Page } from 'playwright-core';
import { PLAYGROUND_IFRAME } from './workbench';

/** WCAG 2.0 and 2.1, levels A and AA: the rules the panel is held to. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let axeSource: string | undefined;

/** The panel's own document (the webview's inner iframe), looked up afresh: VS Code may rebuild the frames. */
export async function panelFrame(page: Page): Promise<Frame> {
  const outer = await (await page.locator(PLAYGROUND_IFRAME).elementHandle({ timeout: 30_000 }))?.contentFrame();
  const inner = await (await outer?.locator('iframe#active-frame').elementHandle({ timeout: 30_000 }))?.contentFrame();
  if (!inner) throw new Error('the playground webview has no document');
  return inner;
}

/** One line per element that breaks a rule: "rule-id (help): selector — what fails". */
export async function axeViolations(page: Page): Promise<string[]> {
  const frame = await panelFrame(page);
  axeSource ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the debugging protocol, so the panel's CSP (scripts by nonce only) does not apply.
  if (!(await frame.evaluate(() => 'axe' in globalThis))) await frame.evaluate(axeSource);
  return frame.evaluate(async (tags) => {
    interface AxeNode {
      target: string[];
      failureSummary?: string;
    }
    interface AxeResult {
      id: string;
      help: string;
      nodes: AxeNode[];
    }
    interface Axe {
      getRules(tags: string[]): { ruleId: string; tags: string[] }[];
      run(context: unknown, options: unknown): Promise<{ violations: AxeResult[] }>;
    }
    const axe = (globalThis as unknown as { axe: Axe }).axe;
    // axe leaves its experimental rules off, label-content-name-mismatch (WCAG 2.5.3) among them: turn on every one these tags hold.
    const experimental = axe.getRules(tags).filter((rule) => rule.tags.includes('experimental'));
    const { violations } = await axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: { type: 'tag', values: tags },
      rules: Object.fromEntries(experimental.map((rule) => [rule.ruleId, { enabled: true }])),
      resultTypes: ['violations'],
    });
    return violations.flatMap((v) =>
      v.nodes.map((n) => `${v.id} (${v.help}): ${n.target.join(' ')} — ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`),
    );
  }, WCAG_TAGS);
}
