// Builds elements whose text is only ever set as text: log data never becomes markup here.

type Attributes = Record<string, string | number | boolean | undefined>;

/** An element with attributes and children; strings become text nodes. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) {
      element.setAttribute(name, '');
    } else if (value !== undefined && value !== false) {
      element.setAttribute(name, String(value));
    }
  }
  element.append(...children);
  return element;
}

/** A codicon (the font VS Code uses for its own icons), hidden from screen readers. */
export function icon(name: string): HTMLElement {
  return h('span', { class: `codicon codicon-${name}`, 'aria-hidden': 'true' });
}

/** A button with an icon and a label (shown, or only as its accessible name when `iconOnly`). */
export function button(iconName: string | undefined, label: string, onClick: () => void, iconOnly = false): HTMLButtonElement {
  const element = h('button', { type: 'button', title: iconOnly ? label : undefined, 'aria-label': iconOnly ? label : undefined });
  if (iconName) {
    element.append(icon(iconName));
  }
  if (!iconOnly) {
    element.append(h('span', {}, label));
  }
  element.addEventListener('click', onClick);
  return element;
}
