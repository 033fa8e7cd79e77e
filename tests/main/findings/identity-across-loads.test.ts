import { describe, expect, it } from 'vitest';
import { acrossLoadsFindings } from '../../../main/findings/identity-across-loads.ts';
import { BOT, context, load } from '../../mocks/findings.ts';

const path = (id: string) => `${BOT}/c/${id}`;

describe('acrossLoadsFindings()', () => {
  it('reports a browser that gets a new external ID on each load with nothing in between (EXTERNAL_ID_UNSTABLE)', () => {
    const loads = [load('l1').welcome('sess_aaaa').build(), load('l2').welcome('sess_bbbb').build()];
    expect(acrossLoadsFindings(loads, context())).toMatchObject([
      { code: 'EXTERNAL_ID_UNSTABLE', title: 'The same browser was sess_aaaa and then sess_bbbb' },
    ]);
  });

  it('finds nothing when the ID changed after a login form, or did not change', () => {
    expect(acrossLoadsFindings([load('l1').welcome('u-1a').loginForm().build(), load('l2').welcome('u-2b').build()], context())).toEqual([]);
    expect(acrossLoadsFindings([load('l1').welcome('u-1a').build(), load('l2').welcome('u-1a').build()], context())).toEqual([]);
  });

  it('reports a login form after which the widget stayed anonymous (LOGIN_NOT_IDENTIFIED)', () => {
    const loads = [load('l1').welcome('n_AAAAAAA').loginForm().build(), load('l2').welcome('n_AAAAAAA').build()];
    expect(acrossLoadsFindings(loads, context()).map((f) => f.code)).toEqual(['LOGIN_NOT_IDENTIFIED']);
    // Not judged before the next load has connected.
    expect(acrossLoadsFindings(loads.slice(0, 1), context())).toEqual([]);
  });

  it('reports a login whose anonymous conversation was not linked (LOGIN_CONVERSATION_LOST), and not one that was', () => {
    const loads = [load('l1').welcome('n_AAAAAAA').loginForm().build(), load('l2').welcome('u-8f2a').build()];
    expect(acrossLoadsFindings(loads, context({}, { [path('n_AAAAAAA')]: null })).map((f) => f.code)).toEqual(['LOGIN_CONVERSATION_LOST']);
    expect(acrossLoadsFindings(loads, context({}, { [path('n_AAAAAAA')]: path('u-8f2a') }))).toEqual([]);
  });

  it('finds nothing for an anonymous visitor who only reloads', () => {
    expect(acrossLoadsFindings([load('l1').welcome('n_AAAAAAA').build(), load('l2').welcome('n_AAAAAAA').build()], context())).toEqual([]);
  });
});
