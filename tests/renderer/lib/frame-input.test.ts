import { describe, expect, it } from 'vitest';
import { keyToInput, toPagePoint } from '../../../renderer/src/lib/frame-input.ts';

describe('toPagePoint()', () => {
  const shown = { left: 100, top: 50, width: 210, height: 340 };
  const natural = { width: 420, height: 680 };

  it('scales a point on the shown picture to the page viewport', () => {
    expect(toPagePoint({ x: 100, y: 50 }, shown, natural)).toEqual({ x: 0, y: 0 });
    expect(toPagePoint({ x: 205, y: 220 }, shown, natural)).toEqual({ x: 210, y: 340 });
  });

  it('clamps to the viewport and refuses a picture not yet laid out', () => {
    expect(toPagePoint({ x: 400, y: 10 }, shown, natural)).toEqual({ x: 420, y: 0 });
    expect(toPagePoint({ x: 1, y: 1 }, { ...shown, width: 0 }, natural)).toBeNull();
    expect(toPagePoint({ x: 1, y: 1 }, shown, { width: 0, height: 0 })).toBeNull();
  });
});

describe('keyToInput()', () => {
  const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) =>
    keyToInput({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });

  it('types printable characters and names the editing keys', () => {
    expect(key('a')).toEqual({ type: 'type', text: 'a' });
    expect(key('é')).toEqual({ type: 'type', text: 'é' });
    expect(key('Enter')).toEqual({ type: 'key', key: 'Enter' });
    expect(key('Backspace')).toEqual({ type: 'key', key: 'Backspace' });
    expect(key('ArrowLeft')).toEqual({ type: 'key', key: 'ArrowLeft' });
    expect(key('Tab')).toEqual({ type: 'key', key: 'Tab' });
  });

  it('leaves shortcuts and other keys to the workbench', () => {
    expect(key('1', { ctrlKey: true })).toBeNull();
    expect(key('c', { metaKey: true })).toBeNull();
    expect(key('Shift')).toBeNull();
    expect(key('F5')).toBeNull();
    expect(key('Escape')).toBeNull();
  });
});
