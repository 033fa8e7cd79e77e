import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useDeferredValue, useId, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { LogEntry } from '../../../../main/platform/model.ts';
import { LogStatusBadge } from '../../components/badges.tsx';
import { InboxIcon } from '../../components/icons.tsx';
import { useShortcut } from '../../hooks/shortcuts.ts';
import { logToCsv } from '../../lib/csv.ts';
import { downloadText, fileStamp } from '../../lib/download.ts';
import { EMPTY_LOG_FILTER, filterLog, indexOfSeq, isEmptyFilter, LOG_KINDS, LOG_STATUSES } from '../../lib/log-filter.ts';
import { clockTime, fullTime } from '../../lib/time.ts';
import { useApp } from '../../store/context.tsx';
import { BinsPanel } from './BinsPanel.tsx';
import { LogInspector } from './LogInspector.tsx';

/** Fixed row height: the virtualizer places rows without measuring them. */
export const LOG_ROW_HEIGHT = 28;

export function LogScreen() {
  const log = useApp((s) => s.log);
  const filter = useApp((s) => s.logFilter);
  const setFilter = useApp((s) => s.setLogFilter);
  const bots = useApp((s) => s.bots);
  const selectedSeq = useApp((s) => s.selectedLogSeq);
  const select = useApp((s) => s.selectLogEntry);
  const loadOlder = useApp((s) => s.loadOlderLog);
  const loadingOlder = useApp((s) => s.logLoadingOlder);
  const reachedEnd = useApp((s) => s.logReachedEnd);
  const binsOpen = useApp((s) => s.binsPanelOpen);
  const setBinsOpen = useApp((s) => s.setBinsPanelOpen);
  const binCount = useApp((s) => s.bins.length);
  const textRef = useRef<HTMLInputElement>(null);
  useShortcut('focus-filter', () => textRef.current?.focus());
  const gridRef = useRef<HTMLDivElement>(null);
  // Closed from inside the inspector (its button or Escape), focus goes back to the list it belongs to.
  const closeInspector = () => {
    select(null);
    gridRef.current?.focus();
  };

  // Typing stays responsive on 100k rows: the filter runs on a deferred copy of it.
  const deferredFilter = useDeferredValue(filter);
  const rows = useMemo(() => filterLog(log, deferredFilter), [log, deferredFilter]);
  const botNames = useMemo(() => new Map(bots.map((b) => [b.botId, b.name])), [bots]);
  const selected = selectedSeq === null ? undefined : log[indexOfSeq(log, selectedSeq)];

  const exportAs = (format: 'csv' | 'json') => {
    const name = `botbench-log-${fileStamp()}.${format}`;
    if (format === 'csv') downloadText(name, logToCsv(rows), 'text/csv;charset=utf-8');
    else downloadText(name, `${JSON.stringify(rows, null, 2)}\n`, 'application/json');
  };

  return (
    <div className="log-screen">
      <div className="toolbar log-filters" role="search">
        <input
          ref={textRef}
          type="search"
          className="filter-input"
          data-testid="log-filter-text"
          aria-label="Search the log"
          placeholder="Search summary, path, detail…  ( / )"
          value={filter.text}
          onChange={(e) => setFilter({ text: e.target.value })}
        />
        <select aria-label="Bot" data-testid="log-filter-bot" value={filter.botId} onChange={(e) => setFilter({ botId: e.target.value })}>
          <option value="">All bots</option>
          {bots.map((b) => (
            <option key={b.botId} value={b.botId}>
              {b.name}
            </option>
          ))}
        </select>
        <input
          type="search"
          className="mono path-filter"
          data-testid="log-filter-path"
          aria-label="Response path contains"
          placeholder="Response path…"
          value={filter.responsePath}
          onChange={(e) => setFilter({ responsePath: e.target.value })}
        />
        <select
          aria-label="Kind"
          data-testid="log-filter-kind"
          value={filter.kind}
          onChange={(e) => setFilter({ kind: e.target.value as typeof filter.kind })}
        >
          <option value="">All kinds</option>
          {LOG_KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
        <select
          aria-label="Status"
          data-testid="log-filter-status"
          value={filter.status}
          onChange={(e) => setFilter({ status: e.target.value as typeof filter.status })}
        >
          <option value="">All statuses</option>
          {LOG_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        {!isEmptyFilter(filter) ? (
          <button type="button" className="btn btn-small btn-quiet" onClick={() => setFilter(EMPTY_LOG_FILTER)}>
            Clear filters
          </button>
        ) : null}
        <span className="toolbar-spacer" />
        <span className="muted small" data-testid="log-count" aria-live="polite">
          {rows.length === log.length
            ? `${log.length.toLocaleString()} entries`
            : `${rows.length.toLocaleString()} of ${log.length.toLocaleString()}`}
        </span>
        <button type="button" className="btn btn-small" data-testid="log-export-csv" disabled={rows.length === 0} onClick={() => exportAs('csv')}>
          Export CSV
        </button>
        <button type="button" className="btn btn-small" data-testid="log-export-json" disabled={rows.length === 0} onClick={() => exportAs('json')}>
          Export JSON
        </button>
        <button
          type="button"
          className={`btn btn-small${binsOpen ? ' active' : ''}`}
          data-testid="bins-toggle"
          aria-pressed={binsOpen}
          title="Request bins: URLs that record what your flows send"
          onClick={() => setBinsOpen(!binsOpen)}
        >
          <InboxIcon /> Bins{binCount > 0 ? <span className="muted">{binCount}</span> : null}
        </button>
      </div>
      <div className="log-layout">
        <LogTable rows={rows} botNames={botNames} selectedSeq={selectedSeq} onSelect={select} gridRef={gridRef} />
        {selected || binsOpen ? (
          // One column beside the table: the entry over the bins, so a flow run and the request it sent show together.
          <div className={`log-side${selected && binsOpen ? ' split' : ''}`}>
            {selected ? (
              <LogInspector entry={selected} botName={selected.botId ? (botNames.get(selected.botId) ?? null) : null} onClose={closeInspector} />
            ) : null}
            {binsOpen ? <BinsPanel onClose={() => setBinsOpen(false)} /> : null}
          </div>
        ) : null}
      </div>
      <div className="log-foot">
        <button
          type="button"
          className="btn btn-small"
          data-testid="log-load-older"
          disabled={loadingOlder || reachedEnd}
          onClick={() => void loadOlder()}
        >
          {loadingOlder ? 'Loading…' : reachedEnd ? 'No older entries' : 'Load older'}
        </button>
      </div>
    </div>
  );
}

/**
 * The log as an ARIA grid: the scroll box is the grid and keeps focus; the active row is named by
 * aria-activedescendant, so it survives the virtualizer unmounting rows. Rows not rendered are
 * counted by aria-rowcount and each rendered row says where it is (aria-rowindex; the header is 1).
 * Arrows, j/k, Home/End and Page keys move; Enter opens the inspector; Escape closes it.
 */
function LogTable({
  rows,
  botNames,
  selectedSeq,
  onSelect,
  gridRef: scrollRef,
}: {
  rows: readonly LogEntry[];
  botNames: Map<string, string>;
  selectedSeq: number | null;
  onSelect: (seq: number | null) => void;
  gridRef: RefObject<HTMLDivElement | null>;
}) {
  const rowIdPrefix = useId();
  // The keyboard's row: follows the inspected entry, but may move without opening it.
  const [activeSeq, setActiveSeq] = useState<number | null>(null);
  const active = selectedSeq ?? activeSeq;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LOG_ROW_HEIGHT,
    overscan: 10,
    // The sticky header sits above the rows inside the scroll box.
    scrollMargin: LOG_ROW_HEIGHT,
    scrollPaddingStart: LOG_ROW_HEIGHT,
    getItemKey: (index) => rows[index]?.seq ?? index,
  });

  // New entries arrive on top: when the reader has scrolled down, keep the rows they are reading in place.
  const firstSeq = useRef<number | undefined>(undefined);
  useLayoutEffect(() => {
    const previous = firstSeq.current;
    firstSeq.current = rows[0]?.seq;
    const element = scrollRef.current;
    if (!element || previous === undefined || element.scrollTop === 0 || rows[0]?.seq === previous) return;
    const added = indexOfSeq(rows, previous);
    if (added > 0) element.scrollTop += added * LOG_ROW_HEIGHT;
  }, [rows]);

  const selectRow = useCallback(
    (seq: number | null) => {
      if (seq !== null) setActiveSeq(seq);
      onSelect(seq);
    },
    [onSelect],
  );
  const activeIndex = active === null ? -1 : indexOfSeq(rows, active);
  const moveTo = (index: number) => {
    const next = rows[Math.min(rows.length - 1, Math.max(0, index))];
    if (!next) return;
    setActiveSeq(next.seq);
    // An open inspector follows the keyboard, as it always has.
    if (selectedSeq !== null) onSelect(next.seq);
    virtualizer.scrollToIndex(indexOfSeq(rows, next.seq), { align: 'auto' });
  };
  const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 0) / LOG_ROW_HEIGHT) - 2);

  return (
    <div className="log-table">
      <div
        className="log-scroll"
        ref={scrollRef}
        role="grid"
        aria-label="Interaction log"
        aria-rowcount={rows.length + 1}
        aria-colcount={LOG_COLUMNS.length}
        aria-activedescendant={activeIndex >= 0 ? `${rowIdPrefix}-${rows[activeIndex]!.seq}` : undefined}
        aria-readonly="true"
        tabIndex={0}
        data-testid="log-scroll"
        onKeyDown={(e) => {
          if (e.altKey || e.ctrlKey || e.metaKey) return;
          if (e.key === 'ArrowDown' || e.key === 'j') moveTo(activeIndex + 1);
          else if (e.key === 'ArrowUp' || e.key === 'k') moveTo(activeIndex < 0 ? 0 : activeIndex - 1);
          else if (e.key === 'Home') moveTo(0);
          else if (e.key === 'End') moveTo(rows.length - 1);
          else if (e.key === 'PageDown') moveTo(activeIndex + page);
          else if (e.key === 'PageUp') moveTo(activeIndex - page);
          else if (e.key === 'Enter' && activeIndex >= 0) onSelect(rows[activeIndex]!.seq);
          else if (e.key === 'Escape' && selectedSeq !== null) {
            setActiveSeq(selectedSeq);
            onSelect(null);
          } else return;
          e.preventDefault();
          e.stopPropagation();
        }}
      >
        <div className="log-head" role="rowgroup">
          <div className="log-row log-header" role="row" aria-rowindex={1}>
            {LOG_COLUMNS.map((name) => (
              <span key={name} role="columnheader">
                {name}
              </span>
            ))}
          </div>
        </div>
        {rows.length === 0 ? (
          <div className="empty small" role="row" aria-rowindex={2}>
            <span role="gridcell" aria-colspan={LOG_COLUMNS.length}>
              No entries match.
            </span>
          </div>
        ) : (
          <div style={{ height: virtualizer.getTotalSize() - LOG_ROW_HEIGHT, position: 'relative' }} role="rowgroup">
            {virtualizer.getVirtualItems().map((item) => {
              const entry = rows[item.index]!;
              return (
                <LogRow
                  key={item.key}
                  id={`${rowIdPrefix}-${entry.seq}`}
                  rowIndex={item.index + 2}
                  entry={entry}
                  botName={entry.botId ? (botNames.get(entry.botId) ?? entry.botId.slice(0, 8)) : '—'}
                  top={item.start - LOG_ROW_HEIGHT}
                  selected={entry.seq === selectedSeq}
                  active={entry.seq === active}
                  onSelect={selectRow}
                />
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}

const LOG_COLUMNS = ['Time', 'Kind', 'Status', 'Bot', 'Response path', 'Summary'] as const;

const LogRow = memo(function LogRow({
  id,
  rowIndex,
  entry,
  botName,
  top,
  selected,
  active,
  onSelect,
}: {
  id: string;
  rowIndex: number;
  entry: LogEntry;
  botName: string;
  top: number;
  selected: boolean;
  active: boolean;
  onSelect: (seq: number | null) => void;
}) {
  return (
    <div
      id={id}
      className={`log-row${selected ? ' selected' : ''}${active ? ' active' : ''} status-${entry.status}`}
      role="row"
      aria-rowindex={rowIndex}
      aria-selected={selected}
      data-testid="log-row"
      data-seq={entry.seq}
      style={{ transform: `translateY(${top}px)`, height: LOG_ROW_HEIGHT }}
      onClick={() => onSelect(selected ? null : entry.seq)}
    >
      <span role="gridcell" className="mono" title={fullTime(entry.at)}>
        {clockTime(entry.at)}
      </span>
      <span role="gridcell" className={`mono log-kind log-kind-${entry.kind}`} data-testid="log-kind">
        {entry.kind}
      </span>
      <span role="gridcell">
        <LogStatusBadge status={entry.status} kind={entry.kind} />
      </span>
      <span role="gridcell" className="ellipsis">
        {botName}
      </span>
      <span role="gridcell" className="mono ellipsis" title={entry.responsePath ?? undefined}>
        {entry.responsePath ?? '—'}
      </span>
      <span role="gridcell" className="ellipsis log-summary" title={entry.summary}>
        {entry.summary}
      </span>
    </div>
  );
});
