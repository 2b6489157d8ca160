export type Child = Node | string | number | null | undefined | false;

export interface Props {
  className?: string;
  title?: string;
  colSpan?: number;
  /** Inline width (a bar's share, a flame node's time): computed here from numbers, never from page text. */
  width?: string;
  data?: Record<string, string>;
}

/**
 * Creates an element whose text children become Text nodes: every string, page-supplied or not,
 * is shown as text and never parsed as HTML (a selector like `<img onerror=…>` stays a string).
 */
export function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.title !== undefined) node.title = props.title;
  if (props.colSpan !== undefined && node instanceof HTMLTableCellElement) node.colSpan = props.colSpan;
  if (props.width !== undefined) node.style.width = props.width;
  for (const [key, value] of Object.entries(props.data ?? {})) node.dataset[key] = value;
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}
