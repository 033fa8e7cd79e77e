import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../main/scenarios/types.ts';
import { announcements, type AnnouncedState } from '../../../renderer/src/lib/announcements.ts';
import { BOT_ID, makeProfile } from '../fixtures.ts';

const idleRun: AnnouncedState['scenarioRun'] = { runId: null, running: false, rows: [], summary: null, error: null };
const notRecording: AnnouncedState['recording'] = { recording: false, startedAt: null, steps: 0, recent: [] };
const state = (change: Partial<AnnouncedState> = {}): AnnouncedState => ({
  profiles: [],
  landedWebhooks: {},
  scenarioRun: idleRun,
  recording: notRecording,
  recordedDraft: null,
  ...change,
});

describe('announcements()', () => {
  it('says nothing when nothing that matters changed', () => {
    const s = state({ profiles: [makeProfile()] });
    expect(announcements(s, s)).toEqual([]);
    expect(announcements(s, { ...s, profiles: [makeProfile()] })).toEqual([]);
  });

  it('names every open profile a webhook landed in, once per message', () => {
    const path = `${BOT_ID}/c/User123`;
    const profiles = [
      makeProfile({ id: 'a', label: 'External ID', responsePath: path }),
      makeProfile({ id: 'b', label: 'External ID 2', responsePath: path }),
      makeProfile({ id: 'c', label: 'Incognito' }),
    ];
    const before = state({ profiles });
    const landed = { [path]: { messageId: 'm1', seq: 1, text: 'Your order has shipped', at: 1 } };
    const after = state({ profiles, landedWebhooks: landed });
    expect(announcements(before, after)).toEqual(['Webhook landed in External ID and External ID 2: Your order has shipped']);
    expect(announcements(after, state({ profiles, landedWebhooks: { ...landed } }))).toEqual([]);
    expect(announcements(state(), state({ landedWebhooks: landed }))).toEqual([`Webhook landed at ${path}: Your order has shipped`]);
  });

  it('says when a profile’s Channel ID changed, not when it first appears', () => {
    const opening = state({ profiles: [makeProfile({ id: 'a', label: 'Same browser', channelId: null })] });
    const first = state({ profiles: [makeProfile({ id: 'a', label: 'Same browser', channelId: 'n_first01' })] });
    const cleared = state({ profiles: [makeProfile({ id: 'a', label: 'Same browser', channelId: 'n_second2' })] });
    expect(announcements(opening, first)).toEqual([]);
    expect(announcements(first, cleared)).toEqual(['Same browser: Channel ID changed from n_first01 to n_second2']);
  });

  it('says how a scenario run finished, or why it stopped', () => {
    const running = state({ scenarioRun: { ...idleRun, running: true, runId: 'r1' } });
    const summary = {
      status: 'failed' as const,
      startedAt: 0,
      durationMs: 10,
      concurrency: 1,
      // Only each scenario's status is read.
      scenarios: [{ status: 'passed' }, { status: 'failed' }] as unknown as RunSummary['scenarios'],
    };
    const done = state({ scenarioRun: { ...idleRun, runId: 'r1', summary } });
    expect(announcements(running, done)).toEqual(['Scenario run failed: 1 of 2 passed']);
    expect(announcements(done, done)).toEqual([]);
    expect(announcements(running, state({ scenarioRun: { ...idleRun, error: 'The profile host is gone' } }))).toEqual([
      'Scenario run stopped: The profile host is gone',
    ]);
  });

  it('says when recording starts, each step it records, and where the scenario is when it stops', () => {
    const started = state({ recording: { recording: true, startedAt: 1, steps: 0, recent: [] } });
    expect(announcements(state(), started)).toEqual(['Recording started']);
    const stepped = state({ recording: { recording: true, startedAt: 1, steps: 1, recent: ['reload Same browser'] } });
    expect(announcements(started, stepped)).toEqual(['Recorded: reload Same browser']);
    expect(announcements(stepped, state({ recording: { ...stepped.recording } }))).toEqual([]);
    const stopped = state({ recordedDraft: { fileName: 'recorded-1.yaml', text: 'x', check: { state: 'pending' } } });
    expect(announcements(stepped, stopped)).toEqual(['Recording stopped: the scenario is on the Scenarios screen to review']);
    expect(announcements(stopped, state({ recordedDraft: { ...stopped.recordedDraft!, text: 'y' } }))).toEqual([]);
  });
});
