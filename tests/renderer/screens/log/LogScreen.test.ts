// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import { act, createElement } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../../main/platform/model.ts';
import { LogScreen } from '../../../../renderer/src/screens/log/LogScreen.tsx';
import { makeLogEntry } from '../../fixtures.ts';
import { renderWithStore } from '../../render.ts';

// jsdom lays nothing out: give every element a client size so the virtualizer has a 600 px window to fill.
const sizes = { clientHeight: 600, clientWidth: 1000 };
const saved = Object.fromEntries(Object.keys(sizes).map((k) => [k, Object.getOwnPropertyDescriptor(HTMLElement.prototype, k)]));
beforeAll(() => {
  for (const [key, value] of Object.entries(sizes)) Object.defineProperty(HTMLElement.prototype, key, { configurable: true, get: () => value });
});
afterAll(() => {
  for (const [key, descriptor] of Object.entries(saved)) if (descriptor) Object.defineProperty(HTMLElement.prototype, key, descriptor);
});

const TOTAL = 100_000;
function bigLog(): LogEntry[] {
  return Array.from({ length: TOTAL }, (_, i) => {
    const seq = TOTAL - i;
    return makeLogEntry(seq, {
      summary: seq % 10_000 === 0 ? `Webhook refused #${seq}` : `Visitor message ${seq}`,
      status: seq % 10_000 === 0 ? 'refused' : 'success',
    });
  });
}

function setup() {
  const rendered = renderWithStore(createElement(LogScreen));
  act(() => rendered.store.setState({ log: bigLog() }));
  return rendered;
}

