import { describe, expect, it } from 'vitest';
import { viewRectFor } from '../../../main/shell/bounds.ts';

const content = { width: 1500, height: 900 };

describe('viewRectFor()', () => {
  it('rounds a pane rectangle to whole pixels', () => {
    expect(viewRectFor({ x: 240.4, y: 180.6, width: 420.7, height: 680.2 }, content)).toEqual({ x: 240, y: 181, width: 420, height: 680 });
  });

  it('scales by the workbench zoom factor', () => {
    expect(viewRectFor({ x: 100, y: 100, width: 400, height: 600 }, content, 1.25)).toEqual({ x: 125, y: 125, width: 500, height: 750 });
  });

  it('clips a pane scrolled partly out of the window', () => {
    expect(viewRectFor({ x: 100, y: -200, width: 400, height: 600 }, content)).toEqual({ x: 100, y: 0, width: 400, height: 400 });
    expect(viewRectFor({ x: 1300, y: 800, width: 400, height: 600 }, content)).toEqual({ x: 1300, y: 800, width: 200, height: 100 });
  });

  it('hides the view when its pane is gone, scrolled away, or too small', () => {
    expect(viewRectFor(null, content)).toBeNull();
    expect(viewRectFor({ x: 100, y: 1000, width: 400, height: 600 }, content)).toBeNull();
    expect(viewRectFor({ x: 100, y: 100, width: 1, height: 600 }, content)).toBeNull();
  });
});
