// "Copy as Markdown Report": the run the panel shows, to paste into notes, an issue or a notebook —
// the settings, the summary's figures, the lesson on these numbers and a script that reproduces the
// run. Every sentence and figure comes from the definitions the panel itself uses (src/shared), so
// the report says what the panel says. Pure.
import { frameworkArgument, FRAMEWORK_PRESETS, RNGS, VARIANT_INFO } from '../../shared/catalogue';
import { lessonBox } from '../../shared/lesson';
import { formatCount, formatProbability, formatShape } from '../../shared/numberFormat';
import { SUMMARY_ROWS, summaryCells, summaryLabel } from '../../shared/summaryCells';
import type { PlaygroundSettings, ResultView } from '../../shared/viewModel';
import { buildSnippet, type SnippetLanguage, snippetRunOf } from '../snippet';

/** A table cell's text: one line, and a pipe that does not end the cell. */
function cell(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/\|/g, '\\|');
}

function table(header: [string, string], rows: [string, string][], align: [string, string]): string[] {
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), `| ${align.join(' | ')} |`, ...rows.map(line)];
}

function settingsRows(settings: PlaygroundSettings): [string, string][] {
  const framework = FRAMEWORK_PRESETS[settings.framework];
  const rows: [string, string][] = [
    ['drop probability', `p = ${formatProbability(settings.p)} (keep 1 − p = ${formatProbability(1 - settings.p)})`],
    [`${framework.label}'s argument`, frameworkArgument(settings.framework, settings.p, formatProbability)],
    ['mode', settings.mode],
    ['seed', settings.seed],
    ['random stream', `${RNGS[settings.rng].label}: ${RNGS[settings.rng].detail}`],
    ['variant', `${VARIANT_INFO[settings.variant].label}: ${VARIANT_INFO[settings.variant].detail}`],
  ];
  if (settings.broadcastDims.length) rows.push(['one mask value shared along axes', settings.broadcastDims.join(', ')]);
  return rows;
}

function summaryRows(settings: PlaygroundSettings, result: ResultView): [string, string][] {
  const cells = summaryCells(settings, result);
  return SUMMARY_ROWS.map(({ stat }) => {
    const { value, note } = cells[stat];
    return [summaryLabel(stat, settings), note ? `${value}, ${note}` : value];
  });
}

/** The report, in Markdown, ending with a newline; the script is in `language`. */
export function markdownReport(settings: PlaygroundSettings, result: ResultView, language: SnippetLanguage): string {
  const { source } = result;
  const lesson = lessonBox(settings, result);
  const about = [`shape ${formatShape(source.shape)}`, source.dtype, `n = ${formatCount(source.n)}`];
  const notes = [source.provenance, source.note, source.warning && `Warning: ${source.warning.message}`].filter(Boolean);
  return (
    [
      `# Dropout on ${cell(source.label)}`,
      '',
      about.join(' · '),
      '',
      ...notes.flatMap((note) => [note!, '']),
      '## Settings',
      '',
      ...table(['setting', 'value'], settingsRows(settings), ['---', '---']),
      '',
      '## What dropout does to these numbers',
      '',
      ...[lesson.preface, lesson.sentence, lesson.band].filter((text) => text).flatMap((text) => [text!, '']),
      '## Summary',
      '',
      ...table(['figure', 'value'], summaryRows(settings, result), ['---', '--:']),
      '',
      '## Reproduce',
      '',
      '```python',
      buildSnippet(language, snippetRunOf(settings, result)).trimEnd(),
      '```',
    ].join('\n') + '\n'
  );
}
