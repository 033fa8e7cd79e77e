import { useEffect, useRef, useState } from 'react';
import type { ProfileInput } from '../../../../main/api/contract.ts';
import { usePaneBounds } from '../../electron/pane-bounds.ts';
import { keyToInput, toPagePoint } from '../../lib/frame-input.ts';
import { useApp } from '../../store/context.tsx';

// Typing is sent in bursts and wheel turns summed, so a fast typist does not become one call per key.
const TYPE_FLUSH_MS = 60;
const SCROLL_FLUSH_MS = 50;

/**
 * The profile's page. Browser mode: the latest picture, which forwards clicks, keys and wheel to
 * the page. Desktop app: an empty area whose bounds the shell covers with the live page.
 */
export function ProfileFrame({ profileId, label }: { profileId: string; label: string }) {
  const dataUrl = useApp((s) => s.frames[profileId]);
  const covered = useApp((s) => s.overlays > 0);
  const sendInput = useApp((s) => s.sendProfileInput);
  const areaRef = useRef<HTMLDivElement>(null);
  const imageRef = useRef<HTMLImageElement>(null);
  const live = useApp((s) => s.livePages);
  const [using, setUsing] = useState(false);
  usePaneBounds(profileId, areaRef, !covered);

  // One input at a time, in order: main runs calls concurrently, and "type hello" then "Enter" must not swap.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const forward = (input: ProfileInput) => {
    queue.current = queue.current.then(() => sendInput(profileId, input));
  };

  const typed = useRef<{ text: string; timer: ReturnType<typeof setTimeout> | undefined }>({ text: '', timer: undefined });
  const flushTyping = () => {
    const pending = typed.current;
    clearTimeout(pending.timer);
    pending.timer = undefined;
    if (pending.text) forward({ type: 'type', text: pending.text });
    pending.text = '';
  };
  const send = (input: ProfileInput) => {
    if (input.type === 'type') {
      typed.current.text += input.text;
      typed.current.timer ??= setTimeout(flushTyping, TYPE_FLUSH_MS);
      return;
    }
    flushTyping();
    forward(input);
  };

  const forwardRef = useRef(forward);
  useEffect(() => {
    forwardRef.current = forward;
  });

  // Wheel needs a non-passive listener so the workbench does not scroll as well.
  useEffect(() => {
    const image = imageRef.current;
    if (!image) return;
    let pending: { x: number; y: number; deltaY: number } | null = null;
    let timer: ReturnType<typeof setTimeout> | 0 = 0;
    const onWheel = (event: WheelEvent) => {
      const point = toPagePoint({ x: event.clientX, y: event.clientY }, image.getBoundingClientRect(), {
        width: image.naturalWidth,
        height: image.naturalHeight,
      });
      if (!point) return;
      event.preventDefault();
      const deltaY = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaY;
      pending = { ...point, deltaY: (pending?.deltaY ?? 0) + deltaY };
      if (!timer)
        timer = setTimeout(() => {
          timer = 0;
          if (pending) forwardRef.current({ type: 'scroll', ...pending, deltaY: Math.round(pending.deltaY) });
          pending = null;
        }, SCROLL_FLUSH_MS);
    };
    image.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      image.removeEventListener('wheel', onWheel);
      if (timer) clearTimeout(timer);
    };
  }, [dataUrl !== undefined]);

  useEffect(() => () => clearTimeout(typed.current.timer), []);

  return (
    <div className={`pane-frame${dataUrl ? ' has-picture' : ''}`} data-testid="pane-frame" ref={areaRef}>
      {dataUrl ? (
        <img
          ref={imageRef}
          src={dataUrl}
          alt={`Live picture of the page in ${label}: ${using ? 'keys go to the page; Esc stops' : 'press Enter or click to use it'}`}
          className={using ? 'is-using' : undefined}
          tabIndex={0}
          draggable={false}
          // Keys reach the page only after Enter or a click, so Tab still walks past the picture.
          data-capture-keys={using ? '' : undefined}
          onMouseDown={(e) => e.preventDefault()}
          onClick={(e) => {
            const image = e.currentTarget;
            // Where the click was on the picture, read before focusing: focus may scroll the workbench and move the picture under it.
            const point = toPagePoint({ x: e.clientX, y: e.clientY }, image.getBoundingClientRect(), {
              width: image.naturalWidth,
              height: image.naturalHeight,
            });
            image.focus({ preventScroll: true });
            setUsing(true);
            if (point) send({ type: 'click', ...point });
          }}
          onKeyDown={(e) => {
            if (!using) {
              if (e.key !== 'Enter' && e.key !== ' ') return;
              e.preventDefault();
              setUsing(true);
              return;
            }
            if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              flushTyping();
              setUsing(false);
              return;
            }
            const input = keyToInput(e);
            if (!input) return;
            e.preventDefault();
            e.stopPropagation();
            send(input);
          }}
          onBlur={() => {
            flushTyping();
            setUsing(false);
          }}
        />
      ) : (
        <div className="frame-placeholder">{live ? 'The page is shown here.' : 'Waiting for the first picture of the page…'}</div>
      )}
    </div>
  );
}
