// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import { useRef, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { useFocusTrap } from '../../../renderer/src/hooks/use-focus-trap.ts';
import '../render.ts';

function Trap({ name, children }: { name: string; children?: React.ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useFocusTrap(ref);
  return (
    <div ref={ref} role="dialog" aria-label={name} tabIndex={-1}>
      <button type="button" data-dialog-close>
        {name} close
      </button>
      <input aria-label={`${name} field`} />
      <button type="button" disabled>
        {name} disabled
      </button>
      <button type="button">{name} last</button>
      {children}
    </div>
  );
}

function Page({ nested = false }: { nested?: boolean }) {
  const [open, setOpen] = useState(false);
  const [inner, setInner] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        opener
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        closer
      </button>
      {open ? (
        <Trap name="outer">
          {nested ? (
            <button type="button" onClick={() => setInner(!inner)}>
              toggle inner
            </button>
          ) : null}
          {inner ? <Trap name="inner" /> : null}
        </Trap>
      ) : null}
    </>
  );
}

const tab = (shiftKey = false) => fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Tab', shiftKey });

describe('useFocusTrap()', () => {
  it('moves focus to the first control that is not the close button', () => {
    render(<Page />);
    screen.getByText('opener').focus();
    fireEvent.click(screen.getByText('opener'));
    expect(document.activeElement).toBe(screen.getByLabelText('outer field'));
  });

  it('wraps Tab from the last control to the first and Shift+Tab back, skipping disabled ones', () => {
    render(<Page />);
    fireEvent.click(screen.getByText('opener'));
    screen.getByText('outer last').focus();
    tab();
    expect(document.activeElement).toBe(screen.getByText('outer close'));
    tab(true);
    expect(document.activeElement).toBe(screen.getByText('outer last'));
  });

  it('leaves Tab alone between the ends (the browser moves focus)', () => {
    render(<Page />);
    fireEvent.click(screen.getByText('opener'));
    expect(tab()).toBe(true); // not prevented
  });

  it('returns focus to the element that opened it', () => {
    const { rerender } = render(<Page />);
    const opener = screen.getByText('opener');
    opener.focus();
    fireEvent.click(opener);
    expect(document.activeElement).not.toBe(opener);
    fireEvent.click(screen.getByText('closer'));
    rerender(<Page />);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('lets only the innermost of two traps act, and gives focus back to the outer one', () => {
    render(<Page nested />);
    fireEvent.click(screen.getByText('opener'));
    const toggle = screen.getByText('toggle inner');
    toggle.focus();
    fireEvent.click(toggle);
    expect(document.activeElement).toBe(screen.getByLabelText('inner field'));
    screen.getByText('inner last').focus();
    tab();
    expect(document.activeElement).toBe(screen.getByText('inner close'));
    fireEvent.click(toggle);
    expect(document.activeElement).toBe(toggle);
  });
});
