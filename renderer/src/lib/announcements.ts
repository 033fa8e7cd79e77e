import type { AppState } from '../store/types.ts';

/** The parts of the store whose changes are worth saying aloud. */
export type AnnouncedState = Pick<AppState, 'profiles' | 'landedWebhooks' | 'scenarioRun' | 'recording' | 'recordedDraft'>;

/**
 * What a screen reader should hear about the step from `prev` to `next`: a webhook that landed
 * in open profiles, a profile whose Channel ID changed, a scenario run that finished, a recording
 * that started, took a step or stopped. Pure, so the
 * polite live region (components/Announcer.tsx) stays a thin view of it.
 */
export function announcements(prev: AnnouncedState, next: AnnouncedState): string[] {
  const said: string[] = [];
  if (next.landedWebhooks !== prev.landedWebhooks) {
    for (const [path, landed] of Object.entries(next.landedWebhooks)) {
      if (prev.landedWebhooks[path]?.messageId === landed.messageId) continue;
      const panes = next.profiles.filter((p) => p.responsePath === path).map((p) => p.label);
      const where = panes.length > 0 ? `in ${listOf(panes)}` : `at ${path}`;
      said.push(`Webhook landed ${where}: ${landed.text}`);
    }
  }
  if (next.profiles !== prev.profiles) {
    const before = new Map(prev.profiles.map((p) => [p.id, p.channelId]));
    for (const profile of next.profiles) {
      const was = before.get(profile.id);
      if (was && profile.channelId && was !== profile.channelId)
        said.push(`${profile.label}: Channel ID changed from ${was} to ${profile.channelId}`);
    }
  }
  const summary = next.scenarioRun.summary;
  if (summary && summary !== prev.scenarioRun.summary) {
    const passed = summary.scenarios.filter((s) => s.status === 'passed').length;
    said.push(`Scenario run ${summary.status}: ${passed} of ${summary.scenarios.length} passed`);
  } else if (next.scenarioRun.error && next.scenarioRun.error !== prev.scenarioRun.error) {
    said.push(`Scenario run stopped: ${next.scenarioRun.error}`);
  }
  if (next.recording !== prev.recording) {
    if (next.recording.recording && !prev.recording.recording) said.push('Recording started');
    else if (next.recording.recording && next.recording.steps > prev.recording.steps && next.recording.recent.length > 0)
      said.push(`Recorded: ${next.recording.recent.at(-1)}`);
  }
  if (next.recordedDraft && next.recordedDraft.fileName !== prev.recordedDraft?.fileName)
    said.push(`Recording stopped: the scenario is on the Scenarios screen to review`);
  return said;
}

function listOf(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
