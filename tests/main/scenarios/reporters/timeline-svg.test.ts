import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { channelColour, escapeXml, timelineSvg } from '../../../../main/scenarios/reporters/timeline-svg.ts';
import { FAILED, PASSED } from './fixtures.ts';

/** Parses the SVG as strict XML, as an SVG viewer would. */
function parse(svg: string): Document {
  const document = new new JSDOM('').window.DOMParser().parseFromString(svg, 'image/svg+xml');
  const error = document.querySelector('parsererror');
  if (error) throw new Error(`not well-formed: ${error.textContent}`);
  return document;
}

describe('timelineSvg()', () => {
  it('draws one node per timeline row and no break while the Channel ID stays', () => {
    const document = parse(timelineSvg(PASSED.profiles[0]!));
    expect(document.querySelectorAll('g.row')).toHaveLength(1);
    expect(document.querySelectorAll('g.break')).toHaveLength(0);
    expect(document.querySelector('svg > title')!.textContent).toBe('Same browser (persistent): 1 timeline row(s), the Channel ID never changed');
  });

  it('draws a break, with both IDs, where the Channel ID changed', () => {
    const document = parse(timelineSvg(PASSED.profiles[1]!));
    const breaks = [...document.querySelectorAll('[data-testid="break"]')];
    expect(breaks.map((b) => [b.getAttribute('data-from'), b.getAttribute('data-to'), b.querySelector('title')!.textContent])).toEqual([
      ['n_incog001', 'n_incog002', 'Channel ID changed: n_incog001 → n_incog002'],
    ]);
    // The line stops on either side of the break, in each ID's own colour.
    const segments = [...document.querySelectorAll('line.segment')].map((l) => l.getAttribute('stroke'));
    expect(segments).toEqual([channelColour('n_incog001'), channelColour('n_incog002')]);
  });

  it('rings rows of failed steps and names the step of each row', () => {
    const document = parse(timelineSvg(FAILED.profiles[0]!, { failedSteps: new Set([1]) }));
    expect([...document.querySelectorAll('g.row')].map((g) => [g.getAttribute('data-step'), g.classList.contains('failed')])).toEqual([
      ['0', false],
      ['1', true],
      [null, false],
    ]);
    expect(document.querySelector('g.row.failed title')!.textContent).toBe(
      'steps[1] restarted: n_other002 (5852754509ac70000c104b80/c/n_other002) — a failed step',
    );
    expect(document.querySelectorAll('g.break')).toHaveLength(2);
  });

  it('is pure: the same profile gives the same SVG', () => {
    expect(timelineSvg(FAILED.profiles[0]!)).toBe(timelineSvg(structuredClone(FAILED.profiles[0]!)));
  });

  it('escapes names so a profile cannot inject markup', () => {
    const svg = timelineSvg({ ...PASSED.profiles[0]!, name: '<script>alert(1)</script>' });
    expect(parse(svg).querySelector('script')).toBeNull();
    expect(svg).toContain('&#60;script&#62;');
  });
});

describe('channelColour()', () => {
  it('gives an ID the same colour everywhere, different IDs different colours, no ID grey', () => {
    expect(channelColour('User123')).toBe(channelColour('User123'));
    expect(channelColour('n_incog001')).not.toBe(channelColour('n_incog002'));
    expect(channelColour(null)).toBe('#8c959f');
  });
});

describe('escapeXml()', () => {
  it('escapes markup and drops characters XML cannot hold', () => {
    expect(escapeXml('a<b>&"c\'\u0007')).toBe('a&#60;b&#62;&#38;&#34;c&#39;');
  });
});
