/**
 * Tiny DOM builders. Every string becomes a text node or an attribute value set through the DOM:
 * nothing is ever parsed as HTML, so markup in analysed code (file names, prompts, model ids) shows
 * literally. Inline `style` and `on*` attributes are refused (the CSP forbids them anyway).
 */

/** Attributes and text for an element. */
export interface Props {
  class?: string;
  text?: string;
  attrs?: Record<string, string | number | boolean | undefined>;
}

/** A child: a node, or a string rendered as text. */
export type Child = Node | string | null | undefined | false;

function setAttrs(el: Element, attrs: Props['attrs']): void {
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === false) continue;
    const lower = name.toLowerCase();
    if (lower === 'style' || lower.startsWith('on')) throw new Error(`refusing to set attribute ${name}`);
    el.setAttribute(name, value === true ? '' : String(value));
  }
}

function append(el: Element, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Creates an HTML element (or a custom element such as `vscode-button`). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.text !== undefined) el.textContent = props.text;
  setAttrs(el, props.attrs);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Creates an SVG element. */
export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Props['attrs'] = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** Replaces all children of an element. */
export function replaceChildren(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/** Text readable by screen readers only. */
export function srOnly(text: string): HTMLSpanElement {
  return h('span', { class: 'sr-only', text });
}
