// Finds the printed arrays in program output (a notebook cell's stdout or its text/plain result):
// `tensor([...])`, `array([...], dtype=float32)`, `Parameter containing:` and NumPy's bare `[[1. 2.] …]`,
// among whatever else the program printed. The text of one is what the parser then reads.

export interface PrintedArray {
  /** The printout, from its first character to its closing bracket or parenthesis. */
  text: string;
  /** 1-based line of its first character in the output. */
  line: number;
}

/** Where a printout can begin: a wrapper call, torch's parameter header, or a line that opens with "[". */
const START = /Parameter containing:|\b[\w.]*\b(?:tensor|array)\(|^[ \t]*\[/gm;

/** Every printout in `output`, in order; one that never closes runs to the end (the parser then says what is missing). */
export function printedArrays(output: string): PrintedArray[] {
  const found: PrintedArray[] = [];
  let covered = 0;
  for (const match of output.matchAll(START)) {
    const start = match.index + (match[0].length - match[0].trimStart().length);
    if (start < covered) continue;
    const end = closingOf(output, start);
    found.push({ text: output.slice(start, end), line: output.slice(0, start).split(/\r\n|\r|\n/).length });
    covered = end;
  }
  return found;
}

/** The offset after the bracket that closes the first "(" or "[" at or after `start`. */
function closingOf(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91) depth++;
    else if ((c === 41 || c === 93) && depth > 0 && --depth === 0) return i + 1;
  }
  return text.length;
}
