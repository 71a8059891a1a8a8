/** Attributes of an element made by {@link h}: strings set as attributes, functions as listeners. */
export type Attributes = Readonly<
  Record<string, string | number | boolean | null | undefined | EventListener>
>

/** A child of {@link h}: text (never parsed as HTML), an element, or nothing. */
export type Child = Node | string | number | null | undefined | false | readonly Child[]

function append(parent: Node, child: Child): void {
  if (child === null || child === undefined || child === false) return
  if (Array.isArray(child)) for (const each of child as readonly Child[]) append(parent, each)
  else
    parent.appendChild(typeof child === 'object' ? (child as Node) : document.createTextNode(String(child)))
}

function setAttributes(element: Element, attributes: Attributes): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2).toLowerCase(), value)
    else if (value === true) element.setAttribute(name, '')
    else if (value !== null && value !== undefined && value !== false)
      element.setAttribute(name, String(value))
  }
}

/** An HTML element with attributes (`onClick` and the like become listeners) and children. */
export function h(tag: string, attributes: Attributes = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag)
  setAttributes(element, attributes)
  append(element, children)
  return element
}

/** An SVG element, as {@link h} makes HTML ones. */
export function svg(tag: string, attributes: Attributes = {}, ...children: Child[]): SVGElement {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag)
  setAttributes(element, attributes)
  append(element, children)
  return element
}

/** Replaces what `parent` shows with `children`. */
export function show(parent: Element, ...children: Child[]): void {
  parent.replaceChildren()
  append(parent, children)
}
