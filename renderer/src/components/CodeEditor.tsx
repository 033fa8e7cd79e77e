import { useMemo, useState, type Ref } from 'react';

/** Must match `.code-editor` line-height and padding in styles.css: the marks are placed by arithmetic. */
export const CODE_LINE_HEIGHT = 18;
const CODE_PAD_TOP = 8;

/**
 * A plain monospace textarea with line numbers, for JSON. Lines never wrap, so line N of the
 * text is row N of the gutter; `errorLine` is marked in both.
 */
export function CodeEditor({
  value,
  onChange,
  errorLine,
  label,
  testId,
  textareaRef,
  describedBy,
}: {
  value: string;
  onChange: (value: string) => void;
  errorLine: number | null;
  label: string;
  testId?: string;
  textareaRef?: Ref<HTMLTextAreaElement>;
  describedBy?: string;
}) {
  const [scrollTop, setScrollTop] = useState(0);
  const lineCount = useMemo(() => value.split('\n').length, [value]);
  return (
    <div className="code-editor">
      <div className="code-gutter" aria-hidden="true">
        <div style={{ transform: `translateY(${-scrollTop}px)` }}>
          {Array.from({ length: lineCount }, (_, i) => (
            <div key={i} className={i + 1 === errorLine ? 'code-line-no is-error' : 'code-line-no'}>
              {i + 1}
            </div>
          ))}
        </div>
      </div>
      <div className="code-area">
        {errorLine !== null ? (
          <div
            className="code-error-line"
            data-testid="code-error-line"
            data-line={errorLine}
            aria-hidden="true"
            style={{ top: CODE_PAD_TOP + (errorLine - 1) * CODE_LINE_HEIGHT - scrollTop }}
          />
        ) : null}
        <textarea
          ref={textareaRef}
          className="code-input"
          data-testid={testId}
          aria-label={label}
          aria-invalid={errorLine !== null}
          aria-describedby={describedBy}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          wrap="off"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
          onKeyDown={(e) => {
            // Enter keeps the line's indentation, as any code editor does.
            if (e.key !== 'Enter' || e.shiftKey || e.ctrlKey || e.metaKey || e.altKey) return;
            const area = e.currentTarget;
            const start = area.selectionStart;
            const lineStart = value.lastIndexOf('\n', start - 1) + 1;
            const indent = /^[ \t]*/.exec(value.slice(lineStart, start))?.[0] ?? '';
            const opens = /[{[]\s*$/.test(value.slice(lineStart, start)) ? '  ' : '';
            if (indent === '' && opens === '') return;
            e.preventDefault();
            insertIntoTextarea(area, `\n${indent}${opens}`);
          }}
        />
      </div>
    </div>
  );
}

/**
 * Types `text` at the textarea's cursor as if the user had: the browser's undo history keeps it,
 * and React hears an input event either way.
 */
export function insertIntoTextarea(area: HTMLTextAreaElement, text: string): void {
  area.focus();
  if (document.execCommand?.('insertText', false, text)) return;
  const { selectionStart: start, selectionEnd: end, value } = area;
  Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(area, value.slice(0, start) + text + value.slice(end));
  area.setSelectionRange(start + text.length, start + text.length);
  area.dispatchEvent(new Event('input', { bubbles: true }));
}