describe('<LogScreen>', () => {
  it('renders only a window of rows for 100k entries, newest on top', () => {
    setup();
    const rows = screen.getAllByTestId('log-row');
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(100);
    expect(rows[0]!.dataset.seq).toBe(String(TOTAL));
    expect(screen.getByTestId('log-count').textContent).toBe(`${TOTAL.toLocaleString()} entries`);
  });

  it('filters by free text and by status', () => {
    setup();
    fireEvent.change(screen.getByTestId('log-filter-text'), { target: { value: 'webhook REFUSED' } });
    expect(screen.getAllByTestId('log-row').map((r) => r.dataset.seq)).toEqual([
      '100000',
      '90000',
      '80000',
      '70000',
      '60000',
      '50000',
      '40000',
      '30000',
      '20000',
      '10000',
    ]);
    expect(screen.getByTestId('log-count').textContent).toBe(`10 of ${TOTAL.toLocaleString()}`);

    fireEvent.change(screen.getByTestId('log-filter-text'), { target: { value: '' } });
    fireEvent.change(screen.getByTestId('log-filter-status'), { target: { value: 'refused' } });
    expect(screen.getAllByTestId('log-row')).toHaveLength(10);
  });

  it('puts a live entry on top', () => {
    const { store } = setup();
    act(() => store.getState().applyLogEntry(makeLogEntry(TOTAL + 1, { summary: 'Just now' })));
    expect(screen.getAllByTestId('log-row')[0]!.textContent).toContain('Just now');
  });

  it('opens the clicked entry in the inspector', () => {
    setup();
    fireEvent.click(screen.getAllByTestId('log-row')[1]!);
    const inspector = screen.getByTestId('log-inspector');
    expect(inspector.textContent).toContain(`#${TOTAL - 1}`);
    expect(within(inspector).getByText(`Visitor message ${TOTAL - 1}`)).toBeTruthy();
    fireEvent.click(within(inspector).getByRole('button', { name: 'Close inspector' }));
    expect(screen.queryByTestId('log-inspector')).toBeNull();
  });

  it('names flow-run statuses as Flow XO does, with their colour', () => {
    const { store } = setup();
    act(() => store.getState().applyLogEntry(makeLogEntry(TOTAL + 1, { kind: 'flow', status: 'in_progress', summary: 'Flow "Delay": In Progress' })));
    const badge = within(screen.getAllByTestId('log-row')[0]!).getByTestId('log-status');
    expect(badge.textContent).toBe('In Progress');
    expect(badge.className).toContain('log-status-in_progress');
  });

  it('opens the request bins beside the log', () => {
    const { store } = setup();
    act(() => store.getState().setBinsPanelOpen(false));
    expect(screen.queryByTestId('bins-panel')).toBeNull();
    fireEvent.click(screen.getByTestId('bins-toggle'));
    expect(screen.getByTestId('bins-panel')).toBeTruthy();
    fireEvent.click(screen.getAllByTestId('log-row')[0]!);
    expect(screen.getByTestId('log-inspector')).toBeTruthy();
    expect(screen.getByTestId('bins-panel')).toBeTruthy();
  });

  it('marks identity entries by kind, and a refused identity in the refused colour', () => {
    const { store } = renderWithStore(createElement(LogScreen));
    act(() =>
      store.setState({
        log: [
          makeLogEntry(3, { kind: 'identity', status: 'refused', summary: 'Identity refused: missing userHash for external user ID "User123"' }),
          makeLogEntry(2, { kind: 'identity', status: 'success', summary: 'Logged in as User123' }),
          makeLogEntry(1, { kind: 'connect', status: 'success', summary: 'New anonymous visitor connected' }),
        ],
      }),
    );
    const rows = screen.getAllByTestId('log-row');
    const kinds = rows.map((row) => within(row).getByTestId('log-kind'));
    expect(kinds.map((k) => [k.textContent, k.classList.contains('log-kind-identity')])).toEqual([
      ['identity', true],
      ['identity', true],
      ['connect', false],
    ]);
    expect(rows.map((row) => row.classList.contains('status-refused'))).toEqual([true, false, false]);
    expect(within(rows[0]!).getByTestId('log-status').textContent).toBe('refused');
  });

  it('is an ARIA grid that counts the rows it does not render, each rendered row saying where it is', () => {
    setup();
    const grid = screen.getByRole('grid', { name: 'Interaction log' });
    expect(grid.getAttribute('aria-rowcount')).toBe(String(TOTAL + 1));
    const rows = screen.getAllByTestId('log-row');
    expect(rows.slice(0, 3).map((r) => r.getAttribute('aria-rowindex'))).toEqual(['2', '3', '4']);
    expect(within(rows[0]!).getAllByRole('gridcell')).toHaveLength(6);
    expect(
      within(grid)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Time', 'Kind', 'Status', 'Bot', 'Response path', 'Summary']);
  });

  it('moves with the arrow keys without opening, opens with Enter, and closes with Escape', () => {
    setup();
    const grid = screen.getByTestId('log-scroll');
    const active = () => document.getElementById(grid.getAttribute('aria-activedescendant') ?? '')?.dataset.seq;
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    fireEvent.keyDown(grid, { key: 'ArrowUp' });
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    expect(active()).toBe(String(TOTAL - 1));
    expect(screen.queryByTestId('log-inspector')).toBeNull();
    fireEvent.keyDown(grid, { key: 'Enter' });
    expect(screen.getByTestId('log-inspector').textContent).toContain(`#${TOTAL - 1}`);
    // Open, the inspector follows the keyboard.
    fireEvent.keyDown(grid, { key: 'j' });
    expect(screen.getByTestId('log-inspector').textContent).toContain(`#${TOTAL - 2}`);
    const escape = fireEvent.keyDown(grid, { key: 'Escape' });
    expect(escape).toBe(false); // handled here: a dialog or drawer behind does not also close
    expect(screen.queryByTestId('log-inspector')).toBeNull();
    expect(active()).toBe(String(TOTAL - 2));
    fireEvent.keyDown(grid, { key: 'Home' });
    expect(active()).toBe(String(TOTAL));
  });

  it('closes the inspector with Escape from inside it, and gives focus back to the list', () => {
    setup();
    fireEvent.click(screen.getAllByTestId('log-row')[0]!);
    const copy = within(screen.getByTestId('log-inspector')).getByTestId('log-copy-json');
    copy.focus();
    fireEvent.keyDown(copy, { key: 'Escape' });
    expect(screen.queryByTestId('log-inspector')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('log-scroll'));
  });
});
