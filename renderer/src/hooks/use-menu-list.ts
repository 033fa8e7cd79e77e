import { useCallback, useRef, type FocusEvent, type KeyboardEvent } from 'react';

/**
 * Keyboard behaviour of a dropdown menu's list (WAI-ARIA menu pattern): the first item takes
 * focus when it opens, arrows move and wrap, Escape or focus leaving closes it. `onKey` may
 * claim other keys (e.g. a number picks an item) by returning true.
 */
export function useMenuList(onClose: () => void, onKey?: (key: string) => boolean) {
  const listRef = useRef<HTMLUListElement | null>(null);
  const items = () => [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
  const focusItem = (index: number) => {
    const all = items();
    if (all.length > 0) all[(index + all.length) % all.length]?.focus();
  };
  const ref = useCallback((node: HTMLUListElement | null) => {
    listRef.current = node;
    if (node && !node.contains(document.activeElement)) node.querySelector<HTMLButtonElement>('button')?.focus();
  }, []);
  return {
    ref,
    onKeyDown(e: KeyboardEvent<HTMLUListElement>) {
      const index = items().indexOf(document.activeElement as HTMLButtonElement);
      if (e.key === 'Escape') onClose();
      else if (e.key === 'ArrowDown') focusItem(index + 1);
      else if (e.key === 'ArrowUp') focusItem(index - 1);
      else if (!onKey?.(e.key)) return;
      e.preventDefault();
      e.stopPropagation();
    },
    onBlur(e: FocusEvent<HTMLUListElement>) {
      if (!e.currentTarget.contains(e.relatedTarget as Node | null)) onClose();
    },
  };
}
