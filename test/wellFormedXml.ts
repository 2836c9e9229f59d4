// A strict reader of well-formed XML, for the tests of the exported SVG: one root element, every
// tag closed in order, attributes quoted and not repeated, only the five named entities and
// numeric references, no stray `<` or `&`. It throws with the offset of the first fault and
// returns the element tree, so a test can read the texts and attributes the image holds.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: (XmlElement | string)[];
}

const NAME = /^[A-Za-z_:][\w.:-]*/;
const REFERENCE = /^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, offset: number): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '<') throw new Error(`a "<" in text or a value at offset ${offset + i}`);
    if (c !== '&') {
      out += c;
      continue;
    }
    const match = REFERENCE.exec(raw.slice(i));
    if (!match) throw new Error(`a bare "&" at offset ${offset + i}`);
    const ref = match[1];
    out += ref.startsWith('#x')
      ? String.fromCodePoint(parseInt(ref.slice(2), 16))
      : ref.startsWith('#')
        ? String.fromCodePoint(Number(ref.slice(1)))
        : NAMED[ref];
    i += match[0].length - 1;
  }
  return out;
}

export function parseXml(xml: string): XmlElement {
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const fail = (what: string): never => {
    throw new Error(`${what} at offset ${i}`);
  };
  const skip = (close: string) => {
    const end = xml.indexOf(close, i);
    if (end < 0) fail(`no "${close}"`);
    i = end + close.length;
  };
  while (i < xml.length) {
    if (xml.startsWith('<?', i)) {
      if (i > 0 && xml.startsWith('<?xml ', i)) fail('an XML declaration not at the start');
      skip('?>');
    } else if (xml.startsWith('<!--', i)) skip('-->');
    else if (xml.startsWith('<![CDATA[', i)) {
      if (!stack.length) fail('CDATA outside the root');
      skip(']]>');
    } else if (xml.startsWith('</', i)) {
      i += 2;
      const name = NAME.exec(xml.slice(i))?.[0] ?? fail('an end tag without a name');
      i += name.length;
      while (/\s/.test(xml[i] ?? '')) i++;
      if (xml[i] !== '>') fail(`an unclosed end tag </${name}`);
      i++;
      const open = stack.pop();
      if (open?.name !== name) fail(`</${name}> closing <${open?.name ?? 'nothing'}>`);
    } else if (xml[i] === '<') {
      i++;
      const name = NAME.exec(xml.slice(i))?.[0] ?? fail('a tag without a name');
      i += name.length;
      const element: XmlElement = { name, attrs: {}, children: [] };
      for (;;) {
        const space = /^\s*/.exec(xml.slice(i))![0].length;
        i += space;
        if (xml.startsWith('/>', i) || xml[i] === '>') break;
        if (!space) fail(`no space before an attribute of <${name}>`);
        const attr = NAME.exec(xml.slice(i))?.[0] ?? fail(`a malformed attribute in <${name}>`);
        i += attr.length;
        if (xml[i] !== '=') fail(`attribute ${attr} without "="`);
        i++;
        const quote = xml[i];
        if (quote !== '"' && quote !== "'") fail(`attribute ${attr} without quotes`);
        const end = xml.indexOf(quote, i + 1);
        if (end < 0) fail(`attribute ${attr} never closed`);
        if (attr in element.attrs) fail(`attribute ${attr} twice in <${name}>`);
        element.attrs[attr] = decode(xml.slice(i + 1, end), i + 1);
        i = end + 1;
      }
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(element);
      else if (root) fail('a second root element');
      else root = element;
      if (xml.startsWith('/>', i)) i += 2;
      else {
        i++;
        stack.push(element);
      }
    } else {
      const end = xml.indexOf('<', i);
      const raw = xml.slice(i, end < 0 ? xml.length : end);
      if (stack.length) stack[stack.length - 1].children.push(decode(raw, i));
      else if (raw.trim()) fail('text outside the root');
      else decode(raw, i);
      i += raw.length;
    }
  }
  if (stack.length) throw new Error(`<${stack[stack.length - 1].name}> never closed`);
  if (!root) throw new Error('no root element');
  return root;
}

/** Every element named `name` under (and including) `node`, in document order. */
export function elements(node: XmlElement, name: string): XmlElement[] {
  const found = node.name === name ? [node] : [];
  for (const child of node.children) if (typeof child !== 'string') found.push(...elements(child, name));
  return found;
}

/** The text inside an element. */
export function textOf(node: XmlElement): string {
  return node.children.map((child) => (typeof child === 'string' ? child : textOf(child))).join('');
}
