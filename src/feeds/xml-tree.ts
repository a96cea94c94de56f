import { Tokenizer } from 'htmlparser2';
import { NOT_XML_CHARS } from './xml-writer.ts';

/** An XML element with its namespace resolved (Namespaces in XML 1.0, https://www.w3.org/TR/xml-names/). */
export type XmlElement = {
  kind: 'element';
  /** The qualified name as written (`atom:link`). */
  name: string;
  local: string;
  /** The namespace URI, or '' for none. */
  ns: string;
  attrs: XmlAttribute[];
  children: XmlNode[];
  parent: XmlElement | null;
};

export type XmlAttribute = { name: string; local: string; ns: string; value: string };
export type XmlText = { kind: 'text'; value: string; isCdata: boolean };
export type XmlNode = XmlElement | XmlText;

export type XmlDocument = {
  root: XmlElement | null;
  /** The text of a `<!DOCTYPE …>` declaration, if any. */
  doctype: string | null;
  /** Well-formedness and namespace errors: any one means an XML processor must stop. */
  errors: string[];
};

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const QUOTE_NONE = 0;
const QUOTE_UNQUOTED = 1;

const splitName = (name: string): [string, string] => {
  const colon = name.indexOf(':');
  return colon < 0 ? ['', name] : [name.slice(0, colon), name.slice(colon + 1)];
};

/**
 * Parses XML into a tree with htmlparser2's tokenizer in XML mode, adding the strictness the
 * tokenizer leaves out: matching end tags, one root, quoted and unique attributes, only the five
 * predefined entities, declared namespace prefixes.
 *
 * @example
 * parseXml('<feed xmlns="http://www.w3.org/2005/Atom"><title>A &amp; B</title></feed>').root?.ns
 * // 'http://www.w3.org/2005/Atom'
 */
export function parseXml(source: string): XmlDocument {
  const errors: string[] = [];
  const stack: { element: XmlElement; scope: Map<string, string> }[] = [];
  let root: XmlElement | null = null;
  let doctype: string | null = null;
  let pending: { name: string; raw: [string, string][] } | null = null;
  let attrName = '';
  let attrValue = '';
  const slice = (start: number, end: number) => source.slice(start, end);
  const scopeOf = () => stack.at(-1)?.scope ?? new Map([['xml', XML_NS]]);

  function addText(value: string, isCdata: boolean): void {
    const top = stack.at(-1)?.element;
    if (!top) {
      if (value.trim() !== '') errors.push('text outside the root element');
      return;
    }
    const last = top.children.at(-1);
    if (last?.kind === 'text' && last.isCdata === isCdata) last.value += value;
    else top.children.push({ kind: 'text', value, isCdata });
  }

  function openElement(): void {
    if (!pending) return;
    const { name, raw } = pending;
    pending = null;
    const scope = new Map(scopeOf());
    for (const [attr, value] of raw) {
      if (attr === 'xmlns') scope.set('', value);
      else if (attr.startsWith('xmlns:')) {
        if (value === '') errors.push(`empty namespace declaration ${attr}`);
        scope.set(attr.slice(6), value);
      }
    }
    const resolve = (qname: string, isAttribute: boolean): [string, string] => {
      const [prefix, local] = splitName(qname);
      if (prefix === '') return [local, isAttribute ? '' : (scope.get('') ?? '')];
      if (prefix === 'xmlns') return [local, XMLNS_NS];
      const ns = scope.get(prefix);
      if (ns === undefined) errors.push(`undeclared namespace prefix "${prefix}" on ${qname}`);
      return [local, ns ?? ''];
    };
    const [local, ns] = resolve(name, false);
    const parent = stack.at(-1)?.element ?? null;
    const attrs = raw.map(([attr, value]) => {
      const [attrLocal, attrNs] = attr === 'xmlns' ? [attr, XMLNS_NS] : resolve(attr, true);
      return { name: attr, local: attrLocal, ns: attrNs, value };
    });
    const element: XmlElement = { kind: 'element', name, local, ns, attrs, children: [], parent };
    if (parent) parent.children.push(element);
    else if (root) errors.push(`a second root element <${name}>`);
    else root = element;
    stack.push({ element, scope });
  }

  const tokenizer = new Tokenizer(
    { xmlMode: true, decodeEntities: true },
    {
      onopentagname: (start, end) => {
        pending = { name: slice(start, end), raw: [] };
      },
      onattribname: (start, end) => {
        attrName = slice(start, end);
        attrValue = '';
      },
      onattribdata: (start, end) => {
        const raw = slice(start, end);
        if (raw.includes('&')) errors.push(`undefined entity or bare "&" in attribute ${attrName}`);
        if (raw.includes('<')) errors.push(`"<" in attribute ${attrName}`);
        attrValue += raw;
      },
      onattribentity: (codepoint) => {
        attrValue += String.fromCodePoint(codepoint);
      },
      onattribend: (quote, _end) => {
        if (quote === QUOTE_NONE || quote === QUOTE_UNQUOTED)
          errors.push(`attribute ${attrName} has no quoted value`);
        if (pending?.raw.some(([name]) => name === attrName))
          errors.push(`duplicate attribute ${attrName} on <${pending.name}>`);
        pending?.raw.push([attrName, attrValue]);
      },
      onopentagend: () => openElement(),
      onselfclosingtag: () => {
        openElement();
        stack.pop();
      },
      onclosetag: (start, end) => {
        const name = slice(start, end);
        const top = stack.at(-1)?.element;
        if (top?.name === name) stack.pop();
        else errors.push(`end tag </${name}> does not match <${top?.name ?? '(none)'}>`);
      },
      ontext: (start, end) => {
        const raw = slice(start, end);
        if (raw.includes('&')) errors.push('undefined entity or bare "&" in text');
        if (raw.includes(']]>')) errors.push('"]]>" in text outside a CDATA section');
        if (raw.search(NOT_XML_CHARS) >= 0) errors.push('a character XML does not allow');
        addText(raw, false);
      },
      ontextentity: (codepoint) => addText(String.fromCodePoint(codepoint), false),
      oncdata: (start, end, offset) => addText(slice(start, end - offset), true),
      ondeclaration: (start, end) => {
        const text = slice(start, end);
        if (/^doctype\b/i.test(text)) doctype = text;
      },
      oncomment: () => {},
      onprocessinginstruction: () => {},
      onend: () => {
        for (const open of stack) errors.push(`element <${open.element.name}> is never closed`);
        if (!root) errors.push('no root element');
      },
    },
  );
  tokenizer.write(source);
  tokenizer.end();
  return { root, doctype, errors };
}

/** The text of an element and its descendants, CDATA included. */
export function textOf(element: XmlElement): string {
  return element.children.map((child) => (child.kind === 'text' ? child.value : textOf(child))).join('');
}

export const childElements = (element: XmlElement): XmlElement[] =>
  element.children.filter((child): child is XmlElement => child.kind === 'element');

/** Children in namespace `ns` named `local`. */
export const childrenNamed = (element: XmlElement, ns: string, local: string): XmlElement[] =>
  childElements(element).filter((child) => child.ns === ns && child.local === local);

export const attributeOf = (element: XmlElement, name: string): string | undefined =>
  element.attrs.find((attr) => attr.name === name)?.value;

/** True when the element holds text that is not whitespace directly (not inside child elements). */
export const hasOwnText = (element: XmlElement): boolean =>
  element.children.some((child) => child.kind === 'text' && child.value.trim() !== '');
