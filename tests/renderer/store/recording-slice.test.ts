import { describe, expect, it } from 'vitest';
import type { RecordingStatus } from '../../../main/api/contract.ts';
import { connectEvents, createAppStore } from '../../../renderer/src/store/index.ts';
import { FakeClient } from '../../mocks/fake-client.ts';

const live = (steps: number): RecordingStatus => ({ recording: true, startedAt: 1, steps, recent: [] });
const idle: RecordingStatus = { recording: false, startedAt: null, steps: 0, recent: [] };
const YAML = 'name: Recorded\nsteps:\n  - { do: open, profile: A, kind: incognito }\n';

describe('the recording slice', () => {
  it('follows recording events, and Stop opens the Scenarios screen with the scenario checked by main', async () => {
    const client = new FakeClient({
      'recording.start': () => live(0),
      'recording.stop': () => ({ name: 'Recorded', fileName: 'recorded-x.yaml', text: YAML, steps: 1 }),
      'scenarios.check': ({ text, source }) => ({ source, name: 'Recorded', description: null, steps: text === YAML ? 1 : 0, builtIn: false, text }),
    });
    const store = createAppStore(client);
    connectEvents(store);
    await store.getState().startRecording();
    expect(store.getState().recording).toEqual(live(0));
    client.emit({ type: 'recording', status: live(3) });
    expect(store.getState().recording.steps).toBe(3);
    await store.getState().stopRecording();
    expect(store.getState()).toMatchObject({
      screen: 'scenarios',
      recording: idle,
      recordedDraft: { fileName: 'recorded-x.yaml', text: YAML, check: { state: 'valid', steps: 1, name: 'Recorded' } },
    });
    expect(client.paramsOf('scenarios.check')).toEqual([{ text: YAML, source: 'recorded-x.yaml' }]);
  });

  it('shows the schema’s message for a bad edit, and keeps no answer for text that has changed since', async () => {
    const client = new FakeClient({ 'recording.stop': () => ({ name: 'R', fileName: 'r.yaml', text: YAML, steps: 1 }) });
    client.fail('scenarios.check', { code: 'BOTBENCH_ERR_VALIDATION', message: 'r.yaml is not a valid scenario:\n  steps[0].kind: Invalid option' });
    const store = createAppStore(client);
    await store.getState().stopRecording();
    expect(store.getState().recordedDraft?.check).toEqual({ state: 'invalid', message: expect.stringContaining('steps[0].kind') });
    const checking = store.getState().checkRecordedDraft();
    store.getState().editRecordedDraft(`${YAML}# more`);
    await checking;
    expect(store.getState().recordedDraft?.check).toEqual({ state: 'pending' });
    store.getState().discardRecordedDraft();
    expect(store.getState().recordedDraft).toBeNull();
  });

  it('reports a refused Stop (nothing recorded) as a toast and leaves the screen as it was', async () => {
    const client = new FakeClient();
    client.fail('recording.stop', { code: 'BOTBENCH_ERR_VALIDATION', message: 'The recording has no steps' });
    const store = createAppStore(client);
    await store.getState().stopRecording();
    expect(store.getState().screen).toBe('profiles');
    expect(store.getState().recordedDraft).toBeNull();
    expect(store.getState().toasts.at(-1)).toMatchObject({ title: 'Could not stop recording' });
  });
});
