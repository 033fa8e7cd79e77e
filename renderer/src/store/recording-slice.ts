import type { RecordingStatus } from '../../../main/api/contract.ts';
import { downloadText } from '../lib/download.ts';
import { attempt } from './attempt.ts';
import type { SliceCreator } from './types.ts';

/** The recorded scenario under review: its text as the tester edits it, and what the schema says of it. */
export interface RecordedDraft {
  fileName: string;
  text: string;
  check: { state: 'pending' } | { state: 'valid'; steps: number; name: string } | { state: 'invalid'; message: string };
}

export interface RecordingSlice {
  /** Whether the workbench is recording (Botbench's Record a scenario), and its steps so far. */
  recording: RecordingStatus;
  /** The scenario the last Stop produced, until discarded. */
  recordedDraft: RecordedDraft | null;
  startRecording(): Promise<void>;
  /** Stops, opens the Scenarios screen with the recorded scenario to review. */
  stopRecording(): Promise<void>;
  applyRecording(status: RecordingStatus): void;
  editRecordedDraft(text: string): void;
  /** Asks main's scenario schema about the draft; the answer is kept only if the text has not changed since. */
  checkRecordedDraft(): Promise<void>;
  saveRecordedDraft(): void;
  /** Adds the draft to the scenario list (ticked alone) and runs it. */
  runRecordedDraft(): Promise<void>;
  discardRecordedDraft(): void;
}

const IDLE: RecordingStatus = { recording: false, startedAt: null, steps: 0, recent: [] };

export const createRecordingSlice: SliceCreator<RecordingSlice> = (set, get) => ({
  recording: IDLE,
  recordedDraft: null,
  startRecording: async () => {
    const status = await attempt(get, 'Could not start recording', () => get().client.call('recording.start'), null);
    if (status) set({ recording: status });
  },
  stopRecording: async () => {
    const recorded = await attempt(get, 'Could not stop recording', () => get().client.call('recording.stop', {}), null);
    // Main stops even when it refuses an empty recording; its event says so, this makes sure.
    const status = await get()
      .client.call('recording.status')
      .catch(() => null);
    if (status) set({ recording: status });
    if (!recorded) return;
    set({ recordedDraft: { fileName: recorded.fileName, text: recorded.text, check: { state: 'pending' } } });
    get().setScreen('scenarios');
    await get().checkRecordedDraft();
  },
  applyRecording: (recording) => set({ recording }),
  editRecordedDraft: (text) =>
    set((state) => (state.recordedDraft ? { recordedDraft: { ...state.recordedDraft, text, check: { state: 'pending' } } } : {})),
  checkRecordedDraft: async () => {
    const draft = get().recordedDraft;
    if (!draft) return;
    let check: RecordedDraft['check'];
    try {
      const info = await get().client.call('scenarios.check', { text: draft.text, source: draft.fileName });
      check = { state: 'valid', steps: info.steps, name: info.name };
    } catch (error) {
      check = { state: 'invalid', message: (error as Error).message };
    }
    set((state) => (state.recordedDraft?.text === draft.text ? { recordedDraft: { ...state.recordedDraft, check } } : {}));
  },
  saveRecordedDraft: () => {
    const draft = get().recordedDraft;
    if (draft) downloadText(draft.fileName, draft.text, 'application/yaml');
  },
  runRecordedDraft: async () => {
    const draft = get().recordedDraft;
    if (!draft || get().scenarioRun.running) return;
    if (!(await get().addScenarioFile(draft.fileName, draft.text))) return;
    set({ scenarioSelection: [draft.fileName] });
    await get().runSelectedScenarios();
  },
  discardRecordedDraft: () => set({ recordedDraft: null }),
});
