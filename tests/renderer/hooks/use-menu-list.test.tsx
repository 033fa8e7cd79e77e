// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { useMenuList } from '../../../renderer/src/hooks/use-menu-list.ts';
import '../render.ts';

function Menu({ picked }: { picked: string[] }) {
  const [open, setOpen] = useState(true);
  const menu = useMenuList(
    () => setOpen(false),
    (key) => {
      if (key !== '2') return false;
      picked.push('b');
      return true;
    },
  );
  if (!open) return <p>closed</p>;
  return (
    <ul role="menu" {...menu}>
      {['a', 'b', 'c'].map((name) => (
        <li key={name} role="none">
          <button type="button" role="menuitem">
            {name}
          </button>
        </li>
      ))}
    </ul>
  );
}

describe('useMenuList()', () => {
  it('focuses the first item on open, moves with the arrows and wraps around both ends', () => {
    render(<Menu picked={[]} />);
    const menu = screen.getByRole('menu');
    expect(document.activeElement?.textContent).toBe('a');
    fireEvent.keyDown(menu, { key: 'ArrowUp' });
    expect(document.activeElement?.textContent).toBe('c');
    fireEvent.keyDown(menu, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toBe('a');
    fireEvent.keyDown(menu, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toBe('b');
  });

  it('lets the menu claim its own keys, and closes on Escape', () => {
    const picked: string[] = [];
    render(<Menu picked={picked} />);
    fireEvent.keyDown(screen.getByRole('menu'), { key: '2' });
    fireEvent.keyDown(screen.getByRole('menu'), { key: 'x' });
    expect(picked).toEqual(['b']);
    fireEvent.keyDown(screen.getByRole('menu'), { key: 'Escape' });
    expect(screen.getByText('closed')).toBeTruthy();
  });

  it('closes when focus leaves the menu, not when it moves inside it', () => {
    render(
      <>
        <Menu picked={[]} />
        <button type="button">outside</button>
      </>,
    );
    const [a, b] = screen.getAllByRole('menuitem');
    fireEvent.blur(screen.getByRole('menu'), { relatedTarget: b });
    expect(screen.getByRole('menu')).toBeTruthy();
    fireEvent.blur(a!, { relatedTarget: screen.getByText('outside') });
    expect(screen.getByText('closed')).toBeTruthy();
  });
});
