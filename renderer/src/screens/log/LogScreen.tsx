import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useDeferredValue, useLayoutEffect, useMemo, useRef } from 'react';
import type { LogEntry } from '../../../../main/platform/model.ts';
import { BotbenchBadge, LogStatusBadge } from '../../components/badges.tsx';
import { InboxIcon } from '../../components/icons.tsx';
import { useShortcut } from '../../hooks/shortcuts.ts';
import { logToCsv } from '../../lib/csv.ts';
import { downloadText, fileStamp } from '../../lib/download.ts';
import { EMPTY_LOG_FILTER, filterLog, flowOf, indexOfSeq, isEmptyFilter, LOG_KINDS, LOG_STATUSES, localTimeMs } from '../../lib/log-filter.ts';
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

  // Typing stays responsive on 100k rows: the filter runs on a deferred copy of it.
  const deferredFilter = useDeferredValue(filter);
  const rows = useMemo(() => filterLog(log, deferredFilter), [log, deferredFilter]);
  const botNames = useMemo(() => new Map(bots.map((b) => [b.botId, b.name])), [bots]);
  const selected = selectedSeq === null ? undefined : log[indexOfSeq(log, selectedSeq)];
  const flowsByBot = useApp((s) => s.flowsByBot);
  // Flows to filter by: the bots' known flows and any flow seen in the log (a deleted flow's runs stay).
  const flowOptions = useMemo(() => {
    const byId = new Map<string, { name: string; botId: string }>();
    for (const [botId, flows] of Object.entries(flowsByBot)) for (const flow of flows) byId.set(flow.id, { name: flow.name, botId });
    for (const entry of log) {
      const flow = flowOf(entry);
      if (flow && !byId.has(flow.id)) byId.set(flow.id, { name: flow.name, botId: entry.botId ?? '' });
    }
    return [...byId].filter(([, flow]) => filter.botId === '' || flow.botId === filter.botId).sort((a, b) => a[1].name.localeCompare(b[1].name));
  }, [flowsByBot, log, filter.botId]);
  const badRange = filter.from !== '' && filter.to !== '' && localTimeMs(filter.from) > localTimeMs(filter.to, true);

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
        <select aria-label="Flow" data-testid="log-filter-flow" value={filter.flowId} onChange={(e) => setFilter({ flowId: e.target.value })}>
          <option value="">All flows</option>
          {flowOptions.map(([id, flow]) => (
            <option key={id} value={id}>
              {flow.name}
            </option>
          ))}
        </select>
        <label className="field-inline">
          From
          <input
            type="datetime-local"
            data-testid="log-filter-from"
            value={filter.from}
            aria-invalid={badRange}
            onChange={(e) => setFilter({ from: e.target.value })}
          />
        </label>
        <label className="field-inline">
          To
          <input
            type="datetime-local"
            data-testid="log-filter-to"
            value={filter.to}
            aria-invalid={badRange}
            onChange={(e) => setFilter({ to: e.target.value })}
          />
        </label>
        {badRange ? (
          <span className="check check-bad" role="alert" data-testid="log-filter-range-error">
            “From” is after “To”
          </span>
        ) : null}
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
        <BotbenchBadge what="Request bins" />
      </div>
      <div className="log-layout">
        <LogTable rows={rows} botNames={botNames} selectedSeq={selectedSeq} onSelect={select} />
        {selected || binsOpen ? (
          // One column beside the table: the entry over the bins, so a flow run and the request it sent show together.
          <div className={`log-side${selected && binsOpen ? ' split' : ''}`}>
            {selected ? (
              <LogInspector entry={selected} botName={selected.botId ? (botNames.get(selected.botId) ?? null) : null} onClose={() => select(null)} />
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

function LogTable({
  rows,
  botNames,
  selectedSeq,
  onSelect,
}: {
  rows: readonly LogEntry[];
  botNames: Map<string, string>;
  selectedSeq: number | null;
  onSelect: (seq: number | null) => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LOG_ROW_HEIGHT,
    overscan: 10,
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

  const move = (delta: number) => {
    const index = selectedSeq === null ? -1 : indexOfSeq(rows, selectedSeq);
    const next = rows[Math.min(rows.length - 1, Math.max(0, index + delta))];
    if (!next) return;
    onSelect(next.seq);
    virtualizer.scrollToIndex(indexOfSeq(rows, next.seq), { align: 'auto' });
  };

  return (
    <div className="log-table" role="table" aria-label="Interaction log" aria-rowcount={rows.length}>
      <div className="log-row log-header" role="row">
        <span role="columnheader">Time</span>
        <span role="columnheader">Kind</span>
        <span role="columnheader">Status</span>
        <span role="columnheader">Bot</span>
        <span role="columnheader">Response path</span>
        <span role="columnheader">Summary</span>
      </div>
      <div
        className="log-scroll"
        ref={scrollRef}
        tabIndex={0}
        data-testid="log-scroll"
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'j') move(1);
          else if (e.key === 'ArrowUp' || e.key === 'k') move(-1);
          else if (e.key === 'Escape') onSelect(null);
          else return;
          e.preventDefault();
        }}
      >
        {rows.length === 0 ? (
          <div className="empty small">No entries match.</div>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }} role="rowgroup">
            {virtualizer.getVirtualItems().map((item) => {
              const entry = rows[item.index]!;
              return (
                <LogRow
                  key={item.key}
                  entry={entry}
                  botName={entry.botId ? (botNames.get(entry.botId) ?? entry.botId.slice(0, 8)) : '—'}
                  top={item.start}
                  selected={entry.seq === selectedSeq}
                  onSelect={onSelect}
                />
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}

const LogRow = memo(function LogRow({
  entry,
  botName,
  top,
  selected,
  onSelect,
}: {
  entry: LogEntry;
  botName: string;
  top: number;
  selected: boolean;
  onSelect: (seq: number | null) => void;
}) {
  return (
    <div
      className={`log-row${selected ? ' selected' : ''} status-${entry.status}`}
      role="row"
      aria-selected={selected}
      data-testid="log-row"
      data-seq={entry.seq}
      style={{ transform: `translateY(${top}px)`, height: LOG_ROW_HEIGHT }}
      onClick={() => onSelect(selected ? null : entry.seq)}
    >
      <span role="cell" className="mono" title={fullTime(entry.at)}>
        {clockTime(entry.at)}
      </span>
      <span role="cell" className={`mono log-kind log-kind-${entry.kind}`} data-testid="log-kind">
        {entry.kind}
      </span>
      <span role="cell">
        <LogStatusBadge status={entry.status} kind={entry.kind} />
      </span>
      <span role="cell" className="ellipsis">
        {botName}
      </span>
      <span role="cell" className="mono ellipsis" title={entry.responsePath ?? undefined}>
        {entry.responsePath ?? '—'}
      </span>
      <span role="cell" className="ellipsis log-summary" title={entry.summary}>
        {entry.summary}
      </span>
    </div>
  );
});
