// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { IdentityMatrix } from '../../../../renderer/src/screens/profiles/IdentityMatrix.tsx';
import { entry, makeProfile } from '../../fixtures.ts';
import '../../render.ts';

const profiles = [
  makeProfile({ id: 'a', label: 'Same browser', timeline: [entry('opened', 'n_aaaaaaa'), entry('cleared', 'n_bbbbbbb', { changed: true })] }),
  makeProfile({ id: 'b', kind: 'incognito', label: 'Incognito', timeline: [entry('opened', 'n_ccccccc')] }),
];

describe('<IdentityMatrix>', () => {
  it('is a grid with one tab stop that the arrow keys move, Home and End to the row’s ends', () => {
    render(<IdentityMatrix profiles={profiles} />);
    expect(screen.getByRole('grid').getAttribute('aria-label')).toContain('Identity matrix');
    const stops = () => screen.getAllByTestId('matrix-cell').filter((c) => c.tabIndex === 0);
    expect(stops()).toHaveLength(1);
    const first = stops()[0]!;
    first.focus();
    for (let i = 0; i < 3; i++) fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    const cell = document.activeElement as HTMLElement;
    expect([cell.dataset.profileId, cell.dataset.action, cell.dataset.value]).toEqual(['a', 'cleared', 'changed']);
    expect(stops()).toEqual([cell]);
    fireEvent.keyDown(cell, { key: 'ArrowDown' });
    expect((document.activeElement as HTMLElement).dataset.profileId).toBe('b');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' }); // stays on the last row
    expect((document.activeElement as HTMLElement).dataset.profileId).toBe('b');
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    expect((document.activeElement as HTMLElement).dataset.action).toBe('opened');
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect((document.activeElement as HTMLElement).dataset.action).toBe('login');
  });

  it('describes the focused cell under the grid, for the eyes and as its accessible description', () => {
    render(<IdentityMatrix profiles={profiles} />);
    const cleared = screen.getAllByTestId('matrix-cell').find((c) => c.dataset.profileId === 'a' && c.dataset.action === 'cleared')!;
    fireEvent.focus(cleared);
    const detail = screen.getByTestId('matrix-detail');
    expect(detail.textContent).toBe('Same browser · Clear data: changed → n_bbbbbbb');
    expect(cleared.getAttribute('aria-describedby')).toBe(detail.id);
  });
});
