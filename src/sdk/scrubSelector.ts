/**
 * What pages leak into CSS selectors taken out: attribute values (`[data-user="jane"]` →
 * `[data-user]`, `IMG[src=…].onload` → `IMG[src].onload`), quoted text (`:has-text("Jane")`,
 * Tailwind's `content-['Jane']`), e-mail-like and long hexadecimal runs in ids and classes.
 */
export const scrubSelector = (selector: string): string =>
  selector
    .replace(/(\[[^\]=]+)=[^\]]*]/g, '$1]')
    .replace(/(["'])[^"']*\1/g, '$1$1')
    .replace(/[\w.+-]+(@|%40)[\w-]+\.[\w.-]+/g, ':email')
    .replace(/[\da-f]{16,}/gi, ':hex');
