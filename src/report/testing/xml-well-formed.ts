// Test support: a small XML 1.0 well-formedness checker that also returns the element tree. Not part of the public API.

/** An element of a parsed document. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_:][\w.:-]*$/;
const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9A-Fa-f]+);/g;
const INVALID_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function decode(text: string): string {
  return text.replace(ENTITY, (entity) => {
    const named: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };
    if (named[entity]) return named[entity];
    const code = entity.startsWith('&#x') ? parseInt(entity.slice(3, -1), 16) : parseInt(entity.slice(2, -1), 10);
    return String.fromCodePoint(code);
  });
}

function checkText(text: string, where: string): void {
  if (INVALID_CHAR.test(text)) throw new Error(`${where}: character not allowed in XML`);
  if (/[<]/.test(text)) throw new Error(`${where}: raw "<"`);
  if (/&/.test(text.replace(ENTITY, ''))) throw new Error(`${where}: "&" that is not an entity`);
}

/** Parses `xml`, throwing on the first well-formedness error; returns the root element. */
export function parseXml(xml: string): XmlElement {
  let rest = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (rest.length > 0) {
    const next = rest.indexOf('<');
    const text = next === -1 ? rest : rest.slice(0, next);
    checkText(text, 'text');
    if (stack.length === 0 && text.trim() !== '') throw new Error('text outside the root element');
    const top = stack[stack.length - 1];
    if (top) top.text += decode(text);
    if (next === -1) break;
    rest = rest.slice(next);
    if (rest.startsWith('<!--')) {
      const end = rest.indexOf('-->');
      if (end === -1) throw new Error('unterminated comment');
      rest = rest.slice(end + 3);
      continue;
    }
    const end = rest.indexOf('>');
    if (end === -1) throw new Error('unterminated tag');
    const tag = rest.slice(1, end);
    rest = rest.slice(end + 1);
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`</${name}> closes <${open?.name ?? 'nothing'}>`);
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const nameMatch = /^\s*([^\s/>]+)/.exec(body);
    const name = nameMatch?.[1] ?? '';
    if (!NAME.test(name)) throw new Error(`bad element name "${name}"`);
    const attributes: Record<string, string> = {};
    const attributeText = body.slice((nameMatch?.[0] ?? '').length);
    const attribute = /\s+([^\s=]+)="([^"]*)"/gy;
    let consumed = 0;
    for (let match = attribute.exec(attributeText); match; match = attribute.exec(attributeText)) {
      const [, key = '', value = ''] = match;
      if (!NAME.test(key)) throw new Error(`bad attribute name "${key}" on <${name}>`);
      if (key in attributes) throw new Error(`duplicate attribute "${key}" on <${name}>`);
      checkText(value, `attribute ${key} of <${name}>`);
      attributes[key] = decode(value);
      consumed = attribute.lastIndex;
    }
    if (attributeText.slice(consumed).trim() !== '') throw new Error(`malformed attributes on <${name}>: ${attributeText.slice(consumed)}`);
    const element: XmlElement = { name, attributes, children: [], text: '' };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else if (root) throw new Error('more than one root element');
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack[stack.length - 1]?.name}>`);
  if (!root) throw new Error('no root element');
  return root;
}

/** Every descendant element named `name`, depth-first. */
export function findAll(element: XmlElement, name: string): XmlElement[] {
  return element.children.flatMap((child) => [...(child.name === name ? [child] : []), ...findAll(child, name)]);
}
