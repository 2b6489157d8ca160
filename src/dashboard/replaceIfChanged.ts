/**
 * Swaps a container's children for freshly rendered ones only when the data behind them changed:
 * a refresh every few seconds then neither flickers nor resets what the reader was doing (a
 * hovered row, a zoomed flame graph, a text selection).
 */
export function replaceIfChanged(container: Element, data: unknown, render: () => Node[]): void {
  const signature = JSON.stringify(data);
  if (container instanceof HTMLElement && container.dataset.signature === signature) return;
  container.replaceChildren(...render());
  if (container instanceof HTMLElement) container.dataset.signature = signature;
}
