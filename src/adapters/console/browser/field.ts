import { h } from './dom.js'

/** A labelled control of a form, with an optional help line the control is described by. */
export function field(label: string, control: HTMLElement, help?: string): HTMLElement {
  const id = control.id
  if (help !== undefined) control.setAttribute('aria-describedby', `${id}-help`)
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    control,
    help === undefined ? null : h('p', { id: `${id}-help`, class: 'help' }, help),
  )
}
