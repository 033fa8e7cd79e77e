import { useState } from 'react';
import { ChevronIcon } from './icons.tsx';

/** A collapsible view of any JSON value; objects and arrays open to `openDepth` levels. */
export function JsonTree({ value, openDepth = 2 }: { value: unknown; openDepth?: number }) {
  return (
    <div className="json-tree" role="tree">
      <JsonNode name={null} value={value} depth={0} openDepth={openDepth} />
    </div>
  );
}

function JsonNode({ name, value, depth, openDepth }: { name: string | null; value: unknown; depth: number; openDepth: number }) {
  const [open, setOpen] = useState(depth < openDepth);
  const label = name === null ? null : <span className="json-key">{name}: </span>;
  if (value === null || typeof value !== 'object') {
    return (
      <div className="json-leaf" role="treeitem">
        {label}
        <JsonScalar value={value} />
      </div>
    );
  }
  const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  const [openMark, closeMark] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) {
    return (
      <div className="json-leaf" role="treeitem">
        {label}
        <span className="json-punct">{`${openMark}${closeMark}`}</span>
      </div>
    );
  }
  return (
    <div className="json-branch" role="treeitem" aria-expanded={open}>
      {/* Named by its visible key (WCAG 2.5.3), its state said by aria-expanded. */}
      <button type="button" className="json-toggle" onClick={() => setOpen(!open)} aria-expanded={open}>
        <ChevronIcon open={open} />
        {label ?? <span className="visually-hidden">Value </span>}
        <span className="json-punct">{openMark}</span>
        {open ? null : (
          <span className="json-summary">
            {' '}
            {entries.length} {Array.isArray(value) ? 'items' : 'keys'} {closeMark}
          </span>
        )}
      </button>
      {open ? (
        <div className="json-children" role="group">
          {entries.map(([key, child]) => (
            <JsonNode key={key} name={key} value={child} depth={depth + 1} openDepth={openDepth} />
          ))}
          <span className="json-punct">{closeMark}</span>
        </div>
      ) : null}
    </div>
  );
}

function JsonScalar({ value }: { value: unknown }) {
  if (typeof value === 'string') return <span className="json-string">{JSON.stringify(value)}</span>;
  if (typeof value === 'number') return <span className="json-number">{value}</span>;
  if (typeof value === 'boolean') return <span className="json-bool">{String(value)}</span>;
  if (value === null) return <span className="json-null">null</span>;
  return <span className="json-null">{String(value)}</span>;
}
